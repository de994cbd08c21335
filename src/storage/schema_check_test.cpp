// Schema check (#13): the pure diff, and a real SQLite database against the migrations.
#include "storage/schema_check.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>

#include "storage/migrate.hpp"

namespace tsunagu::storage {
namespace {

TEST(DiffSchemas, ExtraMissingChangedAndSeriousness) {
    const std::vector<SchemaObject> want = {
        {"index", "persons_name", "persons", "CREATE INDEX persons_name ON persons(name)"},
        {"table", "audit_log", "audit_log", "CREATE TABLE audit_log (id)"},
        {"trigger", "audit_log_no_update", "audit_log", "CREATE TRIGGER audit_log_no_update ..."},
    };
    EXPECT_TRUE(DiffSchemas(want, want).empty());
    std::vector<SchemaObject> have = want;
    have.push_back({"trigger", "audit_log_drop", "audit_log", "CREATE TRIGGER audit_log_drop BEFORE INSERT ..."});
    auto d = DiffSchemas(want, have);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].Describe(), "extra trigger audit_log_drop on audit_log");
    EXPECT_TRUE(d[0].serious);
    // An extra index on an office table is tuning: reported, not serious.
    have = want;
    have.push_back({"index", "persons_kana", "persons", "CREATE INDEX persons_kana ON persons(kana)"});
    d = DiffSchemas(want, have);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_FALSE(d[0].serious);
    EXPECT_FALSE(AnySerious(d));
    // A missing trigger, or a changed audit table, is serious.
    have = {want[0], want[1]};
    d = DiffSchemas(want, have);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].kind, "missing");
    EXPECT_TRUE(d[0].serious);
    have = want;
    have[1].sql = "CREATE TABLE audit_log (id, extra)";
    d = DiffSchemas(want, have);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].kind, "changed");
    EXPECT_TRUE(AnySerious(d));
}

TEST(CheckSchema, MigratedSqliteHasNoDriftUntilATriggerIsAdded) {
    const auto path = std::filesystem::temp_directory_path() / ("tsunagu-schema-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    {
        Database db(path.string(), 1);
        Migrate(db);
        EXPECT_TRUE(CheckSchema(db).empty());
        {
            Tx tx(db);
            tx.sql() << "CREATE TRIGGER audit_log_drop BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END";
            tx.Commit();
        }
        const auto d = CheckSchema(db);
        ASSERT_EQ(d.size(), 1u);
        EXPECT_EQ(d[0].Describe(), "extra trigger audit_log_drop on audit_log");
    }
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
}

}  // namespace
}  // namespace tsunagu::storage
