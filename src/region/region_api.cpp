// Regions (issue 14): admins create them and set their offices; a region user reads its region's
// dashboard — aggregates per office and in total, every count below 5 suppressed. No person's name,
// id or record ever leaves these handlers.
#include <map>

#include "audit/audit.hpp"
#include "calendar/date.hpp"
#include "dashboard/dashboard.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "region/region.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::region {

namespace json = boost::json;

namespace {

json::object ToJson(const Region& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"created_at", r.created_at},
            {"office_ids", json::array(r.office_ids.begin(), r.office_ids.end())}};
}

void RequireAdmin(const http::Context& ctx) {
    if (!ctx.user.is_admin()) throw http::Forbidden();
}

//! Region view of the KPI figures, the 地域移行 ones included: each figure suppressed on its own.
json::object RegionKpi(const dashboard::KpiCounts& k, const json::object& transitions) {
    json::object out = dashboard::KpiJson(k);
    for (const auto& [key, v] : transitions) out[key] = v;
    for (auto& [key, v] : out) dashboard::Suppress(v.as_object());
    return out;
}

}  // namespace

http::Response ListApi(http::Context& ctx) {
    RequireAdmin(ctx);
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    json::array items;
    for (const Region& r : List(tx)) items.push_back(ToJson(r));
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response CreateApi(http::Context& ctx) {
    RequireAdmin(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const std::string name = http::Fields(body).Text("name", true, 200);
    storage::Tx tx(ctx.db);
    const long long id = Create(tx, name);
    audit::Record(tx, ctx, "create", "region", std::to_string(id));
    const Region saved = *Find(tx, id);
    tx.Commit();
    return http::Json(ToJson(saved), 201);
}

http::Response PutOfficesApi(http::Context& ctx) {
    RequireAdmin(ctx);
    const long long rid = ctx.req.IdParam("rid");
    const json::object body = http::ParseObject(ctx.req);
    const json::array* ids = http::Fields(body).Array("office_ids", true);
    std::vector<long long> office_ids;
    for (std::size_t i = 0; i < ids->size(); ++i) {
        const json::value& v = (*ids)[i];
        if (!v.is_int64() || v.as_int64() < 1)
            throw http::Invalid("office_ids[" + std::to_string(i) + "]", "事業所IDを数値で指定してください。");
        if (std::find(office_ids.begin(), office_ids.end(), v.as_int64()) == office_ids.end())
            office_ids.push_back(v.as_int64());
    }
    if (office_ids.size() > 1000) throw http::Invalid("office_ids", "事業所は1000件以内にしてください。");
    storage::Tx tx(ctx.db);
    if (!Find(tx, rid)) throw http::NotFound();
    for (std::size_t i = 0; i < office_ids.size(); ++i)
        if (!user::OfficeExists(tx, office_ids[i]))
            throw http::Invalid("office_ids[" + std::to_string(i) + "]", "事業所が見つかりません。");
    SetOffices(tx, rid, office_ids);
    audit::Record(tx, ctx, "update", "region", std::to_string(rid));
    const Region saved = *Find(tx, rid);
    tx.Commit();
    return http::Json(ToJson(saved));
}

http::Response DashboardApi(http::Context& ctx) {
    const long long rid = ctx.req.IdParam("rid");
    // A region user sees their own region only; an admin any (aggregates carry no person data).
    if (!ctx.user.is_admin() && !(ctx.user.is_region() && ctx.user.region_id == rid)) throw http::NotFound();
    const auto [from, to] = dashboard::PeriodOf(ctx.req);
    std::string month = ctx.req.Query("month");
    if (month.empty()) month = to.substr(0, 7);
    if (!calendar::YearMonth::Parse(month)) throw http::Invalid("month", "月はYYYY-MMの形式で入力してください。");
    const std::string today = storage::TodayJst();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto region = Find(tx, rid);
    if (!region) throw http::NotFound();
    json::array offices;
    dashboard::KpiCounts total;
    std::vector<dashboard::CaseloadRow> all_rows;
    std::map<std::string, long long> needs;
    std::vector<long long> office_ids;
    for (const OfficeRef& o : Offices(tx, rid)) {
        const dashboard::KpiCounts k = dashboard::Kpi(tx, o.id, 0, from, to, today);
        total += k;
        office_ids.push_back(o.id);
        const auto rows = dashboard::Caseload(tx, o.id, 0, month);
        all_rows.insert(all_rows.end(), rows.begin(), rows.end());
        dashboard::UnmetNeeds(tx, o.id, needs);
        offices.push_back(json::object{{"office_id", o.id},
                                       {"name", o.name},
                                       {"kpi", RegionKpi(k, dashboard::TransitionFigures(tx, {o.id}, 0, from, to))},
                                       {"caseload", dashboard::RegionCaseloadJson(rows)}});
    }
    json::array unmet;
    for (const auto& [kind, n] : needs)
        unmet.push_back(json::object{{"kind", kind}, {"count", dashboard::RegionCount(n)}});
    json::object total_kpi = RegionKpi(total, dashboard::TransitionFigures(tx, office_ids, 0, from, to));
    audit::Record(tx, ctx, "read", "region_dashboard", std::to_string(rid));
    tx.Commit();
    return http::Json(json::object{
        {"region", json::object{{"id", region->id}, {"name", region->name}}},
        {"from", from},
        {"to", to},
        {"month", month},
        {"min_cell", dashboard::kMinCell},
        {"offices", std::move(offices)},
        {"total", json::object{{"kpi", std::move(total_kpi)}, {"caseload", dashboard::RegionCaseloadJson(all_rows)}}},
        {"unmet_needs", std::move(unmet)}});
}

}  // namespace tsunagu::region
