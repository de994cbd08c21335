// Alerts from per-person dates. Thresholds are the named constants in alert.hpp.
#include <algorithm>
#include <tuple>

#include "alert/alert.hpp"
#include "redflag/redflag.hpp"

namespace tsunagu::alert {
namespace {

// An alert that shows from `window` days before `date` up to and including `date`.
void AddIfWithin(std::vector<Candidate>& out, AlertKind kind, long long person_id, Date date, int window, Entity entity,
                 long long entity_id) {
    out.push_back(Candidate{kind, person_id, date, calendar::AddDays(date, -window), date, entity, entity_id});
}

void AddMonitoring(std::vector<Candidate>& out, const PersonDates& p) {
    for (const monitoring::DueItemStatus& s : p.monitoring) {
        if (s.status == monitoring::DueStatus::kDone) continue;
        // Not done: announced before its due date, overdue from the day after until it is recorded.
        const Date due = s.item.due_date;
        AddIfWithin(out, AlertKind::kMonitoringDue, p.person_id, due, kMonitoringDueDays, Entity::kPlan, p.plan_id);
        out.push_back(Candidate{AlertKind::kMonitoringOverdue, p.person_id, due, calendar::AddDays(due, 1), kForever,
                                Entity::kPlan, p.plan_id});
    }
}

// Rights and safety: open abuse reports and a raised red flag show until closed or lowered; a
// red-flag review shows as due from the day after it fell due (92 days) until the next review.
void AddRights(std::vector<Candidate>& out, const PersonDates& p) {
    constexpr Date kAlways{1, 1, 1};
    for (const auto& [id, on] : p.open_abuse_reports)
        out.push_back(Candidate{AlertKind::kAbuseReport, p.person_id, on, kAlways, kForever, Entity::kAbuseReport, id});
    if (!p.redflags_reviewed_on) return;
    const Date on = *p.redflags_reviewed_on;
    if (p.redflag_raised)
        out.push_back(
            Candidate{AlertKind::kRedflagRaised, p.person_id, on, kAlways, kForever, Entity::kPerson, p.person_id});
    const Date due = redflag::ReviewDueOn(on);
    out.push_back(Candidate{AlertKind::kRedflagReviewDue, p.person_id, due, calendar::AddDays(due, 1), kForever,
                            Entity::kPerson, p.person_id});
}

}  // namespace

int SortGroup(AlertKind k) {
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

std::vector<Candidate> Candidates(const PersonDates& p) {
    std::vector<Candidate> out;
    AddMonitoring(out, p);
    AddRights(out, p);
    if (p.decision_period_end) {
        AddIfWithin(out, AlertKind::kDecisionPeriodEnding, p.person_id, *p.decision_period_end,
                    kDecisionPeriodEndingDays, p.decision_id ? Entity::kDecision : Entity::kPerson,
                    p.decision_id ? p.decision_id : p.person_id);
    }
    if (p.support_level_valid_until) {
        AddIfWithin(out, AlertKind::kSupportLevelExpiring, p.person_id, *p.support_level_valid_until,
                    kSupportLevelExpiringDays, Entity::kPerson, p.person_id);
    }
    for (const ConsentExpiry& c : p.consents) {
        AddIfWithin(out, AlertKind::kConsentExpiring, p.person_id, c.valid_until, kConsentExpiringDays,
                    Entity::kConsent, c.consent_id);
    }
    for (const auto& [task_id, due] : p.open_tasks)  // overdue the day after its due date, until done
        out.push_back(Candidate{AlertKind::kTaskOverdue, p.person_id, due, calendar::AddDays(due, 1), kForever,
                                Entity::kTask, task_id});
    if (p.birth_date) {
        // The 18th birthday (1 March for a 29 February birth in a common year): see
        // calendar::AgeOn and docs/decisions/0003-monitoring-periods.md.
        AddIfWithin(out, AlertKind::kTurning18, p.person_id, calendar::AttainsAgeOn(*p.birth_date, kAdultAge),
                    kTurning18Days, Entity::kPerson, p.person_id);
        // Issue #17: leaving school (for a person using child services) and turning 65.
        if (p.uses_child_services)
            AddIfWithin(out, AlertKind::kSchoolLeaving, p.person_id, SchoolLeavingOn(*p.birth_date), kSchoolLeavingDays,
                        Entity::kPerson, p.person_id);
        AddIfWithin(out, AlertKind::kTurning65, p.person_id, calendar::AttainsAgeOn(*p.birth_date, kCareInsuranceAge),
                    kTurning65Days, Entity::kPerson, p.person_id);
    }
    for (const TransitionEnd& t : p.transitions)
        AddIfWithin(out, t.settlement ? AlertKind::kSettlementRenewal : AlertKind::kTransitionEnding, p.person_id,
                    t.end, t.settlement ? kSettlementRenewalDays : kTransitionEndingDays, Entity::kTransition,
                    t.transition_id);
    return out;
}

std::vector<Alert> BuildAlerts(const std::vector<PersonDates>& people, Date today) {
    std::vector<Alert> out;
    for (const PersonDates& p : people)
        for (const Candidate& c : Candidates(p))
            if (c.fire_from <= today && today <= c.fire_until)
                out.push_back(
                    Alert{c.kind, c.person_id, c.date, calendar::DaysBetween(today, c.date), c.entity, c.entity_id});
    std::sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) {
        return std::tuple(SortGroup(a.kind), a.days_left, a.kind, a.person_id, a.entity_id) <
               std::tuple(SortGroup(b.kind), b.days_left, b.kind, b.person_id, b.entity_id);
    });
    return out;
}

