// 内部監査: the chief records an audit against the checklist; ng items with an action for a person
// become tasks. Everyone of the office reads the audits and the checklist.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "quality/internal_audit.hpp"
#include "storage/database.hpp"
#include "task/task.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

namespace {
json::value Id(long long v) { return v ? json::value(v) : json::value(nullptr); }

json::object ToJson(const InternalAudit& a) {
    json::array items;
    int ng = 0;
    for (const auto& x : a.items) {
        if (x.result == "ng") ++ng;
        json::value action = nullptr;
        if (!x.action_text.empty())
            action = json::object{{"text", x.action_text},
                                  {"owner", x.action_owner},
                                  {"due", x.action_due},
                                  {"measure", x.action_measure},
                                  {"person_id", Id(x.action_person_id)},
                                  {"task_id", Id(x.task_id)}};
        items.push_back(
            json::object{{"code", x.code}, {"result", x.result}, {"note", x.note}, {"action", std::move(action)}});
    }
    return {{"id", a.id},
            {"date", a.date},
            {"items", std::move(items)},
            {"ng_count", ng},
            {"created_by", a.created_by},
            {"created_at", a.created_at}};
}

bool KnownCode(const std::string& code) {
    for (const auto& d : InternalAuditItems())
        if (code == d.code) return true;
    return false;
}
}  // namespace

http::Response InternalAuditItemsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    json::array items;
    for (const auto& d : InternalAuditItems())
        items.push_back(json::object{{"code", d.code}, {"area", d.area}, {"text", d.text_ja}});
    const long long total = static_cast<long long>(items.size());
    return http::Json(json::object{{"items", std::move(items)}, {"total", total}});
}

http::Response CreateInternalAuditApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    if (!ctx.user.is_chief()) throw http::Forbidden();
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    InternalAudit a;
    a.office_id = ctx.user.office_id;
    a.created_by = ctx.user.user_id;
    a.date = f.Date("date", true);
    if (a.date > storage::TodayJst()) f.Fail("date", "未来の日付は指定できません。");
    const json::array* items = f.Array("items", true);
    if (items->empty()) f.Fail("items", "監査項目を1つ以上入力してください。");
    if (items->size() > 200) f.Fail("items", "監査項目は200件までです。");
    storage::Tx tx(ctx.db);
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string prefix = "items[" + std::to_string(i) + "].";
        if (!(*items)[i].is_object())
            throw http::Invalid(prefix.substr(0, prefix.size() - 1), "形式が正しくありません。");
        const json::object& o = (*items)[i].as_object();
        const http::Fields it(o, prefix);
        AuditItemResult x;
        x.code = it.Text("code", true, 100);
        if (!KnownCode(x.code)) it.Fail("code", "チェックリストにない項目です。");
        for (const auto& prev : a.items)
            if (prev.code == x.code) it.Fail("code", "同じ項目が2回入っています。");
        x.result = it.Enum("result", true, {"ok", "ng", "na"});
        x.note = it.Text("note", false, 2000);
        if (const json::object* act = it.Object("action", false)) {
            const http::Fields af(*act, prefix + "action.");
            if (x.result != "ng") af.Fail("text", "改善の行動は「不適（ng）」の項目にだけ記録します。");
            x.action_text = af.Text("text", true, 1000);
            long long owner_id = 0;
            task::ReadOwner(tx, a.office_id, *act, prefix + "action.", x.action_owner, owner_id);
            if (x.action_owner.empty()) af.Fail("owner", "担当者を入力してください。");
            x.action_due = af.Date("due", true);
            x.action_measure = af.Text("measure", true, 1000);
            x.action_person_id = af.Int("person_id", false, 1, 1LL << 53, 0);
            // A sampled record's action is a task of that person (tasks belong to a person).
            if (x.action_person_id) {
                person::RequireInScope(tx, ctx, x.action_person_id);
                task::Task t;
                t.office_id = a.office_id;
                t.person_id = x.action_person_id;
                t.text = x.action_text;
                t.owner = x.action_owner;
                t.owner_user_id = owner_id;
                t.due = x.action_due;
                t.measure = x.action_measure;
                t.created_by = ctx.user.user_id;
                x.task_id = task::Insert(tx, t);
                audit::Record(tx, ctx, "create", "task", std::to_string(x.task_id), x.action_person_id);
            }
        } else if (x.result == "ng") {
            it.Fail("action", "「不適（ng）」の項目には改善の行動を入力してください。");
        }
        a.items.push_back(std::move(x));
    }
    a.id = InsertInternalAudit(tx, a);
    audit::Record(tx, ctx, "create", "internal_audit", std::to_string(a.id));
    a.created_at = storage::NowIso();
    tx.Commit();
    return http::Json(ToJson(a), 201);
}

http::Response ListInternalAuditsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const auto paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    long long total = 0;
    const auto list = ListInternalAudits(tx, ctx.user.office_id, paging.page, paging.per_page, total);
    tx.Commit();
    json::array items;
    for (const auto& a : list) items.push_back(ToJson(a));
    return http::Json(json::object{
        {"items", std::move(items)}, {"total", total}, {"page", paging.page}, {"per_page", paging.per_page}});
}

}  // namespace tsunagu::quality
