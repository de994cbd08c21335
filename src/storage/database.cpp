#include "storage/database.hpp"

#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <thread>

#include "storage/commit_hook.hpp"
#include "storage/group_commit.hpp"
#include "storage/sqlite_functions.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::storage {

namespace {
//! SQLite settings every session needs. FULL sync: these are case records; a lost commit after a
//! power cut is worse than a few milliseconds per write on one office PC.
//! The page cache: SQLite's default of 2 MB a session is less than one office view of 500 persons
//! reads (its persons, their plans, decisions, meetings: ~600 pages scattered over the file), so
//! every request read most of its pages again from the operating system (issue 8: ~950 pread calls
//! for one /compliance page, 16 with this cache). Bounded for the whole process by kSoftHeapLimit.
constexpr const char* kSqlitePragmas[] = {
    "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=FULL", "PRAGMA trusted_schema=OFF", "PRAGMA cache_size=-16384",
};
//! All of SQLite's memory in this process (every session's page cache, statements, schemas): past
//! it, a session reuses its own cached pages instead of growing (sqlite3_soft_heap_limit64).
constexpr long long kSoftHeapLimit = 64LL << 20;

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
    // Reads run without a transaction and writes rely on their locks, not on snapshots held across
    // statements: both assume READ COMMITTED, whatever the server's default (audit::Verify asks for
    // REPEATABLE READ itself).
    "SET default_transaction_isolation = 'read committed'",
};

bool StartsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

void ApplyPostgresSettings(soci::session& s) {
    for (const char* p : kPostgresSettings) s << p;
}

//! Opens pooled PostgreSQL session `pos` again (the server restarted or ended it). Its prepared
//! statements go first: they are named on the old server session, and each refers to SOCI's backend
//! for it, which the reconnect deletes (a statement kept past it fails, or runs on freed memory).
void ReopenPostgres(Database& db, std::size_t pos) {
    db.statements(pos).Clear();
    soci::session& s = db.pool().at(pos);
    s.reconnect();
    try {
        ApplyPostgresSettings(s);
    } catch (...) {  // connected without its settings: closed, so the next use opens it again
        s.close();
        throw;
    }
}

//! The libpq connection of a session; null when the session has none (a reopen that failed leaves
//! SOCI's session without a backend until the next one succeeds).
PGconn* PostgresConnection(soci::session& s) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(s.get_backend());
    return backend != nullptr ? backend->conn_ : nullptr;
}

//! Runs `sql`, statements whose last is a SELECT of one row, as ONE simple query (one round trip)
//! and returns that row's last two columns as numbers. A failure is thrown as SOCI's PostgreSQL error
//! (IsBusyError and IsConnectionLost read it as any other), after a ROLLBACK of what it began.
std::pair<long long, long long> SimpleQueryLastTwo(soci::session& s, const char* sql) {
    PGconn* c = PostgresConnection(s);
    if (c == nullptr) throw soci::postgresql_soci_error("no connection to the server", "08003");
    PGresult* r = PQexec(c, sql);
    if (r != nullptr && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && PQnfields(r) >= 2) {
        const int n = PQnfields(r);
        const std::pair<long long, long long> values{std::strtoll(PQgetvalue(r, 0, n - 2), nullptr, 10),
                                                     std::strtoll(PQgetvalue(r, 0, n - 1), nullptr, 10)};
        PQclear(r);
        return values;
    }
    const char* field = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string state = field != nullptr ? field : "     ";  // libpq's own reports have none
    std::string message = r != nullptr ? PQresultErrorMessage(r) : "";
    if (message.empty()) message = PQerrorMessage(c);
    PQclear(r);
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE) PQclear(PQexec(c, "ROLLBACK"));
    throw soci::postgresql_soci_error(message, state.c_str());
}

//! BEGIN on a pooled PostgreSQL session, with (a write) the writers' lock, and the backend's process
//! id and the transaction's id in the same round trip: they are what tells, when the connection is
//! lost during COMMIT, whether the server committed (Tx::Commit). A session idle in the pool loses
//! its connection when the server restarts (maintenance on a regional server): open it again once
//! instead of failing every request until tsunagu is restarted too.
Tx::Backend BeginPostgres(Database& db, std::size_t pos, Tx::Mode mode) {
    // Writers one at a time (their reads and checks before the write stay consistent); the audit
    // chains themselves are locked per office by audit::Append.
    const char* sql = mode == Tx::Mode::kWrite
                          ? "BEGIN; SELECT pg_advisory_xact_lock(7411), pg_backend_pid(), txid_current()"
                          : "BEGIN; SELECT pg_backend_pid(), txid_current()";
    soci::session& s = db.pool().at(pos);
    std::pair<long long, long long> ids;
    try {
        ids = SimpleQueryLastTwo(s, sql);
    } catch (const soci::soci_error&) {
        if (s.is_connected()) throw;
        ReopenPostgres(db, pos);
        ids = SimpleQueryLastTwo(s, sql);
    }
    return Tx::Backend{ids.first, ids.second};
}

