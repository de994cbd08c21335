#include "compliance/compliance.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace tsunagu::compliance {
namespace {

using calendar::Date;

const Date kToday = *Date::Parse("2026-11-30");

//! A person whose one plan went through every step: no findings.
PersonFacts Clean() {
    PersonFacts p;
    p.person_id = 1;
    PlanFacts plan;
    plan.id = 10;
    plan.status = "issued";
    plan.is_new = true;
    plan.submitted_on = "2026-04-12";
    plan.issued_on = "2026-04-20";
    plan.draft_consent = true;
    plan.conference_held = true;
    plan.assessment_place = "home";
    plan.providers = {"ひだまり工房"};
    plan.deliveries = {{"person", "本人", "2026-04-20"}, {"provider", "ひだまり工房", "2026-05-04"}};
    plan.provider_plans = {{"", "ひだまり工房", "2026-06-19"}};
    p.plans = {plan};
    p.meetings = {{20, "2026-04-15", true, false}};
    p.monitorings = {{30, 10, "2026-07-20", true}};
    p.current_plan_id = 10;
    p.open_tasks = {{40, "2026-11-30"}};  // due today: not yet overdue
    return p;
}

std::vector<std::string> Codes(const PersonFacts& p, Date today = kToday) {
    std::vector<std::string> out;
    for (const auto& f : FindingsOf(p, today)) out.push_back(f.code);
    return out;
}

TEST(Compliance, ACompleteCaseHasNoFindings) { EXPECT_TRUE(Codes(Clean()).empty()); }

TEST(Compliance, EachMissingStepIsItsOwnFinding) {
    struct Case {
        const char* code;
        std::function<void(PersonFacts&)> breaks;
        const char* entity;
        long long entity_id;
        const char* date;
    };
    const std::vector<Case> cases = {
        {"draft_consent_missing", [](PersonFacts& p) { p.plans[0].draft_consent = false; }, "plan", 10, "2026-04-12"},
        {"conference_missing", [](PersonFacts& p) { p.plans[0].conference_held = false; }, "plan", 10, "2026-04-20"},
        {"person_absent_unexplained", [](PersonFacts& p) { p.meetings[0].person_attended = false; }, "meeting", 20,
         "2026-04-15"},
        {"delivery_missing", [](PersonFacts& p) { p.plans[0].deliveries.erase(p.plans[0].deliveries.begin()); }, "plan",
         10, "2026-05-04"},
        {"delivery_missing", [](PersonFacts& p) { p.plans[0].deliveries[0].date = "2026-05-05"; }, "plan", 10,
         "2026-05-04"},  // late
        {"provider_delivery_missing", [](PersonFacts& p) { p.plans[0].deliveries[1].name = "別の事業所"; }, "plan", 10,
         "2026-05-04"},
        {"provider_plan_missing", [](PersonFacts& p) { p.plans[0].provider_plans.clear(); }, "plan", 10, "2026-06-19"},
        {"assessment_not_at_home", [](PersonFacts& p) { p.plans[0].assessment_place = "office"; }, "plan", 10,
         "2026-04-12"},
        {"monitoring_without_visit", [](PersonFacts& p) { p.monitorings[0].visited = false; }, "monitoring", 30,
         "2026-07-20"},
        {"monitoring_overdue", [](PersonFacts& p) { p.overdue_monitoring_dates = {"2026-10-31"}; }, "plan", 10,
         "2026-10-31"},
        {"task_overdue", [](PersonFacts& p) { p.open_tasks[0].second = "2026-11-29"; }, "task", 40, "2026-11-29"},
    };
    for (const auto& c : cases) {
        PersonFacts p = Clean();
        c.breaks(p);
        const auto got = FindingsOf(p, kToday);
        ASSERT_EQ(got.size(), 1u) << c.code;
        EXPECT_EQ(got[0].code, c.code);
        EXPECT_EQ(got[0].entity, c.entity) << c.code;
        EXPECT_EQ(got[0].entity_id, c.entity_id) << c.code;
        EXPECT_EQ(got[0].date, c.date) << c.code;
        EXPECT_FALSE(got[0].message.empty()) << c.code;
    }
    for (const auto& code : kCodes) {
        bool covered = false;
        for (const auto& c : cases) covered = covered || code == c.code;
        EXPECT_TRUE(covered) << code << " has no case";
    }
}

TEST(Compliance, StepsNotYetDueAreNotFindings) {
    PersonFacts p = Clean();
    p.plans[0].deliveries.clear();
    p.plans[0].provider_plans.clear();
    // 14 days after issue is still in time for the hand-over; 60 days for the provider's plan.
    EXPECT_TRUE(Codes(p, *Date::Parse("2026-05-04")).empty());
    EXPECT_EQ(Codes(p, *Date::Parse("2026-05-05")),
              (std::vector<std::string>{"delivery_missing", "provider_delivery_missing"}));
    EXPECT_EQ(Codes(p, *Date::Parse("2026-06-19")).size(), 2u);
    EXPECT_EQ(Codes(p, *Date::Parse("2026-06-20")).size(), 3u);
}

TEST(Compliance, WaiversReasonsAndVisitsClearFindings) {
    PersonFacts p = Clean();
    p.plans[0].conference_held = false;
    p.plans[0].conference_waived = true;  // 軽微な変更: the reason is on the plan
    p.meetings[0].person_attended = false;
    p.meetings[0].absent_reason = true;
    p.plans[0].deliveries[0].kind = "family";  // handed to the family counts for the person
    p.monitorings.push_back({31, 10, "2026-10-03", false});
    p.monitorings.push_back({32, 10, "2026-10-25", true});  // the visit made up in the same month
    EXPECT_TRUE(Codes(p).empty());
}

TEST(Compliance, DraftsAndRevisionsAreNotCheckedForStepsTheyHaveNotReached) {
    PersonFacts p = Clean();
    p.plans[0].status = "draft";
    p.plans[0].draft_consent = false;
    p.plans[0].conference_held = false;
    p.plans[0].deliveries.clear();
    EXPECT_TRUE(Codes(p).empty());
    p = Clean();
    p.plans[0].is_new = false;  // a revision: its assessment need not be a home visit
    p.plans[0].assessment_place = "office";
    EXPECT_TRUE(Codes(p).empty());
    p.plans[0].status = "submitted";
    p.plans[0].conference_held = false;
    EXPECT_TRUE(Codes(p).empty());  // not issued yet: conference and hand-over not due
}

TEST(Compliance, FindingsAreOrderedByDate) {
    PersonFacts p = Clean();
    p.open_tasks[0].second = "2026-01-01";
    p.plans[0].draft_consent = false;
    const auto got = FindingsOf(p, kToday);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].code, "task_overdue");
    EXPECT_EQ(got[1].code, "draft_consent_missing");
}

