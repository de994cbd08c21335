#pragma once
// Schema check (#13): the database's tables, indexes and triggers against what the migrations
// create. An extra or missing trigger (e.g. a BEFORE INSERT … RAISE(IGNORE) on audit_log that
// silently drops rows) or a change to the audit tables is tampering, not tuning.
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace tsunagu::storage {

//! One difference between the database and the migrations.
struct SchemaDrift {
    std::string kind;      //!< "missing", "extra" or "changed"
    std::string type;      //!< "table", "index", "trigger", "column"
    std::string name;      //!< object name
    std::string table;     //!< the table it belongs to
    bool serious = false;  //!< a trigger, or anything on the audit tables: refuses restore and serve
    std::string Describe() const;
};

//! A schema object as the catalog shows it, normalised (no schema prefixes).
struct SchemaObject {
    std::string type, name, table, sql;
};

//! The objects of the database (its current schema on PostgreSQL), sorted.
std::vector<SchemaObject> ActualSchema(Database& db);
//! The objects the migrations compiled into this binary create (an in-memory SQLite database, or
//! a scratch PostgreSQL schema in a transaction that is rolled back).
std::vector<SchemaObject> ExpectedSchema(Database& db);
//! Pure: the differences between two sorted object lists.
std::vector<SchemaDrift> DiffSchemas(const std::vector<SchemaObject>& expected,
                                     const std::vector<SchemaObject>& actual);
//! ExpectedSchema vs ActualSchema.
std::vector<SchemaDrift> CheckSchema(Database& db);
//! True when any drift is serious.
bool AnySerious(const std::vector<SchemaDrift>& drift);

}  // namespace tsunagu::storage
