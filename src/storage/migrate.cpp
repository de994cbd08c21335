#include "storage/migrate.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "storage/embedded.hpp"

namespace tsunagu::storage {

namespace {
constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";
constexpr const char* kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* kRecordVersion = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)";
constexpr const char* kHasVersionTableSqlite =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr const char* kCountTablesSqlite = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";
// PostgreSQL: the schema unqualified names resolve to (search_path), where the migrations create tables.
constexpr const char* kHasVersionTablePg =
    "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'";
constexpr const char* kCountTablesPg = "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()";

//! Each dialect has its own scripts with the same numbers (src/storage/migrations/ and its postgresql/).
const char* MigrationKind(Dialect d) { return d == Dialect::kSqlite ? "migration" : "migration_pg"; }

int NumberOf(const std::string& name) { return std::stoi(name.substr(0, name.find('_'))); }

}  // namespace

void ExecScript(Tx& tx, const std::string& script) {
    soci::session& s = tx.sql();
    if (tx.dialect() == Dialect::kSqlite) {
        auto* be = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
        char* err = nullptr;
        if (sqlite_api::sqlite3_exec(be->conn_, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown";
            sqlite_api::sqlite3_free(err);
            throw std::runtime_error("migration failed: " + msg);
        }
    } else {
        auto* be = static_cast<soci::postgresql_session_backend*>(s.get_backend());
        PGresult* r = PQexec(be->conn_, script.c_str());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        std::string msg = ok ? "" : PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) throw std::runtime_error("migration failed: " + msg);
    }
}

int BinarySchemaVersion() {
    const std::vector<int> numbers = MigrationNumbers(Dialect::kSqlite);
    return numbers.empty() ? 0 : numbers.back();
}

std::vector<int> MigrationNumbers(Dialect dialect) {
    std::vector<int> out;
    for (const auto& a : embedded::All())
        if (std::string(a.kind) == MigrationKind(dialect)) out.push_back(NumberOf(a.name));
    return out;
}

int DatabaseSchemaVersion(Database& db) {
    const bool sqlite = db.dialect() == Dialect::kSqlite;
    Tx tx(db, Tx::Mode::kRead);
    int has = 0;
    tx.sql() << (sqlite ? kHasVersionTableSqlite : kHasVersionTablePg), soci::into(has);
    if (has == 0) {
        // Tables but no version table: some other application's database; never write into it.
        int tables = 0;
        tx.sql() << (sqlite ? kCountTablesSqlite : kCountTablesPg), soci::into(tables);
        return tables > 0 ? -1 : 0;
    }
    int v = 0;
    tx.sql() << kMaxVersion, soci::into(v);
    return v;
}

int Migrate(Database& db) {
    const int current = DatabaseSchemaVersion(db);
    if (current < 0) throw std::runtime_error("not a tsunagu database");
    if (current > BinarySchemaVersion())
        throw std::runtime_error("database schema " + std::to_string(current) + " is newer than this binary (" +
                                 std::to_string(BinarySchemaVersion()) + ")");
    int applied = 0;
    for (const auto& a : embedded::All()) {
        if (std::string(a.kind) != MigrationKind(db.dialect())) continue;
        const int v = NumberOf(a.name);
        if (v <= current) continue;
        Tx tx(db);
        tx.sql() << kCreateVersionTable;
        // Another process (a second server on the same PostgreSQL database) may have applied it
        // while this one waited for the write lock.
        int done = 0;
        tx.sql() << kMaxVersion, soci::into(done);
        if (done >= v) continue;
        ExecScript(tx, std::string(a.data()));
        std::string name = a.name, now = NowIso();
        tx.sql() << kRecordVersion, soci::use(v), soci::use(name), soci::use(now);
        tx.Commit();
        spdlog::info("applied migration {}", name);
        ++applied;
    }
    return applied;
}

}  // namespace tsunagu::storage
