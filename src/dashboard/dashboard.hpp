#pragma once
// Dashboards (issue 14): the office's caseload per specialist (取扱件数, mix, high-risk share) and its
// outcome figures (KPI) over a period, and the region's view of them — aggregates only, with small
// cells suppressed. Definitions: docs/kpi.md. Every figure is computed in SQL over indexes of one
// office (a specialist: their own figures); nothing here names a person.
#include <array>
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::dashboard {

inline constexpr int kStandard = 35;            //!< 標準担当件数 a month per specialist
inline constexpr int kReductionFrom = 40;       //!< 逓減: the part of the caseload from 40 is paid less
inline constexpr double kHighRiskLimit = 0.30;  //!< the seed: 高リスクは3割以内
inline constexpr long long kMinCell = 5;        //!< region view: counts below this are suppressed
inline const std::array<std::string, 4> kTimeCategories = {"interview", "coordination", "records", "reflection"};
inline constexpr std::array<double, 4> kTimeTargets = {0.5, 0.2, 0.2, 0.1};  //!< 50/20/20/10

//! One specialist's caseload (persons assigned now) and 取扱件数 of the six months ending with the month.
struct CaseloadRow {
    long long user_id = 0;
    std::string name;
    long long cases = 0;
    long long support_level_high = 0;    //!< 区分5–6
    long long child = 0;                 //!< under 18 on the month's last day
    long long acute = 0;                 //!< a raised red flag or an open abuse report
    long long stable = 0;                //!< none of high, child, acute
    long long high_risk = 0;             //!< acute or 区分6
    std::array<long long, 6> handled{};  //!< 取扱件数 per month, oldest first; [5] = the month asked
};

//! The office-wide sums of the caseload rows (every staff row of the scope, not only a page's).
struct CaseloadTotals {
    long long staff = 0, cases = 0, support_level_high = 0, child = 0, acute = 0, stable = 0, high_risk = 0;
};

//! One page of the caseload: the page's rows (by user id), the number of staff rows, and their sums.
struct CaseloadPage {
    std::vector<CaseloadRow> items;
    long long total = 0;
    CaseloadTotals totals;
};

//! The raw counts behind the KPI figures of one office (or a sum of offices) over a period.
struct KpiCounts {
    long long due = 0, due_on_time = 0, due_persons = 0;
    long long achieved = 0, partly = 0, not_achieved = 0, goal_persons = 0;
    long long satisfaction_sum = 0, satisfaction_n = 0;
    long long meetings = 0, meeting_persons = 0, directory_contacts = 0;
    std::array<long long, 4> minutes{};  //!< per kTimeCategories
    long long notes = 0, note_persons = 0;
    long long tasks_due = 0, tasks_on_time = 0, task_persons = 0;
    KpiCounts& operator+=(const KpiCounts& o);
};

// --- rules (dashboard_rules.cpp, pure) ---
//! The six-month average of 取扱件数, one decimal.
double HandledAverage(const std::array<long long, 6>& handled);
//! "reduction" when the average reaches 40, "standard" when it reaches 35, else "".
std::string CaseloadWarning(double average);
//! One item of GET /dashboard/caseload.
boost::json::object CaseloadItemJson(const CaseloadRow& r);
//! The sums of staff rows (staff: how many rows).
CaseloadTotals TotalsOf(const std::vector<CaseloadRow>& rows);
//! The `totals` object of GET /dashboard/caseload (high_risk_share over all the staff's cases).
boost::json::object CaseloadTotalsJson(const CaseloadTotals& t);
//! The KPI figures, each with the count it is computed from (docs/kpi.md).
boost::json::object KpiJson(const KpiCounts& k);
//! 地域移行・地域定着 figures: transitions_completed, hospital_days_before, readmitted_within_180_days.
//! `office_ids`: the office's own figures (one id) or a region's total (several).
boost::json::object TransitionFigures(storage::Tx& tx, const std::vector<long long>& office_ids, long long only_user,
                                      const std::string& from, const std::string& to);
//! Region view: a figure object whose `persons` or any count is below 5 loses every number
//! (null) and gains "suppressed": true. Figures marked source_missing are left as they are.
void Suppress(boost::json::object& figure);
//! Region view of caseload totals: every field a figure {"value": n}, suppressed below 5.
boost::json::object RegionCaseloadJson(const std::vector<CaseloadRow>& rows);
//! Wraps a count as a region figure {"value": n} or {"value": null, "suppressed": true}.
boost::json::object RegionCount(long long n);

// --- store (dashboard_store.cpp) ---
//! Specialists and chiefs of the office (only_user != 0: that one), with their caseload in `month`.
std::vector<CaseloadRow> Caseload(storage::Tx& tx, long long office_id, long long only_user, const std::string& month);
//! One page of Caseload (rows ordered by user id) with the count of rows and the sums of all rows, in SQL.
CaseloadPage CaseloadPaged(storage::Tx& tx, long long office_id, long long only_user, const std::string& month,
                           const http::PageQuery& page);
//! The KPI counts of the office (only_user != 0: that user's persons and own work) over [from, to].
KpiCounts Kpi(storage::Tx& tx, long long office_id, long long only_user, const std::string& from, const std::string& to,
              const std::string& today);
//! Unmet needs of the office's plans in force: service lines without a provider, by service kind
//! ("" kind: a needs row without any service).
void UnmetNeeds(storage::Tx& tx, long long office_id, std::map<std::string, long long>& by_kind);

// --- handlers (dashboard_api.cpp) ---
//! ?from=&to= of a KPI request (default: the 12 months up to today); 400 naming the field.
std::pair<std::string, std::string> PeriodOf(const http::Request& req);
http::Response CaseloadApi(http::Context& ctx);
http::Response KpiApi(http::Context& ctx);

}  // namespace tsunagu::dashboard
