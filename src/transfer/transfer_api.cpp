// 引継ぎ between offices (issue 14): request (sender), list, accept or decline (receiving chief).
#include "audit/audit.hpp"
#include "calendar/date.hpp"
#include "consent/consent.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "region/region.hpp"
#include "storage/database.hpp"
#include "task/task.hpp"
#include "transfer/transfer.hpp"
#include "user/user.hpp"

namespace tsunagu::transfer {

namespace json = boost::json;

namespace {

json::object ToJson(const Transfer& t, bool with_person) {
    json::object o{
        {"id", t.id},
        {"from_office_id", t.office_id},
        {"from_office_name", t.office_name},
        {"person_id", t.person_id},
        {"to_office_id", t.to_office_id},
        {"to_office_name", t.to_office_name},
        {"reason", t.reason},
        {"consent_id", t.consent_id},
        {"handover_note", http::NullIfEmpty(t.handover_note)},
        {"status", t.status},
        {"requested_by", t.requested_by},
        {"requested_at", t.requested_at},
        {"decided_at", http::NullIfEmpty(t.decided_at)},
        {"decline_reason", http::NullIfEmpty(t.decline_reason)},
        {"assignee_id", t.assignee_id ? json::value(t.assignee_id) : json::value(nullptr)},
        {"follow_up_task_id", t.follow_up_task_id ? json::value(t.follow_up_task_id) : json::value(nullptr)}};
    if (with_person) o["person_name"] = t.person_name;
    return o;
}

//! The receiving office `to` as the sender may name it: it exists, is another office, and is in a
//! region of the sender (when the sender has one). 404 otherwise, naming nothing.
user::Office ReceivingOffice(storage::Tx& tx, long long from, long long to) {
    if (to == from) throw http::Invalid("to_office_id", "自事業所への引継ぎはできません。");
    for (const user::Office& o : user::ListOffices(tx))
        if (o.id == to && Reachable(region::RegionsOf(tx, from), region::RegionsOf(tx, to))) return o;
    throw http::NotFound();
}

void AuditIn(storage::Tx& tx, const http::Context& ctx, long long office_id, const std::string& action, long long tid,
             long long person_id) {
    audit::AuditEvent e{office_id,          ctx.user.user_id,    action, "transfer", std::to_string(tid), person_id,
                        ctx.req.request_id, ctx.req.client_addr, "ok"};
    audit::Append(tx, e);
}

//! A transfer the caller's office receives, for its chief; 404 for any other office, 403 for staff.
Transfer ReceivedPending(storage::Tx& tx, const http::Context& ctx) {
    person::RefuseAdmin(ctx);
    auto t = FindFor(tx, ctx.user.office_id, ctx.req.IdParam("tid"));
    if (!t || t->to_office_id != ctx.user.office_id) throw http::NotFound();
    if (!ctx.user.is_chief()) throw http::Forbidden();
    if (t->status != "pending") throw http::Conflict("transfer_decided", "この引継ぎは既に処理されています。");
    return *t;
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    Transfer t;
    t.to_office_id = f.Int("to_office_id", true, 1, 1LL << 53);
    t.reason = f.Text("reason", true, 1000);
    t.consent_id = f.Int("consent_id", true, 1, 1LL << 53);
    t.handover_note = f.Text("handover_note", false, 4000);
    storage::Tx tx(ctx.db);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const user::Office to = ReceivingOffice(tx, p.office_id, t.to_office_id);
    // 同意: an active consent of the person whose scope names the receiving office.
    const auto c = ConsentOf(tx, p.office_id, p.id, t.consent_id);
    consent::Consent cc;
    if (c) {
        cc.given_on = c->given_on;
        cc.expires_on = c->expires_on;
        cc.withdrawn_on = c->withdrawn_on;
    }
    if (!c || consent::StatusOn(cc, storage::TodayJst()) != "active" || !ScopeNamesOffice(c->scope, to.id, to.name))
        throw http::ApiError(409, "consent_required",
                             "引継ぎ先の事業所を共有先に含む有効な同意がありません。同意を記録してください。",
                             "consent_id");
    if (PendingFor(tx, p.office_id, p.id))
        throw http::Conflict("transfer_pending", "この利用者には処理待ちの引継ぎがあります。");
    t.office_id = p.office_id;
    t.person_id = p.id;
    t.requested_by = ctx.user.user_id;
    t.requested_at = storage::NowIso();
    // The follow-up goes to the specialist who asked, or (a chief asking) the first assigned one.
    t.sender_specialist_id = ctx.user.user_id;
    if (ctx.user.is_chief() && !p.assignees.empty()) t.sender_specialist_id = p.assignees.front().first;
    t.id = Insert(tx, t);
    audit::Record(tx, ctx, "create", "transfer", std::to_string(t.id), p.id);
    AuditIn(tx, ctx, to.id, "transfer_requested", t.id, p.id);
    const Transfer saved = *FindFor(tx, p.office_id, t.id);
    tx.Commit();
    return http::Json(ToJson(saved, true), 201);
}

http::Response ListForPersonApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    json::array items;
    // The person's transfers sent by this office (a person received keeps no link to the sender's rows).
    if (auto t = PendingFor(tx, p.office_id, p.id)) items.push_back(ToJson(*t, true));
    audit::Record(tx, ctx, "list", "transfer", "", p.id);
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response ListApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    if (!ctx.user.is_chief()) throw http::Forbidden();
    const std::string direction = ctx.req.Query("direction").empty() ? "incoming" : ctx.req.Query("direction");
    if (direction != "incoming" && direction != "outgoing")
        throw http::Invalid("direction", "direction は incoming か outgoing を指定してください。");
    const std::string status = ctx.req.Query("status");
    if (!status.empty() && status != "pending" && status != "accepted" && status != "declined")
        throw http::Invalid("status", "status は pending, accepted, declined のいずれかです。");
    const auto paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    long long total = 0;
    json::array items;
    std::vector<long long> ids;
    for (const Transfer& t :
         List(tx, ctx.user.office_id, direction == "incoming", status, paging.page, paging.per_page, total)) {
        // The sender sees the name until the person has moved; the receiver sees it (under the consent).
        const bool with_person = direction == "incoming" || t.status != "accepted";
        items.push_back(ToJson(t, with_person));
        if (with_person) ids.push_back(t.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "transfer", ids);
    tx.Commit();
    return http::Json(json::object{
        {"items", std::move(items)}, {"total", total}, {"page", paging.page}, {"per_page", paging.per_page}});
}

http::Response OfficesApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto mine = region::RegionsOf(tx, ctx.user.office_id);
    json::array items;
    for (const user::Office& o : user::ListOffices(tx))
        if (o.id != ctx.user.office_id && Reachable(mine, region::RegionsOf(tx, o.id)))
            items.push_back(json::object{{"id", o.id}, {"name", o.name}});
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response AcceptApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const long long assignee = f.Int("assignee_id", true, 1, 1LL << 53);
    storage::Tx tx(ctx.db);
    Transfer t = ReceivedPending(tx, ctx);
    const auto users = person::AssignableUsers(tx, ctx.user.office_id);
    if (std::find(users.begin(), users.end(), assignee) == users.end())
        throw http::Invalid("assignee_id", "担当者は自事業所の相談支援専門員か主任を選んでください。");
    MovePerson(tx, t.office_id, t.to_office_id, t.person_id, assignee);
    person::IndexForSearch(tx, t.to_office_id, t.person_id);
    // 引継ぎ後の状況確認: a task of the SENDING office for the sender's specialist, due 30 days after
    // acceptance. It names the transfer and no person: the sender reads nothing of them any more.
    const std::string today = storage::TodayJst();
    const auto sender = user::FindById(tx, t.sender_specialist_id, t.office_id);
    task::Task follow;
    follow.office_id = t.office_id;
    follow.transfer_id = t.id;
    follow.text = FollowUpText(t.id, t.to_office_name, today);
    follow.owner_user_id = FollowUpOwner(t.sender_specialist_id, sender && sender->active, t.requested_by);
    const auto owner = user::FindById(tx, follow.owner_user_id, t.office_id);
    follow.owner = owner ? owner->name : std::string("引継ぎ元の担当者");
    if (!owner) follow.owner_user_id = 0;
    follow.due = FollowUpDue(*calendar::Date::Parse(today)).ToString();
    follow.measure = kFollowUpMeasure;
    follow.created_by = ctx.user.user_id;
    t.follow_up_task_id = task::Insert(tx, follow);
    t.status = "accepted";
    t.decided_by = ctx.user.user_id;
    t.decided_at = storage::NowIso();
    t.assignee_id = assignee;
    Decide(tx, t);
    // Both offices' logs record the move; the person's facts are recomputed in the new office.
    AuditIn(tx, ctx, t.office_id, "transfer_out", t.id, t.person_id);
    AuditIn(tx, ctx, t.to_office_id, "transfer_in", t.id, t.person_id);
    tx.TouchPerson(t.to_office_id, t.person_id);
    const Transfer saved = *FindFor(tx, ctx.user.office_id, t.id);
    tx.Commit();
    return http::Json(ToJson(saved, true));
}

std::vector<json::object> FollowUpAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                         const std::string& kind) {
    std::vector<json::object> out;
    if (!kind.empty() && kind != "task_overdue") return out;
    const auto today_date = calendar::Date::Parse(today);
    for (const OverdueFollowUp& f :
         OverdueFollowUps(tx, ctx.user.office_id, ctx.user.is_chief() ? 0 : ctx.user.user_id, today)) {
        const auto due = calendar::Date::Parse(f.due);
        out.push_back(json::object{{"kind", "task_overdue"},
                                   {"person_id", nullptr},
                                   {"person_name", nullptr},
                                   {"date", f.due},
                                   {"days_left", due && today_date ? calendar::DaysBetween(*today_date, *due) : 0},
                                   {"entity", "task"},
                                   {"entity_id", f.task_id},
                                   {"message", kFollowUpText + "の期限切れ（引継ぎ先: " + f.to_office_name + "）"}});
    }
    return out;
}

http::Response DeclineApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const std::string reason = http::Fields(body).Text("reason", true, 1000);
    storage::Tx tx(ctx.db);
    Transfer t = ReceivedPending(tx, ctx);
    t.status = "declined";
    t.decided_by = ctx.user.user_id;
    t.decided_at = storage::NowIso();
    t.decline_reason = reason;
    Decide(tx, t);
    AuditIn(tx, ctx, t.office_id, "transfer_declined", t.id, t.person_id);
    AuditIn(tx, ctx, t.to_office_id, "transfer_declined", t.id, t.person_id);
    const Transfer saved = *FindFor(tx, ctx.user.office_id, t.id);
    tx.Commit();
    return http::Json(ToJson(saved, true));
}

}  // namespace tsunagu::transfer
