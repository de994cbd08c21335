#include "storage/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

#include "storage/commit_hook.hpp"
#include "storage/group_commit.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::storage {

namespace {
//! SQLite settings every session needs. FULL sync: these are case records; a lost commit after a
//! power cut is worse than a few milliseconds per write on one office PC.
constexpr const char* kSqlitePragmas[] = {
    "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=FULL", "PRAGMA trusted_schema=OFF",
};

//! PostgreSQL settings every session needs, whatever the server's defaults: the stores send and
//! expect UTF-8, and their LIKE ... ESCAPE '\' needs standard strings (a backslash is a character).
//! No NOTICE lines ("already exists, skipping") on standard error either. Every request reads one
//! office's few rows through its indexes: starting parallel workers (~100 ms on a small server) and
//! compiling a plan with JIT cost more than such a query takes, so neither is used (issue 8).
constexpr const char* kPostgresSettings[] = {
    "SET client_encoding = 'UTF8'",
    "SET standard_conforming_strings = on",
    "SET client_min_messages = warning",
    "SET max_parallel_workers_per_gather = 0",
    "SET jit = off",
};

bool StartsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

void ApplyPostgresSettings(soci::session& s) {
    for (const char* p : kPostgresSettings) s << p;
}

//! BEGIN on a pooled PostgreSQL session. A session idle in the pool loses its connection when the
//! server restarts (maintenance on a regional server): open it again once instead of failing
//! every request until tsunagu is restarted too.
void BeginPostgres(soci::session& s) {
    try {
        s << "BEGIN";
    } catch (const soci::soci_error&) {
        if (s.is_connected()) throw;
        s.reconnect();
        ApplyPostgresSettings(s);
        s << "BEGIN";
    }
}

}  // namespace

// SOCI 4.0 re-reads the connection string as key=value words before libpq sees it and turns a URL
// without any '=' into "URL=" (database "name=" does not exist). A URL with a parameter passes
// through unchanged, so name the application (shown in pg_stat_activity) unless it is named.
std::string PostgresConnectString(const std::string& url) {
    if (url.find("application_name=") != std::string::npos) return url;
    const char* sep = url.find('?') == std::string::npos ? "?" : (url.back() == '?' || url.back() == '&' ? "" : "&");
    return url + sep + "application_name=tsunagu";
}

Database::Database(const std::string& conn, std::size_t size)
    : size_(size), pool_(std::make_unique<soci::connection_pool>(size)) {
    const bool pg = StartsWith(conn, "postgresql://") || StartsWith(conn, "postgres://");
    dialect_ = pg ? Dialect::kPostgres : Dialect::kSqlite;
    if (!pg) path_ = StartsWith(conn, "sqlite3://") ? conn.substr(10) : conn;
    for (std::size_t i = 0; i < size; ++i) {
        statements_.push_back(std::make_unique<StatementCache>());
        soci::session& s = pool_->at(i);
        if (pg) {
            s.open(soci::postgresql, PostgresConnectString(conn));
            ApplyPostgresSettings(s);
        } else {
            s.open(soci::sqlite3, "db=\"" + path_ + "\" timeout=10");
            for (const char* p : kSqlitePragmas) s << p;
        }
    }
}

Database::~Database() = default;

void Database::set_busy_timeout(std::chrono::milliseconds t) {
    busy_timeout_ = t;
    if (dialect_ != Dialect::kSqlite) return;
    // Other processes (a backup, the CLI) can still hold SQLite's lock: wait for them as long.
    for (std::size_t i = 0; i < size_; ++i) pool_->at(i) << ("PRAGMA busy_timeout=" + std::to_string(t.count()));
}

GroupCommit& Database::group_commit() {
    std::call_once(group_commit_once_, [this] { group_commit_ = std::make_unique<GroupCommit>(*this); });
    return *group_commit_;
}

bool IsBusyError(const std::exception& e) {
    const std::string what = e.what();
    for (const char* m : {"database is locked", "database is busy", "database table is locked", "lock timeout",
                          "could not obtain lock"})
        if (what.find(m) != std::string::npos) return true;
    return false;
}

