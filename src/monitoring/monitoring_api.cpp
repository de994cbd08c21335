// モニタリング (monitoring reports) of a person: record, list, read.
#include <algorithm>

#include "audit/audit.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "person/person_records.hpp"
#include "plan/plan.hpp"
#include "redflag/redflag.hpp"
#include "storage/database.hpp"

namespace tsunagu::monitoring {

namespace json = boost::json;

namespace {

//! The red-flag review recorded with a monitoring: its items, or null for one recorded before reviews existed.
json::value RedflagsOf(storage::Tx& tx, const MonitoringReport& m) {
    const auto r = redflag::ForMonitoring(tx, m.office_id, m.person_id, m.id);
    return r ? json::value(redflag::ItemsJson(r->items)) : json::value(nullptr);
}

json::object ToJson(const MonitoringReport& m) {
    json::array goals, kinds;
    for (const auto& g : m.goals) {
        json::value row_kinds = nullptr;  // null: the row was recorded without its own 計画変更の必要性
        if (g.change_kinds_recorded) {
            json::array a;
            for (const auto& k : g.change_kinds) a.emplace_back(k);
            row_kinds = std::move(a);
        }
        goals.push_back(
            json::object{{"need_index", g.need_index},
                         {"delivery", g.delivery},
                         {"own_words", g.own_words},
                         {"satisfaction", g.satisfaction == 0 ? json::value(nullptr) : json::value(g.satisfaction)},
                         {"achievement", g.achievement},
                         {"issues", g.issues},
                         {"change_kinds", std::move(row_kinds)},
                         {"notes", g.notes}});
    }
    for (const auto& k : m.change_kinds) kinds.emplace_back(k);
    return {{"id", m.id},
            {"person_id", m.person_id},
            {"plan_id", m.plan_id},
            {"date", m.date},
            {"visited", m.visited},
            {"no_visit_reason", m.no_visit_reason},
            {"place", http::NullIfEmpty(m.place)},
            {"goals", std::move(goals)},
            {"overall", m.overall},
            {"next_monitoring", m.next_monitoring},
            {"change_needed", m.change_needed},
            {"change_kinds", std::move(kinds)},
            {"new_plan_id", m.new_plan_id == 0 ? json::value(nullptr) : json::value(m.new_plan_id)},
            {"specialist_id", m.specialist_id},
            {"specialist_name", m.specialist_name},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

//! Reads the body (everything but the plan-dependent checks).
MonitoringReport Parse(const json::object& body, long long& plan_id) {
    const http::Fields f(body);
    MonitoringReport m;
    plan_id = f.Int("plan_id", false, 1, 1LL << 53, 0);
    m.date = f.Date("date", true);
    if (m.date > storage::TodayJst()) f.Fail("date", "実施日が未来の日付です。");
    m.visited = f.RequiredBool("visited");
    // The standard is a visit at home (居宅等を訪問し面接): any other way needs its reason on record.
    m.no_visit_reason = f.Text("no_visit_reason", !m.visited, 1000);
    if (m.visited) m.no_visit_reason.clear();
    m.place = f.Enum("place", false, kPlaces);
    m.overall = f.Text("overall", false, 4000);
    m.next_monitoring = f.Text("next_monitoring", false, 1000);
    const bool change_needed_given = f.Has("change_needed");
    m.change_needed = f.Bool("change_needed", false);
    m.change_kinds = f.EnumList("change_kinds", kChangeKinds,
                                "変更内容は service_kind・amount・weekly_schedule から選んでください。");
    const json::array* goals = f.Array("goals", true);
    for (std::size_t i = 0; i < goals->size(); ++i) {
        const std::string at = "goals[" + std::to_string(i) + "]";
        if (!(*goals)[i].is_object()) throw http::Invalid(at, "目標ごとの評価の形式が正しくありません。");
        const http::Fields g((*goals)[i].as_object(), at + ".");
        GoalReview r;
        r.need_index = static_cast<int>(g.Int("need_index", true, 0, 29));
        r.delivery = g.Text("delivery", false, 2000);
        r.own_words = g.Text("own_words", false, 2000);
        r.satisfaction = static_cast<int>(g.Int("satisfaction", false, 1, 5, 0));
        r.achievement = g.Enum("achievement", true, kAchievements);
        r.issues = g.Text("issues", false, 2000);
        // One row of the national form: 計画変更の必要性 (サービス種類・サービス量・週間計画, 有 when
        // listed) and その他留意事項.
        r.change_kinds_recorded = g.Has("change_kinds");
        r.change_kinds =
            g.EnumList("change_kinds", kChangeKinds,
                       "計画変更の必要性は service_kind（サービス種類）・amount（サービス量）・weekly_schedule"
                       "（週間計画）から選んでください。");
        r.notes = g.Text("notes", false, 2000);
        m.goals.push_back(std::move(r));
    }
    // The report's change_kinds is the union of the rows' (and of any named at report level).
    const bool rows_change =
        std::any_of(m.goals.begin(), m.goals.end(), [](const GoalReview& r) { return !r.change_kinds.empty(); });
    m.change_kinds = UnionOfChangeKinds(m.change_kinds, m.goals);
    if (rows_change && change_needed_given && !m.change_needed)
        f.Fail("change_needed",
               "目標ごとの計画変更の必要性に「有」があるため、計画の変更が必要（true）としてください。");
    if (rows_change) m.change_needed = true;
    if (m.change_needed && m.change_kinds.empty())
        f.Fail("change_kinds", "計画の変更が必要な場合は、変更する内容を選んでください。");
    return m;
}

//! Exactly one review per needs row of the plan, each row once.
void CheckGoalsCoverPlan(const MonitoringReport& m, const plan::Plan& p) {
    std::vector<bool> seen(p.needs.size(), false);
    for (std::size_t i = 0; i < m.goals.size(); ++i) {
        const auto idx = static_cast<std::size_t>(m.goals[i].need_index);
        const std::string at = "goals[" + std::to_string(i) + "].need_index";
        if (idx >= p.needs.size()) throw http::Invalid(at, "計画にない目標です。");
        if (seen[idx]) throw http::Invalid(at, "同じ目標が重複しています。");
        seen[idx] = true;
    }
    if (m.goals.size() != p.needs.size())
        throw http::Invalid("goals",
                            "計画のすべての目標（" + std::to_string(p.needs.size()) + "件）を評価してください。");
}

}  // namespace

http::Response CreateApi(http::Context& ctx) {
    // Role and scope before the body: an outsider learns nothing from validation messages.
    storage::Tx tx(ctx.db);
    const person::Person person = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const json::object body = http::ParseObject(ctx.req);
    long long plan_id = 0;
    MonitoringReport m = Parse(body, plan_id);
    std::optional<plan::Plan> p = plan_id ? plan::Find(tx, person.office_id, person.id, plan_id)
                                          : plan::CurrentIssued(tx, person.office_id, person.id);
    if (plan_id && !p) throw http::NotFound();  // another person's plan, or none
    if (!p || p->status != "issued")
        throw http::Conflict("plan_required", "交付済みの計画（本計画）がないため、モニタリングを記録できません。");
    CheckGoalsCoverPlan(m, *p);
    // Every monitoring reviews the red flags too (権利擁護・安全の確認).
    const auto redflags = redflag::ParseItems(*http::Fields(body).Array("redflags", true), "redflags");
    m.office_id = person.office_id;
    m.person_id = person.id;
    m.plan_id = p->id;
    m.specialist_id = ctx.user.user_id;
    m.specialist_name = ctx.user.name;
    // "Must change" loops back to planning: a revision draft prefilled from the plan in force.
    if (m.change_needed) {
        m.new_plan_id = plan::Revise(tx, *p, m.date, ctx.user.user_id);
        audit::Record(tx, ctx, "revise", "plan", std::to_string(m.new_plan_id), person.id);
    }
    m.id = Insert(tx, m);
    audit::Record(tx, ctx, "create", "monitoring", std::to_string(m.id), person.id);
    redflag::Review review;
    review.office_id = person.office_id;
    review.person_id = person.id;
    review.reviewed_on = m.date;
    review.items = redflags;
    review.monitoring_id = m.id;
    review.reviewed_by = ctx.user.user_id;
    audit::Record(tx, ctx, "update", "redflags", std::to_string(redflag::Insert(tx, review)), person.id);
    auto saved = Find(tx, person.office_id, person.id, m.id);
    json::object out = ToJson(*saved);
    out["redflags"] = RedflagsOf(tx, *saved);
    tx.Commit();
    return http::Json(out, 201);
}

http::Response ListApi(http::Context& ctx) {
    return person::ListRecords(ctx, "monitoring", ListForPerson, [](const MonitoringReport& m) { return ToJson(m); });
}

http::Response GetApi(http::Context& ctx) {
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const person::Person p = person::RequireInScope(tx, ctx, ctx.req.IdParam("id"));
    const auto m = Find(tx, p.office_id, p.id, ctx.req.IdParam("mid"));
    if (!m) throw http::NotFound();
    json::object out = ToJson(*m);
    out["redflags"] = RedflagsOf(tx, *m);
    audit::Record(tx, ctx, "read", "monitoring", std::to_string(m->id), p.id);
    tx.Commit();
    return http::Json(out);
}

}  // namespace tsunagu::monitoring
