#pragma once
// SQL functions tsunagu adds to its SQLite connections, and how a store names them (issue 8).
#include <string>

namespace soci {
class session;
}

namespace tsunagu::storage {

enum class Dialect;

//! Adds the functions below to an open SQLite session (storage::Database, on every connection).
void RegisterSqliteFunctions(soci::session& s);

//! "COUNT(DISTINCT column)" for an integer column (a person's id), in the dialect's fastest form.
//! SQLite counts DISTINCT by inserting every row's value into a temporary index: for the KPI of an
//! office of 100,000 that was most of its time. There it is `count_distinct_ids(column)`, an
//! aggregate that marks each value in a bitmap; the same count (NULLs left out), one pass, no index.
//! PostgreSQL keeps its own COUNT(DISTINCT).
std::string CountDistinctIds(Dialect d, const std::string& column);

// Also added: contains_text(haystack, needle), 1 when the needle's bytes occur in the haystack (glibc
// memmem). Search (search_store) matches normalised text with it on SQLite instead of
// `LIKE '%…%'`, whose character-by-character pattern was most of a small office's search.

}  // namespace tsunagu::storage
