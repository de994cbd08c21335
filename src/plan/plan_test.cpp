#include "plan/plan.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/api_error.hpp"

namespace tsunagu::plan {
namespace {

namespace json = boost::json;

Need ValidNeed() {
    Need n;
    n.priority = 1;
    n.need = "一人で買い物に行けるようになりたい";
    n.goal = {"週1回、ヘルパーと近所のスーパーで買い物をする", "自分で好きなものを選んで買いたい"};
    n.services = {{"home_help", "つなぐヘルパー", 0, "買い物の同行", "週1回2時間"}};
    return n;
}

Plan ValidPlan() {
    Plan p;
    p.id = 10;
    p.office_id = 1;
    p.person_id = 2;
    p.plan_date = "2026-04-01";
    p.kind = "adult";
    p.wishes = "自分の部屋で暮らしたい";
    p.policy = "本人のペースを大切にする";
    p.long_term_goal = "一人暮らしを始める";
    p.short_term_goal = "家事を一つずつ覚える";
    p.needs = {ValidNeed()};
    p.weekly = {{1, "09:00", "15:00", "生活介護", "daily_life_care"}, {3, "10:00", "12:00", "買い物", ""}};
    return p;
}

// --- kind: 障害児 under 18 on the plan date (満年齢 turns on the birthday) ----------------------

TEST(KindFor, FollowsAgeOnPlanDate) {
    struct Case {
        const char* birth;
        const char* plan_date;
        const char* want;
    };
    const Case cases[] = {
        {"2008-05-10", "2026-05-09", "child"},  // the day before the 18th birthday
        {"2008-05-10", "2026-05-10", "adult"},  // 18th birthday: an adult plan
        {"2008-05-10", "2026-05-11", "adult"},
        {"2008-02-29", "2026-02-28", "child"},  // born 29 Feb: 18 from 1 March in a common year
        {"2008-02-29", "2026-03-01", "adult"},
        {"2020-01-01", "2026-04-01", "child"},
        {"1970-01-01", "2026-04-01", "adult"},
    };
    for (const auto& c : cases) EXPECT_EQ(KindFor(c.birth, c.plan_date), c.want) << c.birth << " on " << c.plan_date;
}

// --- kind by services (issue #17): 児童福祉法 通所 → child, 総合支援法 → adult, both → both ------

TEST(KindFor, FollowsServices) {
    struct Case {
        const char* name;
        const char* birth;
        std::vector<std::string> services;
        const char* want;
    };
    const Case cases[] = {
        {"only 通所 services", "2015-06-01", {"after_school_day", "child_development"}, "child"},
        {"nursery visit alone", "2020-06-01", {"nursery_visit"}, "child"},
        {"home-visit type", "2020-06-01", {"home_visit_child_development"}, "child"},
        {"a child using 居宅介護 only", "2015-06-01", {"home_help"}, "adult"},
        {"a child using 短期入所 only", "2015-06-01", {"short_stay"}, "adult"},
        {"放課後等デイ and 短期入所", "2015-06-01", {"after_school_day", "short_stay"}, "both"},
        {"both, order reversed", "2015-06-01", {"short_stay", "after_school_day"}, "both"},
        {"adult with adult services", "1980-06-01", {"daily_life_care"}, "adult"},
        {"a 19-year-old still at 放課後等デイ", "2007-01-10", {"after_school_day"}, "child"},
        {"no services: the age decides (child)", "2015-06-01", {}, "child"},
        {"no services: the age decides (adult)", "1980-06-01", {}, "adult"},
        {"only 'other' and 市町村事業: the age decides", "2015-06-01", {"other", "移動支援"}, "child"},
        {"'other' beside an adult service", "2015-06-01", {"other", "home_help"}, "adult"},
    };
    for (const auto& c : cases) EXPECT_EQ(KindFor(c.birth, "2026-04-01", c.services), c.want) << c.name;
}

TEST(ServiceKindsOf, NeedsAndWeekly) {
    Plan p = ValidPlan();
    EXPECT_EQ(ServiceKindsOf(p), (std::vector<std::string>{"home_help", "daily_life_care"}));
}

TEST(CheckChildServicesAge, RefusesAtTwentyNamingTheService) {
    Plan p = ValidPlan();
    p.plan_date = "2026-04-01";
    p.needs[0].services.push_back({"after_school_day", "", 0, "", ""});
    EXPECT_FALSE(CheckChildServicesAge(p, "2006-04-02"));   // 19 on plan_date (20 tomorrow)
    const auto e = CheckChildServicesAge(p, "2006-04-01");  // 20th birthday
    ASSERT_TRUE(e);
    EXPECT_EQ(e->field, "needs[0].services[1].kind");
    p.needs[0].services.pop_back();
    EXPECT_FALSE(CheckChildServicesAge(p, "1980-01-01"));  // adult services at any age
    p.weekly.push_back({5, "15:00", "17:00", "放課後等デイ", "after_school_day"});
    const auto w = CheckChildServicesAge(p, "1980-01-01");
    ASSERT_TRUE(w);
    EXPECT_EQ(w->field, "weekly[2].kind");
}

TEST(NeedsGuardian, UnderEighteenOnPlanDate) {
    Plan p = ValidPlan();
    p.plan_date = "2026-04-01";
    EXPECT_TRUE(NeedsGuardian(p, "2008-04-02"));
    EXPECT_FALSE(NeedsGuardian(p, "2008-04-01"));
}

// --- revisions ---------------------------------------------------------------------------

TEST(RevisionOf, CopiesContentAndResetsBookkeeping) {
    Plan issued = ValidPlan();
    issued.status = "issued";
    issued.version = 2;
    issued.previous_version_id = 7;
    issued.specialist_id = 5;
    issued.consented_on = "2026-04-03";
    issued.submitted_on = "2026-04-02";
    issued.issued_on = "2026-04-05";
    issued.decision_id = 9;
    issued.created_by = 5;
    issued.created_at = "2026-04-01T00:00:00Z";

    const Plan r = RevisionOf(issued, 4, "2026-10-01");
    EXPECT_EQ(r.id, 0);
    EXPECT_EQ(r.status, "draft");
    EXPECT_EQ(r.version, 4);
    EXPECT_EQ(r.previous_version_id, 10);
    EXPECT_EQ(r.plan_date, "2026-10-01");
    EXPECT_EQ(r.office_id, 1);
    EXPECT_EQ(r.person_id, 2);
    EXPECT_EQ(r.specialist_id, 5);
    EXPECT_TRUE(r.consented_on.empty());
    EXPECT_TRUE(r.submitted_on.empty());
    EXPECT_TRUE(r.issued_on.empty());
    EXPECT_EQ(r.decision_id, 0);
    EXPECT_TRUE(r.created_at.empty());
    EXPECT_EQ(json::serialize(NeedsJson(r.needs)), json::serialize(NeedsJson(issued.needs)));
    EXPECT_EQ(json::serialize(WeeklyJson(r.weekly)), json::serialize(WeeklyJson(issued.weekly)));
    EXPECT_EQ(r.wishes, issued.wishes);
    // Only consent and plan_date differ in content: the diff of a fresh revision says so.
    const json::array d = Diff(issued, r);
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0].at("path"), "plan_date");
    EXPECT_EQ(d[1].at("path"), "consented_on");
}

