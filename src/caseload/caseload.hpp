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
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "redflag/redflag.hpp"

namespace tsunagu::storage {
class Tx;
}

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
    std::optional<redflag::Review> redflags;                            //!< the last red-flag review
    std::vector<std::pair<long long, std::string>> open_abuse_reports;  //!< (id, reported_on)
};

// --- rules (caseload_rules.cpp, pure) ---
//! The schedule input of a person: the decided period wins (versions, else N months from the plan month).
std::optional<monitoring::ScheduleInput> ScheduleFor(const plan::Plan& current, const decision::Decision& d);
//! The dates the alert rules need.
alert::PersonDates DatesOf(const CaseSnapshot& c);
//! The first monitoring not done (overdue first), if any.
std::optional<monitoring::DueItemStatus> NextMonitoring(const CaseSnapshot& c);

// --- gathering (caseload_snapshot.cpp) ---
//! Snapshots of the persons in scope (or only `user_id`'s assigned persons when non-zero) on `today`.
std::vector<CaseSnapshot> Snapshot(storage::Tx& tx, const auth::Scope& scope, const calendar::Date& today,
                                   long long user_id = 0);

// --- handlers (caseload_api.cpp) ---
http::Response DueApi(http::Context& ctx);       //!< GET /api/v1/monitoring/due
http::Response AlertsApi(http::Context& ctx);    //!< GET /api/v1/alerts
http::Response CaseloadApi(http::Context& ctx);  //!< GET /api/v1/caseload

}  // namespace tsunagu::caseload
