// Scope-wide views for the home screen: due monitorings, alerts, the caseload.
#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "directory/directory.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "monitoring/monitoring_record.hpp"
#include "quality/training.hpp"
#include "storage/database.hpp"
#include "transfer/transfer.hpp"
#include "user/user.hpp"

namespace tsunagu::caseload {

namespace json = boost::json;

namespace {

calendar::Date Today() { return *calendar::Date::Parse(storage::TodayJst()); }

calendar::Date DateQuery(const http::Request& req, const char* name, calendar::Date fallback) {
    const std::string v = req.Query(name);
    if (v.empty()) return fallback;
    auto d = calendar::Date::Parse(v);
    if (!d) throw http::Invalid(name, "日付はYYYY-MM-DDの形式で正しい日付を入力してください。");
    return *d;
}

http::Response PageAnswer(json::array items, long long total, const Paging& p) {
    return http::Json(
        json::object{{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"per_page", p.per_page}});
}

//! The codes of the person's raised red flags (caseload column).
json::array RaisedOf(const CaseRow& c) {
    json::array a;
    for (const auto& code : c.redflags_raised) a.emplace_back(code);
    return a;
}

}  // namespace

http::Response DueApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const calendar::Date today = Today();
    const calendar::YearMonth this_month = calendar::YearMonthOf(today);
    const calendar::Date from = DateQuery(ctx.req, "from", calendar::FirstDayOfMonth(this_month));
    const calendar::Date to = DateQuery(ctx.req, "to", calendar::LastDayOfMonth(calendar::AddMonths(this_month, 1)));
    if (to < from) throw http::Invalid("to", "終了日は開始日以降にしてください。");
    if (calendar::DaysBetween(from, to) > 366) throw http::Invalid("to", "期間は366日以内にしてください。");
    const long long only_person = ctx.req.IdQuery("person_id");
    const Paging paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto page =
        DuePage(tx, auth::ScopeOf(ctx.user), only_person, from.ToString(), to.ToString(), today.ToString(), paging);
    json::array items;
    std::vector<long long> ids;
    for (const DueRow& r : page.items) {
        const calendar::Date due = *calendar::Date::Parse(r.due_date);
        const char* status = !r.done_on.empty() ? "done" : (due < today ? "overdue" : "due");
        items.push_back(json::object{{"person_id", r.person_id},
                                     {"person_name", r.person_name},
                                     {"plan_id", r.plan_id},
                                     {"due_month", r.due_month},
                                     {"due_date", r.due_date},
                                     {"status", status},
                                     {"done_on", http::NullIfEmpty(r.done_on)},
                                     {"monitoring_id", r.monitoring_id ? json::value(r.monitoring_id) : nullptr},
                                     {"days_left", calendar::DaysBetween(today, due)}});
        ids.push_back(r.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "monitoring_due", ids);
    tx.Commit();
    return PageAnswer(std::move(items), page.total, paging);
}

http::Response AlertsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const long long only_person = ctx.req.IdQuery("person_id");
    const std::string kind = ctx.req.Query("kind");
    const bool office_kind = kind == "directory_contact_due" || kind == "weak_ties_review" ||
                             kind == "account_created" || kind == "password_reset" ||  // issue #13
                             // issue 15: office-level alerts of the quality domain
                             std::find(quality::kOfficeAlertKinds.begin(), quality::kOfficeAlertKinds.end(), kind) !=
                                 quality::kOfficeAlertKinds.end();
    if (!kind.empty() && !office_kind && !alert::KindFromCode(kind))
        throw http::Invalid("kind", "アラートの種類が正しくありません。");
    const calendar::Date today = Today();
    const Paging paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto page = AlertPage(tx, auth::ScopeOf(ctx.user), only_person, kind, today.ToString(), paging);
    json::array items;
    std::vector<long long> ids;
    for (const AlertRow& r : page.items) {
        items.push_back(json::object{{"kind", r.kind},
                                     {"person_id", r.alert.person_id},
                                     {"person_name", r.person_name},
                                     {"date", r.alert.date.ToString()},
                                     {"days_left", calendar::DaysBetween(today, r.alert.date)},
                                     {"entity", r.entity},
                                     {"entity_id", r.alert.entity_id},
                                     {"message", std::string(alert::KindNameJa(r.alert.kind))}});
        ids.push_back(r.alert.person_id);
    }
    audit::RecordPersons(tx, ctx, "list", "alert", ids);
    // Office-level alerts (関係機関への定期連絡, 弱いつながりの見直し) name no person: a few per
    // office, they follow the person alerts in date order, on the pages after them.
    long long total = page.total;
    if (only_person == 0) {
        auto office = directory::OfficeAlerts(tx, ctx, today.ToString(), kind);
        for (auto& a : user::AccountAlerts(tx, ctx, today.ToString(), kind)) office.push_back(std::move(a));  // #13
        for (auto& a : quality::OfficeAlerts(tx, ctx, today.ToString(), kind)) office.push_back(std::move(a));
        for (auto& a : transfer::FollowUpAlerts(tx, ctx, today.ToString(), kind))
            office.push_back(std::move(a));  // #14
        std::stable_sort(office.begin(), office.end(), [](const json::object& a, const json::object& b) {
            return a.at("date").as_string() < b.at("date").as_string();
        });
        const long long first = static_cast<long long>(paging.page - 1) * paging.per_page;
        for (std::size_t i = 0; i < office.size(); ++i) {
            const long long at = page.total + static_cast<long long>(i);
            if (at >= first && at < first + paging.per_page) items.emplace_back(std::move(office[i]));
        }
        total += static_cast<long long>(office.size());
    }
    tx.Commit();
    return PageAnswer(std::move(items), total, paging);
}

