#pragma once
#include <optional>
#include <string>
#include <vector>

#include "alert/alert.hpp"
#include "auth/principal.hpp"
#include "consent/consent.hpp"
#include "decision/decision.hpp"
#include "http/context.hpp"
#include "monitoring/monitoring.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "redflag/redflag.hpp"

namespace tsunagu::storage {
class Tx;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::caseload {

//! Everything the scope-wide views need about one person (担当ケース), read in one transaction.
struct CaseSnapshot {
    person::Person person;
    std::optional<plan::Plan> current_plan;      //!< the issued plan in force
    std::optional<plan::Plan> open_plan;         //!< a draft/submitted plan (new or revision)
    std::optional<decision::Decision> decision;  //!< the latest 支給決定
    std::vector<monitoring::DueItemStatus> due;  //!< monitoring months with status
    std::vector<consent::Consent> consents;
    std::vector<std::pair<long long, std::string>> monitorings;         //!< (id, date) of every monitoring
    std::vector<monitoring::MonitoringReport> reports;                  //!< every monitoring, newest first
    std::vector<std::pair<long long, std::string>> open_tasks;          //!< (id, due) of open tasks
    std::optional<redflag::Review> redflags;                            //!< the last red-flag review
    std::vector<std::pair<long long, std::string>> open_abuse_reports;  //!< (id, reported_on)
    std::vector<alert::TransitionEnd> transitions;                      //!< open 地域移行・定着 episodes (#17)
};

// --- rules (caseload_rules.cpp, pure) ---
//! The schedule input of a person: the decided period wins (versions, else N months from the plan month).
std::optional<monitoring::ScheduleInput> ScheduleFor(const plan::Plan& current, const decision::Decision& d);
//! The dates the alert rules need.
alert::PersonDates DatesOf(const CaseSnapshot& c);
//! The first monitoring not done (overdue first), if any.
std::optional<monitoring::DueItemStatus> NextMonitoring(const CaseSnapshot& c);

//! The monitoring months of the schedule in force with their status, and the monitorings that made
//! them done (`monitorings`: (id, date), newest first, as the store lists them).
void ScheduleDue(CaseSnapshot& c, std::vector<std::pair<long long, std::string>> monitorings,
                 const calendar::Date& today);

//! What the views store of one person (rows of case_facts, due_facts and alert_facts).
struct Facts {
    long long current_plan_id = 0, open_plan_id = 0;
    std::string decision_period_end, next_due_date, next_due_month;
    std::vector<std::string> redflags_raised;
    long long open_abuse_reports = 0;
    //! A goal (need row) rated 未達成 at both of the last two monitorings (the case review's suggestions).
    bool goal_unmet_twice = false;
    struct Due {
        long long plan_id = 0;
        std::string month, due_date, done_on;
        long long monitoring_id = 0;
    };
    std::vector<Due> due;
    struct Alert {
        std::string kind;
        int rank = 0;
        std::string date, fire_from, fire_until, entity;
        long long entity_id = 0;
    };
    std::vector<Alert> alerts;  //!< those not yet ended on `today`
    //! Service kinds of the current plan without a provider ("" for a need without any service).
    std::vector<std::string> unmet_kinds;
    //! The goal reviews of one monitoring, counted (the KPI dashboard sums them by date).
    struct Goals {
        long long monitoring_id = 0;
        std::string date;
        long long achieved = 0, partly = 0, not_achieved = 0, satisfaction_sum = 0, satisfaction_n = 0;
    };
    std::vector<Goals> goals;  //!< one per monitoring, closed cases too
};
//! The counts of one monitoring's goal reviews: 達成 / 一部達成 / 未達成, and 満足度 1–5 when asked.
Facts::Goals GoalsOf(const monitoring::MonitoringReport& m);
//! The facts of one case on `today` (pure: the same for every write and for `generate`).
Facts FactsOf(const CaseSnapshot& c, const calendar::Date& today);

// --- gathering (caseload_snapshot.cpp) ---
//! Everything the views need about one person, read in `tx` (statuses as on `today`).
CaseSnapshot SnapshotOf(storage::Tx& tx, person::Person p, const calendar::Date& today);

// --- per-person facts (caseload_facts.cpp): what the views read, kept in step on every write ---
//! The version of the rules the stored facts follow; stored facts of an older one are rebuilt.
inline constexpr int kFactsVersion = 13;  // 5 quality (#15), 6 children (#17), 10–11 need/goal facts, 12 due kana,
                                          // 13 goal unmet twice (#8)
//! Recomputes the facts of one person (storage::PersonTouchedHook).
void RefreshFacts(storage::Tx& tx, long long office_id, long long person_id);
//! Installs RefreshFacts as the hook every audited write of a person runs before it commits.
void InstallFactsHook();
//! Recomputes the facts of every person of `office_id` (0: of every office), page by page.
void RebuildFacts(storage::Tx& tx, long long office_id);
//! Rebuilds every person's facts when they were computed by older rules (after an upgrade).
void EnsureFacts(storage::Database& db);

//! One row of GET /monitoring/due.
struct DueRow {
    long long person_id = 0;
    std::string person_name;
    long long plan_id = 0;
    std::string due_month, due_date, done_on;
    long long monitoring_id = 0;
};
//! One row of GET /alerts.
struct AlertRow {
    alert::Candidate alert;
    std::string kind;
    std::string entity;
    std::string person_name;
};
//! One row of GET /caseload.
struct CaseRow {
    person::Person person;  //!< with assignees
    long long current_plan_id = 0, open_plan_id = 0;
    std::string decision_period_end, next_due_date;
    long long alert_count = 0;
    std::vector<std::string> redflags_raised;  //!< codes of raised red flags
    long long open_abuse_reports = 0;
};
//! A page of rows and the count of all.
template <class Row>
struct Page {
    std::vector<Row> items;
    long long total = 0;
};
//! Paging of the views: the list convention's page and per_page (http::Request::Paging).
using Paging = http::PageQuery;
Page<DueRow> DuePage(storage::Tx& tx, const auth::Scope& scope, long long person_id, const std::string& from,
                     const std::string& to, const std::string& today, const Paging& paging);
Page<AlertRow> AlertPage(storage::Tx& tx, const auth::Scope& scope, long long person_id, const std::string& kind,
                         const std::string& today, const Paging& paging);
Page<CaseRow> CasePage(storage::Tx& tx, const auth::Scope& scope, long long user_id, const std::string& today,
                       const Paging& paging);

// --- handlers (caseload_api.cpp) ---
http::Response DueApi(http::Context& ctx);       //!< GET /api/v1/monitoring/due
http::Response AlertsApi(http::Context& ctx);    //!< GET /api/v1/alerts
http::Response CaseloadApi(http::Context& ctx);  //!< GET /api/v1/caseload

}  // namespace tsunagu::caseload
