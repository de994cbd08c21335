#include "storage/database.hpp"

#include <gtest/gtest.h>

namespace tsunagu::storage {
namespace {

TEST(PostgresConnectString, AlwaysCarriesAParameterSoSociPassesItThroughUnchanged) {
    // TCP keepalives, so an idle pooled connection to a host gone without a word is found (issue 8).
    const std::string ka =
        "&keepalives=1&keepalives_idle=30&keepalives_interval=10&keepalives_count=3&tcp_user_timeout=30000";
    const struct {
        std::string url;
        std::string want;
    } cases[] = {
        {"postgresql://db.example/tsunagu", "postgresql://db.example/tsunagu?application_name=tsunagu" + ka},
        {"postgresql://u@%2Fvar%2Frun%2Fpostgresql:5432/t",
         "postgresql://u@%2Fvar%2Frun%2Fpostgresql:5432/t?application_name=tsunagu" + ka},
        {"postgresql://h/t?sslmode=require", "postgresql://h/t?sslmode=require&application_name=tsunagu" + ka},
        {"postgresql://h/t?", "postgresql://h/t?application_name=tsunagu" + ka},
        {"postgresql://h/t?application_name=region-a", "postgresql://h/t?application_name=region-a" + ka},
        // The URL's own keepalive settings are kept as they are.
        {"postgresql://h/t?keepalives_idle=5",
         "postgresql://h/t?keepalives_idle=5&application_name=tsunagu"
         "&tcp_user_timeout=30000"},
        {"postgresql://h/t?tcp_user_timeout=0",
         "postgresql://h/t?tcp_user_timeout=0&application_name=tsunagu" + ka.substr(0, ka.find("&tcp_user_timeout"))},
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
