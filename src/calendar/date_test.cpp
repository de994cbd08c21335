#include "calendar/date.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tsunagu::calendar {
namespace {

Date D(std::string_view s) {
    auto d = Date::Parse(s);
    EXPECT_TRUE(d.has_value()) << s;
    return d.value_or(Date{1970, 1, 1});
}

YearMonth M(std::string_view s) {
    auto ym = YearMonth::Parse(s);
    EXPECT_TRUE(ym.has_value()) << s;
    return ym.value_or(YearMonth{1970, 1});
}

TEST(DateParse, AcceptsRealCalendarDays) {
    struct Case {
        const char* in;
        Date want;
    };
    const Case cases[] = {
        {"2026-01-31", {2026, 1, 31}},  {"2028-02-29", {2028, 2, 29}}, {"2000-02-29", {2000, 2, 29}},
        {"2026-12-31", {2026, 12, 31}}, {"0001-01-01", {1, 1, 1}},     {"9999-12-31", {9999, 12, 31}},
    };
    for (const auto& c : cases) {
        auto got = Date::Parse(c.in);
        ASSERT_TRUE(got.has_value()) << c.in;
        EXPECT_EQ(*got, c.want) << c.in;
        EXPECT_EQ(got->ToString(), c.in);
    }
}

TEST(DateParse, RejectsAnythingElse) {
    const char* bad[] = {
        "2026-02-29",  // not a leap year
        "1900-02-29",  // century, not a leap year
        "2026-04-31",  // April has 30 days
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "0000-01-01",
        "2026-1-01",  // not zero-padded
        "2026/01/01",
        "20260101",
        "2026-01-01 ",
        " 2026-01-01",
        "2026-01-01T00:00",
        "+026-01-01",
        "２０２６-01-01",  // full-width digits
        "",
    };
    for (const char* s : bad) EXPECT_FALSE(Date::Parse(s).has_value()) << s;
}

TEST(YearMonthParse, StrictForm) {
    EXPECT_EQ(YearMonth::Parse("2026-04"), (YearMonth{2026, 4}));
    EXPECT_EQ((YearMonth{2027, 3}).ToString(), "2027-03");
    for (const char* s : {"2026-4", "2026-13", "2026-00", "2026-04-01", "202604", ""}) {
        EXPECT_FALSE(YearMonth::Parse(s).has_value()) << s;
    }
}

TEST(DateArithmetic, AddDays) {
    struct Case {
        const char* from;
        int days;
        const char* want;
    };
    const Case cases[] = {
        {"2026-01-31", 1, "2026-02-01"},  {"2028-02-28", 1, "2028-02-29"}, {"2028-02-29", 1, "2028-03-01"},
        {"2026-02-28", 1, "2026-03-01"},  {"2026-12-31", 1, "2027-01-01"}, {"2026-03-01", -1, "2026-02-28"},
        {"2026-04-01", 90, "2026-06-30"}, {"2026-04-01", 0, "2026-04-01"},
    };
    for (const auto& c : cases) EXPECT_EQ(AddDays(D(c.from), c.days).ToString(), c.want) << c.from << "+" << c.days;
}

TEST(DateArithmetic, AddMonthsClampsToMonthEnd) {
    struct Case {
        const char* from;
        int months;
        const char* want;
    };
    const Case cases[] = {
        {"2026-01-31", 1, "2026-02-28"},  // common year
        {"2028-01-31", 1, "2028-02-29"},  // leap year
        {"2028-02-29", 12, "2029-02-28"},  {"2028-02-29", 48, "2032-02-29"}, {"2026-03-31", 1, "2026-04-30"},
        {"2026-08-31", -6, "2026-02-28"},  {"2026-11-15", 3, "2027-02-15"},  {"2026-01-15", -1, "2025-12-15"},
        {"2026-01-15", -13, "2024-12-15"},
    };
    for (const auto& c : cases) EXPECT_EQ(AddMonths(D(c.from), c.months).ToString(), c.want) << c.from;
}

TEST(DateArithmetic, DaysBetween) {
    EXPECT_EQ(DaysBetween(D("2026-01-01"), D("2027-01-01")), 365);
    EXPECT_EQ(DaysBetween(D("2028-01-01"), D("2029-01-01")), 366);
    EXPECT_EQ(DaysBetween(D("2028-02-28"), D("2028-03-01")), 2);
    EXPECT_EQ(DaysBetween(D("2026-03-01"), D("2026-02-28")), -1);
    EXPECT_EQ(DaysBetween(D("2026-05-05"), D("2026-05-05")), 0);
}

TEST(DateCompare, OrdersChronologically) {
    EXPECT_LT(D("2026-01-31"), D("2026-02-01"));
    EXPECT_LT(D("2025-12-31"), D("2026-01-01"));
    EXPECT_GT(D("2026-02-10"), D("2026-02-09"));
    EXPECT_LT((YearMonth{2026, 12}), (YearMonth{2027, 1}));
}

TEST(YearMonthArithmetic, AddAndBetween) {
    EXPECT_EQ(AddMonths(M("2026-11"), 3), M("2027-02"));
    EXPECT_EQ(AddMonths(M("2026-01"), -1), M("2025-12"));
    EXPECT_EQ(AddMonths(M("2026-01"), -25), M("2023-12"));
    EXPECT_EQ(MonthsBetween(M("2026-04"), M("2027-03")), 11);
    EXPECT_EQ(MonthsBetween(M("2027-03"), M("2026-04")), -11);
    EXPECT_EQ(LastDayOfMonth(M("2028-02")).ToString(), "2028-02-29");
    EXPECT_EQ(LastDayOfMonth(M("2026-02")).ToString(), "2026-02-28");
    EXPECT_EQ(LastDayOfMonth(M("2026-04")).ToString(), "2026-04-30");
    EXPECT_EQ(FirstDayOfMonth(M("2026-04")).ToString(), "2026-04-01");
    EXPECT_EQ(YearMonthOf(D("2026-04-15")), M("2026-04"));
}

TEST(Age, FullYears) {
    struct Case {
        const char* birth;
        const char* on;
        int want;
    };
    const Case cases[] = {
        {"2008-06-15", "2026-06-14", 17},
        {"2008-06-15", "2026-06-15", 18},  // the birthday itself: 18 for practical purposes
        {"2008-06-15", "2027-06-14", 18},
        {"2008-02-29", "2026-02-28", 17},  // born on 29 Feb, common year
        {"2008-02-29", "2026-03-01", 18},  // a year older on 1 March
        {"2008-02-29", "2028-02-28", 19},
        {"2008-02-29", "2028-02-29", 20},  // leap year: on the day itself
        {"2010-12-31", "2011-01-01", 0},
        {"2010-12-31", "2010-12-30", -1},
    };
    for (const auto& c : cases) EXPECT_EQ(AgeOn(D(c.birth), D(c.on)), c.want) << c.birth << " on " << c.on;
}

TEST(Age, AttainsAgeOnAgreesWithAgeOn) {
    EXPECT_EQ(AttainsAgeOn(D("2008-06-15"), 18).ToString(), "2026-06-15");
    EXPECT_EQ(AttainsAgeOn(D("2008-02-29"), 18).ToString(), "2026-03-01");
    EXPECT_EQ(AttainsAgeOn(D("2012-02-29"), 16).ToString(), "2028-02-29");  // leap year: the day itself
    for (const char* birth : {"2008-02-29", "2008-03-01", "2008-02-28", "2007-12-31", "2008-01-01"}) {
        const Date b = D(birth);
        const Date at = AttainsAgeOn(b, 18);
        EXPECT_EQ(AgeOn(b, at), 18) << birth;
        EXPECT_EQ(AgeOn(b, AddDays(at, -1)), 17) << birth;
    }
}

}  // namespace
}  // namespace tsunagu::calendar
