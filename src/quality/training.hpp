#pragma once
// 研修: training records of staff and the statutory cycles (domain.md §6): 現任研修 within each
// cycle of 5 fiscal years counted from the fiscal year after 初任者研修 (early does not shift the
// cycle; a lapsed cycle means 初任者研修 again), and 主任更新研修 likewise after 主任研修.
#include <boost/json/fwd.hpp>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::quality {

inline const std::vector<std::string> kTrainingKinds = {"initial",       "current",   "chief",
                                                        "chief_renewal", "specialty", "other"};

struct Training {
    long long id = 0;
    long long office_id = 0;
    long long user_id = 0;
    std::string kind;
    std::string title;
    std::string completed_on;
    int hours_tenths = 0;  //!< hours × 10
    std::string certificate_number;
    long long created_by = 0;
    std::string created_at;
};

//! Where a person stands in a cycle on a day.
struct CycleState {
    std::string status;          //!< none (never started) | ok | due (last year, not done) | lapsed
    std::string cycle_start;     //!< the cycle in force (or the one that lapsed), "" for none
    std::string cycle_end;       //!< its last day (31 March)
    std::string deadline;        //!< by when the next renewal must be done ("" for none)
    bool done_in_cycle = false;  //!< the renewal was taken in the cycle in force
};

// --- rules (training_rules.cpp, pure) ---
//! The fiscal year (年度, April–March) of a day: 2026-03-31 → 2025, 2026-04-01 → 2026.
int FiscalYearOf(calendar::Date d);
//! The cycle of `start_kind` (initial | chief) renewed by `renew_kind` (current | chief_renewal) on
//! `today`, from the records (any order; records after `today` are ignored).
CycleState CycleOn(const std::vector<Training>& records, const std::string& start_kind, const std::string& renew_kind,
                   calendar::Date today);
//! `training_due` shows from one year before the deadline while the renewal is not done.
bool TrainingDue(const CycleState& s, calendar::Date today);

// --- store (training_store.cpp) ---
long long InsertTraining(storage::Tx& tx, const Training& t);
//! The user's records, newest first.
std::vector<Training> TrainingsOf(storage::Tx& tx, long long office_id, long long user_id);

//! One staff member's deadlines (for the office screen and the alerts).
struct StaffCycles {
    long long user_id = 0;
    std::string name;
    std::string role;
    std::string created_at;
    CycleState current;  //!< 初任者 → 現任
    CycleState chief;    //!< 主任 → 主任更新
};
//! Every active specialist and chief of the office with their cycles on `today` (a few staff).
std::vector<StaffCycles> OfficeCycles(storage::Tx& tx, long long office_id, calendar::Date today);

// --- handlers (training_api.cpp) ---
http::Response ListTrainingsApi(http::Context& ctx);   //!< GET /users/{uid}/trainings
http::Response CreateTrainingApi(http::Context& ctx);  //!< POST /users/{uid}/trainings
http::Response DeadlinesApi(http::Context& ctx);       //!< GET /trainings/deadlines
boost::json::object CycleJson(const CycleState& s);

// --- office-level alerts of the quality domain (quality_alerts.cpp) ---
//! training_due, supervision_due, internal_audit_due (chiefs) for the caller (a chief: everyone of the office), kind ""
//! = all.
std::vector<boost::json::object> OfficeAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                              const std::string& kind);
//! The alert kinds OfficeAlerts answers.
inline const std::vector<std::string> kOfficeAlertKinds = {"training_due", "supervision_due", "internal_audit_due"};

}  // namespace tsunagu::quality
