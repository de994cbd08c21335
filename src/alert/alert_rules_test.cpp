#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "alert/alert.hpp"

namespace tsunagu::alert {
namespace {

using calendar::AddDays;
using calendar::YearMonth;

Date D(std::string_view s) { return Date::Parse(s).value(); }

monitoring::DueItemStatus Month(const char* ym, monitoring::DueStatus st = monitoring::DueStatus::kDue) {
    const YearMonth m = YearMonth::Parse(ym).value();
    return {{m, calendar::LastDayOfMonth(m)}, st, std::nullopt};
}

// One person with one fact set by `set`, alerts on `today`.
template <typename Set>
std::vector<Alert> One(Date today, Set set) {
    PersonDates p;
    p.person_id = 7;
    set(p);
    return BuildAlerts({p}, today);
}

// Boundaries of every windowed kind: day 0 and exactly N days ahead fire; N + 1 and the day
// after the deadline do not.
TEST(BuildAlerts, WindowBoundaries) {
    const Date end = D("2026-09-30");
    struct Case {
        const char* name;
        AlertKind kind;
        int window;
        void (*set)(PersonDates&, Date);
        Entity entity;
        long long entity_id;
    };
    const Case cases[] = {
        {"decision period", AlertKind::kDecisionPeriodEnding, 90,
         [](PersonDates& p, Date d) {
             p.decision_id = 31;
             p.decision_period_end = d;
         },
         Entity::kDecision, 31},
        {"support level", AlertKind::kSupportLevelExpiring, 90,
         [](PersonDates& p, Date d) { p.support_level_valid_until = d; }, Entity::kPerson, 7},
        {"consent", AlertKind::kConsentExpiring, 30,
         [](PersonDates& p, Date d) {
             p.consents = {{42, d}};
         },
         Entity::kConsent, 42},
    };
    for (const Case& c : cases) {
        struct Probe {
            int days_before;
            bool fires;
        };
        for (const Probe pr :
             {Probe{c.window + 1, false}, Probe{c.window, true}, Probe{1, true}, Probe{0, true}, Probe{-1, false}}) {
            const Date today = AddDays(end, -pr.days_before);
            const auto got = One(today, [&](PersonDates& p) { c.set(p, end); });
            ASSERT_EQ(got.size(), pr.fires ? 1u : 0u) << c.name << " " << pr.days_before << " days before";
            if (!pr.fires) continue;
            EXPECT_EQ(got[0].kind, c.kind) << c.name;
            EXPECT_EQ(got[0].person_id, 7) << c.name;
            EXPECT_EQ(got[0].date, end) << c.name;
            EXPECT_EQ(got[0].days_left, pr.days_before) << c.name;
            EXPECT_EQ(got[0].entity, c.entity) << c.name;
            EXPECT_EQ(got[0].entity_id, c.entity_id) << c.name;
        }
    }
}

TEST(BuildAlerts, ThresholdsAreTheNamedConstants) {
    EXPECT_EQ(kMonitoringDueDays, 14);
    EXPECT_EQ(kDecisionPeriodEndingDays, 90);
    EXPECT_EQ(kSupportLevelExpiringDays, 90);
    EXPECT_EQ(kConsentExpiringDays, 30);
    EXPECT_EQ(kTurning18Days, 180);
}

TEST(BuildAlerts, ConsentCarriesItsId) {
    const auto got = One(D("2026-09-01"), [](PersonDates& p) {
        p.consents = {{42, D("2026-09-10")}, {43, D("2027-01-01")}};
    });
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].entity, Entity::kConsent);
    EXPECT_EQ(got[0].entity_id, 42);
}

TEST(BuildAlerts, MonitoringDueAndOverdue) {
    // July's due date is 2026-07-31.
    struct Case {
        const char* name;
        const char* today;
        monitoring::DueStatus status;
        std::optional<AlertKind> want;
        int days_left;
    };
    const std::vector<Case> cases = {
        {"15 days before: nothing", "2026-07-16", monitoring::DueStatus::kDue, std::nullopt, 0},
        {"exactly 14 days before", "2026-07-17", monitoring::DueStatus::kDue, AlertKind::kMonitoringDue, 14},
        {"on the due date", "2026-07-31", monitoring::DueStatus::kDue, AlertKind::kMonitoringDue, 0},
        {"the day after", "2026-08-01", monitoring::DueStatus::kOverdue, AlertKind::kMonitoringOverdue, -1},
        {"long overdue", "2026-10-31", monitoring::DueStatus::kOverdue, AlertKind::kMonitoringOverdue, -92},
        {"done: nothing", "2026-08-01", monitoring::DueStatus::kDone, std::nullopt, 0},
        // A stale status is recomputed from the date.
        {"stale 'due' after the date", "2026-08-02", monitoring::DueStatus::kDue, AlertKind::kMonitoringOverdue, -2},
    };
    for (const Case& c : cases) {
        const auto got = One(D(c.today), [&](PersonDates& p) {
            p.plan_id = 11;
            p.monitoring = {Month("2026-07", c.status)};
        });
        if (!c.want) {
            EXPECT_TRUE(got.empty()) << c.name;
            continue;
        }
        ASSERT_EQ(got.size(), 1u) << c.name;
        EXPECT_EQ(got[0].kind, *c.want) << c.name;
        EXPECT_EQ(got[0].days_left, c.days_left) << c.name;
        EXPECT_EQ(got[0].date, D("2026-07-31")) << c.name;
        EXPECT_EQ(got[0].entity, Entity::kPlan) << c.name;
        EXPECT_EQ(got[0].entity_id, 11) << c.name;
    }
}

