// The 運営指導チェック's facts are read once per page of persons (compliance_store.cpp, `IN (ids)` per
// kind of record). The oracle is the way they were read before: person by person, each record
// through the single-person queries (CurrentIssued, decision::Latest, assessment::Find, and the
// per-person SQL written out below). Every page, for a chief and for a specialist, on the demo office
// and on generated data, must hold exactly the oracle's facts.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "assessment/assessment.hpp"
#include "audit/audit.hpp"
#include "compliance/compliance.hpp"
#include "decision/decision.hpp"
#include "demo/demo_fixture.hpp"
#include "generate/generate.hpp"
#include "generate/generate_fixture.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "task/task.hpp"

namespace tsunagu::compliance {
namespace {

using calendar::Date;
using storage::Int;
using storage::Text;

constexpr const char* kToday = "2026-11-30";

//! The facts as one line per item, so a difference names what differs.
std::string Describe(const PersonFacts& f) {
    std::ostringstream o;
    o << "person " << f.person_id << " " << f.person_name << " current " << f.current_plan_id << "\n";
    for (const auto& p : f.plans) {
        o << " plan " << p.id << " " << p.status << " new " << p.is_new << " " << p.submitted_on << ".." << p.issued_on
          << " consent " << p.draft_consent << " conf " << p.conference_held << "/" << p.conference_waived << " at '"
          << p.assessment_place << "'\n";
        for (const auto& x : p.providers) o << "  provider " << x << "\n";
        for (const auto& d : p.deliveries) o << "  delivery " << d.kind << " " << d.name << " " << d.date << "\n";
        for (const auto& d : p.provider_plans) o << "  provider plan " << d.name << " " << d.date << "\n";
    }
    for (const auto& m : f.meetings)
        o << " meeting " << m.id << " " << m.date << " " << m.person_attended << m.absent_reason << "\n";
    for (const auto& m : f.monitorings)
        o << " monitoring " << m.id << " plan " << m.plan_id << " " << m.date << " " << m.visited << "\n";
    for (const auto& d : f.overdue_monitoring_dates) o << " overdue " << d << "\n";
    for (const auto& [id, due] : f.open_tasks) o << " task " << id << " " << due << "\n";
    return o.str();
}

//! One person's facts read the old way: a query (or several) per record.
PersonFacts Oracle(storage::Tx& tx, long long office, long long person_id, const std::string& name, Date today) {
    PersonFacts f;
    f.person_id = person_id;
    f.person_name = name;
    for (const auto& p : plan::ListForPerson(tx, office, person_id)) {
        std::string place;
        if (p.assessment_id)
            if (const auto a = assessment::Find(tx, office, person_id, p.assessment_id)) place = a->place;
        f.plans.push_back(PlanFactsOf(p, place, plan::ConferenceDates(tx, office, p.id),
                                      plan::Deliveries(tx, office, p.id), plan::ProviderPlans(tx, office, p.id)));
    }
    soci::rowset<soci::row> meetings =
        (tx.sql().prepare << "SELECT id, date, person_attended, person_absent_reason FROM meetings "
                             "WHERE office_id = :o AND person_id = :p ORDER BY date, id",
         soci::use(office), soci::use(person_id));
    for (const auto& r : meetings)
        f.meetings.push_back(
            {Int(r, "id"), Text(r, "date"), Int(r, "person_attended") != 0, !Text(r, "person_absent_reason").empty()});
    std::vector<Date> done;
    soci::rowset<soci::row> monitorings =
        (tx.sql().prepare << "SELECT id, plan_id, date, visited FROM monitorings WHERE office_id = :o AND "
                             "person_id = :p ORDER BY date, id",
         soci::use(office), soci::use(person_id));
    for (const auto& r : monitorings) {
        f.monitorings.push_back({Int(r, "id"), Int(r, "plan_id"), Text(r, "date"), Int(r, "visited") != 0});
        if (auto d = Date::Parse(f.monitorings.back().date)) done.push_back(*d);
    }
    const auto current = plan::CurrentIssued(tx, office, person_id);
    const auto decision = decision::Latest(tx, office, person_id);
    if (current && decision)
        if (auto overdue = OverdueMonitorings(*current, *decision, done, today)) {
            f.current_plan_id = current->id;
            f.overdue_monitoring_dates = std::move(*overdue);
        }
    soci::rowset<soci::row> tasks =
        (tx.sql().prepare << "SELECT id, due FROM tasks WHERE office_id = :o AND person_id = :p AND status = 'open' "
                             "ORDER BY due, id",
         soci::use(office), soci::use(person_id));
    for (const auto& r : tasks) f.open_tasks.emplace_back(Int(r, "id"), Text(r, "due"));
    return f;
}

//! What the pages covered, so a test over empty facts cannot pass.
struct Seen {
    long long persons = 0, plans = 0, places = 0, conferences = 0, deliveries = 0, provider_plans = 0, meetings = 0,
              monitorings = 0, overdue = 0, tasks = 0, findings = 0;
};

//! Every page of `scope` (`per_page` at a time) against the oracle; returns what was seen.
Seen CheckPages(storage::Database& db, const auth::Scope& scope, int per_page) {
    const Date today = *Date::Parse(kToday);
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    Seen seen;
    long long total = -1;
    for (int page = 1;; ++page) {
        const Page got = Load(tx, scope, 0, page, per_page, today);
        if (page == 1) total = got.total;
        EXPECT_EQ(got.total, total) << "page " << page;
        for (const PersonFacts& f : got.persons) {
            const PersonFacts want = Oracle(tx, scope.office_id, f.person_id, f.person_name, today);
            EXPECT_EQ(Describe(f), Describe(want));
            // The one-person form (?person_id=) reads through the same batch.
            const Page one = Load(tx, scope, f.person_id, 1, per_page, today);
            EXPECT_EQ(one.persons.size(), 1U);
            if (!one.persons.empty()) EXPECT_EQ(Describe(one.persons[0]), Describe(want));
            ++seen.persons;
            for (const auto& p : f.plans) {
                ++seen.plans;
                seen.places += !p.assessment_place.empty();
                seen.conferences += p.conference_held;
                seen.deliveries += static_cast<long long>(p.deliveries.size());
                seen.provider_plans += static_cast<long long>(p.provider_plans.size());
            }
            seen.meetings += static_cast<long long>(f.meetings.size());
            seen.monitorings += static_cast<long long>(f.monitorings.size());
            seen.overdue += static_cast<long long>(f.overdue_monitoring_dates.size());
            seen.tasks += static_cast<long long>(f.open_tasks.size());
            seen.findings += static_cast<long long>(FindingsOf(f, today).size());
        }
        if (static_cast<int>(got.persons.size()) < per_page) break;
    }
    EXPECT_EQ(seen.persons, total);
    return seen;
}

void ExpectEveryKindSeen(const Seen& s) {
    EXPECT_GT(s.plans, 0);
    EXPECT_GT(s.conferences, 0);
    EXPECT_GT(s.deliveries, 0);
    EXPECT_GT(s.provider_plans, 0);
    EXPECT_GT(s.meetings, 0);
    EXPECT_GT(s.monitorings, 0);
    EXPECT_GT(s.tasks, 0);
    EXPECT_GT(s.findings, 0);
}

TEST(ComplianceStore, DemoOfficePagesHoldThePerPersonFacts) {
    demo::DemoDatabase demo("compliance-store");
    long long specialist = 0;
    {
        storage::Tx tx(demo.db(), storage::Tx::Mode::kRead);
        tx.sql() << "SELECT MIN(user_id) FROM assignments WHERE office_id = :o", soci::use(demo.office()),
            soci::into(specialist);
    }
    const Seen chief = CheckPages(demo.db(), auth::Scope{demo.office(), 1, 1}, 7);
    ExpectEveryKindSeen(chief);
    EXPECT_GT(chief.overdue, 0);  // the demo has a monitoring left undone on purpose
    const Seen own = CheckPages(demo.db(), auth::Scope{demo.office(), specialist, 0}, 3);
    EXPECT_GT(own.persons, 0);
    EXPECT_LT(own.persons, chief.persons);
}

TEST(ComplianceStore, GeneratedOfficePagesHoldThePerPersonFacts) {
    generate::Options o;
    o.persons = 240;
    o.offices = 2;
    o.seed = 11;
    o.today = kToday;
    const generate::GeneratedFile file("compliance", o);
    {
        storage::Database db(file.path(), 1);
        long long specialist = 0;
        {
            storage::Tx tx(db, storage::Tx::Mode::kRead);
            tx.sql() << "SELECT MIN(user_id) FROM assignments WHERE office_id = 2", soci::into(specialist);
        }
        const Seen chief = CheckPages(db, auth::Scope{2, 1, 1}, 50);
        ExpectEveryKindSeen(chief);
        EXPECT_GT(chief.places, 0);  // the demo's plans cite no assessment; generated ones do
        EXPECT_GT(CheckPages(db, auth::Scope{2, specialist, 0}, 9).persons, 0);
    }
}

}  // namespace
}  // namespace tsunagu::compliance
