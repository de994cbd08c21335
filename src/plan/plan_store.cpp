// サービス等利用計画の保存: every query is limited to the office, and to the person where one is known.
#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "http/api_error.hpp"
#include "plan/plan.hpp"
#include "search/record_texts.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"
#include "storage/in_ids.hpp"
#include "storage/row.hpp"

namespace tsunagu::plan {

namespace json = boost::json;
using storage::Int;
using storage::Text;

namespace {
constexpr const char* kColumns =
    "SELECT id, office_id, person_id, version, previous_version_id, kind, kind_both, status, plan_date, specialist_id, "
    "wishes, "
    "family_wishes, policy, long_term_goal, short_term_goal, monitoring_period_note, proposed_interval_months, "
    "consented_on, assessment_id, needs, weekly, daily_activities, non_weekly, submitted_on, issued_on, decision_id, "
    "created_by, created_at, updated_at, draft_consented_on, draft_consent_by, draft_consent_by_name, "
    "conference_waived_reason FROM plans ";
constexpr const char* kById = "WHERE id = :id AND office_id = :office AND person_id = :person";
constexpr const char* kByIdInOffice = "WHERE id = :id AND office_id = :office";
// Followed by the persons' id list; ordered in C++ (ListForPersons), so no index by order tempts SQLite.
constexpr const char* kByPersons = "WHERE office_id = :office AND person_id IN ";
constexpr const char* kCurrentIssued =
    "WHERE office_id = :office AND person_id = :person AND status = 'issued' "
    "ORDER BY issued_on DESC, version DESC LIMIT 1";
constexpr const char* kRevisionOf = "WHERE office_id = :office AND previous_version_id = :plan";
constexpr const char* kMaxVersion =
    "SELECT COALESCE(MAX(version), 0) FROM plans WHERE office_id = :office AND person_id = :person";
constexpr const char* kAssessmentOfPerson =
    "SELECT COUNT(*) FROM assessments WHERE id = :id AND office_id = :office AND person_id = :person";
constexpr const char* kBirthDate = "SELECT birth_date FROM persons WHERE id = :person AND office_id = :office";
constexpr const char* kInsert =
    "INSERT INTO plans (office_id, person_id, version, previous_version_id, kind, kind_both, status, plan_date, "
    "specialist_id, "
    "wishes, family_wishes, policy, long_term_goal, short_term_goal, monitoring_period_note, "
    "proposed_interval_months, consented_on, assessment_id, needs, weekly, daily_activities, non_weekly, "
    "submitted_on, issued_on, decision_id, created_by, created_at, updated_at, draft_consented_on, draft_consent_by, "
    "draft_consent_by_name, conference_waived_reason) VALUES (:office, :person, :version, "
    "NULLIF(CAST(:prev AS BIGINT), 0), :kind, :both, :status, :plan_date, NULLIF(CAST(:specialist AS BIGINT), 0), "
    "NULLIF(:wishes, ''), NULLIF(:family_wishes, ''), NULLIF(:policy, ''), NULLIF(:long_goal, ''), "
    "NULLIF(:short_goal, ''), NULLIF(:period_note, ''), NULLIF(:interval, 0), NULLIF(:consented, ''), "
    "NULLIF(CAST(:assessment AS BIGINT), 0), :needs, :weekly, NULLIF(:daily, ''), NULLIF(:non_weekly, ''), "
    "NULLIF(:submitted, ''), NULLIF(:issued, ''), NULLIF(CAST(:decision AS BIGINT), 0), :by, :now, :now2, "
    "NULLIF(:dc_on, ''), NULLIF(:dc_by, ''), NULLIF(:dc_name, ''), NULLIF(:waived, ''))";
constexpr const char* kUpdate =
    "UPDATE plans SET kind = :kind, kind_both = :both, status = :status, plan_date = :plan_date, "
    "specialist_id = NULLIF(CAST(:specialist AS BIGINT), 0), wishes = NULLIF(:wishes, ''), "
    "family_wishes = NULLIF(:family_wishes, ''), policy = NULLIF(:policy, ''), "
    "long_term_goal = NULLIF(:long_goal, ''), short_term_goal = NULLIF(:short_goal, ''), "
    "monitoring_period_note = NULLIF(:period_note, ''), proposed_interval_months = NULLIF(:interval, 0), "
    "consented_on = NULLIF(:consented, ''), assessment_id = NULLIF(CAST(:assessment AS BIGINT), 0), needs = :needs, "
    "weekly = :weekly, daily_activities = NULLIF(:daily, ''), non_weekly = NULLIF(:non_weekly, ''), "
    "submitted_on = NULLIF(:submitted, ''), issued_on = NULLIF(:issued, ''), "
    "decision_id = NULLIF(CAST(:decision AS BIGINT), 0), updated_at = :now, draft_consented_on = NULLIF(:dc_on, ''), "
    "draft_consent_by = NULLIF(:dc_by, ''), draft_consent_by_name = NULLIF(:dc_name, ''), "
    "conference_waived_reason = NULLIF(:waived, '') "
    "WHERE id = :id AND office_id = :office AND person_id = :person";

Plan FromRow(const soci::row& r) {
    Plan p;
    p.id = Int(r, "id");
    p.office_id = Int(r, "office_id");
    p.person_id = Int(r, "person_id");
    p.version = static_cast<int>(Int(r, "version"));
    p.previous_version_id = Int(r, "previous_version_id");
    p.kind = Int(r, "kind_both") ? "both" : Text(r, "kind");  // see StoredKind
    p.status = Text(r, "status");
    p.plan_date = Text(r, "plan_date");
    p.specialist_id = Int(r, "specialist_id");
    p.wishes = Text(r, "wishes");
    p.family_wishes = Text(r, "family_wishes");
    p.policy = Text(r, "policy");
    p.long_term_goal = Text(r, "long_term_goal");
    p.short_term_goal = Text(r, "short_term_goal");
    p.monitoring_period_note = Text(r, "monitoring_period_note");
    p.proposed_interval_months = static_cast<int>(Int(r, "proposed_interval_months"));
    p.consented_on = Text(r, "consented_on");
    p.assessment_id = Int(r, "assessment_id");
    // Parsed values are kept in variables: iterating a temporary's array would dangle.
    const json::value needs = json::parse(Text(r, "needs")), weekly = json::parse(Text(r, "weekly"));
    p.needs = NeedsFromStored(needs.as_array());
    p.weekly = WeeklyFromStored(weekly.as_array());
    p.daily_activities = Text(r, "daily_activities");
    p.non_weekly = Text(r, "non_weekly");
    p.submitted_on = Text(r, "submitted_on");
    p.issued_on = Text(r, "issued_on");
    p.decision_id = Int(r, "decision_id");
    p.created_by = Int(r, "created_by");
    p.created_at = Text(r, "created_at");
    p.updated_at = Text(r, "updated_at");
    p.draft_consented_on = Text(r, "draft_consented_on");
    p.draft_consent_by = Text(r, "draft_consent_by");
    p.draft_consent_by_name = Text(r, "draft_consent_by_name");
    p.conference_waived_reason = Text(r, "conference_waived_reason");
    return p;
}

std::optional<Plan> One(soci::rowset<soci::row>& rows) {
    std::optional<Plan> p;
    for (const auto& r : rows)
        if (!p) p = FromRow(r);
    return p;
}
//! plans.kind keeps its CHECK (adult | child) from 0003, which SQLite cannot alter in place: a plan
//! under both laws is stored as child with kind_both = 1 (migration 0017) and read back as "both".
std::string StoredKind(const Plan& p) { return p.kind == "both" ? "child" : p.kind; }
}  // namespace

long long Insert(storage::Tx& tx, const Plan& p) {
    const std::string needs = json::serialize(NeedsJson(p.needs)), weekly = json::serialize(WeeklyJson(p.weekly));
    const std::string now = storage::NowIso(), kind = StoredKind(p);
    const int both = p.kind == "both" ? 1 : 0;
    tx.sql() << kInsert, soci::use(p.office_id), soci::use(p.person_id), soci::use(p.version),
        soci::use(p.previous_version_id), soci::use(kind), soci::use(both), soci::use(p.status), soci::use(p.plan_date),
        soci::use(p.specialist_id), soci::use(p.wishes), soci::use(p.family_wishes), soci::use(p.policy),
        soci::use(p.long_term_goal), soci::use(p.short_term_goal), soci::use(p.monitoring_period_note),
        soci::use(p.proposed_interval_months), soci::use(p.consented_on), soci::use(p.assessment_id), soci::use(needs),
        soci::use(weekly), soci::use(p.daily_activities), soci::use(p.non_weekly), soci::use(p.submitted_on),
        soci::use(p.issued_on), soci::use(p.decision_id), soci::use(p.created_by), soci::use(now), soci::use(now),
        soci::use(p.draft_consented_on), soci::use(p.draft_consent_by), soci::use(p.draft_consent_by_name),
        soci::use(p.conference_waived_reason);
    const long long id = tx.LastId();
    search::Index(tx, p.office_id, p.person_id, "plan", id, p.plan_date, search::TextOf(p));
    return id;
}

void Update(storage::Tx& tx, const Plan& p) {
    const std::string needs = json::serialize(NeedsJson(p.needs)), weekly = json::serialize(WeeklyJson(p.weekly));
    const std::string now = storage::NowIso(), kind = StoredKind(p);
    const int both = p.kind == "both" ? 1 : 0;
    tx.sql() << kUpdate, soci::use(kind), soci::use(both), soci::use(p.status), soci::use(p.plan_date),
        soci::use(p.specialist_id), soci::use(p.wishes), soci::use(p.family_wishes), soci::use(p.policy),
        soci::use(p.long_term_goal), soci::use(p.short_term_goal), soci::use(p.monitoring_period_note),
        soci::use(p.proposed_interval_months), soci::use(p.consented_on), soci::use(p.assessment_id), soci::use(needs),
        soci::use(weekly), soci::use(p.daily_activities), soci::use(p.non_weekly), soci::use(p.submitted_on),
        soci::use(p.issued_on), soci::use(p.decision_id), soci::use(now), soci::use(p.draft_consented_on),
        soci::use(p.draft_consent_by), soci::use(p.draft_consent_by_name), soci::use(p.conference_waived_reason),
        soci::use(p.id), soci::use(p.office_id), soci::use(p.person_id);
    search::Index(tx, p.office_id, p.person_id, "plan", p.id, p.plan_date, search::TextOf(p));
}

std::optional<Plan> Find(storage::Tx& tx, long long office_id, long long person_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kById, soci::use(id), soci::use(office_id), soci::use(person_id));
    return One(rows);
}

