// 虐待通報 (abuse reports) of a person: report, list, read, follow up, close. No PATCH, no DELETE:
// the router answers 405 for them, and the tables refuse UPDATE and DELETE themselves.
#include "abuse/abuse.hpp"
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::abuse {

namespace json = boost::json;

namespace {

json::object FollowupJson(const Followup& f) {
    return {{"id", f.id},
            {"kind", f.kind},
            {"date", f.date},
            {"text", f.text},
            {"created_by", f.created_by},
            {"created_by_name", f.created_by_name},
            {"created_at", f.created_at}};
}

json::object ToJson(const Report& r) {
    json::array kinds, followups;
    for (const auto& k : r.kinds) kinds.emplace_back(k);
    for (const auto& f : r.followups) followups.push_back(FollowupJson(f));
    const auto closing = ClosingOf(r.followups);
    return {{"id", r.id},
            {"person_id", r.person_id},
            {"kinds", std::move(kinds)},
            {"suspected_actor", r.suspected_actor},
            {"observed", r.observed},
            {"observed_on", r.observed_on},
            {"observed_by", r.observed_by},
            {"reported_on", r.reported_on},
            {"reported_at", r.reported_at},
            {"reported_to", r.reported_to},
            {"reported_by", r.reported_by},
            {"status", StatusOf(r.followups)},
            {"closed_on", closing ? json::value(closing->date) : json::value(nullptr)},
            {"close_reason", closing ? json::value(closing->text) : json::value(nullptr)},
            {"followups", std::move(followups)},
            {"created_by", r.created_by},
            {"created_at", r.created_at}};
}

//! A date on or before today.
std::string PastDate(const http::Fields& f, const char* key) {
    const std::string d = f.Date(key, true);
    if (d > storage::TodayJst()) f.Fail(key, "未来の日付です。");
    return d;
}

//! The report `rid` of the person (404 otherwise), for appending to it; closed → 409.
Report OpenReport(storage::Tx& tx, const person::Person& p, long long rid) {
    auto r = Find(tx, p.office_id, p.id, rid);
    if (!r) throw http::NotFound();
    if (ClosingOf(r->followups)) throw http::Conflict("abuse_report_closed", "この通報記録は終結しています。");
    return *r;
}

//! Appends a follow-up or the close, audits it, returns the report as it now stands.
http::Response Append(http::Context& ctx, const char* kind, const char* text_key, const char* action) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const Report r = OpenReport(tx, p, ctx.req.IdParam("rid"));
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Followup fu;
    fu.kind = kind;
    fu.date = f.Has("date") ? PastDate(f, "date") : storage::TodayJst();
    if (fu.date < r.reported_on) f.Fail("date", "通報日より前の日付です。");
    fu.text = f.Text(text_key, true, 4000);
    fu.created_by = ctx.user.user_id;
    InsertFollowup(tx, p.office_id, r.id, fu);
    audit::Record(tx, ctx, action, "abuse_report", std::to_string(r.id), p.id);
    const auto saved = Find(tx, p.office_id, p.id, r.id);
    tx.Commit();
    return http::Json(ToJson(*saved), std::string(kind) == "close" ? 200 : 201);
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Report r;
    r.kinds =
        f.EnumList("kinds", kKinds, "種別は physical・sexual・psychological・neglect・economic から選んでください。");
    if (r.kinds.empty()) f.Fail("kinds", "虐待の種別を1つ以上選んでください。");
    r.suspected_actor = f.Enum("suspected_actor", true, kActors);
    r.observed = f.Text("observed", true, 4000);
    r.observed_on = PastDate(f, "observed_on");
    r.observed_by = f.Text("observed_by", true, 100);
    r.reported_on = PastDate(f, "reported_on");
    if (r.reported_on < r.observed_on) f.Fail("reported_on", "通報日は確認日以降にしてください。");
    r.reported_at = f.Time("reported_at", true);
    r.reported_to = f.Text("reported_to", true, 200);
    r.reported_by = f.Text("reported_by", true, 100);
    r.office_id = p.office_id;
    r.person_id = p.id;
    r.created_by = ctx.user.user_id;
    r.id = Insert(tx, r);
    audit::Record(tx, ctx, "create", "abuse_report", std::to_string(r.id), p.id);
    const auto saved = Find(tx, p.office_id, p.id, r.id);
    tx.Commit();
    return http::Json(ToJson(*saved), 201);
}

http::Response ListApi(http::Context& ctx) {
    const int page = ctx.req.Paging().page;
    const int per_page = ctx.req.Paging().per_page;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    long long total = 0;
    json::array items;
    for (const auto& r : ListForPerson(tx, p.office_id, p.id, page, per_page, total)) items.push_back(ToJson(r));
    audit::Record(tx, ctx, "list", "abuse_report", "", p.id);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", page}, {"per_page", per_page}});
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const auto r = Find(tx, p.office_id, p.id, ctx.req.IdParam("rid"));
    if (!r) throw http::NotFound();
    audit::Record(tx, ctx, "read", "abuse_report", std::to_string(r->id), p.id);
    tx.Commit();
    return http::Json(ToJson(*r));
}

http::Response FollowupApi(http::Context& ctx) { return Append(ctx, "followup", "text", "followup"); }

http::Response CloseApi(http::Context& ctx) { return Append(ctx, "close", "reason", "close"); }

}  // namespace tsunagu::abuse