enum class CommitFate { kCommitted, kRolledBack, kUnknown };

//! How long a lost COMMIT's fate is asked for, and after how long a backend still "in progress" with
//! it is ended.
constexpr auto kFateDeadline = std::chrono::seconds(2);
constexpr auto kOrphanGrace = std::chrono::milliseconds(100);

//! What became of the transaction of `old` (its backend and id), whose connection (session `pos`)
//! was lost during its COMMIT: asked on the session opened again (`txid_status`, PostgreSQL's answer
//! to exactly this). A backend whose client went away does not notice while it waits (a lock, a
//! deferred trigger, a standby): still "in progress" after a moment, it is ended, only if it is
//! still that transaction's (then its commit either was past the point of no return and stands, or
//! is rolled back, and its locks are freed). A restarting server refuses connections for a moment:
//! asked again until the deadline, which is checked before each connection (itself bounded by
//! `connect_timeout`, PostgresConnectString), then unknown.
CommitFate FateOfLostCommit(Database& db, std::size_t pos, const Tx::Backend& old) {
    const auto start = std::chrono::steady_clock::now();
    bool ended = false;
    for (;;) {
        try {
            PGconn* c = PostgresConnection(db.pool().at(pos));
            if (c == nullptr || PQstatus(c) != CONNECTION_OK) ReopenPostgres(db, pos);
            soci::session& s = db.pool().at(pos);
            std::string status;
            soci::indicator ind = soci::i_ok;
            s << "SELECT txid_status(:xid)", soci::use(old.xid), soci::into(status, ind);
            if (ind == soci::i_null) return CommitFate::kUnknown;  // too old to tell: never one just ended
            if (status == "committed") return CommitFate::kCommitted;
            if (status == "aborted") return CommitFate::kRolledBack;
            if (!ended && std::chrono::steady_clock::now() - start >= kOrphanGrace) {
                const std::string xid32 = std::to_string(old.xid & 0xFFFFFFFFLL);
                int n = 0;
                // CASE: the check runs first (a WHERE's conditions may be evaluated in any order).
                s << "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = :pid AND "
                     "backend_xid::text = :xid) THEN CAST(pg_terminate_backend(CAST(:pid2 AS INTEGER)) AS INTEGER) "
                     "ELSE 0 END",
                    soci::use(old.pid), soci::use(xid32), soci::use(old.pid), soci::into(n);
                ended = true;
                spdlog::warn("the database connection was lost during a commit; its backend, still on it, {}",
                             n > 0 ? "was ended" : "was gone");
            }
        } catch (const std::exception&) {  // not reachable yet: asked again until the deadline
        }
        if (std::chrono::steady_clock::now() - start >= kFateDeadline) return CommitFate::kUnknown;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

//! A PostgreSQL read runs without BEGIN and COMMIT (autocommit): under READ COMMITTED every statement
//! has a snapshot of its own inside a transaction too, so the two only cost two round trips a request
//! (measured: a quarter more person reads a second at 32 connections, 1.8 times the session checks).
//! With no BEGIN to fail first, a pooled connection the server ended (a restart) is found here
//! without a round trip: an idle connection has nothing to read unless the server said something
//! (its goodbye) or closed it, or TCP keepalives found the server gone without a word (a host that
//! went down: PostgresConnectString). Either way the session is opened again before the read.
void ReadyForReadPostgres(Database& db, std::size_t pos) {
    PGconn* c = PostgresConnection(db.pool().at(pos));
    if (c != nullptr && PQstatus(c) == CONNECTION_OK) {
        pollfd p{PQsocket(c), POLLIN, 0};
        if (::poll(&p, 1, 0) == 0) return;
    }
    ReopenPostgres(db, pos);
}

}  // namespace

// SOCI 4.0 re-reads the connection string as key=value words before libpq sees it and turns a URL
// without any '=' into "URL=" (database "name=" does not exist). A URL with a parameter passes
// through unchanged, so name the application (shown in pg_stat_activity) unless it is named.
// TCP keepalives too, unless the URL sets them: a pooled connection to a host that went down without
// a word (a reboot, a failover) is then found idle (ReadyForReadPostgres) within about a minute
// instead of failing the next read sent on it; and a statement sent to such a host fails after 30 s
// of unacknowledged data (tcp_user_timeout) instead of waiting out TCP's retries (~15 minutes). A
// connection that cannot be made gives up after 5 s (connect_timeout; libpq waits for TCP's retries,
// minutes, without it): a request waits no longer for a server that is gone.
// libpq ignores all of these on a Unix socket.
std::string PostgresConnectString(const std::string& url) {
    std::string out = url;
    const auto add = [&out](const char* key, const char* value) {
        if (out.find(std::string(key) + "=") != std::string::npos) return;
        const char* sep =
            out.find('?') == std::string::npos ? "?" : (out.back() == '?' || out.back() == '&' ? "" : "&");
        out += std::string(sep) + key + "=" + value;
    };
    add("application_name", "tsunagu");
    if (url.find("keepalives") == std::string::npos) {
        add("keepalives", "1");
        add("keepalives_idle", "30");
        add("keepalives_interval", "10");
        add("keepalives_count", "3");
    }
    add("tcp_user_timeout", "30000");
    add("connect_timeout", "5");
    return out;
}

Database::Database(const std::string& conn, std::size_t size)
    : size_(size), pool_(std::make_unique<soci::connection_pool>(size)) {
    const bool pg = StartsWith(conn, "postgresql://") || StartsWith(conn, "postgres://");
    dialect_ = pg ? Dialect::kPostgres : Dialect::kSqlite;
    if (!pg) path_ = StartsWith(conn, "sqlite3://") ? conn.substr(10) : conn;
    // Process-wide, the same for every Database (soci-sqlite3.h declares SQLite's API in sqlite_api).
    if (!pg) sqlite_api::sqlite3_soft_heap_limit64(kSoftHeapLimit);
    for (std::size_t i = 0; i < size; ++i) {
        statements_.push_back(std::make_unique<StatementCache>());
        soci::session& s = pool_->at(i);
        if (pg) {
            s.open(soci::postgresql, PostgresConnectString(conn));
            ApplyPostgresSettings(s);
        } else {
            s.open(soci::sqlite3, "db=\"" + path_ + "\" timeout=10");
            for (const char* p : kSqlitePragmas) s << p;
            RegisterSqliteFunctions(s);
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

bool IsConnectionLost(const std::exception& e) {
    const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
    if (pg == nullptr) return false;  // SQLite has no connection to lose
    // Class 08: connection exception, but 08P01 (protocol violation) is a defect, not a lost line;
    // 57P01–57P03: the server is shutting down or starting.
    const std::string state = pg->sqlstate();
    if (state == "08P01") return false;
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) return true;
    // libpq's own reports carry no SQLSTATE. Only the driver's message is read: the context SOCI adds
    // to what() quotes the statement's bound values, which may be anything a user typed.
    const std::string message = pg->get_error_message();
    for (const char* m :
         {"server closed the connection unexpectedly", "no connection to the server",
          "terminating connection due to administrator command", "could not receive data from server",
          "could not send data to server", "SSL connection has been closed unexpectedly", "SSL SYSCALL error"})
        if (message.find(m) != std::string::npos) return true;
    return false;
}

namespace {
// SQLite's transaction statements, prepared once per connection (PostgreSQL runs them unprepared).
constexpr const char* kBegin = "BEGIN";
constexpr const char* kBeginImmediate = "BEGIN IMMEDIATE";
constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";
}  // namespace

namespace {
thread_local ReadScope* current_scope = nullptr;

//! Leases a session and begins a transaction on it; gives the session back if BEGIN fails. Returns
//! the backend and the transaction's id on PostgreSQL (writes), else zeros.
Tx::Backend LeaseAndBegin(Database& db, std::size_t& pos, Tx::Mode mode) {
    if (!db.pool().try_lease(pos, static_cast<int>(db.busy_timeout().count()))) throw Busy();
    soci::session& session = db.pool().at(pos);
    try {
        if (db.dialect() == Dialect::kSqlite) {
            CachedExec(db.statements(pos), session, mode == Tx::Mode::kRead ? kBegin : kBeginImmediate);
        } else if (mode == Tx::Mode::kRead) {
            ReadyForReadPostgres(db, pos);
        } else {
            return BeginPostgres(db, pos, mode);
        }
        return {};
    } catch (const std::exception& e) {
        db.pool().give_back(pos);
        // A database server that cannot be reached (restarting): 503, like a busy one, not a failure.
        if (IsBusyError(e) || (db.dialect() == Dialect::kPostgres && !session.is_connected())) throw Busy();
        throw;
    }
}

//! Ends the transaction on `pos` (COMMIT or ROLLBACK); a lost connection has nothing left to end.
//! A PostgreSQL read has none unless it began one itself (audit::Verify's one snapshot).
void EndOn(Database& db, std::size_t pos, const char* how, Tx::Mode mode) {
    soci::session& session = db.pool().at(pos);
    if (db.dialect() == Dialect::kSqlite)
        CachedExec(db.statements(pos), session, how);
    else if (PGconn* c = PostgresConnection(session);
             c != nullptr && (mode != Tx::Mode::kRead || PQtransactionStatus(c) != PQTRANS_IDLE))
        session << how;
}
}  // namespace

ReadScope::ReadScope(Database& db) : db_(db), outer_(current_scope) { current_scope = this; }

ReadScope::~ReadScope() {
    current_scope = outer_;
    End(false);
}

void ReadScope::Begin() {
    LeaseAndBegin(db_, pos_, Tx::Mode::kRead);
    open_ = true;
}

void ReadScope::End(bool rollback) {
    if (!open_) return;
    open_ = false;
    try {
        EndOn(db_, pos_, rollback ? kRollback : kCommit, Tx::Mode::kRead);
    } catch (...) {  // a read ends with nothing to keep; a lost connection is reopened by its next use
    }
    db_.pool().give_back(pos_);
}

Tx::Tx(Database& db, Mode mode) : db_(db), mode_(mode) {
    ReadScope* scope = current_scope;
    while (scope && &scope->db_ != &db) scope = scope->outer_;
    if (scope && mode == Mode::kRead) {
        if (!scope->open_) scope->Begin();
        scope_ = scope;
        uncaught_ = std::uncaught_exceptions();
        ++scope->borrowers_;
        pos_ = scope->pos_;
        session_ = &db.pool().at(pos_);
        return;
    }
    // A write on this thread: the scope's snapshot would hide it from the reads after it.
    if (scope && scope->borrowers_ == 0) scope->End(false);
    const bool sqlite = db.dialect() == Dialect::kSqlite;
    if (sqlite && mode != Mode::kRead) {
        writer_lock_ = std::unique_lock(db.writer(), std::defer_lock);
        if (!writer_lock_.try_lock_for(db.busy_timeout())) throw Busy();
    }
    backend_ = LeaseAndBegin(db, pos_, mode);
    session_ = &db.pool().at(pos_);
}

Tx::~Tx() {
    if (scope_) {
        // A read that failed may have left its statement (PostgreSQL: the whole transaction) in a
        // state the next read must not inherit: the scope's transaction ends with the last reader.
        const bool failing = std::uncaught_exceptions() > uncaught_;
        if (--scope_->borrowers_ == 0 && failing) scope_->End(true);
        return;
    }
    if (!done_) {
        try {
            EndOn(db_, pos_, kRollback, mode_);
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

void Tx::BeforeCommit(CommitStep step) {
    if (std::find(commit_steps_.begin(), commit_steps_.end(), step) == commit_steps_.end())
        commit_steps_.push_back(step);
}

void Tx::Commit() {
    if (scope_) {  // the scope's transaction ends with the scope
        done_ = true;
        return;
    }
    if (before_commit_hook && mode_ == Mode::kWrite) before_commit_hook();
    if (person_touched_hook)
        for (const auto& [office_id, person_id] : touched_) person_touched_hook(*this, office_id, person_id);
    for (std::size_t i = 0; i < commit_steps_.size(); ++i) commit_steps_[i](*this);  // a step may ask for another
    try {
        EndOn(db_, pos_, kCommit, mode_);
        if (writer_lock_.owns_lock()) writer_lock_.unlock();
    } catch (const std::exception& e) {
        if (IsBusyError(e)) throw Busy();
        if (mode_ == Mode::kRead || !IsConnectionLost(e)) throw;
        // The connection went while COMMIT was on its way: the server may have committed or not.
        // It knows: asked on a new connection, a commit is a commit (the request succeeds, once), a
        // rollback is nothing saved (503, sent again safely); only when it cannot say, unknown.
        const CommitFate fate = backend_.xid != 0 ? FateOfLostCommit(db_, pos_, backend_) : CommitFate::kUnknown;
        done_ = true;  // ended, one way or the other: nothing left to roll back
        if (fate == CommitFate::kCommitted) {
            spdlog::warn("the database connection was lost during a commit; the server says it committed");
            commit_looked_up_ = true;
            return;
        }
        if (fate == CommitFate::kRolledBack) throw CommitRolledBack();
        throw CommitOutcomeUnknown();
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
