#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "monitoring/monitoring.hpp"

namespace tsunagu::monitoring {
namespace {

Date D(std::string_view s) { return Date::Parse(s).value(); }
YearMonth M(std::string_view s) { return YearMonth::Parse(s).value(); }

std::vector<std::string> Months(const std::vector<DueItem>& items) {
    std::vector<std::string> out;
    for (const DueItem& i : items) out.push_back(i.year_month.ToString());
    return out;
}

ScheduleInput Simple(const char* plan, const char* start, const char* end, int n) {
    ScheduleInput in;
    in.plan_date = D(plan);
    in.decision_period = {D(start), D(end)};
    in.monitoring_interval_months = n;
    return in;
}

// --- schedule, simple form ----------------------------------------------------------------------

TEST(Schedule, IntervalCountedFromPlanMonth) {
    struct Case {
        const char* name;
        ScheduleInput in;
        std::vector<std::string> want;
    };
    const std::vector<Case> cases = {
        {"every 3 months from April",
         Simple("2026-04-10", "2026-04-01", "2027-03-31", 3),
         {"2026-07", "2026-10", "2027-01"}},
        // 「3月ごと(H24.7～H25.4)」: plan in April 2012 → 7, 10, 1, 4 (domain.md example).
        {"受給者証 example",
         Simple("2012-04-20", "2012-05-01", "2013-04-30", 3),
         {"2012-07", "2012-10", "2013-01", "2013-04"}},
        {"every 6 months", Simple("2026-04-10", "2026-04-01", "2027-03-31", 6), {"2026-10"}},
        {"monthly", Simple("2026-10-05", "2026-10-01", "2027-01-31", 1), {"2026-11", "2026-12", "2027-01"}},
        // A plan made before the decision starts: months before the period's first month are dropped.
        {"before period start excluded",
         Simple("2026-01-15", "2026-04-01", "2027-03-31", 2),
         {"2026-05", "2026-07", "2026-09", "2026-11", "2027-01", "2027-03"}},
        // A period ending mid-month keeps that month; later months are dropped.
        {"mid-month end keeps its month", Simple("2026-04-01", "2026-04-01", "2026-10-15", 3), {"2026-07", "2026-10"}},
        {"after period end excluded", Simple("2026-04-01", "2026-04-01", "2026-09-30", 3), {"2026-07"}},
        {"interval longer than the period", Simple("2026-04-01", "2026-04-01", "2026-09-30", 12), {}},
        {"year boundary", Simple("2026-11-30", "2026-12-01", "2027-11-30", 4), {"2027-03", "2027-07", "2027-11"}},
    };
    for (const Case& c : cases) EXPECT_EQ(Months(Schedule(c.in)), c.want) << c.name;
}

TEST(Schedule, DueDateIsTheMonthsLastDay) {
    const auto items = Schedule(Simple("2027-11-10", "2027-11-01", "2028-06-30", 1));
    ASSERT_EQ(items.size(), 7u);
    EXPECT_EQ(items[0].due_date.ToString(), "2027-12-31");
    EXPECT_EQ(items[2].due_date.ToString(), "2028-02-29");  // leap year
    EXPECT_EQ(items[4].due_date.ToString(), "2028-04-30");
    const auto common = Schedule(Simple("2026-01-31", "2026-01-01", "2026-03-31", 1));
    ASSERT_EQ(common.size(), 2u);
    EXPECT_EQ(common[0].due_date.ToString(), "2026-02-28");  // Jan 31 plan + 1 month
}

// --- schedule, versioned form -------------------------------------------------------------------

TEST(Schedule, VersionedForm) {
    ScheduleInput in = Simple("2026-04-10", "2026-04-01", "2027-03-31", 3);
    // Monthly for the first 3 months, then every 6 months (example from the issue).
    in.monitoring_periods = {{1, M("2026-04"), M("2026-06")}, {6, M("2026-12"), M("2027-03")}};
    EXPECT_EQ(Months(Schedule(in)), (std::vector<std::string>{"2026-04", "2026-05", "2026-06", "2026-12"}));
}

TEST(Schedule, VersionedFormCases) {
    struct Case {
        const char* name;
        std::vector<MonitoringPeriodVersion> versions;
        std::vector<std::string> want;
    };
    const std::vector<Case> cases = {
        {"3月ごと(H24.7～H25.4)", {{3, M("2012-07"), M("2013-04")}}, {"2012-07", "2012-10", "2013-01", "2013-04"}},
        {"last month not hit exactly", {{3, M("2026-07"), M("2027-02")}}, {"2026-07", "2026-10", "2027-01"}},
        {"overlapping versions are deduplicated and sorted",
         {{6, M("2026-12"), M("2027-06")}, {1, M("2026-04"), M("2026-06")}, {2, M("2026-06"), M("2026-12")}},
         {"2026-04", "2026-05", "2026-06", "2026-08", "2026-10", "2026-12", "2027-06"}},
        {"single month", {{3, M("2026-09"), M("2026-09")}}, {"2026-09"}},
        {"invalid version skipped, valid kept",
         {{0, M("2026-04"), M("2026-06")}, {3, M("2026-07"), M("2026-10")}},
         {"2026-07", "2026-10"}},
        {"reversed range skipped", {{1, M("2026-06"), M("2026-04")}}, {}},
    };
    for (const Case& c : cases) {
        ScheduleInput in = Simple("2026-04-10", "2026-04-01", "2027-03-31", 3);
        in.monitoring_periods = c.versions;
        EXPECT_EQ(Months(Schedule(in)), c.want) << c.name;
    }
}

TEST(Schedule, DecidedPeriodOverridesTheStandardSuggestion) {
    // 生活介護 alone suggests every 6 months; the municipality decided every 3 months. The schedule
    // follows the decision, never the suggestion.
    const Suggestion s = Suggest({"daily_life_care"}, {});
    ASSERT_EQ(s.interval_months, 6);
    const auto items = Schedule(Simple("2026-04-10", "2026-04-01", "2027-03-31", 3));
    EXPECT_EQ(Months(items), (std::vector<std::string>{"2026-07", "2026-10", "2027-01"}));
}

TEST(Schedule, InvalidSimpleInputGivesNothing) {
    EXPECT_TRUE(Schedule(Simple("2026-04-10", "2026-04-01", "2027-03-31", 0)).empty());
    EXPECT_TRUE(Schedule(Simple("2026-04-10", "2026-04-01", "2027-03-31", 13)).empty());
    ScheduleInput none = Simple("2026-04-10", "2026-04-01", "2027-03-31", 3);
    none.monitoring_interval_months.reset();
    EXPECT_TRUE(Schedule(none).empty());
}

TEST(ValidateScheduleInput, ReportsFields) {
    EXPECT_TRUE(ValidateScheduleInput(Simple("2026-04-10", "2026-04-01", "2027-03-31", 3)).empty());

    auto fields = [](const ScheduleInput& in) {
        std::vector<std::string> out;
        for (const auto& e : ValidateScheduleInput(in)) out.push_back(e.field);
        return out;
    };
    EXPECT_EQ(fields(Simple("2026-04-10", "2027-04-01", "2026-03-31", 3)),
              (std::vector<std::string>{"decision_period"}));
    EXPECT_EQ(fields(Simple("2026-04-10", "2026-04-01", "2027-03-31", 0)),
              (std::vector<std::string>{"monitoring_interval_months"}));
    ScheduleInput none = Simple("2026-04-10", "2026-04-01", "2027-03-31", 3);
    none.monitoring_interval_months.reset();
    EXPECT_EQ(fields(none), (std::vector<std::string>{"monitoring_interval_months"}));

    ScheduleInput versions = none;  // the versioned form needs no simple interval
    versions.monitoring_periods = {{1, M("2026-04"), M("2026-06")}, {24, M("2026-09"), M("2026-07")}};
    EXPECT_EQ(fields(versions),
              (std::vector<std::string>{"monitoring_periods[1].interval_months", "monitoring_periods[1]"}));
    for (const auto& e : ValidateScheduleInput(versions)) EXPECT_FALSE(e.message_ja.empty());
}

// --- status ---------------------------------------------------------------------------------------

TEST(WithStatus, DoneDueOverdue) {
    const auto items = Schedule(Simple("2026-04-10", "2026-04-01", "2027-03-31", 3));  // 07, 10, 01
    struct Case {
        const char* name;
        std::vector<Date> done;
        const char* today;
        std::vector<std::string> want;
    };
    const std::vector<Case> cases = {
        {"nothing done, early", {}, "2026-05-01", {"due", "due", "due"}},
        {"due date itself is not overdue", {}, "2026-07-31", {"due", "due", "due"}},
        {"the day after the due date", {}, "2026-08-01", {"overdue", "due", "due"}},
        {"done in the month", {D("2026-07-20")}, "2026-11-15", {"done", "overdue", "due"}},
        {"done on the month's first day", {D("2026-10-01")}, "2026-11-15", {"overdue", "done", "due"}},
        // A monitoring the month before does not count for the due month.
        {"done in the wrong month", {D("2026-06-30")}, "2026-08-01", {"overdue", "due", "due"}},
        {"all done, any order",
         {D("2027-01-05"), D("2026-07-01"), D("2026-10-31")},
         "2027-06-01",
         {"done", "done", "done"}},
    };
    for (const Case& c : cases) {
        std::vector<std::string> got;
        for (const auto& s : WithStatus(items, c.done, D(c.today))) got.emplace_back(StatusCode(s.status));
        EXPECT_EQ(got, c.want) << c.name;
    }
}

TEST(WithStatus, RecordsTheFirstMonitoringOfTheMonth) {
    const std::vector<DueItem> items = {{M("2026-07"), D("2026-07-31")}};
    const auto got = WithStatus(items, {D("2026-07-25"), D("2026-07-03")}, D("2026-08-10"));
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].status, DueStatus::kDone);
    EXPECT_EQ(got[0].done_on, D("2026-07-03"));
}

