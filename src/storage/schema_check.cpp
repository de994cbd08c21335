#include "storage/schema_check.hpp"

#include <soci/soci.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "storage/embedded.hpp"
#include "storage/migrate.hpp"
#include "storage/row.hpp"

namespace tsunagu::storage {

namespace {
// The version table is written by Migrate itself; SQLite's own objects (sqlite_*) are not ours.
constexpr const char* kSqliteObjects =
    "SELECT type, name, tbl_name, COALESCE(sql, '') AS sql FROM sqlite_master WHERE type IN ('table', 'index', "
    "'trigger', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY type, "
    "name";
constexpr const char* kPgTables =
    "SELECT CAST('table' AS TEXT) AS type, CAST(tablename AS TEXT) AS name, CAST(tablename AS TEXT) AS tbl, "
    "CAST('' AS TEXT) AS sql FROM pg_catalog.pg_tables WHERE "
    "schemaname = :s AND tablename <> 'schema_migrations'";
constexpr const char* kPgColumns =
    "SELECT CAST('column' AS TEXT) AS type, CAST(table_name AS TEXT) || '.' || CAST(column_name AS TEXT) AS name, "
    "CAST(table_name AS TEXT) AS tbl, CAST(data_type AS TEXT) || ' ' || CAST(is_nullable AS TEXT) || ' ' || "
    "COALESCE(CAST(column_default AS TEXT), '') AS sql FROM information_schema.columns WHERE table_schema "
    "= :s AND table_name <> 'schema_migrations'";
constexpr const char* kPgIndexes =
    "SELECT CAST('index' AS TEXT) AS type, CAST(indexname AS TEXT) AS name, CAST(tablename AS TEXT) AS tbl, "
    "indexdef AS sql FROM pg_catalog.pg_indexes WHERE "
    "schemaname = :s AND tablename <> 'schema_migrations'";
// A disabled trigger (ALTER TABLE … DISABLE TRIGGER) counts as changed: tgenabled is part of it.
constexpr const char* kPgTriggers =
    "SELECT CAST('trigger' AS TEXT) AS type, CAST(t.tgname AS TEXT) AS name, CAST(c.relname AS TEXT) AS tbl, "
    "pg_catalog.pg_get_triggerdef(t.oid) || ' enabled=' || CAST(t.tgenabled AS TEXT) AS sql FROM pg_catalog.pg_trigger "
    "t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = :s";
constexpr const char* kScratchSchema = "tsunagu_expected_schema";

bool IsAuditTable(const std::string& t) { return t.rfind("audit_", 0) == 0; }

std::string Unqualify(std::string s, const std::string& schema) {
    for (const std::string& prefix : {schema + ".", "\"" + schema + "\"."}) {
        for (std::size_t at; (at = s.find(prefix)) != std::string::npos;) s.erase(at, prefix.size());
    }
    return s;
}

std::vector<SchemaObject> PgObjects(soci::session& sql, const std::string& schema) {
    std::vector<SchemaObject> out;
    for (const char* q : {kPgTables, kPgColumns, kPgIndexes, kPgTriggers}) {
        soci::rowset<soci::row> rows = (sql.prepare << q, soci::use(schema));
        for (const soci::row& r : rows)
            out.push_back({Text(r, "type"), Text(r, "name"), Text(r, "tbl"), Unqualify(Text(r, "sql"), schema)});
    }
    return out;
}

void Sort(std::vector<SchemaObject>& v) {
    std::sort(v.begin(), v.end(), [](const SchemaObject& a, const SchemaObject& b) {
        return std::tie(a.type, a.name) < std::tie(b.type, b.name);
    });
}
}  // namespace

std::string SchemaDrift::Describe() const {
    return kind + " " + type + " " + name + (table.empty() || table == name ? "" : " on " + table);
}

std::vector<SchemaObject> ActualSchema(Database& db) {
    Tx tx(db, Tx::Mode::kRead);
    std::vector<SchemaObject> out;
    if (db.dialect() == Dialect::kSqlite) {
        soci::rowset<soci::row> rows = (tx.sql().prepare << kSqliteObjects);
        for (const soci::row& r : rows)
            out.push_back({Text(r, "type"), Text(r, "name"), Text(r, "tbl_name"), Text(r, "sql")});
    } else {
        std::string schema;
        tx.sql() << "SELECT current_schema()", soci::into(schema);
        out = PgObjects(tx.sql(), schema);
    }
    Sort(out);
    return out;
}

std::vector<SchemaObject> ExpectedSchema(Database& db) {
    std::vector<SchemaObject> out;
    // Only the migrations the database says it has (a database not yet migrated is not drift).
    const int version = DatabaseSchemaVersion(db);
    auto wanted = [&](const embedded::Asset& a, const char* kind) {
        return std::string(a.kind) == kind && std::stoi(std::string(a.name).substr(0, 4)) <= version;
    };
    if (db.dialect() == Dialect::kSqlite) {
        sqlite3* mem = nullptr;
        if (sqlite3_open(":memory:", &mem) != SQLITE_OK) throw std::runtime_error("cannot open an in-memory database");
        auto fail = [&](const std::string& what) {
            std::string msg = what + ": " + sqlite3_errmsg(mem);
            sqlite3_close(mem);
            throw std::runtime_error(msg);
        };
        for (const auto& a : embedded::All()) {
            if (!wanted(a, "migration")) continue;
            if (sqlite3_exec(mem, std::string(a.data()).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
                fail(std::string("expected schema, ") + a.name);
        }
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(mem, kSqliteObjects, -1, &st, nullptr) != SQLITE_OK) fail("expected schema");
        while (sqlite3_step(st) == SQLITE_ROW) {
            auto col = [&](int i) {
                const unsigned char* t = sqlite3_column_text(st, i);
                return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
            };
            out.push_back({col(0), col(1), col(2), col(3)});
        }
        sqlite3_finalize(st);
        sqlite3_close(mem);
    } else {
        // A scratch schema in a transaction that is never committed: nothing stays behind.
        Tx tx(db, Tx::Mode::kAppend);
        std::string home;
        tx.sql() << "SELECT current_schema()", soci::into(home);
        tx.sql() << std::string("CREATE SCHEMA ") + kScratchSchema;
        tx.sql() << std::string("SET LOCAL search_path TO ") + kScratchSchema + ", \"" + home + "\"";
        for (const auto& a : embedded::All())
            if (wanted(a, "migration_pg")) ExecScript(tx, std::string(a.data()));
        out = PgObjects(tx.sql(), kScratchSchema);
        // (rolled back when tx goes)
    }
    Sort(out);
    return out;
}

std::vector<SchemaDrift> DiffSchemas(const std::vector<SchemaObject>& expected,
                                     const std::vector<SchemaObject>& actual) {
    std::map<std::pair<std::string, std::string>, const SchemaObject*> want, have;
    for (const auto& o : expected) want[{o.type, o.name}] = &o;
    for (const auto& o : actual) have[{o.type, o.name}] = &o;
    std::vector<SchemaDrift> out;
    auto add = [&](const char* kind, const SchemaObject& o) {
        SchemaDrift d{kind, o.type, o.name, o.table};
        d.serious = o.type == "trigger" || IsAuditTable(o.table) || (o.type == "table" && d.kind != "extra");
        out.push_back(std::move(d));
    };
    for (const auto& [k, o] : want) {
        auto it = have.find(k);
        if (it == have.end()) {
            add("missing", *o);
        } else if (it->second->sql != o->sql || it->second->table != o->table) {
            add("changed", *o);
        }
    }
    for (const auto& [k, o] : have)
        if (!want.count(k)) add("extra", *o);
    return out;
}

std::vector<SchemaDrift> CheckSchema(Database& db) { return DiffSchemas(ExpectedSchema(db), ActualSchema(db)); }

bool AnySerious(const std::vector<SchemaDrift>& drift) {
    return std::any_of(drift.begin(), drift.end(), [](const SchemaDrift& d) { return d.serious; });
}

}  // namespace tsunagu::storage
