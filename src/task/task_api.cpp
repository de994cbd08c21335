// タスク: added by hand on a person, listed across the caseload, closed with a result.
#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "task/task.hpp"
#include "user/user.hpp"

namespace tsunagu::task {

namespace json = boost::json;

namespace {

//! The transfer a follow-up names (its receiving office and when it was accepted), or null.
json::value TransferJson(const Task& t) {
    if (!t.transfer_id) return nullptr;
    return json::object{{"id", t.transfer_id},
                        {"to_office_id", t.transfer_to_office_id},
                        {"to_office_name", t.transfer_to_office_name},
                        {"accepted_at", http::NullIfEmpty(t.transfer_accepted_at)}};
}

json::object ToJson(const Task& t, const std::string& today) {
    return {{"id", t.id},
            {"person_id", t.person_id ? json::value(t.person_id) : json::value(nullptr)},
            {"person_name", t.person_id ? json::value(t.person_name) : json::value(nullptr)},
            {"transfer", TransferJson(t)},
            {"meeting_id", t.meeting_id ? json::value(t.meeting_id) : json::value(nullptr)},
            {"text", t.text},
            {"owner", t.owner},
            {"owner_user_id", t.owner_user_id ? json::value(t.owner_user_id) : json::value(nullptr)},
            {"due", t.due},
            {"measure", t.measure},
            {"status", t.status},
            {"overdue", IsOverdue(t, today)},
            {"done_on", http::NullIfEmpty(t.done_on)},
            {"result", t.result},
            {"created_at", t.created_at},
            {"updated_at", t.updated_at}};
}

}  // namespace

void ReadOwner(storage::Tx& tx, long long office_id, const json::object& o, const std::string& prefix,
               std::string& owner, long long& owner_user_id) {
    const http::Fields f(o, prefix);
    owner.clear();
    owner_user_id = 0;
    const json::value* v = o.if_contains("owner");
    const char* id_field = "owner_user_id";
    if (v && (v->is_int64() || v->is_uint64())) {
        owner_user_id = f.Int("owner", true, 1, 1LL << 53);
        id_field = "owner";
    } else {
        owner = f.Text("owner", false, 100);
    }
    if (owner_user_id == 0 && f.Has("owner_user_id")) owner_user_id = f.Int("owner_user_id", false, 1, 1LL << 53, 0);
    if (owner_user_id == 0) return;
    const auto u = user::FindById(tx, owner_user_id, office_id);
    if (!u || !u->active || u->role == auth::Role::kAdmin)
        f.Fail(id_field, "担当者はこの事業所の有効な職員から選んでください。");
    if (owner.empty()) owner = u->name;
}

http::Response CreateApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Task t;
    t.office_id = person.office_id;
    t.person_id = person.id;
    t.text = f.Text("text", true, 1000);
    ReadOwner(tx, person.office_id, body, "", t.owner, t.owner_user_id);
    if (t.owner.empty()) f.Fail("owner", "担当者（出席者の氏名または職員）を入力してください。");
    t.due = f.Date("due", true);
    t.measure = f.Text("measure", true, 1000);
    t.created_by = ctx.user.user_id;
    t.id = Insert(tx, t);
    audit::Record(tx, ctx, "create", "task", std::to_string(t.id), person.id);
    const auto saved = FindInScope(tx, auth::ScopeOf(ctx.user), t.id);
    tx.Commit();
    return http::Json(ToJson(*saved, storage::TodayJst()), 201);
}

http::Response ListApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    Filter f;
    f.scope = auth::ScopeOf(ctx.user);
    f.status = ctx.req.Query("status");
    if (!f.status.empty() && f.status != "overdue" &&
        std::find(kStatuses.begin(), kStatuses.end(), f.status) == kStatuses.end())
        throw http::Invalid("status", "status は open・overdue・done・cancelled から選んでください。");
    f.person_id = ctx.req.IdQuery("person_id");
    f.owner_user_id = ctx.req.IdQuery("owner_user_id");
    f.page = ctx.req.Paging().page;
    f.per_page = ctx.req.Paging().per_page;
    f.today = storage::TodayJst();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    // A person named in the query is checked like a path: outside the scope → 404.
    if (f.person_id) person::RequireInScope(tx, ctx, f.person_id);
    long long total = 0;
    json::array items;
    std::vector<long long> ids;
    for (const Task& t : List(tx, f, total)) {
        items.push_back(ToJson(t, f.today));
        if (t.person_id) ids.push_back(t.person_id);  // a transfer's follow-up reads no person
    }
    audit::RecordPersons(tx, ctx, "list", "task", ids);
    tx.Commit();
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", f.page}, {"per_page", f.per_page}});
}

http::Response PatchApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    storage::Tx tx(ctx.db);
    auto t = FindInScope(tx, auth::ScopeOf(ctx.user), ctx.req.IdParam("tid"));
    if (!t) throw http::NotFound();
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const std::string status = f.Enum("status", true, kStatuses);
    const std::string result = f.Text("result", false, 2000);
    const std::string today = storage::TodayJst();
    const std::string bad = ApplyStatus(*t, status, result, today);
    if (bad == "result") f.Fail("result", "完了・中止にするときは結果を入力してください。");
    if (!bad.empty()) f.Fail(bad.c_str(), "状態を選んでください。");
    UpdateStatus(tx, *t);
    audit::Record(tx, ctx, "update", "task", std::to_string(t->id), t->person_id);
    const auto saved = FindInScope(tx, auth::ScopeOf(ctx.user), t->id);
    tx.Commit();
    return http::Json(ToJson(*saved, today));
}

}  // namespace tsunagu::task
