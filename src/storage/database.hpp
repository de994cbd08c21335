#pragma once
#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace tsunagu::storage {

class GroupCommit;
class StatementCache;
class Tx;

//! A transaction could not start in time (the writer or every pooled session is busy): the API
//! answers 503 `busy` with Retry-After instead of waiting on, or failing with a 500.
struct Busy : std::runtime_error {
    Busy() : std::runtime_error("database busy") {}
};

//! The connection to PostgreSQL was lost while a write's COMMIT was on its way, and the server could
//! not tell (Tx::Commit asks it, see CommitRolledBack) whether the transaction committed. The API
//! answers 500 `outcome_unknown` (not 503 `busy`, which promises that nothing changed and invites a
//! resend that could save it twice).
struct CommitOutcomeUnknown : std::runtime_error {
    CommitOutcomeUnknown() : std::runtime_error("database connection lost during commit") {}
};

//! The connection to PostgreSQL was lost during COMMIT and the server, asked on a new connection
//! (`txid_status`), says the transaction was rolled back: nothing was saved, so, like Busy, the API
//! answers 503 `busy` with Retry-After; the group committer commits the batch once more.
struct CommitRolledBack : Busy {
    const char* what() const noexcept override { return "database connection lost during commit; rolled back"; }
};

//! Which SQL engine is behind the connection string (SQLite for one office, PostgreSQL for a region).
enum class Dialect { kSqlite, kPostgres };

//! A pool of SOCI sessions over one database. SQLite: WAL, foreign keys on, busy timeout.
class Database {
public:
    //! Opens `conn` ("sqlite3://path" or a path, or "postgresql://..."), `size` sessions.
    Database(const std::string& conn, std::size_t size);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return dialect_; }
    soci::connection_pool& pool() { return *pool_; }
    std::size_t size() const { return size_; }
    const std::string& path() const { return path_; }  //!< file path for SQLite, empty for PostgreSQL

    //! How long a transaction waits for a pooled session or the writer before `Busy` (default 5 s).
    std::chrono::milliseconds busy_timeout() const { return busy_timeout_; }
    void set_busy_timeout(std::chrono::milliseconds t);
    //! SQLite: the one writer of this process. Writers queue here, in order, instead of sleeping and
    //! retrying in SQLite's busy handler (which also made reads wait behind them).
    std::timed_mutex& writer() { return writer_; }
    //! The group committer of this database (started on first use; see group_commit.hpp).
    GroupCommit& group_commit();
    //! The prepared statements of pool slot `pos` (see statement_cache.hpp).
    StatementCache& statements(std::size_t pos) { return *statements_[pos]; }

private:
    Dialect dialect_;
    std::size_t size_;
    std::string path_;
    std::chrono::milliseconds busy_timeout_{5000};
    std::timed_mutex writer_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::vector<std::unique_ptr<StatementCache>> statements_;  // after pool_: gone before the sessions
    std::once_flag group_commit_once_;
    std::unique_ptr<GroupCommit> group_commit_;  // after pool_: stopped and joined before the pool goes
};

//! One transaction on a pooled session. Rolls back unless committed.
//! - kRead: a read transaction (SQLite WAL readers run in parallel with each other and the writer).
//!   It must not write; its audit rows go to the group committer (audit::Record does that). On
//!   PostgreSQL it sends no BEGIN/COMMIT (each statement its own READ COMMITTED snapshot, as inside
//!   one): a write in it would commit at once. A read that needs one snapshot begins it itself
//!   (audit::Verify) and the Tx ends it.
//! - kWrite: takes the process's writer lock (SQLite) then BEGIN IMMEDIATE; on PostgreSQL a
//!   transaction-scoped advisory lock, so one writer at a time appends to the audit chains.
//! - kAppend: the group committer's batches: the writer lock on SQLite; on PostgreSQL no global
//!   lock (audit::Append locks the office's chain), so offices never wait on each other.
//! Throws `Busy` when the session or the lock cannot be had within the database's busy timeout.
//! Runs in a write transaction just before it commits, once per person the transaction touched
//! (audit::Append marks them): keeps derived per-person facts in step with the records.
using PersonTouchedHook = void (*)(Tx& tx, long long office_id, long long person_id);
//! Installs the hook (once, at start-up: caseload::InstallFactsHook).
void SetPersonTouchedHook(PersonTouchedHook hook);

