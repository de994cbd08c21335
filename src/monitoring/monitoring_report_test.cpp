#include <gtest/gtest.h>

#include "monitoring/monitoring_record.hpp"

namespace tsunagu::monitoring {
namespace {

GoalReview Row(std::vector<std::string> kinds) {
    GoalReview g;
    g.change_kinds = std::move(kinds);
    g.change_kinds_recorded = true;
    return g;
}

TEST(MonitoringReport, ChangeKindsAreTheUnionOfTheRowsInTableOrder) {
    using V = std::vector<std::string>;
    struct Case {
        V report;
        std::vector<GoalReview> rows;
        V want;
    };
    const Case cases[] = {
        {{}, {}, {}},
        {{}, {Row({}), Row({})}, {}},
        {{}, {Row({"weekly_schedule"}), Row({"service_kind"})}, {"service_kind", "weekly_schedule"}},
        {{}, {Row({"amount", "service_kind"}), Row({"amount"})}, {"service_kind", "amount"}},
        // An older client names them only at report level; both together are merged.
        {{"amount"}, {Row({}), Row({})}, {"amount"}},
        {{"weekly_schedule"}, {Row({"amount"})}, {"amount", "weekly_schedule"}},
        {{"amount", "amount"}, {}, {"amount"}},
    };
    for (const auto& c : cases) EXPECT_EQ(UnionOfChangeKinds(c.report, c.rows), c.want);
}

}  // namespace
}  // namespace tsunagu::monitoring