TEST(BuildAlerts, Turning18) {
    struct Case {
        const char* name;
        const char* birth;
        const char* today;
        std::optional<const char*> want_date;
        int days_left;
    };
    const std::vector<Case> cases = {
        // 2025-12-17 → 2026-06-15 is exactly 180 days.
        {"exactly 180 days before", "2008-06-15", "2025-12-17", "2026-06-15", 180},
        {"181 days before", "2008-06-15", "2025-12-16", std::nullopt, 0},
        {"on the birthday", "2008-06-15", "2026-06-15", "2026-06-15", 0},
        {"the day after: already 18", "2008-06-15", "2026-06-16", std::nullopt, 0},
        // Born 29 Feb: 18 on 1 March in a common year. 2025-09-02 → 2026-03-01 is 180 days.
        {"29 Feb birth, 180 days before 1 March", "2008-02-29", "2025-09-02", "2026-03-01", 180},
        {"29 Feb birth, 181 days before 1 March", "2008-02-29", "2025-09-01", std::nullopt, 0},
        {"29 Feb birth, on 28 Feb still 17", "2008-02-29", "2026-02-28", "2026-03-01", 1},
        {"adult", "1990-01-01", "2026-01-01", std::nullopt, 0},
        {"young child", "2020-05-05", "2026-01-01", std::nullopt, 0},
    };
    for (const Case& c : cases) {
        const auto got = One(D(c.today), [&](PersonDates& p) { p.birth_date = D(c.birth); });
        if (!c.want_date) {
            EXPECT_TRUE(got.empty()) << c.name;
            continue;
        }
        ASSERT_EQ(got.size(), 1u) << c.name;
        EXPECT_EQ(got[0].kind, AlertKind::kTurning18) << c.name;
        EXPECT_EQ(got[0].date, D(*c.want_date)) << c.name;
        EXPECT_EQ(got[0].days_left, c.days_left) << c.name;
        EXPECT_EQ(got[0].entity, Entity::kPerson) << c.name;
        EXPECT_EQ(got[0].entity_id, 7) << c.name;
    }
    // 18 is not a multiple of 4, so someone born on 29 Feb never turns 18 in a leap year.
    const auto leap = One(D("2030-02-01"), [](PersonDates& p) { p.birth_date = D("2012-02-29"); });
    ASSERT_EQ(leap.size(), 1u);
    EXPECT_EQ(leap[0].date, D("2030-03-01"));
}

TEST(BuildAlerts, SortedOverdueFirstThenByDaysLeft) {
    PersonDates a;
    a.person_id = 1;
    a.decision_period_end = D("2026-08-20");                                               // 50 days
    a.monitoring = {Month("2026-06", monitoring::DueStatus::kOverdue), Month("2026-07")};  // -1, 30 (no alert)
    PersonDates b;
    b.person_id = 2;
    b.consents = {{9, D("2026-07-03")}};                                 // 2 days
    b.monitoring = {Month("2026-05", monitoring::DueStatus::kOverdue)};  // -31
    b.support_level_valid_until = D("2026-08-20");                       // 50 days
    b.birth_date = D("2008-10-01");                                      // 92 days
    PersonDates quiet;
    quiet.person_id = 3;

    const auto got = BuildAlerts({a, b, quiet}, D("2026-07-01"));
    struct Want {
        AlertKind kind;
        long long person;
        int days_left;
    };
    const std::vector<Want> want = {
        {AlertKind::kMonitoringOverdue, 2, -31},   {AlertKind::kMonitoringOverdue, 1, -1},
        {AlertKind::kConsentExpiring, 2, 2},       {AlertKind::kDecisionPeriodEnding, 1, 50},
        {AlertKind::kSupportLevelExpiring, 2, 50}, {AlertKind::kTurning18, 2, 92},
    };
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].kind, want[i].kind) << i;
        EXPECT_EQ(got[i].person_id, want[i].person) << i;
        EXPECT_EQ(got[i].days_left, want[i].days_left) << i;
    }
}

