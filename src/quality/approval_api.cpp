// 承認: requests of specialists (plan issue, closure) wait for a chief, who approves (the step is
// applied as asked, in the same transaction) or returns them with a comment.
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "quality/approval.hpp"
#include "storage/database.hpp"

namespace tsunagu::quality {

namespace json = boost::json;

namespace {
json::value Id(long long v) { return v ? json::value(v) : json::value(nullptr); }

json::object ToJson(const Approval& a) {
    json::value payload = json::parse(a.payload);
    return {{"id", a.id},
            {"kind", a.kind},
            {"person_id", a.person_id},
            {"person_name", a.person_name},
            {"entity_id", Id(a.entity_id)},
            {"payload", std::move(payload)},
            {"status", a.status},
            {"requested_by", a.requested_by},
            {"requested_by_name", a.requested_by_name},
            {"requested_at", a.requested_at},
            {"decided_by", Id(a.decided_by)},
            {"decided_by_name", http::NullIfEmpty(a.decided_by_name)},
            {"decided_at", http::NullIfEmpty(a.decided_at)},
            {"comment", http::NullIfEmpty(a.comment)}};
}

//! The approval of the route in the caller's office, for a chief; 403 for others, 404 when absent.
Approval LoadForChief(storage::Tx& tx, const http::Context& ctx) {
    person::RefuseAdmin(ctx);
    if (!ctx.user.is_chief()) throw http::Forbidden();
    auto a = Find(tx, ctx.user.office_id, ctx.req.IdParam("aid"));
    if (!a) throw http::NotFound();
    return *a;
}
}  // namespace

std::optional<http::Response> RequestIfRequired(storage::Tx& tx, const http::Context& ctx, const std::string& kind,
                                                long long person_id, long long entity_id, const json::object& body) {
    if (!IsRequired(tx, ctx.user.office_id, kind)) return std::nullopt;
    if (HasPending(tx, ctx.user.office_id, person_id, kind, entity_id))
        throw http::Conflict("approval_pending", "この手続きはすでに承認待ちです。");
    Approval a;
    a.office_id = ctx.user.office_id;
    a.person_id = person_id;
    a.kind = kind;
    a.entity_id = entity_id;
    a.payload = json::serialize(body);
    a.requested_by = ctx.user.user_id;
    a.id = Insert(tx, a);
    audit::Record(tx, ctx, "request", "approval", std::to_string(a.id), person_id);
    const auto saved = Find(tx, a.office_id, a.id);
    return http::Json(json::object{{"status", "pending_approval"}, {"approval", ToJson(*saved)}}, 202);
}

http::Response ListApprovalsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const std::string status = ctx.req.Query("status");
    if (!status.empty() &&
        std::find(kApprovalStatuses.begin(), kApprovalStatuses.end(), status) == kApprovalStatuses.end())
        throw http::Invalid("status", "状態は pending・approved・returned のいずれかを指定してください。");
    const auto paging = ctx.req.Paging();
    // A chief sees the office's requests; a specialist their own.
    const long long by = ctx.user.is_chief() ? 0 : ctx.user.user_id;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    long long total = 0;
    const auto items = List(tx, ctx.user.office_id, by, status, paging.page, paging.per_page, total);
    json::array out;
    std::vector<long long> ids;
    for (const auto& a : items) {
        out.push_back(ToJson(a));
        ids.push_back(a.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "approval", ids);
    tx.Commit();
    return http::Json(json::object{
        {"items", std::move(out)}, {"total", total}, {"page", paging.page}, {"per_page", paging.per_page}});
}

http::Response ApproveApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    Approval a = LoadForChief(tx, ctx);
    const std::string refusal =
        ApproveRefusal(a, ctx.user.user_id, true, OtherChiefs(tx, a.office_id, ctx.user.user_id));
    if (refusal == "approval_state") throw http::Conflict(refusal, "この依頼はすでに処理されています。");
    if (refusal == "own_request")
        throw http::Conflict(refusal, "自分の依頼は承認できません。ほかの管理者に承認を依頼してください。");
    const json::object body = json::parse(a.payload).as_object();
    if (a.kind == "closure")
        ApplyClosure(tx, ctx, a.person_id, body, a.id);
    else
        plan::IssueApproved(tx, ctx, a.person_id, a.entity_id, body);
    a.status = "approved";
    a.decided_by = ctx.user.user_id;
    a.comment.clear();
    Decide(tx, a);
    audit::Record(tx, ctx, "approve", "approval", std::to_string(a.id), a.person_id);
    const auto saved = Find(tx, a.office_id, a.id);
    tx.Commit();
    return http::Json(ToJson(*saved));
}

http::Response ReturnApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const std::string comment = http::Fields(body).Text("comment", true, 2000);
    storage::Tx tx(ctx.db);
    Approval a = LoadForChief(tx, ctx);
    if (a.status != "pending") throw http::Conflict("approval_state", "この依頼はすでに処理されています。");
    a.status = "returned";
    a.decided_by = ctx.user.user_id;
    a.comment = comment;
    Decide(tx, a);
    audit::Record(tx, ctx, "return", "approval", std::to_string(a.id), a.person_id);
    const auto saved = Find(tx, a.office_id, a.id);
    tx.Commit();
    return http::Json(ToJson(*saved));
}

}  // namespace tsunagu::quality
