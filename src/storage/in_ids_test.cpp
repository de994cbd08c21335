#include "storage/in_ids.hpp"

#include <gtest/gtest.h>

#include <set>

#include "demo/demo_fixture.hpp"

namespace tsunagu::storage {
namespace {

constexpr const char* kHead = "SELECT person_id, user_id FROM assignments WHERE office_id = :o AND person_id IN ";
constexpr const char* kTail = " ORDER BY person_id, user_id";

TEST(InIds, OneTextPerEngineWithTheListAsOneParameter) {
    const InIds sql(kHead, kTail);
    EXPECT_EQ(std::string(sql.For(Dialect::kSqlite)),
              "SELECT person_id, user_id FROM assignments WHERE office_id = :o AND person_id IN (SELECT value FROM "
              "json_each(:ids)) ORDER BY person_id, user_id");
    EXPECT_EQ(std::string(sql.For(Dialect::kPostgres)),
              "SELECT person_id, user_id FROM assignments WHERE office_id = :o AND person_id = ANY(CAST(:ids AS "
              "BIGINT[])) ORDER BY person_id, user_id");
    EXPECT_THROW(InIds("SELECT 1 WHERE id = "), std::logic_error);
}

TEST(InIds, ValuesAsAJsonArrayOrAnArrayLiteral) {
    EXPECT_EQ(std::get<std::string>(IdsValue(Dialect::kSqlite, {})), "[]");
    EXPECT_EQ(std::get<std::string>(IdsValue(Dialect::kSqlite, {7, 9007199254740993LL})), "[7,9007199254740993]");
    EXPECT_EQ(std::get<std::string>(IdsValue(Dialect::kPostgres, {3, 1})), "{3,1}");
}

TEST(RowsByKey, GroupsTheRowsOfTheListedIdsWithOneStatementForAnyList) {
    demo::DemoDatabase demo("in-ids");
    Tx tx(demo.db(), Tx::Mode::kRead);
    std::set<std::pair<long long, long long>> all;  // (person, user) of the demo office
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT person_id, user_id FROM assignments WHERE "
                                                            "office_id = :o",
                                        soci::use(demo.office()));
        for (const auto& r : rows) all.emplace(Int(r, "person_id"), Int(r, "user_id"));
    }
    ASSERT_GE(all.size(), 3U);
    const long long a = all.begin()->first, b = all.rbegin()->first;
    auto users = [](const soci::row& r) { return Int(r, "user_id"); };
    static const InIds sql(kHead);
    // A repeated id, and one with no rows.
    auto m = RowsByKey<long long>(tx, sql, demo.office(), {b, a, a, 999999}, "person_id", users);
    EXPECT_EQ(m.size(), a == b ? 1U : 2U);
    EXPECT_EQ(m.count(999999), 0U);
    for (long long p : {a, b}) {
        std::vector<long long> want;
        for (const auto& [person, user] : all)
            if (person == p) want.push_back(user);
        std::vector<long long> got = m[p];
        std::sort(got.begin(), got.end());
        EXPECT_EQ(got, want) << "person " << p;
    }
    const std::size_t statements = tx.statements().size();
    auto again = RowsByKey<long long>(tx, sql, demo.office(), {b}, "person_id", users);
    EXPECT_EQ(again.size(), 1U);
    EXPECT_EQ(tx.statements().size(), statements);  // another list, the same prepared statement
    EXPECT_TRUE((RowsByKey<long long>(tx, sql, demo.office(), {}, "person_id", users)).empty());
}

}  // namespace
}  // namespace tsunagu::storage
