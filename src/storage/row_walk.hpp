#pragma once
// Walking every row of a big table in order, fast (issue 8): `audit verify` reads the whole audit
// log at every start of the server. Stores only.
#include <functional>
#include <span>
#include <string_view>

namespace tsunagu::storage {

class Tx;

//! One row's cells as text, in the statement's column order (NULL reads as empty). The views are
//! valid only during the call they are passed to.
using TextCells = std::span<const std::string_view>;

//! Runs `sql` with its one integer parameter bound to `after` and calls `each` with the first
//! `columns` cells of every row, in order, until `each` returns false. Returns how many rows it
//! passed. SQLite: SQLite's own step and column calls (an audit row in about a microsecond, where
//! SOCI's dynamic rows took five); PostgreSQL: SOCI's rowset.
//! Meant for keyset pages ("... WHERE id > :after ORDER BY id LIMIT n"), so no read holds more
//! than a page in memory on either engine.
std::size_t ForEachRow(Tx& tx, const char* sql, long long after, std::size_t columns,
                       const std::function<bool(TextCells)>& each);

}  // namespace tsunagu::storage
