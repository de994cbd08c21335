#include "abuse/abuse.hpp"
#include "caseload/caseload.hpp"
#include "monitoring/monitoring_record.hpp"
#include "task/task.hpp"
#include "transition/transition.hpp"

namespace tsunagu::caseload {

CaseSnapshot SnapshotOf(storage::Tx& tx, person::Person p, const calendar::Date& today) {
    CaseSnapshot c;
    c.current_plan = plan::CurrentIssued(tx, p.office_id, p.id);
    for (const auto& pl : plan::ListForPerson(tx, p.office_id, p.id))
        if (pl.status != "issued") {
            c.open_plan = pl;
            break;
        }
    c.decision = decision::Latest(tx, p.office_id, p.id);
    c.consents = consent::ListForPerson(tx, p.office_id, p.id);
    c.open_tasks = task::OpenDue(tx, p.office_id, p.id);
    c.redflags = redflag::Latest(tx, p.office_id, p.id);
    c.open_abuse_reports = abuse::OpenForPerson(tx, p.office_id, p.id);
    c.transitions = transition::AlertEnds(transition::NotMovedOn(tx, p.office_id, p.id));
    c.reports = monitoring::ListForPerson(tx, p.office_id, p.id);
    std::vector<std::pair<long long, std::string>> done;
    for (const auto& m : c.reports) done.emplace_back(m.id, m.date);
    ScheduleDue(c, std::move(done), today);
    c.person = std::move(p);
    return c;
}

}  // namespace tsunagu::caseload
