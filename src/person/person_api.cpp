// 利用者 (persons): thin HTTP adapters over person_rules and person_store.
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "oncall/oncall.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::person {

namespace json = boost::json;

namespace {

json::object ToJson(const Person& p) {
    const std::string today = storage::TodayJst();
    json::array kinds, contacts, assignees;
    for (const auto& k : p.disability_kinds) kinds.emplace_back(k);
    for (const auto& c : p.contacts)
        contacts.push_back(
            json::object{{"role", c.role}, {"name", c.name}, {"relation", c.relation}, {"phone", c.phone}});
    for (const auto& [id, name] : p.assignees) assignees.push_back(json::object{{"id", id}, {"name", name}});
    return {{"id", p.id},
            {"name", p.name},
            {"kana", p.kana},
            {"birth_date", p.birth_date},
            {"age", AgeOn(p.birth_date, today)},
            {"is_child", IsChildOn(p.birth_date, today)},
            {"gender", p.gender},
            {"address", p.address},
            {"phone", p.phone},
            {"disability_kinds", std::move(kinds)},
            {"support_level", http::NullIfEmpty(p.support_level)},
            {"support_level_valid_until", http::NullIfEmpty(p.support_level_valid_until)},
            {"certificate_number", p.certificate_number},
            {"decision_period_start", http::NullIfEmpty(p.decision_period_start)},
            {"decision_period_end", http::NullIfEmpty(p.decision_period_end)},
            {"wishes", p.wishes},
            {"contacts", std::move(contacts)},
            {"notes", p.notes},
            {"guardian", p.guardian.name.empty() ? json::value(nullptr)
                                                 : json::value(json::object{{"name", p.guardian.name},
                                                                            {"relation", p.guardian.relation},
                                                                            {"phone", p.guardian.phone}})},
            {"child_certificate_number", p.child_certificate_number},
            {"community_certificate_number", p.community_certificate_number},
            {"copay_cap", p.copay_cap ? json::value(*p.copay_cap) : json::value(nullptr)},
            {"assignees", std::move(assignees)},
            {"status", p.status},
            {"closed_on", http::NullIfEmpty(p.closed_on)},
            {"closure_reason", http::NullIfEmpty(p.closure_reason)},
            {"created_at", p.created_at},
            {"updated_at", p.updated_at}};
}

//! A 受給者証番号 field: "" or exactly 10 ASCII digits.
std::string CertificateNumber(const http::Fields& f, const char* key, const char* label) {
    std::string v = f.Text(key, false, 10);
    const bool digits = v.size() == 10 && std::all_of(v.begin(), v.end(), ::isdigit);
    if (!v.empty() && !digits) f.Fail(key, std::string(label) + "は半角数字10桁で入力してください。");
    return v;
}

void CheckPhone(const http::Fields& f, const char* key, const std::string& phone) {
    for (char c : phone)
        if (!isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' && c != ' ' && c != '(' && c != ')')
            f.Fail(key, "電話番号は数字とハイフンで入力してください。");
}

//! Applies the fields present in `body` to `p` (all required fields must be present when `create`).
void Apply(const json::object& body, Person& p, bool create) {
    const http::Fields f(body);
    auto present = [&](const char* k) { return create || f.Has(k); };
    if (present("name")) p.name = f.Text("name", true, 100);
    if (present("kana")) {
        p.kana = f.Text("kana", true, 100);
        if (!IsKana(p.kana)) f.Fail("kana", "フリガナはひらがなまたはカタカナで入力してください。");
        p.kana = ToKatakana(p.kana);
    }
    if (present("birth_date")) {
        p.birth_date = f.Date("birth_date", true);
        if (p.birth_date > storage::TodayJst()) f.Fail("birth_date", "生年月日が未来の日付です。");
    }
    if (f.Has("gender")) p.gender = f.Enum("gender", false, {"male", "female", "other", ""});
    if (f.Has("address")) p.address = f.Text("address", false, 300);
    if (f.Has("phone")) {
        p.phone = f.Text("phone", false, 30);
        for (char c : p.phone)
            if (!isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' && c != ' ' && c != '(' && c != ')')
                f.Fail("phone", "電話番号は数字とハイフンで入力してください。");
    }
    if (f.Has("disability_kinds")) {
        p.disability_kinds = f.EnumList("disability_kinds", kDisabilityKinds,
                                        "障害種別は 身体・知的・精神・発達・難病 から選んでください。");
    }
    if (f.Has("support_level")) {
        const auto* v = &body.at("support_level");
        std::string raw = v->is_int64() ? std::to_string(v->as_int64()) : f.Text("support_level", false, 10);
        if (raw.empty()) {
            p.support_level.clear();
        } else if (auto level = NormaliseSupportLevel(raw)) {
            p.support_level = *level;
        } else {
            f.Fail("support_level", "障害支援区分は 非該当 または 1〜6 で入力してください。");
        }
    }
    if (f.Has("support_level_valid_until")) p.support_level_valid_until = f.Date("support_level_valid_until", false);
    if (f.Has("certificate_number")) {
        p.certificate_number = f.Text("certificate_number", false, 10);
        const bool digits = p.certificate_number.size() == 10 &&
                            std::all_of(p.certificate_number.begin(), p.certificate_number.end(), ::isdigit);
        if (!p.certificate_number.empty() && !digits)
            f.Fail("certificate_number", "受給者証番号は半角数字10桁で入力してください。");
    }
    if (f.Has("decision_period_start")) p.decision_period_start = f.Date("decision_period_start", false);
    if (f.Has("decision_period_end")) p.decision_period_end = f.Date("decision_period_end", false);
    if (!p.decision_period_start.empty() && !p.decision_period_end.empty() &&
        p.decision_period_end < p.decision_period_start)
        f.Fail("decision_period_end", "支給決定期間の終了日は開始日以降にしてください。");
    if (f.Has("wishes")) p.wishes = f.Text("wishes", false, 4000);
    if (f.Has("notes")) p.notes = f.Text("notes", false, 4000);
    // 保護者, 通所受給者証番号, 地域相談支援受給者証番号, 利用者負担上限額 (issue #17).
    if (f.Has("guardian")) {
        p.guardian = {};
        if (const json::object* g = f.Object("guardian", false)) {
            const http::Fields gf(*g, "guardian.");
            p.guardian = {gf.Text("name", true, 100), gf.Text("relation", false, 50), gf.Text("phone", false, 30)};
            CheckPhone(gf, "phone", p.guardian.phone);
        }
    }
    if (f.Has("child_certificate_number"))
        p.child_certificate_number = CertificateNumber(f, "child_certificate_number", "通所受給者証番号");
    if (f.Has("community_certificate_number"))
        p.community_certificate_number =
            CertificateNumber(f, "community_certificate_number", "地域相談支援受給者証番号");
    if (f.Has("copay_cap")) {
        p.copay_cap.reset();
        if (!body.at("copay_cap").is_null()) {
            const auto& v = body.at("copay_cap");
            if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > 10000000)
                f.Fail("copay_cap", "利用者負担上限額は0以上の整数（円）で入力してください。");
            p.copay_cap = v.as_int64();
        }
    }
    if (const json::array* cs = f.Array("contacts", false)) {
        p.contacts.clear();
        for (std::size_t i = 0; i < cs->size(); ++i) {
            const std::string prefix = "contacts[" + std::to_string(i) + "].";
            if (!(*cs)[i].is_object())
                throw http::Invalid("contacts[" + std::to_string(i) + "]", "連絡先の形式が正しくありません。");
            const http::Fields c((*cs)[i].as_object(), prefix);
            p.contacts.push_back({c.Enum("role", true, {"family", "guardian", "representative", "other"}),
                                  c.Text("name", true, 100), c.Text("relation", false, 50),
                                  c.Text("phone", false, 30)});
        }
    }
}

}  // namespace

void RefuseAdmin(const http::Context& ctx) {
    if (ctx.user.is_admin()) throw http::Forbidden();  // admins manage accounts, never read person data
}

auth::Scope OnCallScope(const http::Context& ctx) {
    auth::Scope s = auth::ScopeOf(ctx.user);
    s.on_call = 1;
    s.at = oncall::LocalMinute(storage::Now());
    return s;
}

Person RequireInScope(storage::Tx& tx, const http::Context& ctx, long long id, Reach reach) {
    RefuseAdmin(ctx);
    auto p = Find(tx, auth::ScopeOf(ctx.user), id);
    if (!p && reach == Reach::kOnCall && !ctx.user.is_chief()) {
        p = Find(tx, OnCallScope(ctx), id);
        if (p) audit::Record(tx, ctx, "oncall_access", "person", std::to_string(p->id), p->id);
    }
    if (!p) throw http::NotFound();
    return *p;
}

http::Response ListApi(http::Context& ctx) {
    RefuseAdmin(ctx);
    const std::string q = ctx.req.Query("q");
    if (http::Utf8Length(q) > 100) throw http::Invalid("q", "検索語は100文字以内にしてください。");
    std::string status = ctx.req.Query("status");
    if (status.empty()) status = "active";
    if (status != "active" && status != "closed" && status != "all")
        throw http::Invalid("status", "状態は active・closed・all のいずれかを指定してください。");
    const auto [page, per_page] = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    ListResult res = List(tx, auth::ScopeOf(ctx.user), q, page, per_page, status == "all" ? "" : status);
    std::vector<long long> ids;
    for (const auto& p : res.items) ids.push_back(p.id);
    audit::RecordPersons(tx, ctx, "list", "person", ids);
    tx.Commit();
    json::array items;
    for (const auto& p : res.items) items.push_back(ToJson(p));
    return http::Json(json::object{{"items", std::move(items)},
                                   {"total", res.total},
                                   {"total_is_lower_bound", res.total_is_lower_bound},
                                   {"page", page},
                                   {"per_page", per_page}});
}

http::Response CreateApi(http::Context& ctx) {
    RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    Person p;
    Apply(body, p, true);
    p.office_id = ctx.user.office_id;
    p.created_by = ctx.user.user_id;
    storage::Tx tx(ctx.db);
    p.id = Insert(tx, p);
    // A specialist who registers a person is their assignee; a chief assigns explicitly.
    if (ctx.user.role == auth::Role::kSpecialist) SetAssignees(tx, p.office_id, p.id, {ctx.user.user_id});
    audit::Record(tx, ctx, "create", "person", std::to_string(p.id), p.id);
    auto saved = Find(tx, auth::ScopeOf(ctx.user), p.id);
    tx.Commit();
    return http::Json(ToJson(saved ? *saved : p), 201);
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Person p = RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    audit::Record(tx, ctx, "read", "person", std::to_string(p.id), p.id);
    tx.Commit();
    return http::Json(ToJson(p));
}

http::Response PatchApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    storage::Tx tx(ctx.db);
    Person p = RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    Apply(body, p, false);
    Update(tx, p);
    audit::Record(tx, ctx, "update", "person", std::to_string(p.id), p.id);
    auto saved = Find(tx, auth::ScopeOf(ctx.user), p.id);
    tx.Commit();
    return http::Json(ToJson(*saved));
}

http::Response PutAssigneesApi(http::Context& ctx) {
    if (!ctx.user.is_chief()) throw http::Forbidden();
    const json::object body = http::ParseObject(ctx.req);
    const json::array* ids = http::Fields(body).Array("user_ids", true);
    std::vector<long long> user_ids;
    for (std::size_t i = 0; i < ids->size(); ++i) {
        if (!(*ids)[i].is_int64())
            throw http::Invalid("user_ids[" + std::to_string(i) + "]", "職員IDは整数で指定してください。");
        user_ids.push_back((*ids)[i].as_int64());
    }
    storage::Tx tx(ctx.db);
    const Person p = RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    SetAssignees(tx, p.office_id, p.id, user_ids);
    audit::Record(tx, ctx, "assign", "person", std::to_string(p.id), p.id);
    auto saved = Find(tx, auth::ScopeOf(ctx.user), p.id);
    tx.Commit();
    return http::Json(ToJson(*saved));
}

}  // namespace tsunagu::person
