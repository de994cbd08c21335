#include "cli/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "storage/migrate.hpp"

namespace tsunagu::cli {

namespace {
struct Db {
    sqlite3* h = nullptr;
    Db(const std::string& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &h, flags, nullptr) != SQLITE_OK) {
            const std::string msg = h ? sqlite3_errmsg(h) : "cannot open";
            sqlite3_close(h);
            throw std::runtime_error("cannot open " + path + ": " + msg);
        }
        sqlite3_busy_timeout(h, 10000);
    }
    ~Db() { sqlite3_close(h); }
    //! First column of the first row as text, or "" (errors → exception).
    std::string Scalar(const char* sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("not a tsunagu database (") + sqlite3_errmsg(h) + ")");
        std::string out;
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return out;
    }
};

void Copy(sqlite3* from, sqlite3* to) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) throw std::runtime_error(std::string("backup failed: ") + sqlite3_errmsg(to));
    // One step copies every page inside one read transaction: a consistent snapshot; in WAL mode
    // the server's writers carry on meanwhile.
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
}
}  // namespace

void BackupSqlite(const std::string& db_path, const std::string& out) {
    if (!std::filesystem::exists(db_path)) throw std::runtime_error("no database at " + db_path);
    const std::string tmp = out + ".partial";
    std::filesystem::remove(tmp);
    {
        Db src(db_path, SQLITE_OPEN_READONLY);
        Db dst(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        Copy(src.h, dst.h);
        if (dst.Scalar("PRAGMA integrity_check") != "ok") throw std::runtime_error("backup failed integrity_check");
        dst.Scalar("PRAGMA journal_mode=DELETE");  // a single self-contained file
    }
    std::filesystem::permissions(tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::filesystem::rename(tmp, out);
}

void RestoreSqlite(const std::string& from, const std::string& db_path) {
    if (!std::filesystem::exists(from)) throw std::runtime_error("no such file: " + from);
    {
        Db src(from, SQLITE_OPEN_READONLY);
        std::string header;
        if (src.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'") != "1")
            throw std::runtime_error("not a tsunagu database: " + from);
        const int version = std::stoi(src.Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
        if (version > storage::BinarySchemaVersion())
            throw std::runtime_error("backup schema " + std::to_string(version) + " is newer than this binary (" +
                                     std::to_string(storage::BinarySchemaVersion()) + "): upgrade tsunagu first");
        if (src.Scalar("PRAGMA integrity_check") != "ok") throw std::runtime_error("backup fails integrity_check");
    }
    Db src(from, SQLITE_OPEN_READONLY);
    Db dst(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Copy(src.h, dst.h);
}

}  // namespace tsunagu::cli