http::Response CaseloadApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    long long user_id = ctx.req.IdQuery("user_id");
    // A specialist's scope is already their own persons; a chief may look at one specialist's.
    if (!ctx.user.is_chief()) user_id = 0;
    const calendar::Date today = Today();
    const Paging paging = ctx.req.Paging();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const auto page = CasePage(tx, auth::ScopeOf(ctx.user), user_id, today.ToString(), paging);
    json::array items;
    std::vector<long long> ids;
    for (const CaseRow& c : page.items) {
        std::optional<monitoring::DueStatus> next_status;
        if (auto next = calendar::Date::Parse(c.next_due_date))
            next_status = *next < today ? monitoring::DueStatus::kOverdue : monitoring::DueStatus::kDue;
        json::array assignees;
        for (const auto& [id, name] : c.person.assignees) assignees.push_back(json::object{{"id", id}, {"name", name}});
        items.push_back(json::object{
            {"person_id", c.person.id},
            {"person_name", c.person.name},
            {"kana", c.person.kana},
            {"age", person::AgeOn(c.person.birth_date, today.ToString())},
            {"is_child", person::IsChildOn(c.person.birth_date, today.ToString())},
            {"support_level", http::NullIfEmpty(c.person.support_level)},
            {"assignees", std::move(assignees)},
            {"current_plan_id", c.current_plan_id ? json::value(c.current_plan_id) : json::value(nullptr)},
            {"open_plan_id", c.open_plan_id ? json::value(c.open_plan_id) : json::value(nullptr)},
            {"next_monitoring_date", http::NullIfEmpty(c.next_due_date)},
            {"next_monitoring_status",
             next_status ? json::value(std::string(monitoring::StatusCode(*next_status))) : json::value(nullptr)},
            {"decision_period_end", http::NullIfEmpty(c.decision_period_end)},
            {"alert_count", c.alert_count},
            {"redflags_raised", RaisedOf(c)},
            {"open_abuse_reports", c.open_abuse_reports}});
        ids.push_back(c.person.id);
    }
    audit::RecordPersons(tx, ctx, "list", "caseload", ids);
    tx.Commit();
    return PageAnswer(std::move(items), page.total, paging);
}

}  // namespace tsunagu::caseload