Date SchoolLeavingOn(Date birth) {
    const int year18 = birth.y + kAdultAge;
    const bool early = birth.m < 4 || (birth.m == 4 && birth.d == 1);  // 1 January – 1 April (29 February too)
    return Date{early ? year18 : year18 + 1, 3, 31};
}

int KindRank(AlertKind k) { return SortGroup(k) * 1000 + static_cast<int>(k); }

std::optional<AlertKind> KindFromCode(std::string_view code) {
    for (AlertKind k :
         {AlertKind::kMonitoringOverdue, AlertKind::kMonitoringDue, AlertKind::kDecisionPeriodEnding,
          AlertKind::kSupportLevelExpiring, AlertKind::kConsentExpiring, AlertKind::kTurning18, AlertKind::kTaskOverdue,
          AlertKind::kAbuseReport, AlertKind::kRedflagRaised, AlertKind::kRedflagReviewDue,
          // issue #17
          AlertKind::kSchoolLeaving, AlertKind::kTurning65, AlertKind::kTransitionEnding,
          AlertKind::kSettlementRenewal})
        if (KindCode(k) == code) return k;
    return std::nullopt;
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
        case AlertKind::kAbuseReport:
            return "abuse_report";
        case AlertKind::kRedflagRaised:
            return "redflag_raised";
        case AlertKind::kRedflagReviewDue:
            return "redflag_review_due";
        case AlertKind::kSchoolLeaving:
            return "school_leaving";
        case AlertKind::kTurning65:
            return "turning_65";
        case AlertKind::kTransitionEnding:
            return "transition_ending";
        case AlertKind::kSettlementRenewal:
            return "settlement_renewal";
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
        case AlertKind::kAbuseReport:
            return "虐待通報（対応中）";
        case AlertKind::kRedflagRaised:
            return "レッドフラグ（要対応）";
        case AlertKind::kRedflagReviewDue:
            return "レッドフラグの見直し時期を過ぎています";
        case AlertKind::kSchoolLeaving:
            return "学校卒業が近い（成人のサービスには障害支援区分の認定と新しい計画が必要です）";
        case AlertKind::kTurning65:
            return "65歳到達が近い（介護保険が優先されます：障害者総合支援法第7条。ケアマネジャーへの引継ぎを）";
        case AlertKind::kTransitionEnding:
            return "地域移行支援の期間の終了が近い";
        case AlertKind::kSettlementRenewal:
            return "地域定着支援の期間の終了が近い（更新）";
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
        case Entity::kAbuseReport:
            return "abuse_report";
        case Entity::kTransition:
            return "transition";
    }
    return "person";
}

}  // namespace tsunagu::alert
