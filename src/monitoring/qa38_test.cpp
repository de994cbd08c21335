#include "monitoring/qa38.hpp"

#include <gtest/gtest.h>

namespace tsunagu::monitoring {
namespace {

TEST(Qa38, EveryFlagOfTheIssueAdvisesWithItsReason) {
    const std::vector<std::string> flags = {
        "medical_coordination", "multiple_services",       "school_holidays", "preschool_parent_anxiety",
        "living_alone",         "medical_observation_act", "left_prison",     "medical_care_child"};
    ASSERT_EQ(Qa38Situations().size(), flags.size());
    for (const auto& f : flags) {
        EXPECT_TRUE(IsQa38Flag(f)) << f;
        const auto advice = Qa38Advice({f});
        ASSERT_EQ(advice.size(), 1u) << f;
        EXPECT_NE(advice[0].find("問38"), std::string::npos) << f;
    }
    EXPECT_FALSE(IsQa38Flag("cannot_arrange"));
    EXPECT_TRUE(Qa38Advice({"cannot_arrange", "new_plan"}).empty());
    // In the Q&A's order, whatever the input order.
    const auto two = Qa38Advice({"medical_care_child", "medical_coordination"});
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].rfind("医療機関", 0), 0u);
}

}  // namespace
}  // namespace tsunagu::monitoring