//! A request's reads in one read transaction (issue 8): while a ReadScope lives on this thread,
//! every Tx(db, kRead) of the thread runs inside the scope's transaction instead of leasing a
//! session and beginning one of its own. The session check and the handler's reads then cost one
//! BEGIN/COMMIT and one snapshot on SQLite (one refill of the page cache after the group committer's
//! last commit) and one pooled session on PostgreSQL (whose reads have no BEGIN). The transaction begins with the
//! first read and ends with the scope, or earlier when a write transaction starts on the thread
//! while no read is open in it (reads after that write then see it), or when a read fails.
class ReadScope {
public:
    explicit ReadScope(Database& db);
    ~ReadScope();
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;

private:
    friend class Tx;
    void Begin();
    void End(bool rollback);

    Database& db_;
    ReadScope* outer_;
    std::size_t pos_ = 0;
    bool open_ = false;  //!< a session is leased and its transaction begun
    int borrowers_ = 0;  //!< read Tx alive in it
};

class Tx {
public:
    enum class Mode { kRead, kWrite, kAppend };
    Tx(Database& db, Mode mode = Mode::kWrite);
    ~Tx();
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;

    soci::session& sql() { return *session_; }
    //! The prepared statements of this transaction's connection.
    StatementCache& statements() { return db_.statements(pos_); }
    Dialect dialect() const { return db_.dialect(); }
    Mode mode() const { return mode_; }
    Database& database() { return db_; }
    //! Marks a person whose records this write changed (see PersonTouchedHook).
    void TouchPerson(long long office_id, long long person_id);
    //! Runs `step` in this transaction just before it commits (after the person-touched hook), each
    //! step once however often it is asked for: a store's bookkeeping of what the transaction wrote
    //! (audit::AppendAll: each office's count of audit rows). A rolled-back transaction runs none.
    using CommitStep = void (*)(Tx& tx);
    void BeforeCommit(CommitStep step);
    void Commit();

    //! A PostgreSQL write's backend (pg_backend_pid) and transaction id (txid_current), taken with its
    //! BEGIN: what Commit asks the server about when the connection is lost during COMMIT.
    struct Backend {
        long long pid = 0;
        long long xid = 0;
    };
    //! True when this transaction's COMMIT lost its connection and the server said it had committed.
    bool commit_looked_up() const { return commit_looked_up_; }

    //! The id of the row just inserted (SQLite last_insert_rowid / PostgreSQL lastval()).
    long long LastId();

    //! The audit chain as this transaction left it (audit::Append): each office's head, and on
    //! SQLite the last id. The chain stays locked until the transaction ends, so a batch of rows
    //! reads the head once and carries it on instead of reading it again for every row.
    struct ChainHead {
        long long id = 0;
        std::string hash;
        long long appended = 0;  //!< rows this transaction added to the chain
    };
    std::vector<std::pair<long long, ChainHead>>& chain_heads() { return chain_heads_; }
    long long& last_audit_id() { return last_audit_id_; }

private:
    Database& db_;
    Mode mode_;
    ReadScope* scope_ = nullptr;  //!< the thread's ReadScope this read runs in, if any
    int uncaught_ = 0;            //!< exceptions in flight when it began (a scoped read that fails ends the scope)
    std::unique_lock<std::timed_mutex> writer_lock_;
    std::size_t pos_ = 0;
    soci::session* session_ = nullptr;
    bool done_ = false;
    Backend backend_;                                           //!< PostgreSQL writes: taken with BEGIN (see Commit)
    bool commit_looked_up_ = false;                             //!< see commit_looked_up()
    std::vector<std::pair<long long, long long>> touched_;      //!< (office, person), in first-touch order
    std::vector<CommitStep> commit_steps_;                      //!< BeforeCommit, in the order first asked
    std::vector<std::pair<long long, ChainHead>> chain_heads_;  //!< (office, head), few offices a batch
    long long last_audit_id_ = 0;                               //!< SQLite; 0 = not read yet
};

//! True when a driver error means "locked by another writer" (SQLITE_BUSY/LOCKED, PostgreSQL lock
//! timeout): such a request is answered 503 busy, not 500.
bool IsBusyError(const std::exception& e);

//! True when a PostgreSQL error means the connection to the server was lost while in use (the server
//! ended it, restarted or went away mid-statement); always false on SQLite. The pooled connection is
//! opened again by its next use, so a read can be tried once more; a write that had not reached
//! COMMIT was rolled back by the server and answers 503 busy (see CommitOutcomeUnknown).
bool IsConnectionLost(const std::exception& e);

//! The libpq URL `url` as SOCI must be given it: with application_name=tsunagu unless it names one.
std::string PostgresConnectString(const std::string& url);

//! Seconds since the epoch, moved by TSUNAGU_TIME_OFFSET (tests only; logged at start-up when set).
std::time_t Now();
//! Current UTC time as ISO 8601 with seconds ("2026-11-25T21:30:00Z").
std::string NowIso();
//! Today's date (UTC+9, Japan) as "YYYY-MM-DD".
std::string TodayJst();

}  // namespace tsunagu::storage
