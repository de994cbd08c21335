// 同意 (consents) of a person: record, list, withdraw.
#include "audit/audit.hpp"
#include "consent/consent.hpp"
#include "directory/directory.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "person/person_records.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::consent {

namespace json = boost::json;

namespace {
json::object ToJson(const Consent& c) {
    json::array scope;
    for (const auto& s : c.scope) {
        if (s.directory_id)
            scope.push_back(json::object{{"directory_id", s.directory_id}, {"name", s.text}});
        else if (s.office_id)
            scope.push_back(json::object{{"office_id", s.office_id}, {"name", s.text}});
        else
            scope.emplace_back(s.text);
    }
    return {{"id", c.id},
            {"person_id", c.person_id},
            {"purpose", c.purpose},
            {"scope", std::move(scope)},
            {"given_by", c.given_by},
            {"given_by_name", c.given_by_name},
            {"given_on", c.given_on},
            {"expires_on", http::NullIfEmpty(c.expires_on)},
            {"withdrawn_on", http::NullIfEmpty(c.withdrawn_on)},
            {"withdraw_reason", c.withdraw_reason},
            {"status", StatusOn(c, storage::TodayJst())},
            {"created_at", c.created_at}};
}
//! Scope items: free text (≤200) or {"directory_id": n} naming an entry of the office's directory.
std::vector<ScopeItem> ScopeFromBody(storage::Tx& tx, const http::Fields& f, long long office_id) {
    const json::array* items = f.Array("scope", true);
    if (items->empty()) f.Fail("scope", "共有先を1つ以上入力してください。");
    if (items->size() > 100) f.Fail("scope", "共有先は100件までです。");
    std::vector<ScopeItem> out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string at = "scope[" + std::to_string(i) + "]";
        const json::value& v = (*items)[i];
        if (v.is_object() && v.as_object().contains("office_id")) {
            // another office (of this database), named for a transfer of the person (引継ぎ, #14)
            const http::Fields item(v.as_object(), at + ".");
            const long long office = item.Int("office_id", true, 1, 1LL << 53);
            const std::string name = user::OfficeName(tx, office);
            if (name.empty()) item.Fail("office_id", "その事業所はありません。");
            ScopeItem si(name);
            si.office_id = office;
            out.push_back(std::move(si));
            continue;
        }
        if (v.is_object()) {
            const http::Fields item(v.as_object(), at + ".");
            const long long id = item.Int("directory_id", true, 1, 1LL << 53);
            const auto entry = directory::Find(tx, office_id, id);
            if (!entry) item.Fail("directory_id", "名簿にない関係機関です。");
            out.emplace_back(entry->name, id);
            continue;
        }
        const json::object one{{at, v}};
        std::string text = http::Fields(one).Text(at.c_str(), true, 200);
        out.emplace_back(std::move(text));
    }
    return out;
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Consent c;
    c.purpose = f.Text("purpose", true, 500);
    c.given_by = f.Enum("given_by", true, {"本人", "代理人"});
    c.given_by_name = f.Text("given_by_name", c.given_by == "代理人", 100);
    c.given_on = f.Date("given_on", true);
    c.expires_on = f.Date("expires_on", false);
    if (!c.expires_on.empty() && c.expires_on < c.given_on)
        f.Fail("expires_on", "有効期限は同意日以降にしてください。");
    c.scope = ScopeFromBody(tx, f, p.office_id);
    c.office_id = p.office_id;
    c.person_id = p.id;
    c.id = Insert(tx, c, ctx.user.user_id);
    audit::Record(tx, ctx, "create", "consent", std::to_string(c.id), p.id);
    tx.Commit();
    c.created_at = storage::NowIso();
    return http::Json(ToJson(c), 201);
}

http::Response ListApi(http::Context& ctx) {
    return person::ListRecords(ctx, "consent", ListForPerson, [](const Consent& c) { return ToJson(c); });
}

http::Response WithdrawApi(http::Context& ctx) {
    std::string reason;
    if (!ctx.req.body.empty()) reason = http::Fields(http::ParseObject(ctx.req)).Text("reason", false, 500);
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const long long cid = ctx.req.IdParam("cid");
    bool exists = false;
    for (const auto& c : ListForPerson(tx, p.office_id, p.id))
        if (c.id == cid) exists = true;
    if (!exists) throw http::NotFound();
    if (!Withdraw(tx, p.office_id, p.id, cid, storage::TodayJst(), reason))
        throw http::Conflict("consent_state", "この同意は既に撤回されています。");
    audit::Record(tx, ctx, "withdraw", "consent", std::to_string(cid), p.id);
    Consent out;
    for (const auto& c : ListForPerson(tx, p.office_id, p.id))
        if (c.id == cid) out = c;
    tx.Commit();
    return http::Json(ToJson(out));
}

}  // namespace tsunagu::consent
