// Scope-wide views for the home screen: due monitorings, alerts, the caseload.
#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "directory/directory.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "monitoring/monitoring_record.hpp"
#include "storage/database.hpp"

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

json::value DateOrNull(const std::optional<calendar::Date>& d) {
    return d ? json::value(d->ToString()) : json::value(nullptr);
}

//! The id of the monitoring recorded on `date` (the one that made a month done), or null.
json::value MonitoringOn(const CaseSnapshot& c, const std::optional<calendar::Date>& date) {
    if (!date) return nullptr;
    for (const auto& [id, on] : c.monitorings)
        if (on == date->ToString()) return id;
    return nullptr;
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
    storage::Tx tx(ctx.db);
    json::array items;
    for (const CaseSnapshot& c : Snapshot(tx, auth::ScopeOf(ctx.user), today)) {
        if (only_person != 0 && c.person.id != only_person) continue;
        for (const auto& s : c.due) {
            // A month is listed when its due date is in [from, to]; overdue ones before `from` always.
            const bool in_range = s.item.due_date >= from && s.item.due_date <= to;
            const bool overdue = s.status == monitoring::DueStatus::kOverdue && s.item.due_date < from;
            if (!in_range && !overdue) continue;
            items.push_back(json::object{{"person_id", c.person.id},
                                         {"person_name", c.person.name},
                                         {"plan_id", c.current_plan->id},
                                         {"due_month", s.item.year_month.ToString()},
                                         {"due_date", s.item.due_date.ToString()},
                                         {"status", std::string(monitoring::StatusCode(s.status))},
                                         {"done_on", DateOrNull(s.done_on)},
                                         {"monitoring_id", MonitoringOn(c, s.done_on)},
                                         {"days_left", calendar::DaysBetween(today, s.item.due_date)}});
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const json::value& a, const json::value& b) {
        return a.at("due_date").as_string() < b.at("due_date").as_string();
    });
    std::vector<long long> ids;
    for (const auto& item : items) ids.push_back(item.at("person_id").as_int64());
    audit::RecordPersons(tx, ctx, "list", "monitoring_due", ids);
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response AlertsApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    const long long only_person = ctx.req.IdQuery("person_id");
    const std::string kind = ctx.req.Query("kind");
    const calendar::Date today = Today();
    storage::Tx tx(ctx.db);
    std::vector<alert::PersonDates> dates;
    std::map<long long, std::string> names;
    for (const CaseSnapshot& c : Snapshot(tx, auth::ScopeOf(ctx.user), today)) {
        if (only_person != 0 && c.person.id != only_person) continue;
        dates.push_back(DatesOf(c));
        names[c.person.id] = c.person.name;
    }
    json::array items;
    for (const alert::Alert& a : alert::BuildAlerts(dates, today)) {
        const std::string code(alert::KindCode(a.kind));
        if (!kind.empty() && code != kind) continue;
        items.push_back(json::object{{"kind", code},
                                     {"person_id", a.person_id},
                                     {"person_name", names[a.person_id]},
                                     {"date", a.date.ToString()},
                                     {"days_left", a.days_left},
                                     {"entity", std::string(alert::EntityCode(a.entity))},
                                     {"entity_id", a.entity_id},
                                     {"message", std::string(alert::KindNameJa(a.kind))}});
    }
    std::vector<long long> ids;
    for (const auto& item : items) ids.push_back(item.at("person_id").as_int64());
    audit::RecordPersons(tx, ctx, "list", "alert", ids);
    // Office-level alerts (関係機関への定期連絡, 弱いつながりの見直し) name no person.
    if (only_person == 0) {
        for (auto& o : directory::OfficeAlerts(tx, ctx, today.ToString(), kind)) items.emplace_back(std::move(o));
        std::stable_sort(items.begin(), items.end(), [](const json::value& a, const json::value& b) {
            return a.at("date").as_string() < b.at("date").as_string();
        });
    }
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response CaseloadApi(http::Context& ctx) {
    person::RefuseAdmin(ctx);
    long long user_id = ctx.req.IdQuery("user_id");
    // A specialist's scope is already their own persons; a chief may look at one specialist's.
    if (!ctx.user.is_chief()) user_id = 0;
    const calendar::Date today = Today();
    storage::Tx tx(ctx.db);
    json::array items;
    for (const CaseSnapshot& c : Snapshot(tx, auth::ScopeOf(ctx.user), today, user_id)) {
        const auto next = NextMonitoring(c);
        const auto alerts = alert::BuildAlerts({DatesOf(c)}, today);
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
            {"current_plan_id", c.current_plan ? json::value(c.current_plan->id) : json::value(nullptr)},
            {"open_plan_id", c.open_plan ? json::value(c.open_plan->id) : json::value(nullptr)},
            {"next_monitoring_date", next ? json::value(next->item.due_date.ToString()) : json::value(nullptr)},
            {"next_monitoring_status",
             next ? json::value(std::string(monitoring::StatusCode(next->status))) : json::value(nullptr)},
            {"decision_period_end",
             c.decision ? json::value(c.decision->period_end) : http::NullIfEmpty(c.person.decision_period_end)},
            {"alert_count", static_cast<long long>(alerts.size())}});
    }
    std::vector<long long> ids;
    for (const auto& item : items) ids.push_back(item.at("person_id").as_int64());
    audit::RecordPersons(tx, ctx, "list", "caseload", ids);
    tx.Commit();
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

}  // namespace tsunagu::caseload
