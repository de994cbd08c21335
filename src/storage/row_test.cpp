#include "storage/row.hpp"

#include <gtest/gtest.h>

namespace tsunagu::storage {
namespace {

TEST(IdList, AscendingEachOnceAndNullWhenEmpty) {
    EXPECT_EQ(IdList({}), "NULL");  // IN (NULL) matches nothing, where IN () is a syntax error
    EXPECT_EQ(IdList({7}), "7");
    EXPECT_EQ(IdList({30, 4, 30, -2, 4}), "-2, 4, 30");
    EXPECT_EQ(IdList({9007199254740993LL, 1}), "1, 9007199254740993");
}

TEST(TakeList, MovesTheKeysListOutOrGivesAnEmptyOne) {
    std::map<long long, std::vector<std::string>> m{{3, {"a", "b"}}};
    EXPECT_EQ(TakeList(m, 3), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(TakeList(m, 4).empty());
    EXPECT_EQ(m.count(4), 0U);  // looking does not add the key
}

}  // namespace
}  // namespace tsunagu::storage
