// 運営指導チェック: findings from per-person facts. Pure: "today" is a parameter.
#include <algorithm>
#include <tuple>

#include "caseload/caseload.hpp"
#include "compliance/compliance.hpp"

namespace tsunagu::compliance {

namespace {

using calendar::Date;

//! A record dated on or before `deadline` among `items` that `match`es.
template <class Match>
bool AnyBy(const std::vector<Dated>& items, const std::string& deadline, Match match) {
    return std::any_of(items.begin(), items.end(),
                       [&](const Dated& d) { return !d.date.empty() && d.date <= deadline && match(d); });
}

}  // namespace

PlanFacts PlanFactsOf(const plan::Plan& p, const std::string& assessment_place,
                      const std::vector<std::string>& conference_dates, const std::vector<plan::Delivery>& deliveries,
                      const std::vector<plan::ProviderPlan>& provider_plans) {
    PlanFacts f;
    f.id = p.id;
    f.status = p.status;
    f.is_new = p.previous_version_id == 0;
    f.submitted_on = p.submitted_on;
    f.issued_on = p.issued_on;
    f.draft_consent = plan::HasDraftConsent(p);
    f.conference_waived = !p.conference_waived_reason.empty();
    f.assessment_place = assessment_place;
    if (p.status != "issued") return f;
    for (const auto& d : conference_dates)
        f.conference_held = f.conference_held || (d >= p.submitted_on && d <= p.issued_on);
    f.providers = plan::ProvidersOf(p);
    for (const auto& d : deliveries) f.deliveries.push_back({d.recipient_kind, d.name, d.delivered_on});
    for (const auto& pp : provider_plans) f.provider_plans.push_back({"", pp.provider, pp.received_on});
    return f;
}

std::optional<std::vector<std::string>> OverdueMonitorings(const plan::Plan& current, const decision::Decision& d,
                                                           const std::vector<calendar::Date>& done,
                                                           calendar::Date today) {
    const auto in = caseload::ScheduleFor(current, d);
    if (!in) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& s : monitoring::WithStatus(monitoring::Schedule(*in), done, today))
        if (s.status == monitoring::DueStatus::kOverdue) out.push_back(s.item.due_date.ToString());
    return out;
}

namespace {

void PlanFindings(const PlanFacts& p, Date today, std::vector<Finding>& out) {
    if (p.status == "draft") return;
    if (!p.draft_consent)
        out.push_back({"draft_consent_missing", "plan", p.id, p.submitted_on.empty() ? p.issued_on : p.submitted_on,
                       "計画案への本人（代理人）の同意が記録されていません。"});
    if (p.is_new && !p.assessment_place.empty() && p.assessment_place != "home")
        out.push_back({"assessment_not_at_home", "plan", p.id, p.submitted_on,
                       "新規の計画のアセスメントが居宅訪問で行われていません。"});
    if (p.status != "issued") return;
    if (!p.conference_held && !p.conference_waived)
        out.push_back({"conference_missing", "plan", p.id, p.issued_on,
                       "サービス担当者会議の記録（または開催しなかった理由）がありません。"});
    const auto issued = Date::Parse(p.issued_on);
    if (!issued) return;
    const std::string delivery_by = calendar::AddDays(*issued, kDeliveryDays).ToString();
    if (today.ToString() > delivery_by) {
        if (!AnyBy(p.deliveries, delivery_by, [](const Dated& d) { return d.kind == "person" || d.kind == "family"; }))
            out.push_back({"delivery_missing", "plan", p.id, delivery_by,
                           "計画を交付日から14日以内に本人へ交付した記録がありません。"});
        for (const auto& provider : p.providers)
            if (!AnyBy(p.deliveries, delivery_by,
                       [&](const Dated& d) { return d.kind == "provider" && d.name == provider; }))
                out.push_back({"provider_delivery_missing", "plan", p.id, delivery_by,
                               "サービス事業者「" + provider + "」へ計画を交付した記録がありません（14日以内）。"});
    }
    const std::string plan_by = calendar::AddDays(*issued, kProviderPlanDays).ToString();
    if (today.ToString() > plan_by)
        for (const auto& provider : p.providers)
            if (!AnyBy(p.provider_plans, plan_by, [&](const Dated& d) { return d.name == provider; }))
                out.push_back(
                    {"provider_plan_missing", "plan", p.id, plan_by,
                     "サービス事業者「" + provider + "」の個別支援計画を受領した記録がありません（60日以内）。"});
}

}  // namespace

std::vector<Finding> FindingsOf(const PersonFacts& p, calendar::Date today) {
    std::vector<Finding> out;
    for (const auto& plan : p.plans) PlanFindings(plan, today, out);
    for (const auto& m : p.meetings)
        if (!m.person_attended && !m.absent_reason)
            out.push_back({"person_absent_unexplained", "meeting", m.id, m.date,
                           "本人が欠席した会議に欠席の理由が記録されていません。"});
    // A monitoring without a home visit stands until a visit of the same plan is recorded in that month.
    for (const auto& m : p.monitorings) {
        if (m.visited) continue;
        const bool made_up = std::any_of(p.monitorings.begin(), p.monitorings.end(), [&](const MonitoringFacts& o) {
            return o.visited && o.plan_id == m.plan_id && o.date.substr(0, 7) == m.date.substr(0, 7);
        });
        if (!made_up)
            out.push_back({"monitoring_without_visit", "monitoring", m.id, m.date,
                           "居宅等を訪問しないで行ったモニタリングです（同じ月に訪問の記録がありません）。"});
    }
    for (const auto& due : p.overdue_monitoring_dates)
        out.push_back(
            {"monitoring_overdue", "plan", p.current_plan_id, due, "モニタリングが実施されていない月があります。"});
    for (const auto& [id, due] : p.open_tasks)
        if (due < today.ToString())
            out.push_back({"task_overdue", "task", id, due, "期限を過ぎたタスク（合意事項など）があります。"});
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.date, a.code, a.entity_id) < std::tie(b.date, b.code, b.entity_id);
    });
    return out;
}

}  // namespace tsunagu::compliance
