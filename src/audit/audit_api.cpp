// GET /api/v1/audit: the office's access log for its chief. Reading it is itself audited.
#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "storage/database.hpp"

namespace tsunagu::audit {

namespace json = boost::json;

namespace {
std::string TimeQuery(const http::Request& req, const char* name) {
    const std::string v = req.Query(name);
    if (v.empty() || http::IsIsoDate(v)) return v;
    const bool stamp = v.size() == 20 && http::IsIsoDate(v.substr(0, 10)) && v[10] == 'T' && v[19] == 'Z';
    if (!stamp) throw http::Invalid(name, "日付（YYYY-MM-DD）または日時（YYYY-MM-DDTHH:MM:SSZ）で指定してください。");
    return v;
}
//! Entity ids are numeric ids, or absent for list reads.
json::value EntityId(const std::string& s) {
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return nullptr;
    return std::stoll(s);
}
}  // namespace

http::Response ListApi(http::Context& ctx) {
    if (!ctx.user.is_chief()) throw http::Forbidden();
    Filter f;
    f.office_id = ctx.user.office_id;
    f.user_id = ctx.req.IdQuery("user_id");
    f.person_id = ctx.req.IdQuery("person_id");
    f.action = ctx.req.Query("action");
    if (f.action.size() > 40) throw http::Invalid("action", "操作名が長すぎます。");
    f.from = TimeQuery(ctx.req, "from");
    f.to = TimeQuery(ctx.req, "to");
    f.page = static_cast<int>(std::max(1LL, std::min(ctx.req.IdQuery("page"), 100000LL)));
    const long long pp = ctx.req.IdQuery("per_page");
    f.per_page = pp == 0 ? 50 : static_cast<int>(std::min(pp, 200LL));
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const ListPage page = List(tx, f);
    json::array items;
    for (const ListedRow& l : page.items) {
        const AuditEvent& e = l.row.event;
        items.push_back(json::object{{"id", l.row.id},
                                     {"at", l.row.at},
                                     {"user_id", e.user_id == 0 ? json::value(nullptr) : json::value(e.user_id)},
                                     {"user_name", l.user_name},
                                     {"office_id", e.office_id},
                                     {"action", e.action},
                                     {"entity", e.entity},
                                     {"entity_id", EntityId(e.entity_id)},
                                     {"person_id", e.person_id == 0 ? json::value(nullptr) : json::value(e.person_id)},
                                     {"request_id", e.request_id},
                                     {"client_addr", e.client_addr},
                                     {"outcome", e.outcome}});
    }
    Record(tx, ctx, "read", "audit", "", f.person_id);
    tx.Commit();
    return http::Json(json::object{{"items", std::move(items)},
                                   {"total", page.total},
                                   {"total_is_lower_bound", page.total_is_lower_bound},
                                   {"page", f.page},
                                   {"per_page", f.per_page}});
}

http::Response HeadApi(http::Context& ctx) {
    if (!ctx.user.is_chief()) throw http::Forbidden();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const Head h = ReadHead(tx, ctx.user.office_id);
    Record(tx, ctx, "read", "audit_head", "");
    tx.Commit();
    return http::Json(json::object{{"rows", h.rows},
                                   {"last_id", h.last_id},
                                   {"last_hash", h.last_hash},
                                   {"at", h.at},
                                   {"key_id", Keys().current}});
}

}  // namespace tsunagu::audit
