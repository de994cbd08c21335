// レッドフラグ (red flags) of a person: the current review, a new review, the dated history.
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "redflag/redflag.hpp"
#include "storage/database.hpp"

namespace tsunagu::redflag {

namespace json = boost::json;

namespace {

json::object ToJson(const Review& r) {
    return {{"id", r.id},
            {"person_id", r.person_id},
            {"items", ItemsJson(r.items)},
            {"raised",
             [&] {
                 json::array a;
                 for (const auto& c : RaisedCodes(r.items)) a.emplace_back(c);
                 return a;
             }()},
            {"reviewed_on", r.reviewed_on},
            {"monitoring_id", r.monitoring_id ? json::value(r.monitoring_id) : json::value(nullptr)},
            {"reviewed_by", r.reviewed_by},
            {"reviewed_by_name", r.reviewed_by_name},
            {"created_at", r.created_at}};
}

//! The body of a person that was never reviewed: every code "none", no date.
json::object NeverReviewed(long long person_id) {
    return {{"id", nullptr},           {"person_id", person_id}, {"items", ItemsJson(Complete({}))},
            {"raised", json::array{}}, {"reviewed_on", nullptr}, {"monitoring_id", nullptr},
            {"reviewed_by", nullptr},  {"reviewed_by_name", ""}, {"created_at", nullptr}};
}

}  // namespace

std::vector<Item> ParseItems(const json::array& a, const std::string& field) {
    std::vector<Item> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string at = field + "[" + std::to_string(i) + "]";
        if (!a[i].is_object()) throw http::Invalid(at, "レッドフラグの形式が正しくありません。");
        const http::Fields f(a[i].as_object(), at + ".");
        Item item;
        item.code = f.Enum("code", true, kCodes);
        for (const auto& seen : out)
            if (seen.code == item.code) f.Fail("code", "同じ項目が重複しています。");
        item.status = f.Enum("status", true, kStatuses);
        item.note = f.Text("note", false, 1000);
        out.push_back(std::move(item));
    }
    return Complete(out);
}

json::array ItemsJson(const std::vector<Item>& items) {
    json::array a;
    for (const auto& i : items) a.push_back(json::object{{"code", i.code}, {"status", i.status}, {"note", i.note}});
    return a;
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"), person::Reach::kOnCall);
    const auto r = Latest(tx, p.office_id, p.id);
    audit::Record(tx, ctx, "read", "redflags", r ? std::to_string(r->id) : "", p.id);
    tx.Commit();
    return http::Json(r ? ToJson(*r) : NeverReviewed(p.id));
}

http::Response PutApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Review r;
    r.items = ParseItems(*f.Array("items", true), "items");
    r.reviewed_on = f.Date("reviewed_on", false);
    if (r.reviewed_on.empty()) r.reviewed_on = storage::TodayJst();
    if (r.reviewed_on > storage::TodayJst()) f.Fail("reviewed_on", "確認日が未来の日付です。");
    r.office_id = p.office_id;
    r.person_id = p.id;
    r.reviewed_by = ctx.user.user_id;
    r.id = Insert(tx, r);
    audit::Record(tx, ctx, "update", "redflags", std::to_string(r.id), p.id);
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
    for (const auto& r : History(tx, p.office_id, p.id, page, per_page, total)) items.push_back(ToJson(r));
    audit::Record(tx, ctx, "list", "redflags", "", p.id);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}});
}

}  // namespace tsunagu::redflag
