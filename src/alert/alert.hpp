#pragma once
// アラート: the dates a specialist must never miss (domain.md §2), computed from plain per-person
// facts. Pure rules: no I/O, no clock; "today" is a parameter.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"
#include "monitoring/monitoring.hpp"

namespace tsunagu::alert {

using calendar::Date;

//! A monitoring month is announced this many days before its due date (月末).
inline constexpr int kMonitoringDueDays = 14;
//! 支給決定期間 ending: the renewal plan must reach the municipality before the end.
inline constexpr int kDecisionPeriodEndingDays = 90;
//! 障害支援区分 validity ending: the re-assessment (認定調査) takes weeks.
inline constexpr int kSupportLevelExpiringDays = 90;
//! Consent (同意) expiring: sharing outside a valid consent is refused, so renew in time.
inline constexpr int kConsentExpiringDays = 30;
//! A child turning 18 (児童 → 者): an adult plan under 総合支援法 with different services.
inline constexpr int kTurning18Days = 180;
//! The age at which a 障害児 becomes a 障害者.
inline constexpr int kAdultAge = 18;

// --- issue #17: life transitions ---
//! 学校卒業 (school leaving): from this many days before the 31 March ending the school year of the 18th birthday.
inline constexpr int kSchoolLeavingDays = 180;
//! 65歳到達: 介護保険 comes first (障害者総合支援法 第7条); the hand-over takes months.
inline constexpr int kTurning65Days = 180;
//! The age at which 介護保険 becomes the first scheme (第1号被保険者).
inline constexpr int kCareInsuranceAge = 65;
//! 地域移行支援 / 地域定着支援 periods ending: the extension or renewal goes to the municipality.
inline constexpr int kTransitionEndingDays = 30;
inline constexpr int kSettlementRenewalDays = 30;

//! What an alert is about.
enum class AlertKind {
    kMonitoringOverdue,     //!< モニタリング未実施 (due date passed)
    kMonitoringDue,         //!< モニタリング期限が近い
    kDecisionPeriodEnding,  //!< 支給決定期間の終了が近い
    kSupportLevelExpiring,  //!< 障害支援区分の有効期間の終了が近い
    kConsentExpiring,       //!< 同意の期限が近い
    kTurning18,             //!< 18歳到達が近い
    kTaskOverdue,           //!< 期限を過ぎたタスク (会議の合意事項など)
    kAbuseReport,           //!< 虐待通報（対応中）: first on every home screen
    kRedflagRaised,         //!< レッドフラグ（要対応）
    kRedflagReviewDue,      //!< レッドフラグの見直し時期を過ぎている
    // --- issue #17: children and life transitions ---
    kSchoolLeaving,  //!< 学校卒業（18歳の年度末）が近い: adult services need a 障害支援区分 and a new plan
    kTurning65,          //!< 65歳到達が近い: 介護保険優先 (障害者総合支援法 第7条)
    kTransitionEnding,   //!< 地域移行支援の期間（または延長）の終了が近い
    kSettlementRenewal,  //!< 地域定着支援の期間の終了が近い（更新）
};

//! The record an alert points at (API field `entity`).
enum class Entity {
    kPlan,         //!< monitoring alerts: the plan whose monitorings are due
    kDecision,     //!< 支給決定
    kConsent,      //!< 同意
    kPerson,       //!< 障害支援区分, 18歳到達, レッドフラグ
    kTask,         //!< an open task past its due date
    kAbuseReport,  //!< 虐待通報
    kTransition,   //!< 地域移行支援・地域定着支援 episode (issue #17)
};

//! An open 地域移行支援 / 地域定着支援 episode (no moved_on yet for a transition).
struct TransitionEnd {
    long long transition_id = 0;
    bool settlement = false;  //!< 地域定着支援 (renewal) rather than 地域移行支援 (ending)
    Date end{};               //!< the period's end, or extended_to when extended
};

//! One active consent with an end date (同意の有効期限).
struct ConsentExpiry {
    long long consent_id = 0;
    Date valid_until{};  //!< last day the consent is valid
};

//! The dated facts of one person that alerts are drawn from. Optional facts produce no alert.
struct PersonDates {
    long long person_id = 0;
    long long plan_id = 0;                          //!< the plan `monitoring` belongs to
    long long decision_id = 0;                      //!< the decision `decision_period_end` comes from
    std::optional<Date> birth_date;                 //!< 生年月日
    std::optional<Date> support_level_valid_until;  //!< 障害支援区分の有効期間 (end)
    std::optional<Date> decision_period_end;        //!< 支給決定期間 (end) of the current decision
    std::vector<ConsentExpiry> consents;
    std::vector<monitoring::DueItemStatus> monitoring;           //!< from monitoring::WithStatus
    std::vector<std::pair<long long, Date>> open_tasks;          //!< (task id, due) of open tasks
    std::vector<std::pair<long long, Date>> open_abuse_reports;  //!< (id, reported_on) not closed
    std::optional<Date> redflags_reviewed_on;                    //!< the last red-flag review
    bool redflag_raised = false;                                 //!< a flag of that review is raised
    bool uses_child_services = false;        //!< the plan has 障害児通所支援 (school_leaving)
    std::vector<TransitionEnd> transitions;  //!< open episodes (issue #17)
};

//! An alert (アラート).
struct Alert {
    AlertKind kind = AlertKind::kMonitoringDue;
    long long person_id = 0;
    Date date{};        //!< the deadline: due date, end date, or the 18th birthday
    int days_left = 0;  //!< from today to `date`; negative when overdue
    Entity entity = Entity::kPerson;
    long long entity_id = 0;  //!< id of the plan, decision or consent; the person id for kPerson

