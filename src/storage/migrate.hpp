#pragma once
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace tsunagu::storage {

//! Highest migration number compiled into this binary (the same for both dialects).
int BinarySchemaVersion();
//! The numbers of the migrations compiled in for `dialect`, in the order they are applied.
std::vector<int> MigrationNumbers(Dialect dialect);
//! The database's schema version (0 for an empty database); -1 when it is not a tsunagu database.
int DatabaseSchemaVersion(Database& db);
//! Applies the pending numbered migrations in order, one transaction each, each recorded in
//! schema_migrations. Returns how many were applied. Throws when the database is newer than the binary.
int Migrate(Database& db);
//! Runs a script of several statements through the driver itself (triggers contain semicolons).
void ExecScript(Tx& tx, const std::string& script);

}  // namespace tsunagu::storage
