#include "oncall/oncall.hpp"

#include <gtest/gtest.h>

namespace tsunagu::oncall {
namespace {

Slot S(const char* start, const char* end, long long user = 1) { return Slot{0, start, end, user, "", ""}; }

TEST(OnCallLocalDateTime, Shape) {
    EXPECT_TRUE(IsLocalDateTime("2026-12-01T00:00"));
    EXPECT_TRUE(IsLocalDateTime("2024-02-29T23:59"));
    EXPECT_FALSE(IsLocalDateTime("2025-02-29T10:00"));
    EXPECT_FALSE(IsLocalDateTime("2026-12-01T24:00"));
    EXPECT_FALSE(IsLocalDateTime("2026-12-01 09:00"));
    EXPECT_FALSE(IsLocalDateTime("2026-12-01T9:00"));
    EXPECT_FALSE(IsLocalDateTime("2026-12-01T09:60"));
}

TEST(OnCallLocalMinute, JapanIsUtcPlusNine) {
    EXPECT_EQ(LocalMinute(0), "1970-01-01T09:00");
    EXPECT_EQ(LocalMinute(1796055600), "2026-12-01T01:20");  // 2026-11-30T16:20Z
}

TEST(OnCallMonth, StartAndEnd) {
    EXPECT_EQ(MonthStart({2026, 12}), "2026-12-01T00:00");
    EXPECT_EQ(MonthEnd({2026, 12}), "2027-01-01T00:00");
}

TEST(OnCallOverlap, TouchingEndsDoNotOverlap) {
    struct Case {
        std::vector<Slot> slots;
        bool overlap;
    };
    const Case cases[] = {
        {{S("2026-12-01T17:00", "2026-12-02T09:00"), S("2026-12-02T09:00", "2026-12-02T17:00")}, false},
        {{S("2026-12-01T17:00", "2026-12-02T09:00"), S("2026-12-02T08:59", "2026-12-02T17:00")}, true},
        {{S("2026-12-01T00:00", "2026-12-31T00:00"), S("2026-12-10T00:00", "2026-12-11T00:00")}, true},
        {{S("2026-12-03T00:00", "2026-12-04T00:00"), S("2026-12-01T00:00", "2026-12-02T00:00")}, false},
        {{}, false},
    };
    for (const auto& c : cases) EXPECT_EQ(FindOverlap(c.slots).has_value(), c.overlap);
}

TEST(OnCallGaps, UncoveredStretchesOfTheRange) {
    const std::string from = "2026-12-01T00:00", to = "2027-01-01T00:00";
    EXPECT_EQ(Gaps({}, from, to), (std::vector<Gap>{{from, to}}));
    EXPECT_EQ(Gaps({S(from.c_str(), to.c_str())}, from, to), std::vector<Gap>{});
    // A slot from the month before reaching in, a hole, and an open end.
    const auto g =
        Gaps({S("2026-12-05T09:00", "2026-12-10T09:00"), S("2026-11-30T17:00", "2026-12-01T09:00")}, from, to);
    EXPECT_EQ(g, (std::vector<Gap>{{"2026-12-01T09:00", "2026-12-05T09:00"}, {"2026-12-10T09:00", to}}));
}

TEST(OnCallAt, StartInclusiveEndExclusive) {
    const std::vector<Slot> slots = {S("2026-12-01T17:00", "2026-12-02T09:00", 1),
                                     S("2026-12-02T09:00", "2026-12-02T17:00", 2)};
    struct Case {
        const char* at;
        long long user;  // 0: nobody
    };
    const Case cases[] = {{"2026-12-01T16:59", 0}, {"2026-12-01T17:00", 1}, {"2026-12-02T08:59", 1},
                          {"2026-12-02T09:00", 2}, {"2026-12-02T16:59", 2}, {"2026-12-02T17:00", 0}};
    for (const auto& c : cases) {
        const auto s = At(slots, c.at);
        EXPECT_EQ(s ? s->user_id : 0, c.user) << c.at;
    }
}

}  // namespace
}  // namespace tsunagu::oncall
