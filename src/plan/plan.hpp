#pragma once
#include <boost/json/fwd.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::plan {

//! 福祉サービス等: one service in a needs row (kind, provider, content, amount/frequency).
struct PlanService {
    std::string kind;
    std::string provider;
    long long provider_id = 0;  //!< directory entry, 0 = free text
    std::string content;
    std::string amount;
};

//! A goal written twice: as an observable behaviour and in the person's own words.
struct Goal {
    std::string indicator;  //!< 行動指標
    std::string own_words;  //!< 本人の語り
};

//! One row of 様式1-1's table: 解決すべき課題 with its goal and services.
struct Need {
    int priority = 1;         //!< 優先順位
    std::string need;         //!< 解決すべき課題（本人のニーズ）
    Goal goal;                //!< 支援目標
    std::string target_date;  //!< 達成時期
    std::vector<PlanService> services;
    std::string own_role;         //!< 課題解決のための本人の役割
    std::string evaluation_date;  //!< 評価時期
    std::string notes;            //!< その他留意事項
};

//! 週間計画表 (様式1-2) entry.
struct WeeklyEntry {
    int weekday = 1;  //!< 1 = Monday … 7 = Sunday
    std::string start;
    std::string end;
    std::string activity;
    std::string kind;  //!< service kind code or ""
};

//! サービス等利用計画 (adult) / 障害児支援利用計画 (child), one version.
struct Plan {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string plan_date;         //!< 計画作成日
    std::string kind;              //!< adult | child | both (from the services; else the age on plan_date)
    std::string status = "draft";  //!< draft | submitted (案) | issued (本計画)
    int version = 1;
    long long previous_version_id = 0;
    long long specialist_id = 0;  //!< 計画作成担当者
    std::string wishes;           //!< 利用者の生活に対する意向
    std::string family_wishes;    //!< 家族の意向
    std::string policy;           //!< 総合的な援助の方針
    std::string long_term_goal;   //!< 長期目標
    std::string short_term_goal;  //!< 短期目標
    std::string monitoring_period_note;
    int proposed_interval_months = 0;  //!< 0 = none
    std::string consented_on;          //!< 同意日
    std::string draft_consented_on;    //!< 計画案への同意日 (before submit)
    std::string draft_consent_by;      //!< 本人 | 代理人
    std::string draft_consent_by_name;
    std::string conference_waived_reason;  //!< why no サービス担当者会議 was held (e.g. 軽微な変更)
    long long assessment_id = 0;
    std::vector<Need> needs;
    std::vector<WeeklyEntry> weekly;
    std::string daily_activities;  //!< 主な日常生活上の活動
    std::string non_weekly;        //!< 週単位以外のサービス
    std::string submitted_on;
    std::string issued_on;
    long long decision_id = 0;
    long long created_by = 0;
    std::string created_at;
    std::string updated_at;
};

// --- rules (plan_rules.cpp, pure) ---
//! "child" when under 18 on plan_date, else "adult".
std::string KindFor(const std::string& birth_date, const std::string& plan_date);
//! The plan's kind from its services (issue #17): only 児童福祉法 通所 services → "child"
//! (障害児支援利用計画), only 障害者総合支援法 services → "adult" (サービス等利用計画), both → "both";
//! services outside the table ("other", 市町村事業 typed in Japanese) do not count. With none of the
//! table's services the age on plan_date decides (KindFor above).
std::string KindFor(const std::string& birth_date, const std::string& plan_date,
                    const std::vector<std::string>& service_kinds);
//! The service kind codes of the plan: every needs row's services and the weekly entries' kinds.
std::vector<std::string> ServiceKindsOf(const Plan& p);
//! A child's plan needs a 保護者 before it is submitted: true when the person is under 18 on plan_date.
bool NeedsGuardian(const Plan& p, const std::string& birth_date);
//! The 本計画 in force among one person's versions: the issued one with the latest issued_on, then
//! the highest version (what CurrentIssued reads); nullptr when none is issued.
const Plan* LatestIssued(const std::vector<Plan>& versions);
//! A new draft version from an issued plan (needs, goals, weekly copied; bookkeeping reset).
Plan RevisionOf(const Plan& issued, int next_version, const std::string& plan_date);

