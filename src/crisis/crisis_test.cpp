#include "crisis/crisis.hpp"

#include <gtest/gtest.h>

namespace tsunagu::crisis {
namespace {

TEST(CrisisContacts, ByOrderStable) {
    const auto out = ByOrder({{2, "B", "", "", ""}, {1, "A", "", "", ""}, {2, "C", "", "", ""}});
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].name, "A");
    EXPECT_EQ(out[1].name, "B");
    EXPECT_EQ(out[2].name, "C");
}

}  // namespace
}  // namespace tsunagu::crisis
