// サービス等利用計画 (plans): thin HTTP adapters over plan_rules, plan_diff and plan_store.
// States: draft → submitted (計画案) → issued (本計画, 交付済). An issued plan is never edited; a change
// is a new version (/revise). Every read and write is audited in the same transaction.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "audit/audit.hpp"
#include "decision/decision.hpp"
#include "directory/directory.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "monitoring/monitoring.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "quality/approval.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::plan {

namespace json = boost::json;

namespace {

constexpr long long kMaxId = 1LL << 53;  // ids as JSON numbers stay exact in JavaScript

//! The non-weekly services as one text; a list becomes one line per item.
std::string NonWeeklyText(const json::object& body, const http::Fields& f) {
    const json::value& v = body.at("non_weekly");
    if (!v.is_array()) return f.Text("non_weekly", false, kMaxText);
    std::string out;
    for (const json::value& item : v.as_array()) {
        std::string line;
        if (item.is_string()) {
            line = http::TrimSpaces(std::string(item.as_string()));
        } else if (item.is_object()) {
            for (const auto& [k, field] : item.as_object())
                if (field.is_string() && !field.as_string().empty()) {
                    std::string part(field.as_string());
                    if (k == "kind")
                        if (const auto* known = monitoring::FindServiceKind(part)) part = std::string(known->name_ja);
                    line += (line.empty() ? "" : " ") + part;
                }
        } else {
            f.Fail("non_weekly", "文字列、または文字列・オブジェクトの配列で入力してください。");
        }
        if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
    }
    if (http::HasForbiddenCharacters(out)) f.Fail("non_weekly", "使用できない文字（制御文字など）が含まれています。");
    if (http::Utf8Length(out) > kMaxText)
        f.Fail("non_weekly", std::to_string(kMaxText) + "文字以内で入力してください。");
    return out;
}

void Require(const std::optional<FieldError>& e) {
    if (e) throw http::Invalid(e->field, e->message_ja);
}

void RequireDraftConsent(const Plan& p) {
    if (!HasDraftConsent(p))
        throw http::Conflict("consent_required",
                             "計画案への同意（同意日と同意した人）を記録してから提出してください。");
}

//! A user who may be 計画作成担当者: active, of this office, not a system administrator.
bool IsActiveStaff(storage::Tx& tx, long long office_id, long long user_id) {
    if (user_id == 0) return false;
    const auto u = user::FindById(tx, user_id, office_id);
    return u && u->active && u->role != auth::Role::kAdmin;
}

std::string StaffName(storage::Tx& tx, long long office_id, long long user_id) {
    if (user_id == 0) return {};
    const auto u = user::FindById(tx, user_id, office_id);
    return u ? u->name : std::string();
}

json::object ToJson(const Plan& p, const VersionLinks& links, const std::string& specialist_name) {
    json::object o{{"id", p.id}, {"person_id", p.person_id}};
    for (auto& kv : ContentJson(p)) o.emplace(kv.key(), kv.value());
    o.emplace("kind", p.kind);
    o.emplace("status", p.status);
    o.emplace("version", p.version);
    o.emplace("previous_version_id", p.previous_version_id ? json::value(p.previous_version_id) : json::value(nullptr));
    o.emplace("next_version_id", links.next_version_id ? json::value(links.next_version_id) : json::value(nullptr));
    o.emplace("is_current", links.is_current);
    o.emplace("specialist_name", http::NullIfEmpty(specialist_name));
    o.emplace("submitted_on", http::NullIfEmpty(p.submitted_on));
    o.emplace("issued_on", http::NullIfEmpty(p.issued_on));
    o.emplace("decision_id", p.decision_id ? json::value(p.decision_id) : json::value(nullptr));
    o.emplace("draft_consented_on", http::NullIfEmpty(p.draft_consented_on));
    o.emplace("draft_consent_by", http::NullIfEmpty(p.draft_consent_by));
    o.emplace("draft_consent_by_name", p.draft_consent_by_name);
    o.emplace("conference_waived_reason", p.conference_waived_reason);
    o.emplace("created_at", p.created_at);
    o.emplace("updated_at", p.updated_at);
    return o;
}

//! The stored plan `id` as the API shows it (links and names need the person's other versions).
json::object Saved(storage::Tx& tx, const person::Person& person, long long id) {
    const auto all = ListForPerson(tx, person.office_id, person.id);
    for (const auto& p : all)
        if (p.id == id) return ToJson(p, LinksOf(p, all), StaffName(tx, p.office_id, p.specialist_id));
    throw http::NotFound();
}

//! The person of the path (in scope) and their plan {pid}; another person's plan is 404.
std::pair<person::Person, Plan> Load(storage::Tx& tx, const http::Context& ctx) {
    person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    auto p = Find(tx, person.office_id, person.id, ctx.req.IdParam("pid"));
    if (!p) throw http::NotFound();
    return {std::move(person), std::move(*p)};
}

//! Body of a POST whose body is optional (issue, revise).
json::object OptionalBody(const http::Request& req) {
    return req.body.empty() ? json::object() : http::ParseObject(req);
}

//! services[].provider_id names a provider (事業所) of the office's directory; its name is stored and printed.
void ResolveProviders(storage::Tx& tx, long long office_id, std::vector<Need>& needs) {
    for (std::size_t i = 0; i < needs.size(); ++i)
        for (std::size_t j = 0; j < needs[i].services.size(); ++j) {
            PlanService& s = needs[i].services[j];
            if (!s.provider_id) continue;
            const auto e = directory::Find(tx, office_id, s.provider_id);
            if (!e || e->kind != "provider")
                throw http::Invalid("needs[" + std::to_string(i) + "].services[" + std::to_string(j) + "].provider_id",
                                    "関係機関名簿の事業所から選んでください。");
            s.provider = e->name;
        }
}

//! Applies the fields present in `body` (plan_date is required on create). Nothing is saved here:
//! the caller writes only after every field passed, so a failure saves nothing.
void Apply(storage::Tx& tx, const json::object& body, const person::Person& person, Plan& p, bool create) {
    const http::Fields f(body);
    if (create || f.Has("plan_date")) {
        p.plan_date = f.Date("plan_date", true);
        if (p.plan_date < person.birth_date) f.Fail("plan_date", "計画作成日が生年月日より前になっています。");
    }
    if (f.Has("specialist_id")) {
        p.specialist_id = f.Int("specialist_id", false, 1, kMaxId, 0);
        if (p.specialist_id && !IsActiveStaff(tx, person.office_id, p.specialist_id))
            f.Fail("specialist_id", "計画作成担当者はこの事業所の有効な職員から選んでください。");
    }
    const std::pair<const char*, std::string Plan::*> texts[] = {
        {"wishes", &Plan::wishes},
        {"family_wishes", &Plan::family_wishes},
        {"policy", &Plan::policy},
        {"long_term_goal", &Plan::long_term_goal},
        {"short_term_goal", &Plan::short_term_goal},
        {"daily_activities", &Plan::daily_activities},
    };
    for (const auto& [key, member] : texts)
        if (f.Has(key)) p.*member = f.Text(key, false, kMaxText);
    // 週単位以外のサービス: free text, or a list of lines (each a text, or an object whose texts are joined).
    if (f.Has("non_weekly")) p.non_weekly = NonWeeklyText(body, f);
    if (f.Has("monitoring_period_note")) p.monitoring_period_note = f.Text("monitoring_period_note", false, 200);
    if (f.Has("proposed_interval_months"))
        p.proposed_interval_months = static_cast<int>(f.Int("proposed_interval_months", false, 1, 12, 0));
    if (f.Has("consented_on")) p.consented_on = f.Date("consented_on", false);
    // 計画案への同意 (before submit) and the reason a サービス担当者会議 was not held (before issue).
    if (f.Has("draft_consented_on")) p.draft_consented_on = f.Date("draft_consented_on", false);
    if (f.Has("draft_consent_by")) p.draft_consent_by = f.Enum("draft_consent_by", false, {"本人", "代理人"});
    if (f.Has("draft_consent_by_name")) p.draft_consent_by_name = f.Text("draft_consent_by_name", false, 100);
    if (p.draft_consent_by == "代理人" && p.draft_consent_by_name.empty())
        f.Fail("draft_consent_by_name", "代理人が同意したときは代理人の氏名を入力してください。");
    if (f.Has("conference_waived_reason")) p.conference_waived_reason = f.Text("conference_waived_reason", false, 1000);
    if (f.Has("assessment_id")) {
        p.assessment_id = f.Int("assessment_id", false, 1, kMaxId, 0);
        if (p.assessment_id && !IsAssessmentOf(tx, person.office_id, person.id, p.assessment_id))
            f.Fail("assessment_id", "この利用者のアセスメントを選んでください。");
    }
    if (const json::array* needs = f.Array("needs", false)) {
        p.needs = NeedsFromJson(*needs);
        for (std::size_t i = 0; i < p.needs.size(); ++i) Require(CheckNeed(p.needs[i], i));
        ResolveProviders(tx, person.office_id, p.needs);
    }
    if (const json::array* weekly = f.Array("weekly", false)) {
        p.weekly = WeeklyFromJson(*weekly);
        for (std::size_t i = 0; i < p.weekly.size(); ++i) Require(CheckWeekly(p.weekly[i], i));
    }
    // Follows the services (and plan_date) whenever they change; child services stop at 20.
    Require(CheckChildServicesAge(p, person.birth_date));
    p.kind = KindFor(person.birth_date, p.plan_date, ServiceKindsOf(p));
}

//! Saves the plan, audits `action` in the same transaction, commits, and answers with the saved plan.
http::Response SaveAndAnswer(storage::Tx& tx, const http::Context& ctx, const person::Person& person, const Plan& p,
                             const char* action) {
    Update(tx, p);
    audit::Record(tx, ctx, action, "plan", std::to_string(p.id), person.id);
    json::object out = Saved(tx, person, p.id);
    tx.Commit();
    return http::Json(out);
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    Plan p;
    Apply(tx, body, person, p, true);
    p.office_id = person.office_id;
    p.person_id = person.id;
    p.version = MaxVersion(tx, person.office_id, person.id) + 1;
    p.created_by = ctx.user.user_id;
    if (p.specialist_id == 0) p.specialist_id = ctx.user.user_id;
    p.id = Insert(tx, p);
    audit::Record(tx, ctx, "create", "plan", std::to_string(p.id), person.id);
    json::object out = Saved(tx, person, p.id);
    tx.Commit();
    return http::Json(out, 201);
}

http::Response ListApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const std::string status = ctx.req.Query("status");
    if (!status.empty() && status != "draft" && status != "submitted" && status != "issued")
        throw http::Invalid("status", "status は draft・submitted・issued のいずれかで指定してください。");
    const auto all = ListForPerson(tx, person.office_id, person.id);
    std::map<long long, std::string> names;
    json::array items;
    for (const auto& p : all) {
        if (!status.empty() && p.status != status) continue;
        if (!names.contains(p.specialist_id)) names[p.specialist_id] = StaffName(tx, p.office_id, p.specialist_id);
        items.push_back(ToJson(p, LinksOf(p, all), names[p.specialist_id]));
    }
    audit::Record(tx, ctx, "list", "plan", "", person.id);
    tx.Commit();
    const auto total = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), total);
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto [person, p] = Load(tx, ctx);
    audit::Record(tx, ctx, "read", "plan", std::to_string(p.id), person.id);
    json::object out = Saved(tx, person, p.id);
    tx.Commit();
    return http::Json(out);
}

