#pragma once
// レッドフラグ (red flags): the rights-and-safety check on every case and at every monitoring —
// abuse signs, capacity to consent, least restriction, scope of sharing and the crises that
// cannot wait. Each review keeps the status of every code at one date; the latest is current.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::redflag {

//! The codes, in display order (docs/glossary.md has each Japanese name).
inline const std::vector<std::string> kCodes = {"abuse_signs",   "consent_capacity", "restraint",
                                                "sharing_scope", "self_harm",        "housing_loss",
                                                "family_limit",  "health_crisis",    "money"};
//! none: nothing seen; watch: keep an eye on it; raised: act now (caseload, banner, alert).
inline const std::vector<std::string> kStatuses = {"none", "watch", "raised"};
//! A person's flags are reviewed at least every quarter; after this many days the review is due.
inline constexpr int kReviewDueDays = 92;

//! One flag of a review.
struct Item {
    std::string code;
    std::string status = "none";
    std::string note;
};

//! レッドフラグ確認: one dated review of every code (from PUT, or from a monitoring).
struct Review {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string reviewed_on;  //!< 確認日
    std::vector<Item> items;  //!< every code, in kCodes order
    long long monitoring_id = 0;
    long long reviewed_by = 0;
    std::string reviewed_by_name;
    std::string created_at;
};

// --- rules (redflag_rules.cpp) ---
//! Japanese name of a code (虐待の兆候 …), for print views.
std::string CodeNameJa(const std::string& code);
//! One line for print: the raised and watched codes with their notes, or 該当なし.
std::string SummaryJa(const std::vector<Item>& items);
//! Every code once, in kCodes order; codes not given are "none".
std::vector<Item> Complete(const std::vector<Item>& given);
//! Codes whose status is "raised".
std::vector<std::string> RaisedCodes(const std::vector<Item>& items);
//! The day the next review is due: reviewed_on + kReviewDueDays.
calendar::Date ReviewDueOn(calendar::Date reviewed_on);
//! True when the last review is over kReviewDueDays old on `today`.
bool ReviewOverdue(calendar::Date reviewed_on, calendar::Date today);

// --- parsing and serialising (redflag_api.cpp) ---
//! Items of a body array at `field` ("items", "redflags"): known codes, each once, a status each.
std::vector<Item> ParseItems(const boost::json::array& a, const std::string& field);
boost::json::array ItemsJson(const std::vector<Item>& items);

// --- store (redflag_store.cpp) ---
long long Insert(storage::Tx& tx, const Review& r);
std::optional<Review> Latest(storage::Tx& tx, long long office_id, long long person_id);
std::optional<Review> ForMonitoring(storage::Tx& tx, long long office_id, long long person_id, long long monitoring_id);
//! Newest first, paged; `total` gets the count.
std::vector<Review> History(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                            long long& total);

// --- handlers (redflag_api.cpp) ---
http::Response GetApi(http::Context& ctx);      //!< GET /persons/{id}/redflags (on call too)
http::Response PutApi(http::Context& ctx);      //!< PUT /persons/{id}/redflags
http::Response HistoryApi(http::Context& ctx);  //!< GET /persons/{id}/redflags/history

}  // namespace tsunagu::redflag
