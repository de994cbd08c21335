#include "meeting/meeting.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "plan/plan.hpp"

namespace tsunagu::meeting {
namespace {

Meeting Valid() {
    Meeting m;
    m.kind = "service_conference";
    m.date = "2026-04-20";
    m.start = "10:00";
    m.end = "11:00";
    m.participants = {{"山田 一郎", "はたらく工房", "サービス管理責任者", true}};
    m.agreements = {{"通所の日を週3日にする", "山田 一郎", 0, "2026-05-31", "月12日以上通所している"}};
    return m;
}

TEST(MeetingCheck, ValidMeetingPasses) { EXPECT_FALSE(Check(Valid()).has_value()); }

TEST(MeetingCheck, EachBrokenRuleNamesItsField) {
    struct Case {
        const char* name;
        void (*breaks)(Meeting&);
        const char* field;
    };
    const Case cases[] = {
        {"absent without reason", [](Meeting& m) { m.person_attended = false; }, "person_absent_reason"},
        {"end before start", [](Meeting& m) { m.end = "09:00"; }, "end"},
        {"end equals start", [](Meeting& m) { m.end = "10:00"; }, "end"},
        {"participant without name", [](Meeting& m) { m.participants[0].name.clear(); }, "participants[0].name"},
        {"opinion without text",
         [](Meeting& m) {
             m.opinions = {{"山田", ""}};
         },
         "opinions[0].opinion"},
        {"agreement without text", [](Meeting& m) { m.agreements[0].text.clear(); }, "agreements[0].text"},
        {"agreement without owner", [](Meeting& m) { m.agreements[0].owner.clear(); }, "agreements[0].owner"},
        {"agreement without due", [](Meeting& m) { m.agreements[0].due.clear(); }, "agreements[0].due"},
        {"agreement without measure", [](Meeting& m) { m.agreements[0].measure.clear(); }, "agreements[0].measure"},
    };
    for (const auto& c : cases) {
        Meeting m = Valid();
        c.breaks(m);
        const auto e = Check(m);
        ASSERT_TRUE(e.has_value()) << c.name;
        EXPECT_EQ(e->field, c.field) << c.name;
        EXPECT_FALSE(e->message_ja.empty()) << c.name;
    }
}

TEST(MeetingCheck, AbsentWithReasonAndUserOwnerPass) {
    Meeting m = Valid();
    m.person_attended = false;
    m.person_absent_reason = "入院中のため";
    m.agreements[0].owner.clear();
    m.agreements[0].owner_user_id = 7;
    EXPECT_FALSE(Check(m).has_value());
}

TEST(MeetingJson, ListsRoundTripThroughTheirStoredShape) {
    const Meeting m = Valid();
    const auto parts = ParticipantsFrom(boost::json::serialize(ParticipantsJson(m.participants)));
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].organisation, "はたらく工房");
    EXPECT_TRUE(parts[0].attended);
    auto ags = m.agreements;
    ags[0].owner_user_id = 42;
    const auto back = AgreementsFrom(boost::json::serialize(AgreementsJson(ags)));
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].owner_user_id, 42);
    EXPECT_EQ(back[0].measure, "月12日以上通所している");
    const std::optional<ConsensusSheet> sheet = ConsensusSheet{"目的", "役割", "リスク", "連絡"};
    EXPECT_EQ(SheetFrom(boost::json::serialize(SheetJson(sheet)))->contact_arrangement, "連絡");
    EXPECT_FALSE(SheetFrom("").has_value());
    EXPECT_TRUE(AgreementsFrom("not json").empty());
}

TEST(MeetingKinds, JapaneseNames) {
    EXPECT_EQ(KindNameJa("service_conference"), "サービス担当者会議");
    EXPECT_EQ(KindNameJa("discharge_conference"), "退院前カンファレンス");
}

// The plan steps that the meeting records feed (plan_rules.cpp).
TEST(PlanSteps, DraftConsentNeedsDateAndWhoAndARepresentativesName) {
    plan::Plan p;
    EXPECT_FALSE(plan::HasDraftConsent(p));
    p.draft_consented_on = "2026-04-12";
    EXPECT_FALSE(plan::HasDraftConsent(p));
    p.draft_consent_by = "本人";
    EXPECT_TRUE(plan::HasDraftConsent(p));
    p.draft_consent_by = "代理人";
    EXPECT_FALSE(plan::HasDraftConsent(p));
    p.draft_consent_by_name = "試験 花子";
    EXPECT_TRUE(plan::HasDraftConsent(p));
}

TEST(PlanSteps, ConferenceBetweenSubmitAndIssueOrAWaiver) {
    plan::Plan p;
    p.submitted_on = "2026-04-12";
    struct Case {
        std::vector<std::string> dates;
        std::string issued_on;
        bool ok;
    };
    const Case cases[] = {
        {{}, "2026-04-20", false},
        {{"2026-04-12"}, "2026-04-20", true},  // the submit day counts
        {{"2026-04-20"}, "2026-04-20", true},  // so does the issue day
        {{"2026-04-11"}, "2026-04-20", false},
        {{"2026-04-21"}, "2026-04-20", false},
        {{"2026-04-01", "2026-04-15"}, "2026-04-20", true},
    };
    for (const auto& c : cases) EXPECT_EQ(plan::ConferenceHeldOrWaived(p, c.dates, c.issued_on), c.ok);
    p.conference_waived_reason = "軽微な変更のため";
    EXPECT_TRUE(plan::ConferenceHeldOrWaived(p, {}, "2026-04-20"));
}

TEST(PlanSteps, ProvidersAreDistinctAndLeaveOutInformalServices) {
    plan::Plan p;
    plan::Need a, b;
    a.services = {{"home_help", "つなぐヘルパー", 0, "", ""}, {"other", "かかりつけ医", 0, "", ""}};
    b.services = {{"home_help", "つなぐヘルパー", 0, "", ""},
                  {"employment_continuation_b", "ひだまり工房", 0, "", ""},
                  {"short_stay", "", 0, "", ""}};
    p.needs = {a, b};
    EXPECT_EQ(plan::ProvidersOf(p), (std::vector<std::string>{"つなぐヘルパー", "ひだまり工房"}));
}

}  // namespace
}  // namespace tsunagu::meeting
