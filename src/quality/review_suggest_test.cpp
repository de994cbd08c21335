// The case review's suggestions from indexed candidates give what the rules give over every case in
// scope (read person by person, as the suggestions once were), on generated data in a real SQLite file.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>

#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "generate/generate.hpp"
#include "generate/generate_fixture.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "quality/review.hpp"
#include "redflag/redflag.hpp"
#include "storage/database.hpp"
#include "task/task.hpp"

namespace tsunagu::quality {
namespace {

constexpr const char* kToday = "2026-11-30";

//! Every active case in scope with everything the rules look at, one person at a time.
std::vector<SuggestionInput> EveryCase(storage::Tx& tx, const auth::Scope& scope) {
    std::vector<SuggestionInput> all;
    for (int page = 1;; ++page) {
        const auto res = person::List(tx, scope, "", page, 200);
        for (const auto& p : res.items) {
            SuggestionInput in;
            in.person_id = p.id;
            in.person_name = p.name;
            in.last_reviewed = LastReviewed(tx, p.office_id, p.id);
            if (auto rf = redflag::Latest(tx, p.office_id, p.id))
                in.redflag_raised = !redflag::RaisedCodes(rf->items).empty();
            in.monitoring_overdue = MonitoringOverdue(tx, p.office_id, p.id, kToday);
            for (const auto& [id, due] : task::OpenDue(tx, p.office_id, p.id)) in.task_overdue |= due < kToday;
            const auto ms = monitoring::ListForPerson(tx, p.office_id, p.id);
            if (ms.size() >= 2) in.goal_unmet_twice = GoalUnmetAtLastTwo(ms[0], ms[1]);
            all.push_back(std::move(in));
        }
        if (res.items.size() < 200) break;
    }
    return all;
}

std::string Print(const std::vector<Suggestion>& v) {
    std::string s;
    for (const auto& x : v) {
        s += std::to_string(x.person_id) + "(" + x.last_reviewed;
        for (const auto& r : x.reasons) s += " " + r;
        s += ") ";
    }
    return s;
}

TEST(ReviewSuggestions, CandidatesGiveWhatTheWholeCaseloadGives) {
    generate::Options o;
    o.persons = 1000;
    o.offices = 2;
    o.seed = 21;
    o.today = kToday;
    const generate::GeneratedFile file("suggest", o);
    {
        storage::Database db(file.path(), 1);
        {
            // A few cases reviewed, on different days (the oldest review comes first after the never reviewed).
            storage::Tx tx(db);
            CaseReview r;
            r.office_id = 1;
            r.kind = "mini";
            r.created_by = 1;
            r.created_at = "2026-11-01T10:00:00Z";
            for (long long id = 1, k = 0; id <= 1000 && k < 40; ++id) {
                long long office = 0;
                tx.sql() << "SELECT office_id FROM persons WHERE id = :id", soci::use(id), soci::into(office);
                if (office != 1 || id % 3 != 0) continue;  // some of every specialist's cases
                r.date = k % 2 ? "2026-10-0" + std::to_string(1 + k % 9) : "2026-09-1" + std::to_string(k % 9);
                r.cases = {{id, "", "見直し", "continue", ""}};
                InsertReview(tx, r);
                ++k;
            }
            tx.Commit();
        }
        long long specialist = 0;
        {
            // Goals unmet at the last two monitorings of a few of one specialist's cases, written as a
            // monitoring's change would be (the facts refreshed), so the third kind has members here.
            storage::Tx tx(db);
            tx.sql() << "SELECT MIN(user_id) FROM assignments WHERE office_id = 1", soci::into(specialist);
            soci::rowset<long long> ids =
                (tx.sql().prepare << "SELECT a.person_id FROM assignments a WHERE a.user_id = :u AND (SELECT COUNT(*) "
                                     "FROM monitorings m WHERE m.person_id = a.person_id) >= 2 ORDER BY a.person_id "
                                     "LIMIT 4",
                 soci::use(specialist));
            const std::vector<long long> unmet(ids.begin(), ids.end());
            ASSERT_EQ(unmet.size(), 4u);
            for (const long long id : unmet) {
                tx.sql() << "UPDATE monitorings SET goals = replace(replace(goals, '\"一部達成\"', '\"未達成\"'), "
                            "'\"達成\"', '\"未達成\"') WHERE person_id = :p",
                    soci::use(id);
                caseload::RefreshFacts(tx, 1, id);
            }
            tx.Commit();
        }
        storage::Tx tx(db, storage::Tx::Mode::kRead);
        int kinds_seen = 0;
        for (const auth::Scope& scope : {auth::Scope{1, 1, 1}, auth::Scope{1, specialist, 0}, auth::Scope{2, 1, 1}}) {
            const auto all = EveryCase(tx, scope);
            ASSERT_GT(all.size(), 10u);
            bool raised = false, overdue = false, unmet = false;
            for (const auto& c : all) {
                raised |= c.redflag_raised;
                overdue |= c.monitoring_overdue || c.task_overdue;
                unmet |= c.goal_unmet_twice;
            }
            kinds_seen += raised + overdue + unmet;
            for (const std::size_t limit : {1u, 3u, 5u, 12u, 40u}) {
                const auto want = Suggest(all, limit);
                const auto got = Suggest(SuggestionCandidates(tx, scope, kToday, limit), limit);
                EXPECT_EQ(Print(got), Print(want))
                    << "office " << scope.office_id << " user " << scope.user_id << " limit " << limit;
            }
        }
        EXPECT_GE(kinds_seen, 6);  // the data holds raised flags, overdue steps and goals unmet twice
    }
    audit::UseKeys({});
}

}  // namespace
}  // namespace tsunagu::quality
