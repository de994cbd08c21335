#pragma once
#include "storage/database.hpp"

namespace tsunagu::storage {

//! Highest migration number compiled into this binary.
int BinarySchemaVersion();
//! The database's schema version (0 for an empty database); -1 when it is not a tsunagu database.
int DatabaseSchemaVersion(Database& db);
//! Applies the pending numbered migrations in order, one transaction each, each recorded in
//! schema_migrations. Returns how many were applied. Throws when the database is newer than the binary.
int Migrate(Database& db);

}  // namespace tsunagu::storage
