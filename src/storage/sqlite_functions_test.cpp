#include "storage/sqlite_functions.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::storage {
namespace {

struct TempDb {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("tsunagu-fn-" + std::to_string(::getpid()) + "-" +
                                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    TempDb() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~TempDb() { std::filesystem::remove_all(dir); }
    std::string Path() const { return (dir / "t.db").string(); }
};

//! count_distinct_ids and COUNT(DISTINCT) of `column` over `from`, side by side.
std::pair<long long, long long> Both(Tx& tx, const std::string& column, const std::string& from) {
    long long ours = -1, sqlite = -1;
    tx.sql() << "SELECT " + CountDistinctIds(Dialect::kSqlite, column) + ", COUNT(DISTINCT " + column + ") " + from,
        soci::into(ours), soci::into(sqlite);
    return {ours, sqlite};
}

TEST(CountDistinctIds, CountsWhatCountDistinctCounts) {
    TempDb t;
    Database db(t.Path(), 1);
    Tx tx(db);
    tx.sql() << "CREATE TABLE r (g INTEGER NOT NULL, v INTEGER)";
    // Repeats, NULLs, zero, negatives, ids past the bitmap and at its edges, in no order.
    const std::vector<std::string> values{"5",
                                          "5",
                                          "NULL",
                                          "0",
                                          "-3",
                                          "-3",
                                          "1",
                                          "67108863",
                                          "67108864",
                                          "67108864",
                                          "9000000000000",
                                          "2",
                                          "100000",
                                          "5",
                                          "1",
                                          "NULL",
                                          "-9000000000000"};
    int g = 0;
    for (const auto& v : values) tx.sql() << "INSERT INTO r (g, v) VALUES (" + std::to_string(g++ % 3) + ", " + v + ")";
    for (int i = 0; i < 20000; ++i)  // many, to grow the bitmap a few times
        tx.sql() << "INSERT INTO r (g, v) VALUES (" + std::to_string(i % 3) + ", " +
                        std::to_string((i * 7919) % 15013 + 1) + ")";
    const auto [ours, sqlite] = Both(tx, "v", "FROM r");
    EXPECT_EQ(ours, sqlite);
    EXPECT_GT(ours, 15000);
    // No rows, and only NULLs: 0, as COUNT(DISTINCT).
    EXPECT_EQ(Both(tx, "v", "FROM r WHERE g > 5"), std::make_pair(0LL, 0LL));
    EXPECT_EQ(Both(tx, "v", "FROM r WHERE v IS NULL"), std::make_pair(0LL, 0LL));
    // Per group: each group has its own state.
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT g, " + CountDistinctIds(Dialect::kSqlite, "v") +
                                                            " AS a, COUNT(DISTINCT v) AS b FROM r GROUP BY g");
    int groups = 0;
    for (const auto& r : rows) {
        EXPECT_EQ(Int(r, "a"), Int(r, "b"));
        ++groups;
    }
    EXPECT_EQ(groups, 3);
}

TEST(CountDistinctIds, PostgresKeepsItsOwnCountDistinct) {
    EXPECT_EQ(CountDistinctIds(Dialect::kPostgres, "x.person_id"), "COUNT(DISTINCT x.person_id)");
    EXPECT_EQ(CountDistinctIds(Dialect::kSqlite, "x.person_id"), "count_distinct_ids(x.person_id)");
}

TEST(CountDistinctIds, NotUsableFromTheSchema) {
    // DIRECTONLY: a view or trigger cannot call it (a crafted database file cannot make it run).
    TempDb t;
    Database db(t.Path(), 1);
    Tx tx(db);
    tx.sql() << "CREATE TABLE r (v INTEGER)";
    tx.sql() << "CREATE VIEW w AS SELECT count_distinct_ids(v) AS n FROM r";
    long long n = 0;
    EXPECT_THROW((tx.sql() << "SELECT n FROM w", soci::into(n)), soci::soci_error);
}

// contains_text is search's match on SQLite in place of LIKE '%…%' on normalised (lower-case) text:
// the same answer as LIKE on every pair here (Japanese, ASCII, a query longer than the text, the
// text's own end, the empty query), NULL for NULL, and no schema object may call it. A query is
// valid UTF-8 (Normalise), so a byte match always begins at a character's first byte.
TEST(ContainsText, MatchesWhatLikeMatchesOnNormalisedText) {
    TempDb t;
    Database db(t.Path(), 1);
    Tx tx(db);
    const std::vector<std::string> texts = {"グループホームで暮らしたい",
                                            "短期入所を月に2回",
                                            "次回の訪問は12月",
                                            "abc def",
                                            "",
                                            "ホーム",
                                            "あいう\n\n",
                                            "100%_達成"};
    const std::vector<std::string> queries = {
        "グループホーム",         "ホーム", "ム", "入所を", "12月", "c d", "abcd", "",
        "ホームで暮らしたいです", "う\n",   "グ", "%_",     "0%",   "_"};
    int matched = 0;
    for (const auto& text : texts)
        for (const auto& q : queries) {
            std::string pattern = "%";
            for (char c : q) {
                if (c == '%' || c == '_' || c == '\\') pattern += '\\';
                pattern += c;
            }
            pattern += "%";
            long long ours = -1, like = -1;
            tx.sql() << "SELECT contains_text(:t, :q), :t2 LIKE :p ESCAPE '\\'", soci::use(text), soci::use(q),
                soci::use(text), soci::use(pattern), soci::into(ours), soci::into(like);
            EXPECT_EQ(ours, like) << "'" << q << "' in '" << text << "'";
            matched += static_cast<int>(ours);
        }
    EXPECT_GT(matched, 10);
    soci::indicator ind = soci::i_ok;
    long long v = 0;
    tx.sql() << "SELECT contains_text(NULL, 'a')", soci::into(v, ind);
    EXPECT_EQ(ind, soci::i_null);
    tx.sql() << "CREATE TABLE r (v TEXT)";
    tx.sql() << "CREATE VIEW w AS SELECT contains_text(v, 'a') AS n FROM r";
    EXPECT_THROW((tx.sql() << "SELECT n FROM w", soci::into(v)), soci::soci_error);
}

}  // namespace
}  // namespace tsunagu::storage
