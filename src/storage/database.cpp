#include "storage/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

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
//! No NOTICE lines ("already exists, skipping") on standard error either.
constexpr const char* kPostgresSettings[] = {
    "SET client_encoding = 'UTF8'",
    "SET standard_conforming_strings = on",
    "SET client_min_messages = warning",
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

Tx::Tx(Database& db, Mode mode) : db_(db), pos_(db.pool().lease()), session_(&db.pool().at(pos_)) {
    try {
        if (db.dialect() == Dialect::kSqlite) {
            *session_ << (mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
        } else {
            BeginPostgres(*session_);
            // One writer at a time keeps the audit hash chain linear (see audit_store.cpp).
            if (mode == Mode::kWrite) *session_ << "SELECT pg_advisory_xact_lock(7411)";
        }
    } catch (...) {
        db_.pool().give_back(pos_);
        throw;
    }
}

Tx::~Tx() {
    if (!done_) {
        try {
            *session_ << "ROLLBACK";
        } catch (...) {  // the connection is gone; nothing more to undo
        }
    }
    db_.pool().give_back(pos_);
}

void Tx::Commit() {
    *session_ << "COMMIT";
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