TEST(BuildAlerts, KindCodesAndNames) {
    struct Case {
        AlertKind kind;
        const char* code;
    };
    const Case cases[] = {
        {AlertKind::kMonitoringOverdue, "monitoring_overdue"},
        {AlertKind::kMonitoringDue, "monitoring_due"},
        {AlertKind::kDecisionPeriodEnding, "decision_period_ending"},
        {AlertKind::kSupportLevelExpiring, "support_level_expiring"},
        {AlertKind::kConsentExpiring, "consent_expiring"},
        {AlertKind::kTurning18, "turning_18"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(KindCode(c.kind), c.code);
        EXPECT_FALSE(KindNameJa(c.kind).empty()) << c.code;
    }
    EXPECT_EQ(EntityCode(Entity::kPlan), "plan");
    EXPECT_EQ(EntityCode(Entity::kDecision), "decision");
    EXPECT_EQ(EntityCode(Entity::kConsent), "consent");
    EXPECT_EQ(EntityCode(Entity::kPerson), "person");
}

TEST(BuildAlerts, FromTheMonitoringSchedule) {
    // End to end with the monitoring rules: every 3 months, July done, October overdue.
    monitoring::ScheduleInput in;
    in.plan_date = D("2026-04-10");
    in.decision_period = {D("2026-04-01"), D("2027-03-31")};
    in.monitoring_interval_months = 3;
    PersonDates p;
    p.person_id = 5;
    p.decision_period_end = in.decision_period.end;
    p.monitoring = monitoring::WithStatus(monitoring::Schedule(in), {D("2026-07-15")}, D("2027-01-20"));
    const auto got = BuildAlerts({p}, D("2027-01-20"));
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].kind, AlertKind::kMonitoringOverdue);
    EXPECT_EQ(got[0].date, D("2026-10-31"));
    EXPECT_EQ(got[1].kind, AlertKind::kMonitoringDue);  // January, due 2027-01-31
    EXPECT_EQ(got[1].days_left, 11);
    EXPECT_EQ(got[2].kind, AlertKind::kDecisionPeriodEnding);
    EXPECT_EQ(got[2].days_left, 70);
}

// Rights and safety: open abuse reports, raised red flags and red-flag reviews past due are already
// due, so they sort with overdue monitorings, by date; a review is due after 92 days (day 93 alerts).
TEST(BuildAlerts, RightsAndSafetyAmongTheDue) {
    const Date today = D("2026-11-30");
    PersonDates a;
    a.person_id = 1;
    a.monitoring = {Month("2026-09")};  // overdue since 2026-09-30
    a.support_level_valid_until = D("2026-12-10");
    PersonDates b;
    b.person_id = 2;
    b.open_abuse_reports = {{41, D("2026-11-01")}};
    b.redflags_reviewed_on = D("2026-08-29");  // 93 days before today
    b.redflag_raised = true;
    const auto out = BuildAlerts({a, b}, today);
    ASSERT_EQ(out.size(), 5u);
    EXPECT_EQ(out[0].kind, AlertKind::kRedflagRaised);      // 2026-08-29
    EXPECT_EQ(out[1].kind, AlertKind::kMonitoringOverdue);  // 2026-09-30
    EXPECT_EQ(out[2].kind, AlertKind::kAbuseReport);        // 2026-11-01
    EXPECT_EQ(out[2].entity, Entity::kAbuseReport);
    EXPECT_EQ(out[2].entity_id, 41);
    EXPECT_EQ(out[3].kind, AlertKind::kRedflagReviewDue);  // 2026-11-29
    EXPECT_EQ(out[3].date, D("2026-11-29"));
    EXPECT_EQ(out[3].days_left, -1);
    EXPECT_EQ(out[4].kind, AlertKind::kSupportLevelExpiring);
    EXPECT_EQ(KindCode(AlertKind::kRedflagReviewDue), "redflag_review_due");
    EXPECT_EQ(KindCode(AlertKind::kAbuseReport), "abuse_report");
    // Day 92 is not yet over: no review alert; nothing raised, nothing open: no alert at all.
    EXPECT_TRUE(One(today, [](PersonDates& p) { p.redflags_reviewed_on = D("2026-08-30"); }).empty());
}

}  // namespace
}  // namespace tsunagu::alert

