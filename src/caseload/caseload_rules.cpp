#include "caseload/caseload.hpp"
#include "quality/review.hpp"

namespace tsunagu::caseload {

std::optional<monitoring::ScheduleInput> ScheduleFor(const plan::Plan& current, const decision::Decision& d) {
    auto plan_date = calendar::Date::Parse(current.plan_date);
    auto start = calendar::Date::Parse(d.period_start), end = calendar::Date::Parse(d.period_end);
    if (!plan_date || !start || !end) return std::nullopt;
    monitoring::ScheduleInput in;
    in.plan_date = *plan_date;
    in.decision_period = {*start, *end};
    if (!d.monitoring_periods.empty()) {
        in.monitoring_periods = d.monitoring_periods;
    } else if (d.monitoring_interval_months > 0) {
        in.monitoring_interval_months = d.monitoring_interval_months;
    } else {
        return std::nullopt;
    }
    return in;
}

alert::PersonDates DatesOf(const CaseSnapshot& c) {
    alert::PersonDates d;
    d.person_id = c.person.id;
    d.plan_id = c.current_plan ? c.current_plan->id : 0;
    d.birth_date = calendar::Date::Parse(c.person.birth_date);
    d.support_level_valid_until = calendar::Date::Parse(c.person.support_level_valid_until);
    if (c.decision) {
        d.decision_id = c.decision->id;
        d.decision_period_end = calendar::Date::Parse(c.decision->period_end);
    } else {
        // Without a decision record the period typed on the person is still worth an alert; it then
        // points at the person (the rules use the person when decision_id is 0).
        d.decision_period_end = calendar::Date::Parse(c.person.decision_period_end);
    }
    for (const auto& k : c.consents)
        if (k.withdrawn_on.empty())
            if (auto until = calendar::Date::Parse(k.expires_on)) d.consents.push_back({k.id, *until});
    d.monitoring = c.due;
    for (const auto& [id, due] : c.open_tasks)
        if (auto date = calendar::Date::Parse(due)) d.open_tasks.emplace_back(id, *date);
    for (const auto& [id, on] : c.open_abuse_reports)
        if (auto date = calendar::Date::Parse(on)) d.open_abuse_reports.emplace_back(id, *date);
    if (c.redflags) {
        d.redflags_reviewed_on = calendar::Date::Parse(c.redflags->reviewed_on);
        d.redflag_raised = !redflag::RaisedCodes(c.redflags->items).empty();
    }
    // Issue #17: school leaving needs child services in the plan in force or the one being made.
    for (const auto* pl : {c.current_plan ? &*c.current_plan : nullptr, c.open_plan ? &*c.open_plan : nullptr})
        if (pl)
            for (const auto& code : plan::ServiceKindsOf(*pl))
                if (const auto* k = monitoring::FindServiceKind(code); k && k->child) d.uses_child_services = true;
    d.transitions = c.transitions;
    return d;
}

std::optional<monitoring::DueItemStatus> NextMonitoring(const CaseSnapshot& c) {
    for (const auto& s : c.due)
        if (s.status != monitoring::DueStatus::kDone) return s;  // sorted by month: overdue ones come first
    return std::nullopt;
}

void ScheduleDue(CaseSnapshot& c, std::vector<std::pair<long long, std::string>> monitorings,
                 const calendar::Date& today) {
    if (!c.current_plan || !c.decision) return;
    auto in = ScheduleFor(*c.current_plan, *c.decision);
    if (!in) return;
    std::vector<calendar::Date> done;
    for (const auto& [id, date] : monitorings)
        if (auto d = calendar::Date::Parse(date)) done.push_back(*d);
    c.monitorings = std::move(monitorings);
    c.due = monitoring::WithStatus(monitoring::Schedule(*in), done, today);
}

Facts::Goals GoalsOf(const monitoring::MonitoringReport& m) {
    Facts::Goals g;
    g.monitoring_id = m.id;
    g.date = m.date;
    for (const auto& r : m.goals) {
        if (r.achievement == "達成") ++g.achieved;
        if (r.achievement == "一部達成") ++g.partly;
        if (r.achievement == "未達成") ++g.not_achieved;
        if (r.satisfaction >= 1 && r.satisfaction <= 5) {
            g.satisfaction_sum += r.satisfaction;
            ++g.satisfaction_n;
        }
    }
    return g;
}

Facts FactsOf(const CaseSnapshot& c, const calendar::Date& today) {
    Facts f;
    const auto next = NextMonitoring(c);
    f.current_plan_id = c.current_plan ? c.current_plan->id : 0;
    f.open_plan_id = c.open_plan ? c.open_plan->id : 0;
    f.decision_period_end = c.decision ? c.decision->period_end : c.person.decision_period_end;
    f.next_due_date = next ? next->item.due_date.ToString() : "";
    f.next_due_month = next ? next->item.year_month.ToString() : "";
    if (c.redflags)
        for (const auto& code : redflag::RaisedCodes(c.redflags->items)) f.redflags_raised.emplace_back(code);
    f.open_abuse_reports = static_cast<long long>(c.open_abuse_reports.size());
    for (const auto& s : c.due) {
        Facts::Due d{f.current_plan_id, s.item.year_month.ToString(), s.item.due_date.ToString(),
                     s.done_on ? s.done_on->ToString() : "", 0};
        for (const auto& [id, on] : c.monitorings)
            if (!d.monitoring_id && on == d.done_on) d.monitoring_id = id;
        f.due.push_back(std::move(d));
    }
    for (const alert::Candidate& a : alert::Candidates(DatesOf(c))) {
        if (a.fire_until < today) continue;  // ended: days only move forward
        f.alerts.push_back(Facts::Alert{std::string(alert::KindCode(a.kind)), alert::KindRank(a.kind),
                                        a.date.ToString(), a.fire_from.ToString(), a.fire_until.ToString(),
                                        std::string(alert::EntityCode(a.entity)), a.entity_id});
    }
    if (c.current_plan)
        for (const plan::Need& n : c.current_plan->needs) {
            if (n.services.empty()) f.unmet_kinds.emplace_back();
            for (const plan::PlanService& s : n.services)
                if (s.provider.empty() && s.provider_id == 0) f.unmet_kinds.push_back(s.kind);
        }
    for (const auto& m : c.reports) f.goals.push_back(GoalsOf(m));
    if (c.reports.size() >= 2) f.goal_unmet_twice = quality::GoalUnmetAtLastTwo(c.reports[0], c.reports[1]);
    return f;
}

}  // namespace tsunagu::caseload
