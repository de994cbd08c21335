#pragma once
// 地域移行支援・地域定着支援 (issue #17): episodes of a person leaving a hospital, a facility or a
// prison for life in the community (地域移行支援, 6 months, one extension of up to 6 more by the
// municipality) and of the 24-hour contact arrangement that keeps them there (地域定着支援, 1 year,
// renewable). Activities log the visits, accompaniments, trial stays and emergency calls.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alert/alert.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::transition {

//! One activity of an episode (訪問・同行・体験宿泊・住居確保・会議・緊急時の連絡・緊急訪問).
struct Activity {
    long long id = 0;
    long long transition_id = 0;
    std::string date;
    std::string kind;  //!< visit | accompany | trial_stay | housing | meeting | emergency_call | emergency_visit
    std::optional<long long> minutes;
    std::string note;
    std::string created_at;
};

//! Where the person went (and whether they came back).
struct Outcome {
    std::string moved_on;       //!< 退院・退所日 (the move to the community)
    std::string destination;    //!< home | group_home | other
    std::string readmitted_on;  //!< 再入院・再入所日, if any
};

struct Transition {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string kind;  //!< transition (地域移行支援) | settlement (地域定着支援)
    std::string start;
    std::string end;
    std::string extended_to;  //!< transition: one extension (≤ 6 more months); settlement: a renewal (≤ 1 year)
    std::string extension_reason;  //!< why the municipality extended it
    std::string from_kind;         //!< hospital | facility | prison | other
    std::string from_name;
    std::string admitted_on;        //!< 入院日・入所日
    std::string emergency_contact;  //!< settlement: the 24-hour contact arrangement
    Outcome outcome;
    std::vector<Activity> activities;  //!< by date
    long long created_by = 0;
    std::string created_at;
    std::string updated_at;
};

inline const std::vector<std::string> kKinds = {"transition", "settlement"};
inline const std::vector<std::string> kFromKinds = {"hospital", "facility", "prison", "other"};
inline const std::vector<std::string> kActivityKinds = {"visit",   "accompany",      "trial_stay",     "housing",
                                                        "meeting", "emergency_call", "emergency_visit"};
inline const std::vector<std::string> kDestinations = {"home", "group_home", "other"};
//! 地域移行支援: 6 months, one extension of up to 6 more; 地域定着支援: 1 year, renewable by a year.
inline constexpr int kTransitionMonths = 6;
inline constexpr int kSettlementMonths = 12;
//! A readmission within this many days of the move counts against the outcome.
inline constexpr int kReadmissionDays = 180;

// --- rules (transition_rules.cpp, pure) ---
struct FieldError {
    std::string field;
    std::string message_ja;
};
//! The last day a period starting on `from` may run for `months` months: 1 April + 6 → 30 September.
std::string LastDayWithin(const std::string& from, int months);
//! The episode's last day: extended_to when extended, else end.
std::string EffectiveEnd(const Transition& t);
//! The period, the extension and the outcome: end within 6 months (transition) or 1 year
//! (settlement) of start; an extension after end, within 6 more months (transition) or 1 year
//! (settlement), with a reason; moved_on within the episode, readmitted_on after it.
std::optional<FieldError> CheckEpisode(const Transition& t);
//! An activity's date within [start, effective end].
std::optional<FieldError> CheckActivity(const Transition& t, const Activity& a, const std::string& prefix);
//! Days from admitted_on to moved_on; nullopt when either is missing.
std::optional<int> DaysSinceAdmission(const Transition& t);
//! Readmitted within 180 days of moved_on.
bool ReadmittedWithin180Days(const Transition& t);
//! Open: not yet moved on, and the effective end not before `today`.
bool IsOpen(const Transition& t, const std::string& today);
//! What the alert rules need: episodes not yet moved on.
std::vector<alert::TransitionEnd> AlertEnds(const std::vector<Transition>& episodes);

//! The transition figures of a period (for the dashboards, issue #14).
struct TransitionKpi {
    int completed = 0;  //!< 地域移行支援 episodes moved on within [from, to]
    int counted = 0;    //!< of those, from a hospital with admitted_on (the average is over these)
    std::optional<double> hospital_days_avg;
    int readmitted_within_180_days = 0;
};
//! Adds one moved-on episode to `k`.
void AddToKpi(TransitionKpi& k, const Transition& t);

// --- store (transition_store.cpp); office and person in every query ---
long long Insert(storage::Tx& tx, const Transition& t);
void Update(storage::Tx& tx, const Transition& t);
std::optional<Transition> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
//! A page of the person's episodes, newest start first; `open_only` keeps those not moved on.
std::vector<Transition> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, bool open_only,
                                      int page, int per_page, long long& total);
//! The person's episodes not moved on (alerts), without activities.
std::vector<Transition> NotMovedOn(storage::Tx& tx, long long office_id, long long person_id);
long long InsertActivity(storage::Tx& tx, long long office_id, const Activity& a, long long by);
//! For the dashboards (#14): moved_on within [from, to]; user_id = episodes of persons assigned to
//! that specialist, nullopt = the whole office.
TransitionKpi KpiFor(storage::Tx& tx, std::int64_t office_id, std::optional<std::int64_t> user_id,
                     const std::string& from, const std::string& to);

// --- handlers (transition_api.cpp) ---
http::Response CreateApi(http::Context& ctx);          //!< POST /persons/{id}/transitions
http::Response ListApi(http::Context& ctx);            //!< GET /persons/{id}/transitions
http::Response GetApi(http::Context& ctx);             //!< GET /persons/{id}/transitions/{tid}
http::Response PatchApi(http::Context& ctx);           //!< PATCH /persons/{id}/transitions/{tid}
http::Response CreateActivityApi(http::Context& ctx);  //!< POST /persons/{id}/transitions/{tid}/activities

}  // namespace tsunagu::transition