http::Response PatchApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    auto [person, p] = Load(tx, ctx);
    const json::object body = http::ParseObject(ctx.req);
    if (p.status == "issued")
        throw http::Conflict("plan_immutable",
                             "交付済みの計画は変更できません。変更するときは改訂版を作成してください。");
    Apply(tx, body, person, p, false);
    // A submitted 計画案 stays complete: it may be corrected, not emptied.
    if (p.status == "submitted") {
        Require(CheckSubmittable(p));
        RequireDraftConsent(p);
    }
    return SaveAndAnswer(tx, ctx, person, p, "update");
}

http::Response SubmitApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    auto [person, p] = Load(tx, ctx);
    if (p.status != "draft") throw http::Conflict("plan_state", "下書きの計画だけを計画案として提出できます。");
    Require(CheckSubmittable(p));
    RequireDraftConsent(p);
    if (NeedsGuardian(p, person.birth_date) && person.guardian.name.empty())
        throw http::Conflict("guardian_required",
                             "児童の計画を提出する前に、利用者情報に保護者（氏名・続柄・電話）を登録してください。");
    p.status = "submitted";
    p.submitted_on = storage::TodayJst();
    return SaveAndAnswer(tx, ctx, person, p, "submit");
}

namespace {
//! The checks of issuing `p` as `body` asks (409/400 otherwise); sets the issue fields of `p`.
void CheckIssue(storage::Tx& tx, const person::Person& person, Plan& p, const json::object& body) {
    const http::Fields f(body);
    std::string issued_on = f.Date("issued_on", false);
    const std::string consented_on = f.Date("consented_on", false);
    if (p.status != "submitted") throw http::Conflict("plan_state", "提出済みの計画案だけを交付できます。");
    if (issued_on.empty()) issued_on = storage::TodayJst();
    if (issued_on < p.plan_date) f.Fail("issued_on", "交付日は計画作成日以降にしてください。");
    // The plan follows the municipality's decision (支給決定): no decision in force, no 本計画.
    const auto decision = decision::Covering(tx, person.office_id, person.id, issued_on);
    if (!decision)
        throw http::Conflict("decision_required",
                             "交付日を含む支給決定が登録されていません。先に支給決定を登録してください。");
    if (!consented_on.empty()) p.consented_on = consented_on;
    if (p.consented_on.empty()) throw http::Conflict("consent_required", "計画への本人の同意日を記録してください。");
    if (!IsActiveStaff(tx, person.office_id, p.specialist_id))
        throw http::Conflict("specialist_required", "計画作成担当者（この事業所の有効な職員）を設定してください。");
    // The draft was discussed at a サービス担当者会議 between submit and issue, unless it was waived.
    if (!ConferenceHeldOrWaived(p, ConferenceDates(tx, person.office_id, p.id), issued_on))
        throw http::Conflict("conference_required",
                             "提出日から交付日までのサービス担当者会議の記録（この計画に紐づくもの）がありません。"
                             "会議を開かなかったときは、その理由を計画に記録してください。");
    p.status = "issued";
    p.issued_on = issued_on;
    p.decision_id = decision->id;
}
}  // namespace

