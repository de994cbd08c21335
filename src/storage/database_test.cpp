#include "storage/database.hpp"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>

#include <stdexcept>

namespace tsunagu::storage {
namespace {

TEST(PostgresConnectString, AlwaysCarriesAParameterSoSociPassesItThroughUnchanged) {
    // TCP keepalives, so an idle pooled connection to a host gone without a word is found (issue 8).
    const std::string keepalives = "&keepalives=1&keepalives_idle=30&keepalives_interval=10&keepalives_count=3";
    const std::string ka = keepalives + "&tcp_user_timeout=30000&connect_timeout=5";
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
         "&tcp_user_timeout=30000&connect_timeout=5"},
        {"postgresql://h/t?tcp_user_timeout=0",
         "postgresql://h/t?tcp_user_timeout=0&application_name=tsunagu" + keepalives + "&connect_timeout=5"},
        {"postgresql://h/t?connect_timeout=30",
         "postgresql://h/t?connect_timeout=30&application_name=tsunagu" + keepalives + "&tcp_user_timeout=30000"},
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

TEST(IsConnectionLost, KnowsPostgresConnectionEndsFromOtherErrors) {
    using soci::postgresql_soci_error;
    EXPECT_TRUE(IsConnectionLost(postgresql_soci_error("terminating connection", "57P01")));  // admin_shutdown
    EXPECT_TRUE(IsConnectionLost(postgresql_soci_error("the database system is starting up", "57P03")));
    EXPECT_TRUE(IsConnectionLost(postgresql_soci_error("connection failure", "08006")));
    // libpq's own report of a closed socket has no SQLSTATE.
    EXPECT_TRUE(IsConnectionLost(postgresql_soci_error(
        "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally", "     ")));
    EXPECT_TRUE(IsConnectionLost(postgresql_soci_error("no connection to the server", "     ")));
    EXPECT_TRUE(IsConnectionLost(postgresql_soci_error("SSL SYSCALL error: EOF detected", "     ")));
    // A protocol violation (08P01) is a defect, not a lost connection; SQLite has none to lose.
    EXPECT_FALSE(IsConnectionLost(postgresql_soci_error("invalid message format", "08P01")));
    EXPECT_FALSE(IsConnectionLost(std::runtime_error("server closed the connection unexpectedly")));
    // Only the driver's message counts, not the statement's bound values SOCI adds as context.
    postgresql_soci_error typed("value too long for type character varying(20)", "22001");
    typed.add_context("while executing \"UPDATE persons SET memo = :m\" with :m=\"no connection to the server\"");
    EXPECT_FALSE(IsConnectionLost(typed));
    // Not a lost connection: answered as before (busy, a conflict, a bug).
    EXPECT_FALSE(IsConnectionLost(postgresql_soci_error("canceling statement due to statement timeout", "57014")));
    EXPECT_FALSE(IsConnectionLost(postgresql_soci_error("could not serialize access", "40001")));
    EXPECT_FALSE(IsConnectionLost(postgresql_soci_error("duplicate key value", "23505")));
    EXPECT_FALSE(IsConnectionLost(std::runtime_error("database is locked")));
}
}  // namespace
}  // namespace tsunagu::storage
