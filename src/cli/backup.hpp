#pragma once
#include <string>
#include <string_view>

#include "cli/backup_crypto.hpp"

namespace tsunagu::cli {

//! Copies the live SQLite database to `out` with SQLite's online backup API: a consistent
//! snapshot even while the server writes. Throws on failure.
void BackupSqlite(const std::string& db_path, const std::string& out);
//! BackupSqlite, then encrypted into `out` (backup_crypto.hpp; via `out`.partial, mode 0600). The
//! plaintext snapshot is only a 0600 temporary file beside `db_path`, where the same data already
//! lies, never on the backup medium; it is removed on every path.
void BackupSqliteEncrypted(const std::string& db_path, const std::string& out, std::string_view passphrase,
                           KdfLimits limits);
//! Checks that `from` is a tsunagu database no newer than this binary and passes integrity_check,
//! then replaces `db_path` with it. Throws std::runtime_error with the reason otherwise.
void RestoreSqlite(const std::string& from, const std::string& db_path);
//! Decrypts `from` into a 0600 temporary file beside `db_path`, then RestoreSqlite from it and removes
//! it. A wrong passphrase or a damaged file (BackupDecryptError) leaves `db_path` untouched.
void RestoreSqliteEncrypted(const std::string& from, const std::string& db_path, std::string_view passphrase);

//! What a backup that passed every check of VerifyBackup holds.
struct BackupSummary {
    int schema_version = 0;
    long long audit_rows = 0;
};
//! Restores `from` (decrypted with `passphrase` when encrypted) into a temporary file in `work_dir`
//! and checks it as restore would, plus the audit hash chain; the live database is not touched.
//! Throws std::runtime_error with the reason when a check fails.
BackupSummary VerifyBackup(const std::string& from, const std::string& work_dir, std::string_view passphrase);

}  // namespace tsunagu::cli