TEST(LinksOf, NextVersionAndCurrent) {
    Plan v1 = ValidPlan(), v2 = ValidPlan(), v3 = ValidPlan();
    v1.id = 1, v1.version = 1, v1.status = "issued", v1.issued_on = "2025-04-01";
    v2.id = 2, v2.version = 2, v2.status = "issued", v2.issued_on = "2025-10-01", v2.previous_version_id = 1;
    v3.id = 3, v3.version = 3, v3.status = "draft", v3.previous_version_id = 2;
    const std::vector<Plan> all = {v3, v2, v1};
    EXPECT_EQ(LinksOf(v1, all).next_version_id, 2);
    EXPECT_FALSE(LinksOf(v1, all).is_current);
    EXPECT_EQ(LinksOf(v2, all).next_version_id, 3);
    EXPECT_TRUE(LinksOf(v2, all).is_current);  // latest issued; the open draft is not in force
    EXPECT_EQ(LinksOf(v3, all).next_version_id, 0);
    EXPECT_FALSE(LinksOf(v3, all).is_current);
    EXPECT_FALSE(LinksOf(v3, {v3}).is_current);
}

// --- checks ------------------------------------------------------------------------------

TEST(IsTimeOfDay, HoursAndMinutesUpToMidnight) {
    for (const char* ok : {"00:00", "09:30", "23:59", "24:00"}) EXPECT_TRUE(IsTimeOfDay(ok)) << ok;
    for (const char* bad : {"", "9:00", "24:01", "25:00", "12:60", "12-00", "12:0a", "12:00:00"})
        EXPECT_FALSE(IsTimeOfDay(bad)) << bad;
}