http::Response IssueApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    auto [person, p] = Load(tx, ctx);
    json::object body = OptionalBody(ctx.req);
    CheckIssue(tx, person, p, body);
    // Where the office wants it, a chief approves the issue first (issue 15): 202 pending_approval.
    body["issued_on"] = p.issued_on;
    if (auto pending = quality::RequestIfRequired(tx, ctx, "plan_issue", person.id, p.id, body)) {
        tx.Commit();
        return *pending;
    }
    return SaveAndAnswer(tx, ctx, person, p, "issue");
}

void IssueApproved(storage::Tx& tx, const http::Context& ctx, long long person_id, long long plan_id,
                   const json::object& body) {
    const person::Person person = person::RequireInScope(tx, ctx, person_id);
    auto p = Find(tx, person.office_id, person.id, plan_id);
    if (!p) throw http::NotFound();
    CheckIssue(tx, person, *p, body);
    Update(tx, *p);
    audit::Record(tx, ctx, "issue", "plan", std::to_string(p->id), person.id);
}

http::Response ReviseApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const auto [person, p] = Load(tx, ctx);
    const json::object body = OptionalBody(ctx.req);
    const http::Fields f(body);
    const std::string plan_date = f.Date("plan_date", false);
    if (p.status != "issued") throw http::Conflict("plan_state", "交付済みの計画だけを改訂できます。");
    if (OpenRevisionOf(tx, person.office_id, p.id))
        throw http::Conflict("plan_state", "この計画の改訂版（下書き）がすでにあります。");
    if (!plan_date.empty() && plan_date < p.plan_date)
        f.Fail("plan_date", "新しい版の計画作成日は元の計画作成日以降にしてください。");
    const long long id = Revise(tx, p, plan_date, ctx.user.user_id);
    audit::Record(tx, ctx, "revise", "plan", std::to_string(id), person.id);
    json::object out = Saved(tx, person, id);
    tx.Commit();
    return http::Json(out, 201);
}

