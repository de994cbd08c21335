// 緊急時対応計画 (crisis plan) of a person: the current version, a new version, the history.
#include "audit/audit.hpp"
#include "crisis/crisis.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::crisis {

namespace json = boost::json;

namespace {

json::object ToJson(const CrisisPlan& c) {
    json::array contacts;
    for (const auto& k : ByOrder(c.contacts))
        contacts.push_back(json::object{
            {"order", k.order}, {"name", k.name}, {"relation", k.relation}, {"phone", k.phone}, {"when", k.when}});
    return {{"id", c.id ? json::value(c.id) : json::value(nullptr)},
            {"person_id", c.person_id},
            {"early_signs", c.early_signs},
            {"what_helps", c.what_helps},
            {"what_to_avoid", c.what_to_avoid},
            {"contacts", std::move(contacts)},
            {"steps", c.steps},
            {"reviewed_on", http::NullIfEmpty(c.reviewed_on)},
            {"created_by", c.created_by ? json::value(c.created_by) : json::value(nullptr)},
            {"created_by_name", c.created_by_name},
            {"created_at", http::NullIfEmpty(c.created_at)}};
}

}  // namespace

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"), person::Reach::kOnCall);
    auto c = Latest(tx, p.office_id, p.id);
    audit::Record(tx, ctx, "read", "crisis_plan", c ? std::to_string(c->id) : "", p.id);
    tx.Commit();
    if (!c) {
        c.emplace();
        c->person_id = p.id;
    }
    return http::Json(ToJson(*c));
}

http::Response PutApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    CrisisPlan c;
    c.early_signs = f.Text("early_signs", false, 2000);
    c.what_helps = f.Text("what_helps", false, 2000);
    c.what_to_avoid = f.Text("what_to_avoid", false, 2000);
    c.steps = f.Text("steps", true, 4000);
    c.reviewed_on = f.Date("reviewed_on", false);
    if (c.reviewed_on.empty()) c.reviewed_on = storage::TodayJst();
    if (c.reviewed_on > storage::TodayJst()) f.Fail("reviewed_on", "見直し日が未来の日付です。");
    const json::array* cs = f.Array("contacts", true);
    if (cs->size() > 10) f.Fail("contacts", "緊急連絡先は10件までにしてください。");
    for (std::size_t i = 0; i < cs->size(); ++i) {
        const std::string at = "contacts[" + std::to_string(i) + "]";
        if (!(*cs)[i].is_object()) throw http::Invalid(at, "連絡先の形式が正しくありません。");
        const http::Fields k((*cs)[i].as_object(), at + ".");
        c.contacts.push_back({static_cast<int>(k.Int("order", false, 1, 99, static_cast<long long>(i) + 1)),
                              k.Text("name", true, 100), k.Text("relation", false, 50), k.Text("phone", true, 30),
                              k.Text("when", false, 200)});
    }
    c.office_id = p.office_id;
    c.person_id = p.id;
    c.created_by = ctx.user.user_id;
    c.id = Insert(tx, c);
    audit::Record(tx, ctx, "update", "crisis_plan", std::to_string(c.id), p.id);
    const auto saved = Latest(tx, p.office_id, p.id);
    tx.Commit();
    return http::Json(ToJson(*saved));
}

http::Response HistoryApi(http::Context& ctx) {
    const int page = ctx.req.Paging().page;
    const int per_page = ctx.req.Paging().per_page;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    long long total = 0;
    json::array items;
    for (const auto& c : History(tx, p.office_id, p.id, page, per_page, total)) items.push_back(ToJson(c));
    audit::Record(tx, ctx, "list", "crisis_plan", "", p.id);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}});
}

}  // namespace tsunagu::crisis
