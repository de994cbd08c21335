// Facts for the 運営指導チェック, one page of persons at a time (the scope is in person::List's SQL).
#include <soci/soci.h>

#include "assessment/assessment.hpp"
#include "caseload/caseload.hpp"
#include "compliance/compliance.hpp"
#include "decision/decision.hpp"
#include "http/api_error.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "task/task.hpp"

namespace tsunagu::compliance {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kMeetings =
    "SELECT id, date, person_attended, person_absent_reason FROM meetings WHERE office_id = :o AND person_id = :p "
    "ORDER BY date, id";
constexpr const char* kMonitorings =
    "SELECT id, plan_id, date, visited FROM monitorings WHERE office_id = :o AND person_id = :p ORDER BY date, id";

PlanFacts FactsOf(storage::Tx& tx, const plan::Plan& p) {
    PlanFacts f;
    f.id = p.id;
    f.status = p.status;
    f.is_new = p.previous_version_id == 0;
    f.submitted_on = p.submitted_on;
    f.issued_on = p.issued_on;
    f.draft_consent = plan::HasDraftConsent(p);
    f.conference_waived = !p.conference_waived_reason.empty();
    if (p.assessment_id)
        if (const auto a = assessment::Find(tx, p.office_id, p.person_id, p.assessment_id))
            f.assessment_place = a->place;
    if (p.status != "issued") return f;
    for (const auto& d : plan::ConferenceDates(tx, p.office_id, p.id))
        f.conference_held = f.conference_held || (d >= p.submitted_on && d <= p.issued_on);
    f.providers = plan::ProvidersOf(p);
    for (const auto& d : plan::Deliveries(tx, p.office_id, p.id))
        f.deliveries.push_back({d.recipient_kind, d.name, d.delivered_on});
    for (const auto& pp : plan::ProviderPlans(tx, p.office_id, p.id))
        f.provider_plans.push_back({"", pp.provider, pp.received_on});
    return f;
}

PersonFacts FactsOf(storage::Tx& tx, const person::Person& person, calendar::Date today) {
    PersonFacts f;
    f.person_id = person.id;
    f.person_name = person.name;
    for (const auto& p : plan::ListForPerson(tx, person.office_id, person.id)) f.plans.push_back(FactsOf(tx, p));
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << kMeetings, soci::use(person.office_id), soci::use(person.id));
        for (const auto& r : rows)
            f.meetings.push_back({Int(r, "id"), Text(r, "date"), Int(r, "person_attended") != 0,
                                  !Text(r, "person_absent_reason").empty()});
    }
    std::vector<calendar::Date> done;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << kMonitorings, soci::use(person.office_id), soci::use(person.id));
        for (const auto& r : rows) {
            f.monitorings.push_back({Int(r, "id"), Int(r, "plan_id"), Text(r, "date"), Int(r, "visited") != 0});
            if (auto d = calendar::Date::Parse(f.monitorings.back().date)) done.push_back(*d);
        }
    }
    // Overdue monitoring months: the same schedule as the home screen (caseload::ScheduleFor).
    const auto current = plan::CurrentIssued(tx, person.office_id, person.id);
    const auto decision = decision::Latest(tx, person.office_id, person.id);
    if (current && decision)
        if (const auto in = caseload::ScheduleFor(*current, *decision)) {
            f.current_plan_id = current->id;
            for (const auto& s : monitoring::WithStatus(monitoring::Schedule(*in), done, today))
                if (s.status == monitoring::DueStatus::kOverdue)
                    f.overdue_monitoring_dates.push_back(s.item.due_date.ToString());
        }
    f.open_tasks = task::OpenDue(tx, person.office_id, person.id);
    return f;
}
}  // namespace

Page Load(storage::Tx& tx, const auth::Scope& scope, long long person_id, int page, int per_page,
          calendar::Date today) {
    Page out;
    std::vector<person::Person> persons;
    if (person_id) {
        auto p = person::Find(tx, scope, person_id);
        if (!p) throw http::NotFound();
        persons.push_back(std::move(*p));
        out.total = 1;
    } else {
        auto res = person::List(tx, scope, "", page, per_page);
        persons = std::move(res.items);
        out.total = res.total;
    }
    for (const auto& p : persons) out.persons.push_back(FactsOf(tx, p, today));
    return out;
}

}  // namespace tsunagu::compliance
