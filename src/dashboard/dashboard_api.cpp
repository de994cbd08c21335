// Office dashboards (issue 14): GET /dashboard/caseload and /dashboard/kpi. A chief sees the office,
// a specialist their own figures; admins read no office data. Audited reads without person ids.
#include "audit/audit.hpp"
#include "calendar/date.hpp"
#include "dashboard/dashboard.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"

namespace tsunagu::dashboard {

namespace json = boost::json;

namespace {

calendar::Date DateQuery(const http::Request& req, const char* name, calendar::Date fallback) {
    const std::string v = req.Query(name);
    if (v.empty()) return fallback;
    auto d = calendar::Date::Parse(v);
    if (!d) throw http::Invalid(name, "日付はYYYY-MM-DDの形式で正しい日付を入力してください。");
    return *d;
}

}  // namespace

//! The period of a KPI request: ?from=&to= (default: the last 12 months up to today), at most 3 years.
std::pair<std::string, std::string> PeriodOf(const http::Request& req) {
    const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
    const calendar::Date to = DateQuery(req, "to", today);
    const calendar::Date from = DateQuery(req, "from", calendar::AddDays(calendar::AddMonths(to, -12), 1));
    if (to < from) throw http::Invalid("to", "終了日は開始日以降にしてください。");
    if (calendar::DaysBetween(from, to) > 3 * 366) throw http::Invalid("to", "期間は3年以内にしてください。");
    return {from.ToString(), to.ToString()};
}

http::Response CaseloadApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    std::string month = ctx.req.Query("month");
    if (month.empty()) month = storage::TodayJst().substr(0, 7);
    if (!calendar::YearMonth::Parse(month)) throw http::Invalid("month", "月はYYYY-MMの形式で入力してください。");
    const long long only_user = ctx.user.is_chief() ? 0 : ctx.user.user_id;
    const http::PageQuery paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const CaseloadPage page = CaseloadPaged(tx, ctx.user.office_id, only_user, month, paging);
    json::array items;
    for (const CaseloadRow& r : page.items) items.push_back(CaseloadItemJson(r));
    audit::Record(tx, ctx, "read", "dashboard", "caseload");
    tx.Commit();
    return http::Json(json::object{{"month", month},
                                   {"scope", only_user ? "own" : "office"},
                                   {"standard", kStandard},
                                   {"reduction_from", kReductionFrom},
                                   {"high_risk_limit", kHighRiskLimit},
                                   {"items", std::move(items)},
                                   {"total", page.total},
                                   {"page", paging.page},
                                   {"per_page", paging.per_page},
                                   {"totals", CaseloadTotalsJson(page.totals)}});
}

http::Response KpiApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const auto [from, to] = PeriodOf(ctx.req);
    const long long only_user = ctx.user.is_chief() ? 0 : ctx.user.user_id;
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    json::object out = KpiJson(Kpi(tx, ctx.user.office_id, only_user, from, to, storage::TodayJst()));
    for (auto& [k, v] : TransitionFigures(tx, {ctx.user.office_id}, only_user, from, to)) out[k] = v;
    audit::Record(tx, ctx, "read", "dashboard", "kpi");
    tx.Commit();
    out["from"] = from;
    out["to"] = to;
    out["scope"] = only_user ? "own" : "office";
    return http::Json(out);
}

}  // namespace tsunagu::dashboard