// --- store (plan_store.cpp); all queries limited to office and person ---
long long Insert(storage::Tx& tx, const Plan& p);
void Update(storage::Tx& tx, const Plan& p);  //!< whole plan incl. status and needs
std::optional<Plan> Find(storage::Tx& tx, long long office_id, long long person_id, long long id);
//! A plan by id within the office only (for print routes that have no person in the path).
std::optional<Plan> FindInOffice(storage::Tx& tx, long long office_id, long long id);
std::vector<Plan> ListForPerson(storage::Tx& tx, long long office_id, long long person_id);  //!< newest version first
//! Every version of each of `person_ids` (one office) in one statement: by person id, newest version first.
std::vector<Plan> ListForPersons(storage::Tx& tx, long long office_id, const std::vector<long long>& person_ids);
//! The latest issued plan (本計画 in force) of the person (by issued_on, then version; see LatestIssued).
std::optional<Plan> CurrentIssued(storage::Tx& tx, long long office_id, long long person_id);
//! The draft/submitted plan revising `plan_id`, if one is open.
std::optional<Plan> OpenRevisionOf(storage::Tx& tx, long long office_id, long long plan_id);
int MaxVersion(storage::Tx& tx, long long office_id, long long person_id);
//! Creates (or returns the open) revision draft of an issued plan; returns its id. Used by /revise and monitoring.
long long Revise(storage::Tx& tx, const Plan& issued, const std::string& plan_date, long long user_id);
//! True when `assessment_id` is an assessment of this person in this office (a plan cites its basis).
bool IsAssessmentOf(storage::Tx& tx, long long office_id, long long person_id, long long assessment_id);
//! Dates of the service_conference meetings linked to the plan.
std::vector<std::string> ConferenceDates(storage::Tx& tx, long long office_id, long long plan_id);
//! The same for many plans in one statement, by plan id (plans without one are absent).
std::map<long long, std::vector<std::string>> ConferenceDatesOf(storage::Tx& tx, long long office_id,
                                                                const std::vector<long long>& plan_ids);

//! 交付 of an issued plan to one recipient.
struct Delivery {
    long long id = 0;
    long long plan_id = 0;
    std::string recipient_kind;  //!< person | family | provider | municipality
    std::string name;
    std::string delivered_on;
    std::string created_at;
};
//! 個別支援計画 received back from a provider.
struct ProviderPlan {
    long long id = 0;
    long long plan_id = 0;
    std::string provider;
    std::string received_on;
    std::string created_at;
};
inline const std::vector<std::string> kRecipientKinds = {"person", "family", "provider", "municipality"};
long long InsertDelivery(storage::Tx& tx, long long office_id, long long person_id, const Delivery& d, long long by);
std::vector<Delivery> Deliveries(storage::Tx& tx, long long office_id, long long plan_id);  //!< by date, id
std::map<long long, std::vector<Delivery>> DeliveriesOf(storage::Tx& tx, long long office_id,
                                                        const std::vector<long long>& plan_ids);
long long InsertProviderPlan(storage::Tx& tx, long long office_id, long long person_id, const ProviderPlan& pp,
                             long long by);
std::vector<ProviderPlan> ProviderPlans(storage::Tx& tx, long long office_id, long long plan_id);  //!< by date, id
std::map<long long, std::vector<ProviderPlan>> ProviderPlansOf(storage::Tx& tx, long long office_id,
                                                               const std::vector<long long>& plan_ids);