// --- issue #17: school leaving, turning 65, transition periods --------------------------------
namespace tsunagu::alert {
namespace {

Date Dt(std::string_view s) { return Date::Parse(s).value(); }

TEST(SchoolLeavingOn, TheSchoolYearOfTheEighteenthBirthday) {
    struct Case {
        const char* birth;
        const char* want;
    };
    const Case cases[] = {
        {"2008-04-01", "2026-03-31"},  // 1 April: attains 18 on 31 March, the earlier school year
        {"2008-04-02", "2027-03-31"},  // 2 April: the first day of the next school year
        {"2008-12-31", "2027-03-31"},  // 31 December: the school year 2026 (April 2026 – March 2027)
        {"2009-01-01", "2027-03-31"},  // 1 January: 18 in January 2027, that year's 31 March
        {"2008-02-29", "2026-03-31"},  // 29 February: 18 on 1 March 2026 (common year), same year
        {"2008-03-31", "2026-03-31"},
    };
    for (const auto& c : cases) EXPECT_EQ(SchoolLeavingOn(Dt(c.birth)), Dt(c.want)) << c.birth;
}

TEST(BuildAlerts, SchoolLeavingOnlyWithChildServicesFrom180Days) {
    PersonDates p;
    p.person_id = 7;
    p.birth_date = Dt("2008-04-02");  // leaves school on 2027-03-31
    auto kinds = [&](Date today) {
        std::vector<AlertKind> out;
        for (const Alert& a : BuildAlerts({p}, today)) out.push_back(a.kind);
        return out;
    };
    auto has = [&](Date today) {
        const auto k = kinds(today);
        return std::find(k.begin(), k.end(), AlertKind::kSchoolLeaving) != k.end();
    };
    EXPECT_FALSE(has(Dt("2027-03-01")));  // no child services: no alert
    p.uses_child_services = true;
    EXPECT_TRUE(has(AddDays(Dt("2027-03-31"), -180)));
    EXPECT_FALSE(has(AddDays(Dt("2027-03-31"), -181)));
    EXPECT_TRUE(has(Dt("2027-03-31")));
    EXPECT_FALSE(has(Dt("2027-04-01")));
    EXPECT_EQ(KindCode(AlertKind::kSchoolLeaving), "school_leaving");
    EXPECT_NE(KindNameJa(AlertKind::kSchoolLeaving).find("障害支援区分"), std::string_view::npos);
}

TEST(BuildAlerts, Turning65Within180Days) {
    struct Case {
        const char* birth;
        const char* today;
        bool fires;
        const char* date;
    };
    const Case cases[] = {
        {"1961-10-01", "2026-04-04", true, "2026-10-01"},   // exactly 180 days before the 65th birthday
        {"1961-10-01", "2026-04-03", false, "2026-10-01"},  // 181 days before
        {"1961-10-01", "2026-10-01", true, "2026-10-01"},   // the birthday itself
        {"1961-10-01", "2026-10-02", false, "2026-10-01"},  // 65 already: 介護保険 has taken over
        {"1960-02-29", "2025-02-28", true, "2025-03-01"},   // 29 February: 1 March in a common year
        {"1990-01-01", "2026-04-01", false, "2055-01-01"},
    };
    for (const auto& c : cases) {
        PersonDates p;
        p.person_id = 7;
        p.birth_date = Dt(c.birth);
        bool fired = false;
        for (const Alert& a : BuildAlerts({p}, Dt(c.today)))
            if (a.kind == AlertKind::kTurning65) {
                fired = true;
                EXPECT_EQ(a.date, Dt(c.date)) << c.birth;
                EXPECT_EQ(a.entity, Entity::kPerson);
            }
        EXPECT_EQ(fired, c.fires) << c.birth << " on " << c.today;
    }
    EXPECT_NE(KindNameJa(AlertKind::kTurning65).find("介護保険"), std::string_view::npos);
    EXPECT_EQ(KindFromCode("turning_65"), AlertKind::kTurning65);
}

TEST(BuildAlerts, TransitionEndingAndSettlementRenewal) {
    PersonDates p;
    p.person_id = 7;
    p.transitions = {{31, false, Dt("2026-09-30")}, {32, true, Dt("2027-03-31")}};
    auto find = [&](Date today, AlertKind k) {
        for (const Alert& a : BuildAlerts({p}, today))
            if (a.kind == k) return a.entity_id;
        return 0LL;
    };
    EXPECT_EQ(find(Dt("2026-08-31"), AlertKind::kTransitionEnding), 31);  // 30 days before
    EXPECT_EQ(find(Dt("2026-08-30"), AlertKind::kTransitionEnding), 0);   // 31 days before
    EXPECT_EQ(find(Dt("2027-03-01"), AlertKind::kSettlementRenewal), 32);
    EXPECT_EQ(find(Dt("2027-02-28"), AlertKind::kSettlementRenewal), 0);
    EXPECT_EQ(EntityCode(Entity::kTransition), "transition");
    EXPECT_EQ(KindFromCode("transition_ending"), AlertKind::kTransitionEnding);
    EXPECT_EQ(KindFromCode("settlement_renewal"), AlertKind::kSettlementRenewal);
}

}  // namespace
}  // namespace tsunagu::alert
