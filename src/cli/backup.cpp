#include "cli/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "audit/audit.hpp"
#include "storage/database.hpp"
#include "storage/migrate.hpp"
#include "storage/schema_check.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

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

//! A consistent, self-contained copy of `db_path` at `to` (a new or empty file).
void Snapshot(const std::string& db_path, const std::string& to) {
    if (!fs::exists(db_path)) throw std::runtime_error("no database at " + db_path);
    Db src(db_path, SQLITE_OPEN_READONLY);
    Db dst(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Copy(src.h, dst.h);
    if (dst.Scalar("PRAGMA integrity_check") != "ok") throw std::runtime_error("backup failed integrity_check");
    dst.Scalar("PRAGMA journal_mode=DELETE");  // a single self-contained file
}

//! The schema version of `path` after the checks every restore makes; throws with the reason.
int CheckRestorable(const std::string& path) {
    Db src(path, SQLITE_OPEN_READONLY);
    if (src.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'") != "1")
        throw std::runtime_error("not a tsunagu database: " + path);
    const int version = std::stoi(src.Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (version > storage::BinarySchemaVersion())
        throw std::runtime_error("backup schema " + std::to_string(version) + " is newer than this binary (" +
                                 std::to_string(storage::BinarySchemaVersion()) + "): upgrade tsunagu first");
    if (src.Scalar("PRAGMA integrity_check") != "ok") throw std::runtime_error("backup fails integrity_check");
    return version;
}

//! The folder of `db_path`: where plaintext temporary copies go.
std::string FolderOf(const std::string& db_path) {
    const fs::path dir = fs::path(db_path).parent_path();
    return dir.empty() ? "." : dir.string();
}

//! A new empty file, mode 0600, removed (with any SQLite journal beside it) when this goes out of
//! scope: plaintext copies of the database never outlive the command, whatever fails.
class TempFile {
public:
    TempFile(const std::string& dir, const std::string& prefix) {
        std::string name = (fs::path(dir) / (prefix + "XXXXXX")).string();
        const int fd = ::mkstemp(name.data());  // creates the file 0600
        if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + dir + ": " + std::strerror(errno));
        ::close(fd);
        path_ = name;
    }
    ~TempFile() {
        std::error_code ec;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& Path() const { return path_; }

private:
    std::string path_;
};

//! `path` opened for writing as a new file readable by its owner only; throws when it cannot be.
std::ofstream CreatePrivate(const std::string& path) {
    fs::remove(path);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    ::close(fd);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    return out;
}

std::ifstream OpenForReading(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return in;
}

//! Decrypts `from` into the (existing, empty, private) file `to`.
void DecryptInto(const std::string& from, const std::string& to, std::string_view passphrase) {
    std::ifstream in = OpenForReading(from);
    std::ofstream out(to, std::ios::binary | std::ios::trunc);
    DecryptBackup(in, out, passphrase);
    out.close();
    if (!out) throw std::runtime_error("cannot write " + to);
}
}  // namespace

void BackupSqlite(const std::string& db_path, const std::string& out) {
    if (!fs::exists(db_path)) throw std::runtime_error("no database at " + db_path);
    const std::string tmp = out + ".partial";
    fs::remove(tmp);
    try {
        Snapshot(db_path, tmp);
        fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write);
        fs::rename(tmp, out);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
}

void BackupSqliteEncrypted(const std::string& db_path, const std::string& out, std::string_view passphrase,
                           KdfLimits limits) {
    if (!fs::exists(db_path)) throw std::runtime_error("no database at " + db_path);
    TempFile plain(FolderOf(db_path), "tsunagu-backup-");
    Snapshot(db_path, plain.Path());
    const std::string partial = out + ".partial";
    try {
        {
            std::ifstream in = OpenForReading(plain.Path());
            std::ofstream sealed = CreatePrivate(partial);
            EncryptBackup(in, sealed, passphrase, limits);
            sealed.close();
            if (!sealed) throw std::runtime_error("cannot write " + partial);
        }
        fs::rename(partial, out);
    } catch (...) {
        std::error_code ec;
        fs::remove(partial, ec);
        throw;
    }
}

void RestoreSqlite(const std::string& from, const std::string& db_path) {
    if (!fs::exists(from)) throw std::runtime_error("no such file: " + from);
    CheckRestorable(from);
    Db src(from, SQLITE_OPEN_READONLY);
    Db dst(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Copy(src.h, dst.h);
}

void RestoreSqliteEncrypted(const std::string& from, const std::string& db_path, std::string_view passphrase) {
    TempFile plain(FolderOf(db_path), "tsunagu-restore-");
    DecryptInto(from, plain.Path(), passphrase);
    RestoreSqlite(plain.Path(), db_path);
}

BackupSummary VerifyBackup(const std::string& from, const std::string& work_dir, std::string_view passphrase) {
    if (!fs::exists(from)) throw std::runtime_error("no such file: " + from);
    // Always a copy: opening the database below switches it to WAL, which must not touch the backup.
    TempFile plain(work_dir, "tsunagu-verify-");
    if (IsEncryptedBackup(from)) {
        DecryptInto(from, plain.Path(), passphrase);
    } else {
        std::ifstream in = OpenForReading(from);
        std::ofstream out(plain.Path(), std::ios::binary | std::ios::trunc);
        if (fs::file_size(from) > 0) out << in.rdbuf();  // (inserting nothing would set failbit)
        out.close();
        if (!out) throw std::runtime_error("cannot write " + plain.Path());
    }
    BackupSummary summary;
    summary.schema_version = CheckRestorable(plain.Path());
    storage::Database db(plain.Path(), 1);
    // Its schema as the migrations made it (checked at its own version: an older backup is
    // migrated when restored). An extra or missing trigger, or a change on the audit tables, refuses.
    std::string drift;
    for (const storage::SchemaDrift& d : storage::CheckSchema(db))
        if (d.serious) drift += (drift.empty() ? "" : "; ") + d.Describe();
    storage::Migrate(db);  // a temporary copy: the key cut-over (0013) of an older backup
    const audit::VerifyResult r = audit::Verify(db);
    if (!r.ok)
        throw std::runtime_error(audit::Describe(r) +
                                 (drift.empty() ? "" : "; the schema differs from the migrations: " + drift));
    if (!drift.empty()) throw std::runtime_error("the backup's schema differs from the migrations: " + drift);
    summary.audit_rows = r.rows;
    return summary;
}

}  // namespace tsunagu::cli
