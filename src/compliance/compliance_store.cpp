// Facts for the 運営指導チェック, one page of persons at a time (the scope is in person::List's SQL):
// each kind of record is read once for the whole page (PageRecords), by `IN (ids)`.
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "assessment/assessment.hpp"
#include "compliance/compliance.hpp"
#include "decision/decision.hpp"
#include "http/api_error.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "storage/database.hpp"
#include "storage/in_ids.hpp"
#include "storage/row.hpp"
#include "task/task.hpp"

namespace tsunagu::compliance {

using storage::Int;
using storage::Text;

namespace {
// Each is followed by the page's person id list; ordered in C++ (by date, then id).
constexpr const char* kMeetings =
    "SELECT id, person_id, date, person_attended, person_absent_reason FROM meetings WHERE office_id = :o AND "
    "person_id IN ";
constexpr const char* kMonitorings =
    "SELECT id, person_id, plan_id, date, visited FROM monitorings WHERE office_id = :o AND person_id IN ";

//! What one page's facts are drawn from: each kind read once for all of the page's persons (a
//! handful of statements per page, not a dozen per person).
struct PageRecords {
    std::map<long long, std::vector<plan::Plan>> plans;  //!< by person, newest version first
    std::map<long long, assessment::Place> places;
    std::map<long long, std::vector<std::string>> conference_dates;
    std::map<long long, std::vector<plan::Delivery>> deliveries;
    std::map<long long, std::vector<plan::ProviderPlan>> provider_plans;
    std::map<long long, std::vector<MeetingFacts>> meetings;
    std::map<long long, std::vector<MonitoringFacts>> monitorings;
    std::map<long long, decision::Decision> decisions;
    std::map<long long, std::vector<std::pair<long long, std::string>>> open_tasks;
};

template <class T>
void SortByDateThenId(std::map<long long, std::vector<T>>& m) {
    for (auto& [key, list] : m)
        std::sort(list.begin(), list.end(),
                  [](const T& a, const T& b) { return std::tie(a.date, a.id) < std::tie(b.date, b.id); });
}

PageRecords Read(storage::Tx& tx, long long office_id, const std::vector<long long>& person_ids) {
    PageRecords r;
    std::vector<long long> assessment_ids, issued_ids;
    for (auto& p : plan::ListForPersons(tx, office_id, person_ids)) {
        if (p.assessment_id) assessment_ids.push_back(p.assessment_id);
        if (p.status == "issued") issued_ids.push_back(p.id);
        r.plans[p.person_id].push_back(std::move(p));
    }
    r.places = assessment::PlacesOf(tx, office_id, assessment_ids);
    r.conference_dates = plan::ConferenceDatesOf(tx, office_id, issued_ids);
    r.deliveries = plan::DeliveriesOf(tx, office_id, issued_ids);
    r.provider_plans = plan::ProviderPlansOf(tx, office_id, issued_ids);
    static const storage::InIds meetings(kMeetings), monitorings(kMonitorings);
    r.meetings = storage::RowsByKey<MeetingFacts>(
        tx, meetings, office_id, person_ids, "person_id", [](const soci::row& row) -> MeetingFacts {
            return {Int(row, "id"), Text(row, "date"), Int(row, "person_attended") != 0,
                    !Text(row, "person_absent_reason").empty()};
        });
    SortByDateThenId(r.meetings);
    r.monitorings = storage::RowsByKey<MonitoringFacts>(
        tx, monitorings, office_id, person_ids, "person_id", [](const soci::row& row) -> MonitoringFacts {
            return {Int(row, "id"), Int(row, "plan_id"), Text(row, "date"), Int(row, "visited") != 0};
        });
    SortByDateThenId(r.monitorings);
    r.decisions = decision::LatestOf(tx, office_id, person_ids);
    r.open_tasks = task::OpenDueOf(tx, office_id, person_ids);
    return r;
}

template <class K, class V>
const V* At(const std::map<K, V>& m, const K& key) {
    auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
}

//! `m[key]`, or an empty list.
template <class V>
const std::vector<V>& ListAt(const std::map<long long, std::vector<V>>& m, long long key) {
    static const std::vector<V> kNone;
    const auto* list = At(m, key);
    return list ? *list : kNone;
}

PlanFacts FactsOf(const PageRecords& r, const plan::Plan& p) {
    std::string place;
    if (const auto* a = At(r.places, p.assessment_id); a && a->person_id == p.person_id) place = a->place;
    return PlanFactsOf(p, place, ListAt(r.conference_dates, p.id), ListAt(r.deliveries, p.id),
                       ListAt(r.provider_plans, p.id));
}

PersonFacts FactsOf(const PageRecords& r, const person::Person& person, calendar::Date today) {
    PersonFacts f;
    f.person_id = person.id;
    f.person_name = person.name;
    const std::vector<plan::Plan>& versions = ListAt(r.plans, person.id);  // newest first
    for (const auto& p : versions) f.plans.push_back(FactsOf(r, p));
    f.meetings = ListAt(r.meetings, person.id);
    std::vector<calendar::Date> done;
    f.monitorings = ListAt(r.monitorings, person.id);
    for (const auto& m : f.monitorings)
        if (auto d = calendar::Date::Parse(m.date)) done.push_back(*d);
    const plan::Plan* current = plan::LatestIssued(versions);
    const decision::Decision* decision = At(r.decisions, person.id);
    if (current && decision)
        if (auto overdue = OverdueMonitorings(*current, *decision, done, today)) {
            f.current_plan_id = current->id;
            f.overdue_monitoring_dates = std::move(*overdue);
        }
    f.open_tasks = ListAt(r.open_tasks, person.id);
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
    if (persons.empty()) return out;
    std::vector<long long> ids;
    for (const auto& p : persons) ids.push_back(p.id);
    const PageRecords records = Read(tx, persons.front().office_id, ids);
    for (const auto& p : persons) out.persons.push_back(FactsOf(records, p, today));
    return out;
}

}  // namespace tsunagu::compliance
