// 終結 and 再開: a closed person leaves the caseload, the due list and the alerts (their facts are
// cleared by caseload::RefreshFacts) and keeps every record; `?status=closed` finds them.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "quality/approval.hpp"
#include "storage/database.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

namespace {
json::object StateJson(const person::Person& p) {
    return {{"id", p.id},
            {"status", p.status},
            {"closed_on", http::NullIfEmpty(p.closed_on)},
            {"closure_reason", http::NullIfEmpty(p.closure_reason)}};
}

std::string ValidDate(const http::Fields& f) {
    const std::string date = f.Date("date", true);
    if (date > storage::TodayJst()) f.Fail("date", "未来の日付は指定できません。");
    return date;
}
}  // namespace

json::object ClosureBody(const json::object& body) {
    const http::Fields f(body);
    json::object out;
    out["date"] = ValidDate(f);
    out["reason"] = f.Enum("reason", true, kClosureReasons);
    out["note"] = f.Text("note", false, 2000);
    return out;
}

void ApplyClosure(storage::Tx& tx, const http::Context& ctx, long long person_id, const json::object& body,
                  long long approval_id) {
    const person::Person p = person::RequireInScope(tx, ctx, person_id);
    if (p.status == "closed") throw http::Conflict("already_closed", "この利用者の支援はすでに終結しています。");
    SaveClosure(tx, p.office_id, p.id, "close", std::string(body.at("date").as_string()),
                std::string(body.at("reason").as_string()), std::string(body.at("note").as_string()), approval_id,
                ctx.user.user_id);
    audit::Record(tx, ctx, "close", "person", std::to_string(p.id), p.id);
}

http::Response CloseApi(http::Context& ctx) {
    const json::object body = ClosureBody(http::ParseObject(ctx.req));
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    if (p.status == "closed") throw http::Conflict("already_closed", "この利用者の支援はすでに終結しています。");
    if (auto pending = RequestIfRequired(tx, ctx, "closure", p.id, 0, body)) {
        tx.Commit();
        return *pending;
    }
    ApplyClosure(tx, ctx, p.id, body, 0);
    const auto saved = person::Find(tx, auth::ScopeOf(ctx.user), p.id);
    tx.Commit();
    return http::Json(StateJson(*saved));
}

http::Response ReopenApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const std::string date = ValidDate(f);
    const std::string note = f.Text("note", false, 2000);
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    if (p.status != "closed") throw http::Conflict("not_closed", "終結していない利用者は再開できません。");
    if (date < p.closed_on) f.Fail("date", "再開日は終結日以降にしてください。");
    SaveClosure(tx, p.office_id, p.id, "reopen", date, "", note, 0, ctx.user.user_id);
    audit::Record(tx, ctx, "reopen", "person", std::to_string(p.id), p.id);
    const auto saved = person::Find(tx, auth::ScopeOf(ctx.user), p.id);
    tx.Commit();
    return http::Json(StateJson(*saved));
}

}  // namespace tsunagu::quality
