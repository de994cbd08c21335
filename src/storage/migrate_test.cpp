#include "storage/migrate.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <string>

#include "storage/embedded.hpp"

namespace tsunagu::storage {
namespace {

// Both dialects must describe the same schema history: one binary, one schema version, whichever
// database an office or a region runs on.
TEST(Migrations, BothDialectsHaveTheSameNumbersFromOneWithoutGaps) {
    const std::vector<int> sqlite = MigrationNumbers(Dialect::kSqlite);
    const std::vector<int> pg = MigrationNumbers(Dialect::kPostgres);
    ASSERT_FALSE(sqlite.empty());
    EXPECT_EQ(sqlite, pg);
    // Numbers are handed out per branch (this one has 0010 before 0006–0009 land): strictly increasing
    // from 1 here; once every branch is merged the history is again 1, 2, 3, … without gaps.
    EXPECT_EQ(sqlite.front(), 1);
    for (std::size_t i = 1; i < sqlite.size(); ++i) EXPECT_LT(sqlite[i - 1], sqlite[i]);
    EXPECT_EQ(BinarySchemaVersion(), sqlite.back());
}

TEST(Migrations, EachNumberHasTheSameFileNameInBothDialects) {
    std::map<std::string, std::string> by_kind;  // file name → kinds seen
    for (const auto& a : embedded::All()) {
        const std::string kind = a.kind;
        if (kind == "migration") by_kind[a.name] += "s";
        if (kind == "migration_pg") by_kind[a.name] += "p";
    }
    ASSERT_FALSE(by_kind.empty());
    for (const auto& [name, kinds] : by_kind) EXPECT_EQ(kinds, "sp") << name;
}

TEST(Migrations, AnEmptySqliteDatabaseMigratesToTheBinaryVersion) {
    Database db(":memory:", 1);
    EXPECT_EQ(DatabaseSchemaVersion(db), 0);
    EXPECT_EQ(Migrate(db), static_cast<int>(MigrationNumbers(Dialect::kSqlite).size()));
    EXPECT_EQ(DatabaseSchemaVersion(db), BinarySchemaVersion());
    EXPECT_EQ(Migrate(db), 0);
}

TEST(Migrations, ADatabaseOfAnotherApplicationIsRefused) {
    Database db(":memory:", 1);
    {
        Tx tx(db);
        tx.sql() << "CREATE TABLE other (x INTEGER)";
        tx.Commit();
    }
    EXPECT_EQ(DatabaseSchemaVersion(db), -1);
    EXPECT_THROW(Migrate(db), std::runtime_error);
}

}  // namespace
}  // namespace tsunagu::storage