// --- the standard periods -------------------------------------------------------------------------

TEST(StandardPeriods, EveryServiceKind) {
    struct Case {
        const char* code;
        std::optional<int> want;  // nullopt: no confirmed standard period
    };
    const Case cases[] = {
        {"home_help", 3},
        {"severe_home_visit", 3},
        {"accompanied_outing", 3},
        {"behavioral_support", 3},
        {"short_stay", 3},
        {"employment_transition", 3},
        {"functional_training", 3},
        {"life_training", 3},
        {"employment_retention", 3},
        {"independent_living", 3},
        {"group_home_daytime", 3},
        {"daily_life_care", 6},
        {"employment_continuation_a", 6},
        {"employment_continuation_b", 6},
        {"group_home", 6},
        {"community_transition", 6},
        {"community_settlement", 6},
        {"facility_support", 6},
        {"medical_care", 6},
        {"comprehensive_support", 6},
        {"child_development", 6},
        {"after_school_day", 6},
        {"home_visit_child_development", 6},
        {"nursery_visit", 6},
        {"employment_selection", std::nullopt},  // issue #17: no source for its standard period
    };
    EXPECT_EQ(std::size(cases), ServiceKinds().size()) << "a row without a test, or a test without a row";
    for (const Case& c : cases) {
        const Suggestion s = Suggest({c.code}, {});
        EXPECT_EQ(s.interval_months, c.want) << c.code;
        EXPECT_EQ(s.initial_monthly_months, 0) << c.code;
        EXPECT_TRUE(s.unknown_kinds.empty()) << c.code;
        ASSERT_NE(FindServiceKind(c.code), nullptr) << c.code;
        EXPECT_FALSE(FindServiceKind(c.code)->name_ja.empty()) << c.code;
    }
}

