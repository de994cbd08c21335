// Pure rules of the dashboards (issue 14): 取扱件数 average and warnings, the caseload item, goal
// tallies, KPI figures, the region's suppression at 4 and 5; the region route rule; transfer rules.
#include "dashboard/dashboard.hpp"

#include <gtest/gtest.h>

#include "auth/session.hpp"
#include "transfer/transfer.hpp"

namespace tsunagu::dashboard {
namespace {

namespace json = boost::json;

TEST(Dashboard, HandledAverageAndWarnings) {
    EXPECT_DOUBLE_EQ(HandledAverage({0, 0, 0, 0, 0, 1}), 0.2);
    EXPECT_DOUBLE_EQ(HandledAverage({35, 35, 35, 35, 35, 35}), 35.0);
    EXPECT_EQ(CaseloadWarning(34.9), "");
    EXPECT_EQ(CaseloadWarning(35.0), "standard");
    EXPECT_EQ(CaseloadWarning(39.9), "standard");
    EXPECT_EQ(CaseloadWarning(40.0), "reduction");
}

TEST(Dashboard, CaseloadItemHighRiskShare) {
    CaseloadRow r;
    r.cases = 10;
    r.high_risk = 3;
    auto o = CaseloadItemJson(r);
    EXPECT_DOUBLE_EQ(o.at("high_risk_share").as_double(), 0.3);
    EXPECT_FALSE(o.at("high_risk_warning").as_bool());  // 30 % is within the limit
    r.high_risk = 4;
    EXPECT_TRUE(CaseloadItemJson(r).at("high_risk_warning").as_bool());
    r.cases = 0;
    r.high_risk = 0;
    EXPECT_TRUE(CaseloadItemJson(r).at("high_risk_share").is_null());
}

TEST(Dashboard, CaseloadTotalsShareOverAllCases) {
    CaseloadTotals t;
    EXPECT_TRUE(CaseloadTotalsJson(t).at("high_risk_share").is_null());  // no cases: no share
    t.staff = 3;
    t.cases = 200;
    t.high_risk = 37;
    t.stable = 120;
    const auto o = CaseloadTotalsJson(t);
    EXPECT_EQ(o.at("staff").as_int64(), 3);
    EXPECT_EQ(o.at("cases").as_int64(), 200);
    EXPECT_EQ(o.at("stable").as_int64(), 120);
    EXPECT_DOUBLE_EQ(o.at("high_risk_share").as_double(), 0.185);
    EXPECT_EQ(o.size(), 8u);
}

TEST(Dashboard, KpiJsonRatesAndEmpty) {
    KpiCounts k;
    auto empty = KpiJson(k);
    EXPECT_TRUE(empty.at("monitoring_on_time_rate").at("value").is_null());
    EXPECT_TRUE(empty.at("time_use").at("value").is_null());
    k.due = 3;
    k.due_on_time = 2;
    k.minutes = {60, 30, 10, 0};
    k.notes = 3;
    auto o = KpiJson(k);
    EXPECT_DOUBLE_EQ(o.at("monitoring_on_time_rate").at("value").as_double(), 0.667);
    EXPECT_DOUBLE_EQ(o.at("time_use").at("value").at("interview").at("share").as_double(), 0.6);
    EXPECT_DOUBLE_EQ(o.at("time_use").at("value").at("reflection").at("target").as_double(), 0.1);
}

TEST(Dashboard, SuppressAtFourNotFive) {
    json::object four{{"value", 0.5}, {"count", 4}, {"persons", 10}};
    Suppress(four);
    EXPECT_TRUE(four.at("value").is_null());
    EXPECT_TRUE(four.at("count").is_null());
    EXPECT_TRUE(four.at("suppressed").as_bool());
    json::object five{{"value", 0.5}, {"count", 5}, {"persons", 5}, {"on_time", 5}};
    Suppress(five);
    EXPECT_DOUBLE_EQ(five.at("value").as_double(), 0.5);
    EXPECT_FALSE(five.contains("suppressed"));
    // From fewer than 5 persons: suppressed although the count is large.
    json::object few{{"value", 0.5}, {"count", 50}, {"persons", 4}};
    Suppress(few);
    EXPECT_TRUE(few.at("suppressed").as_bool());
    json::object missing{{"value", nullptr}, {"count", nullptr}, {"source_missing", true}};
    Suppress(missing);
    EXPECT_FALSE(missing.contains("suppressed"));
    EXPECT_TRUE(RegionCount(4).at("suppressed").as_bool());
    EXPECT_EQ(RegionCount(5).at("value").as_int64(), 5);
}

TEST(Dashboard, RegionCaseloadSuppression) {
    CaseloadRow a;
    a.cases = 4;
    a.high_risk = 1;
    auto o = RegionCaseloadJson({a});
    EXPECT_TRUE(o.at("cases").at("suppressed").as_bool());
    EXPECT_TRUE(o.at("high_risk_share").at("suppressed").as_bool());
    a.cases = 20;
    a.high_risk = 5;
    o = RegionCaseloadJson({a});
    EXPECT_EQ(o.at("cases").at("value").as_int64(), 20);
    EXPECT_DOUBLE_EQ(o.at("high_risk_share").at("value").as_double(), 0.25);
}

TEST(Region, RegionUserReachesRegionRoutesOnly) {
    EXPECT_TRUE(auth::RegionMayCall("/api/v1/region/{rid}/dashboard"));
    EXPECT_TRUE(auth::RegionMayCall("/api/v1/auth/me"));
    EXPECT_TRUE(auth::RegionMayCall("/healthz"));
    for (const char* p : {"/api/v1/persons", "/api/v1/persons/{id}", "/api/v1/alerts", "/api/v1/search",
                          "/api/v1/caseload", "/print/persons/{id}/crisis-plan", "/api/v1/dashboard/kpi",
                          "/api/v1/regions", "/api/v1/transfers", "/api/v1/users"})
        EXPECT_FALSE(auth::RegionMayCall(p)) << p;
}

TEST(Transfer, ScopeNamesOffice) {
    EXPECT_TRUE(
        transfer::ScopeNamesOffice(R"(["市障害福祉課","みなと相談支援センター"])", 2, "みなと相談支援センター"));
    EXPECT_FALSE(transfer::ScopeNamesOffice(R"(["みなと相談支援"])", 2, "みなと相談支援センター"));
    EXPECT_TRUE(transfer::ScopeNamesOffice(R"([{"office_id":2}])", 2, "x"));
    EXPECT_FALSE(transfer::ScopeNamesOffice(R"([{"office_id":3}])", 2, "x"));
    EXPECT_FALSE(transfer::ScopeNamesOffice("", 2, "x"));
    EXPECT_TRUE(transfer::Reachable({}, {}));
    EXPECT_TRUE(transfer::Reachable({1, 2}, {2}));
    EXPECT_FALSE(transfer::Reachable({1}, {}));
}

TEST(Transfer, FollowUpIsDueThirtyDaysAfterAcceptance) {
    const struct {
        calendar::Date accepted, due;
    } cases[] = {
        {{2026, 11, 30}, {2026, 12, 30}},  // within a year
        {{2026, 12, 15}, {2027, 1, 14}},   // across the new year
        {{2028, 2, 1}, {2028, 3, 2}},      // a leap February (29 days)
        {{2027, 2, 1}, {2027, 3, 3}},      // a common February (28 days)
        {{2027, 1, 31}, {2027, 3, 2}},     // from a month's last day
    };
    for (const auto& c : cases) EXPECT_EQ(transfer::FollowUpDue(c.accepted), c.due) << c.accepted.ToString();
}

TEST(Transfer, FollowUpNamesTheTransferAndNoPerson) {
    EXPECT_EQ(transfer::FollowUpText(12, "みなと相談支援センター", "2026-11-30"),
              "引継ぎ後の状況確認（引継ぎ #12・引継ぎ先: みなと相談支援センター・2026-11-30 受け入れ）");
    // the sender's specialist while active in the sending office, else whoever asked
    EXPECT_EQ(transfer::FollowUpOwner(7, true, 3), 7);
    EXPECT_EQ(transfer::FollowUpOwner(7, false, 3), 3);
    EXPECT_EQ(transfer::FollowUpOwner(0, true, 3), 3);
}

}  // namespace
}  // namespace tsunagu::dashboard