    friend bool operator==(const Alert&, const Alert&) = default;
};

//! An alert as a fact of its own, independent of the day: it is active on every day in
//! [fire_from, fire_until]. The scope-wide views keep these per person (refreshed on every write of
//! the person's records) and ask SQL for the ones active today, so no view recomputes an office.
struct Candidate {
    AlertKind kind = AlertKind::kMonitoringDue;
    long long person_id = 0;
    Date date{};        //!< the deadline (as Alert::date)
    Date fire_from{};   //!< first day the alert shows
    Date fire_until{};  //!< last day it shows (kForever for "until it is done")
    Entity entity = Entity::kPerson;
    long long entity_id = 0;
};
//! The last day there is: an overdue monitoring shows until it is recorded.
inline constexpr Date kForever{9999, 12, 31};

//! Every alert `p` can ever raise with the facts it has now.
std::vector<Candidate> Candidates(const PersonDates& p);

//! All alerts for `people` on `today`: those already due (overdue monitorings, open abuse reports,
//! raised red flags, red-flag reviews past due) first, then the rest; each by days_left (soonest first,
//! which is also by date); ties by kind, person and entity id so the order is stable.
//! Windows are inclusive: an alert fires when 0 <= days_left <= its threshold (exactly N days ahead
//! fires, N + 1 does not). Only monitoring can be overdue: a monitoring month not done whose due
//! date has passed. Past ends of decisions, validity or consent are not alerts here; they are
//! states the person's record shows (no valid decision / consent).
std::vector<Alert> BuildAlerts(const std::vector<PersonDates>& people, Date today);

//! 0 for alerts already due (overdue monitorings, open abuse reports, raised red flags, reviews past
//! due), which come first; 1 for the rest.
int SortGroup(AlertKind k);
//! SortGroup × 1000 + the kind's position in the enum: the stored order key of an alert's kind.
int KindRank(AlertKind k);
//! The 31 March ending the school year in which a person born on `birth` turns 18: an 18th birthday
//! on or after 2 April → 31 March of the next year; from 1 January to 1 April → 31 March of that year
//! (a person attains an age the day before the birthday, so 1 April births finish a year earlier).
Date SchoolLeavingOn(Date birth);

//! The kind of a stable code, if it is one.
std::optional<AlertKind> KindFromCode(std::string_view code);
//! Stable code of a kind, e.g. "monitoring_overdue" (API, logs).
std::string_view KindCode(AlertKind k);
//! Japanese label of a kind (UI).
std::string_view KindNameJa(AlertKind k);
//! Stable code of an entity: "plan" | "decision" | "consent" | "person".
std::string_view EntityCode(Entity e);

}  // namespace tsunagu::alert