std::optional<Plan> FindInOffice(storage::Tx& tx, long long office_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kByIdInOffice, soci::use(id), soci::use(office_id));
    return One(rows);
}

std::vector<Plan> ListForPerson(storage::Tx& tx, long long office_id, long long person_id) {
    return ListForPersons(tx, office_id, {person_id});
}

std::vector<Plan> ListForPersons(storage::Tx& tx, long long office_id, const std::vector<long long>& person_ids) {
    std::vector<Plan> out;
    if (person_ids.empty()) return out;
    static const storage::InIds sql(std::string(kColumns) + kByPersons);
    storage::CachedQuery rows(tx, sql.For(tx.dialect()), {office_id, storage::IdsValue(tx.dialect(), person_ids)});
    while (rows.Next()) out.push_back(FromRow(rows.row()));
    std::sort(out.begin(), out.end(), [](const Plan& a, const Plan& b) {
        return std::tie(a.person_id, b.version, b.id) < std::tie(b.person_id, a.version, a.id);
    });
    return out;
}

std::optional<Plan> CurrentIssued(storage::Tx& tx, long long office_id, long long person_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kCurrentIssued, soci::use(office_id), soci::use(person_id));
    return One(rows);
}

namespace {
//! The version revised from `plan_id` (open or issued), if any; at most one (unique index).
std::optional<Plan> RevisionOfPlan(storage::Tx& tx, long long office_id, long long plan_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kRevisionOf, soci::use(office_id), soci::use(plan_id));
    return One(rows);
}
}  // namespace