http::Response DiffApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto [person, to] = Load(tx, ctx);
    const std::string q = ctx.req.Query("from");
    long long from_id = to.previous_version_id;
    if (!q.empty()) {
        if (q.size() > 15 || !std::all_of(q.begin(), q.end(), ::isdigit) || std::stoll(q) < 1)
            throw http::Invalid("from", "比較元の計画IDを正の整数で指定してください。");
        from_id = std::stoll(q);
    }
    if (from_id == 0) throw http::Invalid("from", "前の版がありません。比較元の計画を from で指定してください。");
    const auto from = Find(tx, person.office_id, person.id, from_id);
    if (!from) throw http::NotFound();
    audit::Record(tx, ctx, "diff", "plan", std::to_string(to.id), person.id);
    tx.Commit();
    return http::Json(json::object{{"from_id", from->id},
                                   {"to_id", to.id},
                                   {"from_version", from->version},
                                   {"to_version", to.version},
                                   {"changes", Diff(*from, to)}});
}

// --- 交付 (deliveries) and 個別支援計画 received back (provider plans) -------------------------

namespace {

//! The issued plan of the path, for hand-over records (a draft or submitted plan → 409 plan_state).
std::pair<person::Person, Plan> LoadIssued(storage::Tx& tx, const http::Context& ctx) {
    auto loaded = Load(tx, ctx);
    if (loaded.second.status != "issued")
        throw http::Conflict("plan_state", "交付済みの計画（本計画）にだけ記録できます。");
    return loaded;
}

json::object DeliveryJson(const Delivery& d) {
    return {{"id", d.id},     {"plan_id", d.plan_id},           {"recipient_kind", d.recipient_kind},
            {"name", d.name}, {"delivered_on", d.delivered_on}, {"created_at", d.created_at}};
}

json::object ProviderPlanJson(const ProviderPlan& pp) {
    return {{"id", pp.id},
            {"plan_id", pp.plan_id},
            {"provider", pp.provider},
            {"received_on", pp.received_on},
            {"created_at", pp.created_at}};
}

}  // namespace

