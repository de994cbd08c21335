#pragma once
#include <string>

namespace tsunagu::cli {

//! Copies the live SQLite database to `out` with SQLite's online backup API: a consistent
//! snapshot even while the server writes. Throws on failure.
void BackupSqlite(const std::string& db_path, const std::string& out);
//! Checks that `from` is a tsunagu database no newer than this binary and passes integrity_check,
//! then replaces `db_path` with it. Throws std::runtime_error with the reason otherwise.
void RestoreSqlite(const std::string& from, const std::string& db_path);

}  // namespace tsunagu::cli