std::optional<Plan> OpenRevisionOf(storage::Tx& tx, long long office_id, long long plan_id) {
    auto r = RevisionOfPlan(tx, office_id, plan_id);
    if (r && r->status == "issued") return std::nullopt;
    return r;
}

int MaxVersion(storage::Tx& tx, long long office_id, long long person_id) {
    int v = 0;
    tx.sql() << kMaxVersion, soci::use(office_id), soci::use(person_id), soci::into(v);
    return v;
}

long long Revise(storage::Tx& tx, const Plan& issued, const std::string& plan_date, long long user_id) {
    if (issued.status != "issued") throw http::Conflict("plan_state", "交付済みの計画だけを改訂できます。");
    if (auto next = RevisionOfPlan(tx, issued.office_id, issued.id)) {
        if (next->status != "issued") return next->id;  // monitoring joins the revision already open
        throw http::Conflict("plan_state", "この計画はすでに改訂されています。最新の版を改訂してください。");
    }
    std::string birth_date;
    tx.sql() << kBirthDate, soci::use(issued.person_id), soci::use(issued.office_id), soci::into(birth_date);
    const std::string date = plan_date.empty() ? storage::TodayJst() : plan_date;
    Plan r = RevisionOf(issued, MaxVersion(tx, issued.office_id, issued.person_id) + 1, date);
    // A child may have turned 18 since: with no services the new version follows the age.
    r.kind = KindFor(birth_date, date, ServiceKindsOf(r));
    r.created_by = user_id;
    return Insert(tx, r);
}

bool IsAssessmentOf(storage::Tx& tx, long long office_id, long long person_id, long long assessment_id) {
    int n = 0;
    tx.sql() << kAssessmentOfPerson, soci::use(assessment_id), soci::use(office_id), soci::use(person_id),
        soci::into(n);
    return n > 0;
}

