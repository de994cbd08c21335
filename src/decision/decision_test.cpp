#include "decision/decision.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace tsunagu::decision {
namespace {

using calendar::YearMonth;

YearMonth M(std::string_view s) { return YearMonth::Parse(s).value(); }

//! A decision that passes: 2026-04-01 .. 2027-03-31, every 3 months, one service.
Decision Valid() {
    Decision d;
    d.decided_on = "2026-03-20";
    d.period_start = "2026-04-01";
    d.period_end = "2027-03-31";
    d.monitoring_interval_months = 3;
    d.services = {{"daily_life_care", "月22日"}};
    d.certificate_number = "0123456789";
    return d;
}

std::string FirstField(const Decision& d) {
    const auto errors = ValidateDecision(d);
    return errors.empty() ? "" : errors.front().field;
}

TEST(ValidateDecision, Cases) {
    struct Case {
        const char* name;
        std::function<void(Decision&)> change;
        std::string want_field;  //!< "" = valid
    };
    const std::vector<Case> cases = {
        {"valid", [](Decision&) {}, ""},
        {"one-day period", [](Decision& d) { d.period_end = d.period_start; }, ""},
        {"other service kind",
         [](Decision& d) {
             d.services.push_back({"other", "訪問看護 週1回"});
         },
         ""},
        {"versions within the period",
         [](Decision& d) {
             d.monitoring_periods = {{1, M("2026-04"), M("2026-06")}, {6, M("2026-12"), M("2027-03")}};
         },
         ""},
        {"bad decided_on", [](Decision& d) { d.decided_on = "2026-02-30"; }, "decided_on"},
        {"bad period_start", [](Decision& d) { d.period_start = ""; }, "period_start"},
        {"end before start", [](Decision& d) { d.period_end = "2026-03-31"; }, "period_end"},
        {"interval 0", [](Decision& d) { d.monitoring_interval_months = 0; }, "monitoring_interval_months"},
        {"interval 13", [](Decision& d) { d.monitoring_interval_months = 13; }, "monitoring_interval_months"},
        {"no services", [](Decision& d) { d.services.clear(); }, "services"},
        {"unknown kind",
         [](Decision& d) {
             d.services.push_back({"idou_shien", "月10時間"});
         },
         "services[1].kind"},
        {"empty kind", [](Decision& d) { d.services[0].kind = ""; }, "services[0].kind"},
        {"empty amount", [](Decision& d) { d.services[0].amount = ""; }, "services[0].amount"},
        {"certificate 9 digits", [](Decision& d) { d.certificate_number = "012345678"; }, "certificate_number"},
        {"certificate 11 digits", [](Decision& d) { d.certificate_number = "01234567890"; }, "certificate_number"},
        {"certificate with a letter", [](Decision& d) { d.certificate_number = "012345678a"; }, "certificate_number"},
        {"certificate full-width", [](Decision& d) { d.certificate_number = "０１２３４５６７８９"; },
         "certificate_number"},
        {"version interval 0",
         [](Decision& d) {
             d.monitoring_periods = {{1, M("2026-04"), M("2026-06")}, {0, M("2026-09"), M("2027-03")}};
         },
         "monitoring_periods[1].interval_months"},
        {"version starts before the period",
         [](Decision& d) {
             d.monitoring_periods = {{3, M("2026-03"), M("2027-03")}};
         },
         "monitoring_periods[0].first_month"},
        {"version ends after the period",
         [](Decision& d) {
             d.monitoring_periods = {{1, M("2026-04"), M("2026-06")}, {3, M("2026-09"), M("2027-04")}};
         },
         "monitoring_periods[1].last_month"},
        {"version last before first",
         [](Decision& d) {
             d.monitoring_periods = {{1, M("2026-04"), M("2026-06")}, {3, M("2026-12"), M("2026-09")}};
         },
         "monitoring_periods[1].last_month"},
        {"version month invalid",
         [](Decision& d) {
             d.monitoring_periods = {{3, YearMonth{2026, 13}, M("2027-03")}};
         },
         "monitoring_periods[0].first_month"},
    };
    for (const Case& c : cases) {
        Decision d = Valid();
        c.change(d);
        EXPECT_EQ(FirstField(d), c.want_field) << c.name;
    }
}

TEST(ValidateDecision, MidMonthPeriodKeepsItsMonths) {
    // A period from 15 April to 14 April: versions may name April of both years.
    Decision d = Valid();
    d.period_start = "2026-04-15";
    d.period_end = "2027-04-14";
    d.monitoring_periods = {{1, M("2026-04"), M("2026-06")}, {3, M("2026-09"), M("2027-04")}};
    EXPECT_TRUE(ValidateDecision(d).empty());
}

TEST(ValidateDecision, ReportsEveryProblem) {
    Decision d = Valid();
    d.services = {{"nope", ""}};
    d.certificate_number = "";
    const auto errors = ValidateDecision(d);
    std::vector<std::string> fields;
    for (const auto& e : errors) fields.push_back(e.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"services[0].kind", "services[0].amount", "certificate_number"}));
    for (const auto& e : errors) EXPECT_FALSE(e.message_ja.empty()) << e.field;
}

TEST(ServiceKinds, KnownCodesAndCategories) {
    EXPECT_TRUE(IsKnownServiceKind("home_help"));
    EXPECT_TRUE(IsKnownServiceKind("other"));
    EXPECT_FALSE(IsKnownServiceKind(""));
    EXPECT_FALSE(IsKnownServiceKind("kyotaku_kaigo"));
    struct Case {
        const char* code;
        const char* category;
    };
    const Case cases[] = {{"home_help", "adult"},
                          {"group_home", "adult"},
                          {"facility_support", "adult"},
                          {"community_transition", "community"},
                          {"community_settlement", "community"},
                          {"child_development", "child"},
                          {"after_school_day", "child"},
                          {"nursery_visit", "child"}};
    for (const Case& c : cases) {
        const monitoring::ServiceKind* k = monitoring::FindServiceKind(c.code);
        ASSERT_NE(k, nullptr) << c.code;
        EXPECT_EQ(CategoryOf(*k), c.category) << c.code;
    }
}

TEST(SituationFromFlags, Cases) {
    std::string unknown;
    auto s = SituationFromFlags({}, unknown);
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->new_or_changed_plan || s->after_leaving_institution || s->unable_to_coordinate ||
                 s->severe_constant_care);

    s = SituationFromFlags({"large_change", "post_institution", "cannot_arrange", "constant_care"}, unknown);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->new_or_changed_plan && s->after_leaving_institution && s->unable_to_coordinate &&
                s->severe_constant_care);
    EXPECT_TRUE(SituationFromFlags({"new_plan"}, unknown)->new_or_changed_plan);

    EXPECT_FALSE(SituationFromFlags({"new_plan", "no_such_flag"}, unknown));
    EXPECT_EQ(unknown, "no_such_flag");
    // Q&A 問38 situations (issue #17) are accepted: they advise, with a reason, and change no rule.
    s = SituationFromFlags({"living_alone", "medical_care_child"}, unknown);
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->new_or_changed_plan || s->after_leaving_institution || s->unable_to_coordinate ||
                 s->severe_constant_care);
}

}  // namespace
}  // namespace tsunagu::decision
