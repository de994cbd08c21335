// Alerts from per-person dates. Thresholds are the named constants in alert.hpp.
#include <algorithm>
#include <tuple>

#include "alert/alert.hpp"

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

}  // namespace

std::vector<Alert> BuildAlerts(const std::vector<PersonDates>& people, Date today) {
    std::vector<Alert> out;
    for (const PersonDates& p : people) {
        AddMonitoring(out, p, today);
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
        for (const auto& [task_id, due] : p.open_tasks)  // overdue the day after its due date
            if (const int left = calendar::DaysBetween(today, due); left < 0)
                out.push_back(Alert{AlertKind::kTaskOverdue, p.person_id, due, left, Entity::kTask, task_id});
        if (p.birth_date) {
            // The 18th birthday (1 March for a 29 February birth in a common year): see
            // calendar::AgeOn and docs/decisions/0003-monitoring-periods.md.
            AddIfWithin(out, AlertKind::kTurning18, p.person_id, calendar::AttainsAgeOn(*p.birth_date, kAdultAge),
                        today, kTurning18Days, Entity::kPerson, p.person_id);
        }
    }
    std::sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) {
        const bool a_over = a.kind == AlertKind::kMonitoringOverdue;
        const bool b_over = b.kind == AlertKind::kMonitoringOverdue;
        return std::tuple(!a_over, a.days_left, a.kind, a.person_id, a.entity_id) <
               std::tuple(!b_over, b.days_left, b.kind, b.person_id, b.entity_id);
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
        case AlertKind::kTaskOverdue:
            return "task_overdue";
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
        case AlertKind::kTaskOverdue:
            return "期限を過ぎたタスク";
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
        case Entity::kTask:
            return "task";
    }
    return "person";
}

}  // namespace tsunagu::alert