TEST(CheckWeekly, NamesTheFieldAtFault) {
    struct Case {
        WeeklyEntry w;
        const char* field;  // "" = valid
    };
    const Case cases[] = {
        {{1, "09:00", "15:00", "生活介護", "daily_life_care"}, ""},
        {{7, "22:00", "24:00", "入浴", ""}, ""},
        {{2, "10:00", "11:00", "通院", "other"}, ""},
        {{0, "09:00", "10:00", "x", ""}, "weekly[3].weekday"},
        {{8, "09:00", "10:00", "x", ""}, "weekly[3].weekday"},
        {{1, "9:00", "10:00", "x", ""}, "weekly[3].start"},
        {{1, "09:00", "24:30", "x", ""}, "weekly[3].end"},
        {{1, "10:00", "10:00", "x", ""}, "weekly[3].end"},
        {{1, "11:00", "10:00", "x", ""}, "weekly[3].end"},
        {{1, "24:00", "24:00", "x", ""}, "weekly[3].end"},
        {{1, "09:00", "10:00", "", ""}, "weekly[3].activity"},
        {{1, "09:00", "10:00", "x", "massage"}, "weekly[3].kind"},
    };
    for (const auto& c : cases) {
        const auto e = CheckWeekly(c.w, 3);
        EXPECT_EQ(e ? e->field : "", c.field) << c.w.start << "-" << c.w.end << " " << c.w.kind;
        if (e) {
            EXPECT_FALSE(e->message_ja.empty());
        }
    }
}

TEST(CheckNeed, BothGoalTextsAreRequired) {
    struct Case {
        void (*edit)(Need&);
        const char* field;
    };
    const Case cases[] = {
        {[](Need&) {}, ""},
        {[](Need& n) { n.goal.indicator.clear(); }, "needs[1].goal.indicator"},
        {[](Need& n) { n.goal.own_words.clear(); }, "needs[1].goal.own_words"},
        {[](Need& n) { n.need.clear(); }, "needs[1].need"},
        {[](Need& n) { n.priority = 0; }, "needs[1].priority"},
        {[](Need& n) { n.target_date = "2026-02-30"; }, "needs[1].target_date"},
        {[](Need& n) { n.evaluation_date = "soon"; }, "needs[1].evaluation_date"},
        {[](Need& n) {
             n.services.push_back({"unknown", "", 0, "", ""});
         },
         "needs[1].services[1].kind"},
        {[](Need& n) {
             n.services.push_back({"other", "家族", 0, "送迎", ""});
         },
         ""},
    };
    for (const auto& c : cases) {
        Need n = ValidNeed();
        c.edit(n);
        const auto e = CheckNeed(n, 1);
        EXPECT_EQ(e ? e->field : "", c.field);
    }
}

TEST(CheckSubmittable, RequiresWishesPolicyGoalsAndNeeds) {
    struct Case {
        void (*edit)(Plan&);
        const char* field;
    };
    const Case cases[] = {
        {[](Plan&) {}, ""},
        {[](Plan& p) { p.wishes.clear(); }, "wishes"},
        {[](Plan& p) { p.policy.clear(); }, "policy"},
        {[](Plan& p) { p.long_term_goal.clear(); }, "long_term_goal"},
        {[](Plan& p) { p.short_term_goal.clear(); }, "short_term_goal"},
        {[](Plan& p) { p.needs.clear(); }, "needs"},
        {[](Plan& p) { p.needs[0].goal.own_words.clear(); }, "needs[0].goal.own_words"},
        {[](Plan& p) { p.family_wishes.clear(); }, ""},  // the family's wishes are optional
    };
    for (const auto& c : cases) {
        Plan p = ValidPlan();
        c.edit(p);
        const auto e = CheckSubmittable(p);
        EXPECT_EQ(e ? e->field : "", c.field);
    }
}

