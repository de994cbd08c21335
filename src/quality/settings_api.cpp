// 事業所の設定 (issue 15 part): which steps need a chief's approval. Kept apart from other settings
// of the office (their own table and handler) so each part can grow on its own.
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
//! The office of the route: the caller's own (another office's settings are not found).
long long OfficeOf(const http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const long long oid = ctx.req.IdParam("oid");
    if (oid != ctx.user.office_id) throw http::NotFound();
    return oid;
}

json::object SettingsJson(const std::vector<std::string>& steps) {
    json::array a;
    for (const auto& s : steps) a.emplace_back(s);
    return {{"approval_required", std::move(a)}};
}
}  // namespace

http::Response GetSettingsApi(http::Context& ctx) {
    const long long office = OfficeOf(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto steps = RequiredSteps(tx, office);
    tx.Commit();
    return http::Json(SettingsJson(steps));
}

http::Response PatchSettingsApi(http::Context& ctx) {
    const long long office = OfficeOf(ctx);
    if (!ctx.user.is_chief()) throw http::Forbidden();
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    storage::Tx tx(ctx.db);
    if (f.Has("approval_required")) {
        const auto steps = f.EnumList("approval_required", kApprovalSteps,
                                      "承認が必要な手続きは plan_issue・closure から選んでください。");
        SetRequiredSteps(tx, office, steps);
        audit::Record(tx, ctx, "update", "office_settings", std::to_string(office));
    }
    const auto saved = RequiredSteps(tx, office);
    tx.Commit();
    return http::Json(SettingsJson(saved));
}

}  // namespace tsunagu::quality
