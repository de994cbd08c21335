#include "storage/database.hpp"

#include <gtest/gtest.h>

namespace tsunagu::storage {
namespace {

TEST(PostgresConnectString, AlwaysCarriesAParameterSoSociPassesItThroughUnchanged) {
    const struct {
        const char* url;
        const char* want;
    } cases[] = {
        {"postgresql://db.example/tsunagu", "postgresql://db.example/tsunagu?application_name=tsunagu"},
        {"postgresql://u@%2Fvar%2Frun%2Fpostgresql:5432/t",
         "postgresql://u@%2Fvar%2Frun%2Fpostgresql:5432/t?application_name=tsunagu"},
        {"postgresql://h/t?sslmode=require", "postgresql://h/t?sslmode=require&application_name=tsunagu"},
        {"postgresql://h/t?", "postgresql://h/t?application_name=tsunagu"},
        {"postgresql://h/t?application_name=region-a", "postgresql://h/t?application_name=region-a"},
    };
    for (const auto& c : cases) EXPECT_EQ(PostgresConnectString(c.url), c.want) << c.url;
}

TEST(Database, APathOrSqliteUrlIsSqliteAndAPostgresUrlIsNot) {
    Database db(":memory:", 1);
    EXPECT_EQ(db.dialect(), Dialect::kSqlite);
    Database url("sqlite3://:memory:", 1);
    EXPECT_EQ(url.dialect(), Dialect::kSqlite);
    EXPECT_EQ(url.path(), ":memory:");
}

}  // namespace
}  // namespace tsunagu::storage