namespace {
// Each is followed by the plans' id list. Sorted in C++, not by ORDER BY: with that, SQLite may walk
// the office's rows by date (meetings_office_date) instead of looking up the plans' few.
constexpr const char* kConferenceDates =
    "SELECT plan_id, date FROM meetings WHERE office_id = :office AND kind = 'service_conference' AND plan_id IN ";
constexpr const char* kInsertDelivery =
    "INSERT INTO plan_deliveries (office_id, person_id, plan_id, recipient_kind, name, delivered_on, created_by, "
    "created_at) VALUES (:o, :p, :plan, :kind, :name, :on, :by, :now)";
constexpr const char* kDeliveries =
    "SELECT id, plan_id, recipient_kind, name, delivered_on, created_at FROM plan_deliveries "
    "WHERE office_id = :o AND plan_id IN ";
constexpr const char* kInsertProviderPlan =
    "INSERT INTO provider_plans (office_id, person_id, plan_id, provider, received_on, created_by, created_at) "
    "VALUES (:o, :p, :plan, :provider, :on, :by, :now)";
constexpr const char* kProviderPlans =
    "SELECT id, plan_id, provider, received_on, created_at FROM provider_plans WHERE office_id = :o AND plan_id IN ";
}  // namespace

std::map<long long, std::vector<std::string>> ConferenceDatesOf(storage::Tx& tx, long long office_id,
                                                                const std::vector<long long>& plan_ids) {
    static const storage::InIds sql(kConferenceDates);
    auto out = storage::RowsByKey<std::string>(tx, sql, office_id, plan_ids, "plan_id",
                                               [](const soci::row& r) { return Text(r, "date"); });
    for (auto& [plan, dates] : out) std::sort(dates.begin(), dates.end());
    return out;
}

std::vector<std::string> ConferenceDates(storage::Tx& tx, long long office_id, long long plan_id) {
    auto m = ConferenceDatesOf(tx, office_id, {plan_id});
    return storage::TakeList(m, plan_id);
}

long long InsertDelivery(storage::Tx& tx, long long office_id, long long person_id, const Delivery& d, long long by) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertDelivery, soci::use(office_id), soci::use(person_id), soci::use(d.plan_id),
        soci::use(d.recipient_kind), soci::use(d.name), soci::use(d.delivered_on), soci::use(by), soci::use(now);
    return tx.LastId();
}

std::map<long long, std::vector<Delivery>> DeliveriesOf(storage::Tx& tx, long long office_id,
                                                        const std::vector<long long>& plan_ids) {
    static const storage::InIds sql(kDeliveries);
    auto out = storage::RowsByKey<Delivery>(tx, sql, office_id, plan_ids, "plan_id", [](const soci::row& r) {
        return Delivery{Int(r, "id"),    Int(r, "plan_id"),       Text(r, "recipient_kind"),
                        Text(r, "name"), Text(r, "delivered_on"), Text(r, "created_at")};
    });
    for (auto& [plan, list] : out)
        std::sort(list.begin(), list.end(), [](const Delivery& a, const Delivery& b) {
            return std::tie(a.delivered_on, a.id) < std::tie(b.delivered_on, b.id);
        });
    return out;
}

std::vector<Delivery> Deliveries(storage::Tx& tx, long long office_id, long long plan_id) {
    auto m = DeliveriesOf(tx, office_id, {plan_id});
    return storage::TakeList(m, plan_id);
}

long long InsertProviderPlan(storage::Tx& tx, long long office_id, long long person_id, const ProviderPlan& pp,
                             long long by) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertProviderPlan, soci::use(office_id), soci::use(person_id), soci::use(pp.plan_id),
        soci::use(pp.provider), soci::use(pp.received_on), soci::use(by), soci::use(now);
    return tx.LastId();
}

std::map<long long, std::vector<ProviderPlan>> ProviderPlansOf(storage::Tx& tx, long long office_id,
                                                               const std::vector<long long>& plan_ids) {
    static const storage::InIds sql(kProviderPlans);
    auto out = storage::RowsByKey<ProviderPlan>(tx, sql, office_id, plan_ids, "plan_id", [](const soci::row& r) {
        return ProviderPlan{Int(r, "id"), Int(r, "plan_id"), Text(r, "provider"), Text(r, "received_on"),
                            Text(r, "created_at")};
    });
    for (auto& [plan, list] : out)
        std::sort(list.begin(), list.end(), [](const ProviderPlan& a, const ProviderPlan& b) {
            return std::tie(a.received_on, a.id) < std::tie(b.received_on, b.id);
        });
    return out;
}

std::vector<ProviderPlan> ProviderPlans(storage::Tx& tx, long long office_id, long long plan_id) {
    auto m = ProviderPlansOf(tx, office_id, {plan_id});
    return storage::TakeList(m, plan_id);
}

}  // namespace tsunagu::plan
