#include "abuse/abuse.hpp"
#include "caseload/caseload.hpp"
#include "monitoring/monitoring_record.hpp"

namespace tsunagu::caseload {

std::vector<CaseSnapshot> Snapshot(storage::Tx& tx, const auth::Scope& scope, const calendar::Date& today,
                                   long long user_id) {
    std::vector<CaseSnapshot> out;
    // A caseload is at most a few hundred persons; one page holds an office.
    person::ListResult persons = person::List(tx, scope, "", 1, 100000);
    for (auto& p : persons.items) {
        if (user_id != 0) {
            bool assigned = false;
            for (const auto& [id, name] : p.assignees) assigned = assigned || id == user_id;
            if (!assigned) continue;
        }
        CaseSnapshot c;
        c.current_plan = plan::CurrentIssued(tx, p.office_id, p.id);
        for (const auto& pl : plan::ListForPerson(tx, p.office_id, p.id))
            if (pl.status != "issued") {
                c.open_plan = pl;
                break;
            }
        c.decision = decision::Latest(tx, p.office_id, p.id);
        c.consents = consent::ListForPerson(tx, p.office_id, p.id);
        if (c.current_plan && c.decision) {
            if (auto in = ScheduleFor(*c.current_plan, *c.decision)) {
                std::vector<calendar::Date> done;
                for (const auto& m : monitoring::ListForPerson(tx, p.office_id, p.id)) {
                    c.monitorings.emplace_back(m.id, m.date);
                    if (auto date = calendar::Date::Parse(m.date)) done.push_back(*date);
                }
                c.due = monitoring::WithStatus(monitoring::Schedule(*in), done, today);
            }
        }
        c.redflags = redflag::Latest(tx, p.office_id, p.id);
        c.open_abuse_reports = abuse::OpenForPerson(tx, p.office_id, p.id);
        c.person = std::move(p);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace tsunagu::caseload
