#include "storage/row.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace tsunagu::storage {
namespace {

TEST(TakeList, MovesTheKeysListOutOrGivesAnEmptyOne) {
    std::map<long long, std::vector<std::string>> m{{3, {"a", "b"}}};
    EXPECT_EQ(TakeList(m, 3), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(TakeList(m, 4).empty());
    EXPECT_EQ(m.count(4), 0U);  // looking does not add the key
}

TEST(Row, ReadsEachColumnByNameAtItsOwnPosition) {
    soci::session s(soci::sqlite3, "db=:memory:");
    soci::row r;
    s << "SELECT 'a' AS first, 7 AS n, NULL AS gone, 'draft_consent_by_name' AS draft_consent_by_name, "
         "'42' AS digits, 3000000000 AS big",
        soci::into(r);
    EXPECT_EQ(ColumnPos(r, "first"), 0U);
    EXPECT_EQ(ColumnPos(r, "big"), 5U);
    EXPECT_EQ(Text(r, "first"), "a");
    EXPECT_EQ(Text(r, "n"), "7");
    EXPECT_EQ(Int(r, "n"), 7);
    EXPECT_EQ(Text(r, "gone"), "");
    EXPECT_EQ(Int(r, "gone"), 0);
    EXPECT_EQ(Text(r, "draft_consent_by_name"), "draft_consent_by_name");
    EXPECT_EQ(Int(r, "digits"), 42);
    EXPECT_EQ(Int(r, "big"), 3000000000LL);
    EXPECT_THROW(Text(r, "missing"), soci::soci_error);
}

}  // namespace
}  // namespace tsunagu::storage
