// Alerts from per-person dates. Thresholds are the named constants in alert.hpp.
#include <algorithm>
#include <tuple>

#include "alert/alert.hpp"
#include "redflag/redflag.hpp"

namespace tsunagu::alert {
namespace {

// Adds an alert when `date` is within [today, today + window].
void AddIfWithin(std::vector<Alert>& out, AlertKind kind, long long person_id, Date date, Date today, int window,
                 Entity entity, long long entity_id) {
    const int days_left = calendar::DaysBetween(today, date);
    if (days_left < 0 || days_left > window) return;
    out.push_back(Alert{kind, person_id, date, days_left, entity, entity_id});
}

void AddMonitoring(std::vector<Alert>& out, const PersonDates& p, Date today) {
    for (const monitoring::DueItemStatus& s : p.monitoring) {
        if (s.status == monitoring::DueStatus::kDone) continue;
        // Recomputed from the date rather than trusting a status computed on another day.
        const Date due = s.item.due_date;
        const int days_left = calendar::DaysBetween(today, due);
        if (days_left < 0) {
            out.push_back(Alert{AlertKind::kMonitoringOverdue, p.person_id, due, days_left, Entity::kPlan, p.plan_id});
        } else {
            AddIfWithin(out, AlertKind::kMonitoringDue, p.person_id, due, today, kMonitoringDueDays, Entity::kPlan,
                        p.plan_id);
        }
    }
}

// Rights and safety: open abuse reports, a raised red flag, a red-flag review over 92 days old.
void AddRights(std::vector<Alert>& out, const PersonDates& p, Date today) {
    for (const auto& [id, on] : p.open_abuse_reports)
        out.push_back(Alert{AlertKind::kAbuseReport, p.person_id, on, calendar::DaysBetween(today, on),
                            Entity::kAbuseReport, id});
    if (!p.redflags_reviewed_on) return;
    const Date on = *p.redflags_reviewed_on;
    if (p.redflag_raised)
        out.push_back(Alert{AlertKind::kRedflagRaised, p.person_id, on, calendar::DaysBetween(today, on),
                            Entity::kPerson, p.person_id});
    if (redflag::ReviewOverdue(on, today)) {
        const Date due = redflag::ReviewDueOn(on);
        out.push_back(Alert{AlertKind::kRedflagReviewDue, p.person_id, due, calendar::DaysBetween(today, due),
                            Entity::kPerson, p.person_id});
    }
}

//! Sort rank: everything already due (dated today or earlier) first, so the list stays in date order;
//! the home screen pins abuse reports above it all (web/src/screens/Home.tsx).
int Rank(AlertKind k) {
    switch (k) {
        case AlertKind::kMonitoringOverdue:
        case AlertKind::kAbuseReport:
        case AlertKind::kRedflagRaised:
        case AlertKind::kRedflagReviewDue:
            return 0;
        default:
            return 1;
    }
}

}  // namespace

std::vector<Alert> BuildAlerts(const std::vector<PersonDates>& people, Date today) {
    std::vector<Alert> out;
    for (const PersonDates& p : people) {
        AddMonitoring(out, p, today);
        AddRights(out, p, today);
        if (p.decision_period_end) {
            AddIfWithin(out, AlertKind::kDecisionPeriodEnding, p.person_id, *p.decision_period_end, today,
                        kDecisionPeriodEndingDays, p.decision_id ? Entity::kDecision : Entity::kPerson,
                        p.decision_id ? p.decision_id : p.person_id);
        }
        if (p.support_level_valid_until) {
            AddIfWithin(out, AlertKind::kSupportLevelExpiring, p.person_id, *p.support_level_valid_until, today,
                        kSupportLevelExpiringDays, Entity::kPerson, p.person_id);
        }
        for (const ConsentExpiry& c : p.consents) {
            AddIfWithin(out, AlertKind::kConsentExpiring, p.person_id, c.valid_until, today, kConsentExpiringDays,
                        Entity::kConsent, c.consent_id);
        }
        if (p.birth_date) {
            // The 18th birthday (1 March for a 29 February birth in a common year): see
            // calendar::AgeOn and docs/decisions/0003-monitoring-periods.md.
            AddIfWithin(out, AlertKind::kTurning18, p.person_id, calendar::AttainsAgeOn(*p.birth_date, kAdultAge),
                        today, kTurning18Days, Entity::kPerson, p.person_id);
        }
    }
    std::sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) {
        return std::tuple(Rank(a.kind), a.days_left, a.kind, a.person_id, a.entity_id) <
               std::tuple(Rank(b.kind), b.days_left, b.kind, b.person_id, b.entity_id);
    });
    return out;
}

std::string_view KindCode(AlertKind k) {
    switch (k) {
        case AlertKind::kMonitoringOverdue:
            return "monitoring_overdue";
        case AlertKind::kMonitoringDue:
            return "monitoring_due";
        case AlertKind::kDecisionPeriodEnding:
            return "decision_period_ending";
        case AlertKind::kSupportLevelExpiring:
            return "support_level_expiring";
        case AlertKind::kConsentExpiring:
            return "consent_expiring";
        case AlertKind::kTurning18:
            return "turning_18";
        case AlertKind::kAbuseReport:
            return "abuse_report";
        case AlertKind::kRedflagRaised:
            return "redflag_raised";
        case AlertKind::kRedflagReviewDue:
            return "redflag_review_due";
    }
    return "unknown";
}

std::string_view KindNameJa(AlertKind k) {
    switch (k) {
        case AlertKind::kMonitoringOverdue:
            return "モニタリング未実施";
        case AlertKind::kMonitoringDue:
            return "モニタリング期限が近い";
        case AlertKind::kDecisionPeriodEnding:
            return "支給決定期間の終了が近い";
        case AlertKind::kSupportLevelExpiring:
            return "障害支援区分の有効期間の終了が近い";
        case AlertKind::kConsentExpiring:
            return "同意の期限が近い";
        case AlertKind::kTurning18:
            return "18歳到達が近い";
        case AlertKind::kAbuseReport:
            return "虐待通報（対応中）";
        case AlertKind::kRedflagRaised:
            return "レッドフラグ（要対応）";
        case AlertKind::kRedflagReviewDue:
            return "レッドフラグの見直し時期を過ぎています";
    }
    return "";
}

std::string_view EntityCode(Entity e) {
    switch (e) {
        case Entity::kPlan:
            return "plan";
        case Entity::kDecision:
            return "decision";
        case Entity::kConsent:
            return "consent";
        case Entity::kPerson:
            return "person";
        case Entity::kAbuseReport:
            return "abuse_report";
    }
    return "person";
}

}  // namespace tsunagu::alert
