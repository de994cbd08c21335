#include "storage/row.hpp"

#include <gtest/gtest.h>

namespace tsunagu::storage {
namespace {

TEST(TakeList, MovesTheKeysListOutOrGivesAnEmptyOne) {
    std::map<long long, std::vector<std::string>> m{{3, {"a", "b"}}};
    EXPECT_EQ(TakeList(m, 3), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(TakeList(m, 4).empty());
    EXPECT_EQ(m.count(4), 0U);  // looking does not add the key
}

}  // namespace
}  // namespace tsunagu::storage
