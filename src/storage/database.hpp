#pragma once
#include <chrono>
#include <ctime>
#include <memory>
#include <string>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace tsunagu::storage {

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

private:
    Dialect dialect_;
    std::size_t size_;
    std::string path_;
    std::unique_ptr<soci::connection_pool> pool_;
};

//! One transaction on a pooled session. Writes start with BEGIN IMMEDIATE on SQLite so the
//! audit chain (which reads the last hash, then appends) is serialised. Rolls back unless committed.
class Tx {
public:
    enum class Mode { kRead, kWrite };
    Tx(Database& db, Mode mode = Mode::kWrite);
    ~Tx();
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;

    soci::session& sql() { return *session_; }
    Dialect dialect() const { return db_.dialect(); }
    void Commit();

    //! The id of the row just inserted (SQLite last_insert_rowid / PostgreSQL lastval()).
    long long LastId();

private:
    Database& db_;
    std::size_t pos_;
    soci::session* session_;
    bool done_ = false;
};

//! The libpq URL `url` as SOCI must be given it: with application_name=tsunagu unless it names one.
std::string PostgresConnectString(const std::string& url);

//! Seconds since the epoch, moved by TSUNAGU_TIME_OFFSET (tests only; logged at start-up when set).
std::time_t Now();
//! Current UTC time as ISO 8601 with seconds ("2026-11-25T21:30:00Z").
std::string NowIso();
//! Today's date (UTC+9, Japan) as "YYYY-MM-DD".
std::string TodayJst();

}  // namespace tsunagu::storage