http::Response CreateDeliveryApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const auto [person, p] = LoadIssued(tx, ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Delivery d;
    d.plan_id = p.id;
    d.recipient_kind = f.Enum("recipient_kind", true, kRecipientKinds);
    d.name = f.Text("name", true, 200);
    d.delivered_on = f.Date("delivered_on", true);
    if (d.delivered_on < p.issued_on) f.Fail("delivered_on", "交付日は計画の交付日以降にしてください。");
    if (d.delivered_on > storage::TodayJst()) f.Fail("delivered_on", "未来の日付は記録できません。");
    d.id = InsertDelivery(tx, person.office_id, person.id, d, ctx.user.user_id);
    audit::Record(tx, ctx, "create", "plan_delivery", std::to_string(d.id), person.id);
    for (const auto& x : Deliveries(tx, person.office_id, p.id))
        if (x.id == d.id) d = x;
    tx.Commit();
    return http::Json(DeliveryJson(d), 201);
}

http::Response ListDeliveriesApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto [person, p] = Load(tx, ctx);
    json::array items;
    for (const auto& d : Deliveries(tx, person.office_id, p.id)) items.push_back(DeliveryJson(d));
    audit::Record(tx, ctx, "list", "plan_delivery", std::to_string(p.id), person.id);
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response CreateProviderPlanApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const auto [person, p] = LoadIssued(tx, ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    ProviderPlan pp;
    pp.plan_id = p.id;
    pp.provider = f.Text("provider", true, 200);
    pp.received_on = f.Date("received_on", true);
    if (pp.received_on < p.issued_on) f.Fail("received_on", "受領日は計画の交付日以降にしてください。");
    if (pp.received_on > storage::TodayJst()) f.Fail("received_on", "未来の日付は記録できません。");
    pp.id = InsertProviderPlan(tx, person.office_id, person.id, pp, ctx.user.user_id);
    audit::Record(tx, ctx, "create", "provider_plan", std::to_string(pp.id), person.id);
    for (const auto& x : ProviderPlans(tx, person.office_id, p.id))
        if (x.id == pp.id) pp = x;
    tx.Commit();
    return http::Json(ProviderPlanJson(pp), 201);
}

http::Response ListProviderPlansApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto [person, p] = Load(tx, ctx);
    json::array items;
    for (const auto& pp : ProviderPlans(tx, person.office_id, p.id)) items.push_back(ProviderPlanJson(pp));
    audit::Record(tx, ctx, "list", "provider_plan", std::to_string(p.id), person.id);
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

}  // namespace tsunagu::plan