// --- rules (plan_rules.cpp, pure): checks that name the field at fault -------------------
//! A rule broken by the input: dotted field path (as in API errors) and the message for users.
struct FieldError {
    std::string field;
    std::string message_ja;
};
//! Longest lists and texts accepted (docs/api-conventions.md, openapi.json).
inline constexpr std::size_t kMaxNeeds = 30;
inline constexpr std::size_t kMaxWeekly = 200;
inline constexpr std::size_t kMaxServicesPerNeed = 20;
inline constexpr std::size_t kMaxText = 4000;
//! A service kind code of the standard table (GET /service-kinds), or "other".
bool IsServiceKind(const std::string& code);
//! "HH:MM" from 00:00 to 23:59, or 24:00 (a slot may end at midnight).
bool IsTimeOfDay(const std::string& s);
//! One needs row at `index`: need, both goal texts (行動指標 and 本人の語り), priority, dates, service kinds.
std::optional<FieldError> CheckNeed(const Need& n, std::size_t index);
//! One weekly entry at `index`: weekday 1–7, start < end (HH:MM, 24:00 allowed), activity, kind.
std::optional<FieldError> CheckWeekly(const WeeklyEntry& w, std::size_t index);
//! What a draft needs before it is submitted as 計画案: wishes, policy, both goals, ≥1 valid need.
std::optional<FieldError> CheckSubmittable(const Plan& p);
//! The age from which 障害児通所支援 is refused (児童福祉法: 放課後等デイサービス may continue to 20 by exception).
inline constexpr int kChildServicesMaxAge = 20;
//! A child (通所) service for a person aged 20 or more on plan_date: the first one, by its field.
std::optional<FieldError> CheckChildServicesAge(const Plan& p, const std::string& birth_date);
//! The draft (案) was explained to and agreed by the person (or their representative, named).
bool HasDraftConsent(const Plan& p);
//! True when `meeting_dates` (service conferences linked to the plan) holds one within
//! [submitted_on, issued_on], or the plan names why the conference was waived.
bool ConferenceHeldOrWaived(const Plan& p, const std::vector<std::string>& meeting_dates, const std::string& issued_on);
//! Distinct provider names of the plan's services (kind "other" — informal or medical — left out).
std::vector<std::string> ProvidersOf(const Plan& p);

//! Read-only links of one version among all versions of its person (derived, never stored).
struct VersionLinks {
    long long next_version_id = 0;  //!< the version revised from this one, 0 = none
    bool is_current = false;        //!< the person's plan in force: the latest issued (by issued_on, version)
};
//! Links of `p`, given every plan of the same person (including `p`).
VersionLinks LinksOf(const Plan& p, const std::vector<Plan>& all);

//! Needs rows / weekly entries in their API (and storage) JSON shape.
boost::json::array NeedsJson(const std::vector<Need>& needs);
boost::json::array WeeklyJson(const std::vector<WeeklyEntry>& weekly);
//! Reads that shape; wrong types or over-long texts → ApiError 400 naming the dotted path. Rules
//! (required texts, kinds, times) are CheckNeed / CheckWeekly.
std::vector<Need> NeedsFromJson(const boost::json::array& a);
std::vector<WeeklyEntry> WeeklyFromJson(const boost::json::array& a);
//! Reads that shape as the store keeps it (checked by the functions above when it was written):
//! a missing, null or mistyped member is its default, nothing is checked or trimmed again. Every
//! read of a plan goes through these (a page of /compliance reads 50 persons' plans).
std::vector<Need> NeedsFromStored(const boost::json::array& a);
std::vector<WeeklyEntry> WeeklyFromStored(const boost::json::array& a);

// --- diff (plan_diff.cpp, pure) ----------------------------------------------------------
//! The content fields of a plan (what a person writes, not bookkeeping) in API shape.
boost::json::object ContentJson(const Plan& p);
//! Changes from `from` to `to`: [{path, change: added|removed|changed, before, after}]. Objects are
//! compared field by field (needs[0].goal.indicator), needs rows by position, weekly entries as a
//! set of whole entries (weekly[i] indexes the plan the entry is in).
boost::json::array Diff(const Plan& from, const Plan& to);

// --- handlers (plan_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response GetApi(http::Context& ctx);
http::Response PatchApi(http::Context& ctx);
http::Response SubmitApi(http::Context& ctx);
http::Response IssueApi(http::Context& ctx);
//! Issues plan `plan_id` of person `person_id` as asked in `body` (issued_on, consented_on), after a
//! chief approved the request (issue 15); the same checks as IssueApi, in the caller's transaction.
void IssueApproved(storage::Tx& tx, const http::Context& ctx, long long person_id, long long plan_id,
                   const boost::json::object& body);
http::Response ReviseApi(http::Context& ctx);
http::Response DiffApi(http::Context& ctx);
http::Response CreateDeliveryApi(http::Context& ctx);
http::Response ListDeliveriesApi(http::Context& ctx);
http::Response CreateProviderPlanApi(http::Context& ctx);
http::Response ListProviderPlansApi(http::Context& ctx);

}  // namespace tsunagu::plan
