// The views read per-person facts through SQL; these tests hold them to the pure rules they replace:
// on the demo office, for many days, every page of every view equals what the rules compute from
// each person's records (alert::BuildAlerts, monitoring::WithStatus).
#include "caseload/caseload.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "audit/audit.hpp"
#include "demo/demo.hpp"
#include "demo/demo_fixture.hpp"
#include "storage/database.hpp"
#include "storage/migrate.hpp"

namespace tsunagu::caseload {
namespace {

class DemoOffice : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        demo_ = std::make_unique<demo::DemoDatabase>("caseload", 3);
        db_ = &demo_->db();
        office_ = demo_->office();
    }
    static void TearDownTestSuite() {
        db_ = nullptr;
        demo_.reset();
    }
    static auth::Scope Chief() { return {office_, 0, 1}; }

    //! What the rules say for every person of the office on `today`.
    static std::vector<CaseSnapshot> Snapshots(storage::Tx& tx, const calendar::Date& today) {
        std::vector<CaseSnapshot> out;
        for (auto& p : person::List(tx, Chief(), "", 1, 200).items) out.push_back(SnapshotOf(tx, p, today));
        return out;
    }

    static inline std::unique_ptr<demo::DemoDatabase> demo_;
    static inline storage::Database* db_ = nullptr;
    static inline long long office_ = 0;
};

TEST_F(DemoOffice, AlertPagesEqualTheRulesOnEveryDay) {
    storage::Tx tx(*db_, storage::Tx::Mode::kRead);
    const calendar::Date start = *calendar::Date::Parse(storage::TodayJst());
    int days_with_alerts = 0;
    // Facts drop windows that ended before they were computed, so the days checked start today.
    for (int offset = 0; offset <= 400; offset += 7) {
        const calendar::Date today = calendar::AddDays(start, offset);
        std::vector<alert::PersonDates> dates;
        for (const auto& c : Snapshots(tx, today)) dates.push_back(DatesOf(c));
        const auto want = alert::BuildAlerts(dates, today);
        std::vector<alert::Alert> got;
        long long total = -1;
        for (int page = 1; page < 100; ++page) {
            const auto p = AlertPage(tx, Chief(), 0, "", today.ToString(), {page, 3});
            total = p.total;
            for (const auto& r : p.items)
                got.push_back(alert::Alert{r.alert.kind, r.alert.person_id, r.alert.date,
                                           calendar::DaysBetween(today, r.alert.date), alert::Entity{}, 0});
            if (p.items.size() < 3) break;
        }
        ASSERT_EQ(total, static_cast<long long>(want.size())) << today.ToString();
        ASSERT_EQ(got.size(), want.size()) << today.ToString();
        for (std::size_t i = 0; i < want.size(); ++i) {
            EXPECT_EQ(got[i].kind, want[i].kind) << today.ToString() << " #" << i;
            EXPECT_EQ(got[i].person_id, want[i].person_id) << today.ToString() << " #" << i;
            EXPECT_EQ(got[i].date, want[i].date) << today.ToString() << " #" << i;
        }
        days_with_alerts += want.empty() ? 0 : 1;
    }
    EXPECT_GT(days_with_alerts, 10);  // the demo office has alerts to compare
}

TEST_F(DemoOffice, DuePagesEqualTheSchedulesWithStatus) {
    storage::Tx tx(*db_, storage::Tx::Mode::kRead);
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    const calendar::Date from = calendar::AddDays(today, -200), to = calendar::AddDays(today, 200);
    std::multiset<std::tuple<long long, std::string, std::string>> want;
    for (const auto& c : Snapshots(tx, today))
        for (const auto& s : c.due) {
            const bool in_range = s.item.due_date >= from && s.item.due_date <= to;
            const bool overdue = s.status == monitoring::DueStatus::kOverdue && s.item.due_date < from;
            if (in_range || overdue)
                want.emplace(c.person.id, s.item.year_month.ToString(), s.done_on ? s.done_on->ToString() : "");
        }
    std::multiset<std::tuple<long long, std::string, std::string>> got;
    std::string last_due;
    for (int page = 1; page < 1000; ++page) {
        const auto p = DuePage(tx, Chief(), 0, from.ToString(), to.ToString(), today.ToString(), {page, 4});
        for (const auto& r : p.items) {
            got.emplace(r.person_id, r.due_month, r.done_on);
            EXPECT_LE(last_due, r.due_date);  // ordered by due date across pages
            last_due = r.due_date;
        }
        if (p.items.size() < 4) break;
    }
    EXPECT_FALSE(want.empty());
    EXPECT_EQ(got, want);
}

TEST_F(DemoOffice, CaseloadRowsCarryTheRulesNextMonitoringAndAlertCount) {
    storage::Tx tx(*db_, storage::Tx::Mode::kRead);
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    const auto snaps = Snapshots(tx, today);
    const auto page = CasePage(tx, Chief(), 0, today.ToString(), {1, 200});
    ASSERT_EQ(page.items.size(), snaps.size());
    for (std::size_t i = 0; i < snaps.size(); ++i) {
        const auto& c = snaps[i];
        const auto& row = page.items[i];
        EXPECT_EQ(row.person.id, c.person.id);  // same order (kana, id)
        const auto next = NextMonitoring(c);
        EXPECT_EQ(row.next_due_date, next ? next->item.due_date.ToString() : "");
        EXPECT_EQ(row.alert_count, static_cast<long long>(alert::BuildAlerts({DatesOf(c)}, today).size()));
        EXPECT_EQ(row.current_plan_id, c.current_plan ? c.current_plan->id : 0);
        EXPECT_EQ(row.open_plan_id, c.open_plan ? c.open_plan->id : 0);
    }
}

TEST(CaseloadFacts, GoalsOfCountsAchievementAndSatisfaction) {
    monitoring::MonitoringReport m;
    m.id = 7;
    m.date = "2026-11-02";
    for (auto [achievement, satisfaction] : std::vector<std::pair<std::string, int>>{
             {"達成", 5}, {"一部達成", 0}, {"未達成", 2}, {"評価不能", 6}, {"達成", 1}})
        m.goals.push_back({0, "", "", satisfaction, achievement, ""});
    const Facts::Goals g = GoalsOf(m);
    EXPECT_EQ(g.monitoring_id, 7);
    EXPECT_EQ(g.date, "2026-11-02");
    EXPECT_EQ(g.achieved, 2);
    EXPECT_EQ(g.partly, 1);
    EXPECT_EQ(g.not_achieved, 1);
    EXPECT_EQ(g.satisfaction_n, 3);  // 0 (not asked) and 6 (out of range) do not count
    EXPECT_EQ(g.satisfaction_sum, 8);
    EXPECT_EQ(GoalsOf(monitoring::MonitoringReport{}).achieved, 0);
}

}  // namespace
}  // namespace tsunagu::caseload