// --- JSON shape --------------------------------------------------------------------------

std::string FieldOfError(void (*f)()) {
    try {
        f();
    } catch (const http::ApiError& e) {
        EXPECT_EQ(e.status, 400);
        return e.field;
    }
    return "(no error)";
}

TEST(NeedsFromJson, RoundTripsAndNamesNestedPaths) {
    const Plan p = ValidPlan();
    const json::array a = NeedsJson(p.needs);
    EXPECT_EQ(json::serialize(NeedsJson(NeedsFromJson(a))), json::serialize(a));
    EXPECT_TRUE(a[0].at("target_date").is_null());
    EXPECT_TRUE(a[0].at("services").at(0).at("provider_id").is_null());

    EXPECT_EQ(FieldOfError([] {
                  NeedsFromJson(json::parse(R"([{"need":"a","goal":{"indicator":"b","own_words":"c"}},
                                                {"need":"a","goal":{"indicator":"b","own_words":5}}])")
                                    .as_array());
              }),
              "needs[1].goal.own_words");
    EXPECT_EQ(
        FieldOfError([] {
            NeedsFromJson(
                json::parse(R"([{"need":"a","services":[{"kind":"home_help"},{"kind":"x","amount":3}]}])").as_array());
        }),
        "needs[0].services[1].amount");
    EXPECT_EQ(FieldOfError([] { NeedsFromJson(json::parse(R"([1])").as_array()); }), "needs[0]");
    EXPECT_EQ(FieldOfError([] {
                  json::array many;
                  for (int i = 0; i < 31; ++i) many.push_back(json::object{{"need", "x"}});
                  NeedsFromJson(many);
              }),
              "needs");
    // A missing priority takes the row's position.
    const auto needs = NeedsFromJson(json::parse(R"([{"need":"a"},{"need":"b"}])").as_array());
    EXPECT_EQ(needs[1].priority, 2);
}

TEST(WeeklyFromJson, RoundTripsAndNamesPaths) {
    const Plan p = ValidPlan();
    const json::array a = WeeklyJson(p.weekly);
    EXPECT_EQ(json::serialize(WeeklyJson(WeeklyFromJson(a))), json::serialize(a));
    EXPECT_TRUE(a[1].at("kind").is_null());
    EXPECT_EQ(FieldOfError([] {
                  WeeklyFromJson(json::parse(R"([{"weekday":1,"start":"09:00","end":"10:00","activity":"x"},
                                                 {"weekday":9,"start":"09:00","end":"10:00","activity":"x"}])")
                                     .as_array());
              }),
              "weekly[1].weekday");
}

TEST(NeedsFromStored, ReadsWhatTheRequestReaderReadsAndDefaultsWhatIsMissing) {
    Plan p = ValidPlan();
    Need second = ValidNeed();
    second.priority = 7;
    second.target_date = "2027-03-31";
    second.evaluation_date = "2026-09-30";
    second.services.push_back({"other", "家族", 42, "見守り", ""});
    p.needs.push_back(second);
    const json::array a = NeedsJson(p.needs);
    EXPECT_EQ(json::serialize(NeedsJson(NeedsFromStored(a))), json::serialize(NeedsJson(NeedsFromJson(a))));
    EXPECT_EQ(json::serialize(NeedsJson(NeedsFromStored(a))), json::serialize(a));
    ASSERT_EQ(NeedsFromStored(a).size(), 2U);
    EXPECT_EQ(NeedsFromStored(a)[1].services.back().provider_id, 42);
    // Older rows lack members: the same defaults as the request reader (a priority by position).
    const json::array sparse = json::parse(R"([{"need":"a"},{"need":"b","goal":null,"services":null}])").as_array();
    const auto stored = NeedsFromStored(sparse);
    EXPECT_EQ(json::serialize(NeedsJson(stored)), json::serialize(NeedsJson(NeedsFromJson(sparse))));
    EXPECT_EQ(stored[1].priority, 2);
    EXPECT_TRUE(stored[1].services.empty());
    // Nothing is checked again: a stored shape the request reader would refuse still reads.
    EXPECT_EQ(NeedsFromStored(json::parse(R"([1])").as_array()).size(), 1U);
}