namespace {
// SQLite's transaction statements, prepared once per connection (PostgreSQL runs them unprepared).
constexpr const char* kBegin = "BEGIN";
constexpr const char* kBeginImmediate = "BEGIN IMMEDIATE";
constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";
}  // namespace

Tx::Tx(Database& db, Mode mode) : db_(db), mode_(mode) {
    const bool sqlite = db.dialect() == Dialect::kSqlite;
    if (sqlite && mode != Mode::kRead) {
        writer_lock_ = std::unique_lock(db.writer(), std::defer_lock);
        if (!writer_lock_.try_lock_for(db.busy_timeout())) throw Busy();
    }
    if (!db.pool().try_lease(pos_, static_cast<int>(db.busy_timeout().count()))) throw Busy();
    session_ = &db.pool().at(pos_);
    try {
        if (sqlite) {
            CachedExec(statements(), *session_, mode == Mode::kRead ? kBegin : kBeginImmediate);
        } else {
            BeginPostgres(*session_);
            // Writers one at a time (their reads and checks before the write stay consistent); the
            // audit chains themselves are locked per office by audit::Append.
            if (mode == Mode::kWrite) *session_ << "SELECT pg_advisory_xact_lock(7411)";
        }
    } catch (const std::exception& e) {
        db_.pool().give_back(pos_);
        if (IsBusyError(e)) throw Busy();
        throw;
    }
}

Tx::~Tx() {
    if (!done_) {
        try {
            if (db_.dialect() == Dialect::kSqlite)
                CachedExec(statements(), *session_, kRollback);
            else
                *session_ << "ROLLBACK";
        } catch (...) {  // the connection is gone; nothing more to undo
        }
    }
    db_.pool().give_back(pos_);
}

namespace {
PersonTouchedHook person_touched_hook = nullptr;
BeforeCommitHook before_commit_hook = nullptr;
}  // namespace

void SetPersonTouchedHook(PersonTouchedHook hook) { person_touched_hook = hook; }
void SetBeforeCommitHook(BeforeCommitHook hook) { before_commit_hook = hook; }

void Tx::TouchPerson(long long office_id, long long person_id) {
    if (mode_ != Mode::kWrite || person_id == 0) return;
    const std::pair key{office_id, person_id};
    if (std::find(touched_.begin(), touched_.end(), key) == touched_.end()) touched_.push_back(key);
}

void Tx::Commit() {
    if (before_commit_hook && mode_ == Mode::kWrite) before_commit_hook();
    if (person_touched_hook)
        for (const auto& [office_id, person_id] : touched_) person_touched_hook(*this, office_id, person_id);
    try {
        if (db_.dialect() == Dialect::kSqlite)
            CachedExec(statements(), *session_, kCommit);
        else
            *session_ << "COMMIT";
        if (writer_lock_.owns_lock()) writer_lock_.unlock();
    } catch (const std::exception& e) {
        if (IsBusyError(e)) throw Busy();
        throw;
    }
    done_ = true;
}

long long Tx::LastId() {
    long long id = 0;
    if (db_.dialect() == Dialect::kSqlite) {
        *session_ << "SELECT last_insert_rowid()", soci::into(id);
    } else {
        *session_ << "SELECT lastval()", soci::into(id);
    }
    return id;
}

std::time_t Now() {
    // Tests move the server's clock (a note's 24-hour lock, alerts on a given day) by restarting it
    // with TSUNAGU_TIME_OFFSET=<seconds>; read once, so a running server's clock never jumps.
    static const std::time_t offset = [] {
        const char* v = std::getenv("TSUNAGU_TIME_OFFSET");
        return v ? static_cast<std::time_t>(std::strtoll(v, nullptr, 10)) : std::time_t{0};
    }();
    return std::time(nullptr) + offset;
}

std::string NowIso() {
    std::time_t t = Now();
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string TodayJst() {
    std::time_t t = Now() + std::time_t{9} * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

}  // namespace tsunagu::storage