TEST(Compliance, PlanFactsOfReadsTheConferenceWindowAndLooksAtHandOversOnlyOnceIssued) {
    plan::Plan p;
    p.id = 10;
    p.status = "issued";
    p.submitted_on = "2026-04-12";
    p.issued_on = "2026-04-20";
    p.previous_version_id = 3;
    p.conference_waived_reason = "軽微な変更";
    p.needs.push_back({});
    p.needs[0].services = {{"seikatsu_kaigo", "ひだまり工房", 0, "", ""}, {"other", "かかりつけ医", 0, "", ""}};
    const std::vector<plan::Delivery> deliveries = {{1, 10, "person", "本人", "2026-04-20", ""}};
    const std::vector<plan::ProviderPlan> received = {{2, 10, "ひだまり工房", "2026-05-01", ""}};
    // A conference before the submission or after the issue is not the one the plan needed.
    PlanFacts f = PlanFactsOf(p, "office", {"2026-04-11", "2026-04-21"}, deliveries, received);
    EXPECT_EQ(f.id, 10);
    EXPECT_FALSE(f.is_new);
    EXPECT_FALSE(f.conference_held);
    EXPECT_TRUE(f.conference_waived);
    EXPECT_EQ(f.assessment_place, "office");
    EXPECT_EQ(f.providers, std::vector<std::string>{"ひだまり工房"});
    ASSERT_EQ(f.deliveries.size(), 1U);
    EXPECT_EQ(f.deliveries[0].kind, "person");
    ASSERT_EQ(f.provider_plans.size(), 1U);
    EXPECT_EQ(f.provider_plans[0].name, "ひだまり工房");
    EXPECT_TRUE(PlanFactsOf(p, "", {"2026-04-12"}, {}, {}).conference_held);
    EXPECT_TRUE(PlanFactsOf(p, "", {"2026-04-20"}, {}, {}).conference_held);
    // A submitted plan: its conference and hand-overs are not looked at yet.
    p.status = "submitted";
    f = PlanFactsOf(p, "", {"2026-04-15"}, deliveries, received);
    EXPECT_FALSE(f.conference_held);
    EXPECT_TRUE(f.deliveries.empty());
    EXPECT_TRUE(f.provider_plans.empty());
    EXPECT_TRUE(f.providers.empty());
}

}  // namespace
}  // namespace tsunagu::compliance