TEST(StandardPeriods, TableIsWellFormed) {
    for (const ServiceKind& k : ServiceKinds()) {
        EXPECT_EQ(FindServiceKind(k.code), &k) << k.code << " (duplicate code?)";
        EXPECT_TRUE(k.standard_interval_months == 3 || k.standard_interval_months == 6 ||
                    (k.code == "employment_selection" && k.standard_interval_months == 0))
            << k.code;
    }
    EXPECT_EQ(FindServiceKind("home_help")->name_ja, "居宅介護");
    EXPECT_EQ(FindServiceKind("after_school_day")->name_ja, "放課後等デイサービス");
    EXPECT_TRUE(FindServiceKind("child_development")->child);
    EXPECT_EQ(FindServiceKind("nope"), nullptr);
}

TEST(StandardPeriods, Situations) {
    struct Case {
        const char* name;
        std::vector<std::string> kinds;
        Situation situation;
        std::optional<int> want_interval;
        int want_initial;
    };
    const std::vector<Case> cases = {
        {"shortest kind wins", {"daily_life_care", "home_help"}, {}, 3, 0},
        {"new plan: monthly for 3 months, then the standard",
         {"employment_continuation_b"},
         {true, false, false, false},
         6,
         3},
        {"living alone, at home: monthly", {"daily_life_care", "home_help"}, {false, false, true, false}, 1, 0},
        {"after leaving an institution, at home: monthly", {"group_home"}, {false, true, false, false}, 1, 0},
        {"severe constant care, at home: monthly", {"comprehensive_support"}, {false, false, false, true}, 1, 0},
        {"地域定着支援 user needing support: monthly", {"community_settlement"}, {false, false, true, false}, 1, 0},
        {"facility resident: intensive rule does not apply",
         {"facility_support", "daily_life_care"},
         {false, false, true, false},
         6,
         0},
        {"child day services", {"after_school_day"}, {}, 6, 0},
        {"child, new plan", {"child_development", "nursery_visit"}, {true, false, false, false}, 6, 3},
        {"nothing known", {}, {}, std::nullopt, 0},
        {"new plan without kinds", {}, {true, false, false, false}, std::nullopt, 3},
        {"intensive without kinds: no basis", {}, {false, false, true, false}, std::nullopt, 0},
    };
    for (const Case& c : cases) {
        const Suggestion s = Suggest(c.kinds, c.situation);
        EXPECT_EQ(s.interval_months, c.want_interval) << c.name;
        EXPECT_EQ(s.initial_monthly_months, c.want_initial) << c.name;
        if (s.interval_months || s.initial_monthly_months) {
            EXPECT_FALSE(s.reasons_ja.empty()) << c.name;
        }
    }
}

