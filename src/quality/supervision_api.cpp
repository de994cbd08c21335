// スーパービジョン: record (persons discussed in the writer's scope; actions → tasks) and list.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "quality/supervision.hpp"
#include "storage/database.hpp"
#include "task/task.hpp"
#include "user/user.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

namespace {
json::value Id(long long v) { return v ? json::value(v) : json::value(nullptr); }

json::object ToJson(const Supervision& s, const std::vector<std::pair<long long, std::string>>& persons) {
    json::array supervisees, ps, actions;
    for (long long u : s.supervisee_ids) supervisees.emplace_back(u);
    for (const auto& [id, name] : persons) ps.push_back(json::object{{"id", id}, {"name", name}});
    for (const auto& a : s.actions)
        actions.push_back(json::object{{"text", a.text},
                                       {"owner", a.owner},
                                       {"owner_user_id", Id(a.owner_user_id)},
                                       {"due", a.due},
                                       {"measure", a.measure},
                                       {"person_id", a.person_id},
                                       {"task_id", Id(a.task_id)}});
    return {{"id", s.id},
            {"date", s.date},
            {"kind", s.kind},
            {"supervisor_user_id", Id(s.supervisor_user_id)},
            {"supervisor", s.supervisor_name},
            {"supervisee_ids", std::move(supervisees)},
            {"persons", std::move(ps)},
            {"topics", s.topics},
            {"insights", s.insights},
            {"minutes", s.minutes},
            {"actions", std::move(actions)},
            {"created_by", s.created_by},
            {"created_at", s.created_at}};
}

//! An active specialist or chief of the office, or 400 on `field`.
std::string StaffName(storage::Tx& tx, long long office_id, long long id, const std::string& field) {
    const auto u = user::FindById(tx, id, office_id);
    if (!u || !u->active || u->role == auth::Role::kAdmin)
        throw http::Invalid(field, "この事業所の有効な職員を選んでください。");
    return u->name;
}

std::vector<long long> IdList(const http::Fields& f, const json::object& body, const char* key) {
    std::vector<long long> out;
    const json::array* a = f.Array(key, false);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        if (!(*a)[i].is_int64() || (*a)[i].as_int64() < 1)
            throw http::Invalid(f.Path(key) + "[" + std::to_string(i) + "]", "IDは整数で指定してください。");
        const long long v = (*a)[i].as_int64();
        if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    }
    (void)body;
    return out;
}
}  // namespace

http::Response CreateSupervisionApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Supervision s;
    s.office_id = ctx.user.office_id;
    s.created_by = ctx.user.user_id;
    s.date = f.Date("date", true);
    if (s.date > storage::TodayJst()) f.Fail("date", "未来の日付は指定できません。");
    s.kind = f.Enum("kind", true, kSupervisionKinds);
    s.topics = f.Text("topics", false, 4000);
    s.insights = f.Text("insights", false, 4000);
    s.minutes = f.Text("minutes", false, 20000);
    s.supervisee_ids = IdList(f, body, "supervisee_ids");
    s.person_ids = IdList(f, body, "person_ids");
    if (s.person_ids.size() > 50) f.Fail("person_ids", "話し合った利用者は50人までです。");
    const json::array* actions = f.Array("actions", false);
    if (actions && actions->size() > 50) f.Fail("actions", "アクションは50件までです。");

    storage::Tx tx(ctx.db);
    const json::value* sup = body.if_contains("supervisor");
    if (sup && sup->is_int64()) {
        s.supervisor_user_id = sup->as_int64();
        s.supervisor_name = StaffName(tx, s.office_id, s.supervisor_user_id, "supervisor");
    } else {
        s.supervisor_name = f.Text("supervisor", true, 100);
    }
    if (s.supervisee_ids.empty()) s.supervisee_ids.push_back(ctx.user.user_id);
    for (std::size_t i = 0; i < s.supervisee_ids.size(); ++i)
        StaffName(tx, s.office_id, s.supervisee_ids[i], "supervisee_ids[" + std::to_string(i) + "]");
    // Every person discussed is in the writer's scope (404 otherwise, never revealing who exists).
    std::vector<std::pair<long long, std::string>> persons;
    for (long long pid : s.person_ids) {
        const person::Person p = person::RequireInScope(tx, ctx, pid);
        persons.emplace_back(p.id, p.name);
    }
    for (std::size_t i = 0; actions && i < actions->size(); ++i) {
        const std::string prefix = "actions[" + std::to_string(i) + "].";
        if (!(*actions)[i].is_object())
            throw http::Invalid(prefix.substr(0, prefix.size() - 1), "形式が正しくありません。");
        const json::object& o = (*actions)[i].as_object();
        const http::Fields a(o, prefix);
        SupervisionAction x;
        x.text = a.Text("text", true, 1000);
        task::ReadOwner(tx, s.office_id, o, prefix, x.owner, x.owner_user_id);
        if (x.owner.empty()) a.Fail("owner", "担当者（氏名または職員）を入力してください。");
        x.due = a.Date("due", true);
        x.measure = a.Text("measure", true, 1000);
        x.person_id = a.Int("person_id", false, 1, 1LL << 53, s.person_ids.empty() ? 0 : s.person_ids.front());
        // A task belongs to a person: the action's, one of the persons discussed.
        if (std::find(s.person_ids.begin(), s.person_ids.end(), x.person_id) == s.person_ids.end())
            a.Fail("person_id", "アクションの利用者は、話し合った利用者から選んでください。");
        s.actions.push_back(std::move(x));
    }
    for (auto& x : s.actions) {
        task::Task t;
        t.office_id = s.office_id;
        t.person_id = x.person_id;
        t.text = x.text;
        t.owner = x.owner;
        t.owner_user_id = x.owner_user_id;
        t.due = x.due;
        t.measure = x.measure;
        t.created_by = ctx.user.user_id;
        x.task_id = task::Insert(tx, t);
        audit::Record(tx, ctx, "create", "task", std::to_string(x.task_id), x.person_id);
    }
    s.id = InsertSupervision(tx, s);
    audit::Record(tx, ctx, "create", "supervision", std::to_string(s.id));
    for (const auto& [pid, name] : persons) audit::Record(tx, ctx, "read", "supervision", std::to_string(s.id), pid);
    s.created_at = storage::NowIso();
    tx.Commit();
    return http::Json(ToJson(s, persons), 201);
}

http::Response ListSupervisionsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const auto paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    long long total = 0;
    const long long member = ctx.user.is_chief() ? 0 : ctx.user.user_id;
    const auto list = ListSupervisions(tx, ctx.user.office_id, member, paging.page, paging.per_page, total);
    const auth::Scope scope = auth::ScopeOf(ctx.user);
    json::array items;
    std::vector<long long> shown;
    for (const auto& s : list) {
        // Only the persons in the reader's own scope are named.
        std::vector<std::pair<long long, std::string>> persons;
        for (long long pid : s.person_ids)
            if (auto p = person::Find(tx, scope, pid)) {
                persons.emplace_back(p->id, p->name);
                shown.push_back(p->id);
            }
        items.push_back(ToJson(s, persons));
    }
    audit::RecordPersons(tx, ctx, "list", "supervision", shown);
    tx.Commit();
    return http::Json(json::object{
        {"items", std::move(items)}, {"total", total}, {"page", paging.page}, {"per_page", paging.per_page}});
}

}  // namespace tsunagu::quality
