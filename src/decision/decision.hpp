#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/context.hpp"
#include "monitoring/monitoring.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::decision {

//! A service and its decided amount (支給量), as on the 受給者証.
struct DecidedService {
    std::string kind;    //!< service kind code (GET /api/v1/service-kinds)
    std::string amount;  //!< e.g. 月22日, 月40時間
};

//! 支給決定: the municipality's decision on services, amounts, period and monitoring period.
struct Decision {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string decided_on;              //!< 決定日
    std::string period_start;            //!< 支給決定期間 開始
    std::string period_end;              //!< 支給決定期間 終了
    int monitoring_interval_months = 0;  //!< モニタリング期間 (months), as decided
    std::vector<monitoring::MonitoringPeriodVersion> monitoring_periods;  //!< versioned form, if given
    std::vector<DecidedService> services;
    std::string certificate_number;  //!< 受給者証番号
    std::string notes;
    //! The situations ticked in the form (SituationFromFlags codes and Q&A 問38 flags), kept with the
    //! decision as the reason for its monitoring period (issue #17); in the order of AllFlags().
    std::vector<std::string> flags;
    long long created_by = 0;
    std::string created_at;
};

//! The service kind code for services outside the standard table (医療・インフォーマル等).
inline constexpr std::string_view kOtherServiceKind = "other";
//! Longest decided amount (支給量) and notes.
inline constexpr std::size_t kMaxAmountChars = 200;
inline constexpr std::size_t kMaxNotesChars = 2000;

// --- rules (decision_rules.cpp, pure) ---
//! Problems with a decision as entered, each naming its field (e.g. services[0].kind,
//! monitoring_periods[1].first_month); empty when it may be recorded.
std::vector<monitoring::FieldError> ValidateDecision(const Decision& d);
//! True for a code of the standard table or kOtherServiceKind.
bool IsKnownServiceKind(std::string_view code);
//! API category of a service kind: "child" (障害児通所支援), "community" (地域相談支援), else "adult".
std::string_view CategoryOf(const monitoring::ServiceKind& k);
//! The situation behind the suggestion flags (new_plan, large_change, post_institution,
//! cannot_arrange, constant_care); nullopt when a flag is unknown (its name goes to `unknown`).
std::optional<monitoring::Situation> SituationFromFlags(const std::vector<std::string>& flags, std::string& unknown);
//! Every flag a decision may keep: the situations of SituationFromFlags, then the Q&A 問38 flags.
std::vector<std::string> AllFlags();

//! Longest decision period accepted (3 years; most are 1 year).
inline constexpr int kMaxPeriodMonths = 36;
//! Most versions of the decided monitoring period in one decision.
inline constexpr std::size_t kMaxMonitoringPeriods = 36;

// --- store (decision_store.cpp); every query is limited to the office ---
long long Insert(storage::Tx& tx, const Decision& d);
std::vector<Decision> ListForPerson(storage::Tx& tx, long long office_id, long long person_id);  //!< newest first
std::optional<Decision> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
//! The most recent decision (by decided_on, then id) of the person, if any.
std::optional<Decision> Latest(storage::Tx& tx, long long office_id, long long person_id);
//! Latest for each of `person_ids` (one office) in one statement, by person id (none: absent).
std::map<long long, Decision> LatestOf(storage::Tx& tx, long long office_id, const std::vector<long long>& person_ids);
//! A decision with decided_on ≤ on ≤ period_end (the newest such), if any: what a plan needs to be issued.
std::optional<Decision> Covering(storage::Tx& tx, long long office_id, long long person_id, const std::string& on);
//! Copies certificate_number and the decision period of `d` onto its person (受給者証 on the person's page).
void ApplyToPerson(storage::Tx& tx, const Decision& d);

// --- handlers (decision_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);
//! GET /api/v1/service-kinds: the standard table plus "other", for the decision and plan forms.
http::Response ServiceKindsApi(http::Context& ctx);
//! GET /api/v1/monitoring/suggestion: the standard-period suggestion (never a decision).
http::Response SuggestionApi(http::Context& ctx);

}  // namespace tsunagu::decision