TEST(WeeklyFromStored, ReadsWhatTheRequestReaderReads) {
    const json::array a = WeeklyJson(ValidPlan().weekly);
    EXPECT_EQ(json::serialize(WeeklyJson(WeeklyFromStored(a))), json::serialize(a));
    EXPECT_EQ(json::serialize(WeeklyJson(WeeklyFromStored(a))), json::serialize(WeeklyJson(WeeklyFromJson(a))));
    EXPECT_EQ(WeeklyFromStored(a)[1].weekday, 3);
    EXPECT_EQ(WeeklyFromStored(a)[1].kind, "");
}

// --- diff --------------------------------------------------------------------------------

struct DiffCase {
    const char* name;
    void (*edit)(Plan&);
    std::vector<std::pair<std::string, std::string>> want;  // (path, change)
};

TEST(Diff, ComparesContentOnly) {
    const DiffCase cases[] = {
        {"identical", [](Plan&) {}, {}},
        {"bookkeeping ignored",
         [](Plan& p) {
             p.id = 99, p.status = "issued", p.version = 3, p.issued_on = "2026-05-01", p.decision_id = 4;
             p.previous_version_id = 8, p.kind = "child", p.created_at = "x", p.updated_at = "y";
         },
         {}},
        {"text changed", [](Plan& p) { p.policy = "新しい方針"; }, {{"policy", "changed"}}},
        {"goal indicator",
         [](Plan& p) { p.needs[0].goal.indicator = "週2回"; },
         {{"needs[0].goal.indicator", "changed"}}},
        {"service amount",
         [](Plan& p) { p.needs[0].services[0].amount = "週2回"; },
         {{"needs[0].services[0].amount", "changed"}}},
        {"need added", [](Plan& p) { p.needs.push_back(ValidNeed()); }, {{"needs[1]", "added"}}},
        {"need removed", [](Plan& p) { p.needs.clear(); }, {{"needs[0]", "removed"}}},
        {"optional date set",
         [](Plan& p) { p.needs[0].target_date = "2026-09-30"; },
         {{"needs[0].target_date", "changed"}}},
        {"weekly reordered", [](Plan& p) { std::swap(p.weekly[0], p.weekly[1]); }, {}},
        {"weekly added",
         [](Plan& p) {
             p.weekly.push_back({5, "13:00", "14:00", "散歩", ""});
         },
         {{"weekly[2]", "added"}}},
        {"weekly changed",
         [](Plan& p) { p.weekly[1].end = "12:30"; },
         {{"weekly[1]", "removed"}, {"weekly[1]", "added"}}},
        {"two fields in order",
         [](Plan& p) {
             p.non_weekly = "月1回 通院";
             p.wishes = "変わった";
         },
         {{"wishes", "changed"}, {"non_weekly", "changed"}}},
    };
    for (const auto& c : cases) {
        const Plan from = ValidPlan();
        Plan to = ValidPlan();
        c.edit(to);
        const json::array got = Diff(from, to);
        std::vector<std::pair<std::string, std::string>> paths;
        for (const auto& ch : got)
            paths.emplace_back(std::string(ch.at("path").as_string()), std::string(ch.at("change").as_string()));
        EXPECT_EQ(paths, c.want) << c.name << ": " << json::serialize(got);
    }
}

TEST(Diff, BeforeAndAfterValues) {
    const Plan from = ValidPlan();
    Plan to = ValidPlan();
    to.needs[0].goal.own_words = "好きなお菓子を選びたい";
    to.needs.push_back(ValidNeed());
    const json::array d = Diff(from, to);
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0].at("before"), "自分で好きなものを選んで買いたい");
    EXPECT_EQ(d[0].at("after"), "好きなお菓子を選びたい");
    EXPECT_TRUE(d[1].at("before").is_null());
    EXPECT_EQ(d[1].at("after").at("need"), "一人で買い物に行けるようになりたい");
    const json::array back = Diff(to, from);
    EXPECT_EQ(back[1].at("change"), "removed");
    EXPECT_TRUE(back[1].at("after").is_null());
}

}  // namespace
}  // namespace tsunagu::plan
