// 情報提供 of a person: record (only under a covering consent, else 409 consent_required) and list.
#include <algorithm>

#include "audit/audit.hpp"
#include "directory/directory.hpp"
#include "disclosure/disclosure.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::disclosure {

namespace json = boost::json;

namespace {

json::object ToJson(const Disclosure& d) {
    return {{"id", d.id},
            {"person_id", d.person_id},
            {"directory_id", d.directory_id},
            {"directory_name", d.directory_name},
            {"consent_id", d.consent_id},
            {"what", d.what},
            {"purpose", d.purpose},
            {"date", d.date},
            {"medium", d.medium},
            {"created_by", d.created_by},
            {"created_at", d.created_at}};
}

int PageQuery(const http::Request& req, const char* name, int fallback, int max) {
    const std::string v = req.Query(name);
    if (v.empty()) return fallback;
    if (v.size() > 6 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(v) < 1 || std::stoi(v) > max)
        throw http::Invalid(name, "1から" + std::to_string(max) + "までの数で指定してください。");
    return std::stoi(v);
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Disclosure d;
    d.directory_id = f.Int("directory_id", true, 1, 1LL << 53);
    d.what = f.Text("what", true, 4000);
    d.purpose = f.Text("purpose", true, 500);
    d.date = f.Date("date", true);
    if (d.date > storage::TodayJst()) f.Fail("date", "提供日に未来の日付は入力できません。");
    d.medium = f.Text("medium", false, 100);
    const auto entry = directory::Find(tx, p.office_id, d.directory_id);
    if (!entry) f.Fail("directory_id", "名簿にない関係機関です。");
    const Recipient to{entry->id, entry->name, entry->sector};
    const auto covering = CoveringConsent(consent::ListForPerson(tx, p.office_id, p.id), to, d.date);
    if (!covering) throw http::Conflict("consent_required", MissingScopeMessage(to, d.date));
    d.office_id = p.office_id;
    d.person_id = p.id;
    d.consent_id = *covering;
    d.directory_name = entry->name;
    d.created_by = ctx.user.user_id;
    d.id = Insert(tx, d);
    audit::Record(tx, ctx, "create", "disclosure", std::to_string(d.id), p.id);
    tx.Commit();
    d.created_at = storage::NowIso();
    return http::Json(ToJson(d), 201);
}

http::Response ListApi(http::Context& ctx) {
    const int page = PageQuery(ctx.req, "page", 1, 100000), per_page = PageQuery(ctx.req, "per_page", 50, 200);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    long long total = 0;
    json::array items;
    for (const auto& d : ListForPerson(tx, p.office_id, p.id, page, per_page, total)) items.push_back(ToJson(d));
    audit::Record(tx, ctx, "list", "disclosure", "", p.id);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}});
}

}  // namespace tsunagu::disclosure