TEST(StandardPeriods, UnknownKindsAreReportedOnce) {
    const Suggestion s = Suggest({"home_help", "idou_shien", "idou_shien"}, {});
    EXPECT_EQ(s.interval_months, 3);
    EXPECT_EQ(s.unknown_kinds, (std::vector<std::string>{"idou_shien"}));
}

TEST(SuggestedVersions, FromSuggestion) {
    auto render = [](const std::vector<MonitoringPeriodVersion>& vs) {
        std::vector<std::string> out;
        for (const auto& v : vs) {
            out.push_back(std::to_string(v.interval_months) + ":" + v.first_month.ToString() + ".." +
                          v.last_month.ToString());
        }
        return out;
    };
    const Suggestion new_b = Suggest({"employment_continuation_b"}, {true, false, false, false});
    EXPECT_EQ(render(SuggestedVersions(new_b, M("2026-04"), M("2027-03"))),
              (std::vector<std::string>{"1:2026-04..2026-06", "6:2026-12..2027-03"}));
    const Suggestion home = Suggest({"home_help"}, {});
    EXPECT_EQ(render(SuggestedVersions(home, M("2026-04"), M("2027-03"))),
              (std::vector<std::string>{"3:2026-07..2027-03"}));
    EXPECT_EQ(render(SuggestedVersions(new_b, M("2026-04"), M("2026-05"))),
              (std::vector<std::string>{"1:2026-04..2026-05"}));
    EXPECT_TRUE(SuggestedVersions(Suggestion{}, M("2026-04"), M("2027-03")).empty());
    EXPECT_TRUE(SuggestedVersions(home, M("2027-04"), M("2027-03")).empty());

    // The versions schedule the same months as the printed form in the issue.
    ScheduleInput in = Simple("2026-04-10", "2026-04-01", "2027-03-31", 6);
    in.monitoring_periods = SuggestedVersions(new_b, M("2026-04"), M("2027-03"));
    EXPECT_EQ(Months(Schedule(in)), (std::vector<std::string>{"2026-04", "2026-05", "2026-06", "2026-12"}));
}

}  // namespace
}  // namespace tsunagu::monitoring
