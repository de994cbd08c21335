#include "redflag/redflag.hpp"

#include <gtest/gtest.h>

namespace tsunagu::redflag {
namespace {

using calendar::Date;

TEST(RedflagComplete, EveryCodeOnceInOrderMissingAreNone) {
    const auto items = Complete({{"money", "raised", "通帳を家族が管理"}, {"abuse_signs", "watch", ""}});
    ASSERT_EQ(items.size(), kCodes.size());
    for (std::size_t i = 0; i < kCodes.size(); ++i) EXPECT_EQ(items[i].code, kCodes[i]);
    EXPECT_EQ(items[0].status, "watch");
    EXPECT_EQ(items[1].status, "none");
    EXPECT_EQ(items.back().status, "raised");
    EXPECT_EQ(items.back().note, "通帳を家族が管理");
    EXPECT_EQ(RaisedCodes(items), std::vector<std::string>{"money"});
}

TEST(RedflagReviewDue, OverNinetyTwoDays) {
    struct Case {
        const char* reviewed;
        const char* today;
        bool overdue;
    };
    const Case cases[] = {
        {"2026-01-01", "2026-01-01", false}, {"2026-01-01", "2026-04-03", false},  // day 92: due today, not over
        {"2026-01-01", "2026-04-04", true},                                        // day 93
        {"2025-12-31", "2026-04-02", false},                                       // across the year: 92 days
        {"2025-12-31", "2026-04-03", true},  {"2024-02-29", "2024-05-31", false},  // leap year: 92 days
        {"2024-02-29", "2024-06-01", true},
    };
    for (const auto& c : cases) {
        const Date reviewed = *Date::Parse(c.reviewed), today = *Date::Parse(c.today);
        EXPECT_EQ(ReviewOverdue(reviewed, today), c.overdue) << c.reviewed << " → " << c.today;
    }
    EXPECT_EQ(ReviewDueOn(*Date::Parse("2026-01-01")).ToString(), "2026-04-03");
}

TEST(RedflagSummary, RaisedBeforeWatchedElseNone) {
    EXPECT_EQ(SummaryJa(Complete({})), "該当なし");
    const auto s = SummaryJa(Complete({{"money", "watch", ""}, {"self_harm", "raised", "夜間の不安"}}));
    EXPECT_EQ(s, "【要対応】自傷・自殺念慮：夜間の不安\n【要観察】金銭管理・経済的搾取");
}

}  // namespace
}  // namespace tsunagu::redflag
