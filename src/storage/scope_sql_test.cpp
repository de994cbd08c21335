// The views built on storage::Scoped give a specialist exactly the office's rows of their own
// persons, in the office's order, page by page: the whole office's pages (a chief's) filtered to the
// persons assigned to the specialist are the oracle. On generated data in a real SQLite file, with
// co-assigned persons and an on-call slot.
#include "storage/scope_sql.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <set>

#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "dashboard/dashboard.hpp"
#include "generate/generate.hpp"
#include "person/person.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"

namespace tsunagu::storage {
namespace {

constexpr const char* kToday = "2026-11-30";

//! Every page of a view, `per_page` at a time; the ids in order, and the first page's total.
std::vector<long long> AllPages(int per_page, long long& total,
                                const std::function<std::vector<long long>(const http::PageQuery&, long long&)>& page) {
    std::vector<long long> all;
    for (int p = 1;; ++p) {
        long long t = 0;
        const auto ids = page({p, per_page}, t);
        if (p == 1) total = t;
        all.insert(all.end(), ids.begin(), ids.end());
        if (static_cast<int>(ids.size()) < per_page) break;
    }
    return all;
}

std::vector<long long> Only(const std::vector<long long>& ids, const std::set<long long>& mine) {
    std::vector<long long> out;
    for (long long id : ids)
        if (mine.count(id)) out.push_back(id);
    return out;
}

class ScopedViews : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = std::filesystem::temp_directory_path() / ("tsunagu-scoped-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        path_ = (dir_ / "tsunagu.db").string();
        generate::Options o;
        o.persons = 1200;
        o.offices = 2;
        o.seed = 8;
        o.notes_per_person = 2;
        o.today = kToday;
        audit::UseKeys(audit::KeyRing{{{1, std::string(32, 'k')}}, 1});
        generate::Run(path_, "", o);
        storage::Database db(path_, 1);
        storage::Tx tx(db);
        tx.sql() << "SELECT MIN(user_id) FROM assignments WHERE office_id = 1", soci::into(specialist_);
        // Three persons of a colleague are the specialist's too (co-assigned: two assignees each).
        tx.sql() << "INSERT INTO assignments (office_id, person_id, user_id) SELECT office_id, person_id, :s FROM "
                    "assignments WHERE office_id = 1 AND user_id = (SELECT MAX(user_id) FROM assignments WHERE "
                    "office_id = 1) ORDER BY person_id LIMIT 3",
            soci::use(specialist_);
        tx.Commit();
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

    std::set<long long> Mine(storage::Tx& tx) const {
        soci::rowset<long long> ids =
            (tx.sql().prepare << "SELECT person_id FROM assignments WHERE user_id = :u", soci::use(specialist_));
        return {ids.begin(), ids.end()};
    }

    static inline std::filesystem::path dir_;
    static inline std::string path_;
    static inline long long specialist_ = 0;
};

TEST_F(ScopedViews, PersonListIsTheOfficesListOfTheAssignedPersons) {
    storage::Database db(path_, 1);
    {
        // The specialist is on call (当番) tonight.
        storage::Tx w(db);
        w.sql() << "INSERT INTO oncall_slots (office_id, start_at, end_at, user_id, created_at) VALUES (1, "
                   "'2026-11-30T17:00', '2026-12-01T09:00', :u, '2026-11-01T00:00:00Z')",
            soci::use(specialist_);
        w.Commit();
    }
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    const std::set<long long> mine = Mine(tx);
    ASSERT_GT(mine.size(), 30u);
    const auth::Scope chief{1, 1, 1};
    const auth::Scope own{1, specialist_, 0};
    for (const std::string q : {"", "ア", "サ", "サトウ"}) {
        auto list = [&](const auth::Scope& s) {
            return [&tx, s, q](const http::PageQuery& p, long long& total) {
                const auto res = person::List(tx, s, q, p.page, p.per_page);
                total = res.total;
                std::vector<long long> ids;
                for (const auto& x : res.items) ids.push_back(x.id);
                return ids;
            };
        };
        long long office_total = 0, own_total = 0;
        const auto office = Only(AllPages(200, office_total, list(chief)), mine);
        const auto ids = AllPages(7, own_total, list(own));
        EXPECT_EQ(ids, office) << q;
        EXPECT_EQ(own_total, static_cast<long long>(office.size())) << q;
    }
    // On call: the whole office while the slot holds, the own persons before and after it.
    const auto on_call_at = [&](const char* at) {
        return person::List(tx, auth::Scope{1, specialist_, 0, 1, at}, "", 1, 200).total;
    };
    EXPECT_EQ(on_call_at("2026-11-30T21:00"), person::List(tx, chief, "", 1, 200).total);
    EXPECT_EQ(on_call_at("2026-11-30T16:59"), static_cast<long long>(mine.size()));
    EXPECT_EQ(on_call_at("2026-12-01T09:00"), static_cast<long long>(mine.size()));
}

TEST_F(ScopedViews, DueAlertsAndCaseloadAreTheOfficesRowsOfTheAssignedPersons) {
    storage::Database db(path_, 1);
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    const std::set<long long> mine = Mine(tx);
    const auth::Scope chief{1, 1, 1};
    const auth::Scope own{1, specialist_, 0};
    auto due = [&](const auth::Scope& s) {
        return [&tx, s](const http::PageQuery& p, long long& total) {
            const auto page = caseload::DuePage(tx, s, 0, "2026-10-01", "2027-01-31", kToday, p);
            total = page.total;
            std::vector<long long> ids;
            for (const auto& r : page.items) ids.push_back(r.person_id);
            return ids;
        };
    };
    auto alerts = [&](const auth::Scope& s) {
        return [&tx, s](const http::PageQuery& p, long long& total) {
            const auto page = caseload::AlertPage(tx, s, 0, "", kToday, p);
            total = page.total;
            std::vector<long long> ids;
            for (const auto& r : page.items) ids.push_back(r.alert.person_id);
            return ids;
        };
    };
    auto cases = [&](const auth::Scope& s, long long user) {
        return [&tx, s, user](const http::PageQuery& p, long long& total) {
            const auto page = caseload::CasePage(tx, s, user, kToday, p);
            total = page.total;
            std::vector<long long> ids;
            for (const auto& r : page.items) ids.push_back(r.person.id);
            return ids;
        };
    };
    using View = std::function<std::vector<long long>(const http::PageQuery&, long long&)>;
    const std::vector<std::pair<View, View>> views{
        {due(chief), due(own)}, {alerts(chief), alerts(own)}, {cases(chief, 0), cases(own, 0)}};
    for (std::size_t i = 0; i < views.size(); ++i) {
        long long office_total = 0, own_total = 0;
        const auto office = Only(AllPages(200, office_total, views[i].first), mine);
        ASSERT_FALSE(office.empty()) << i;
        EXPECT_EQ(AllPages(6, own_total, views[i].second), office) << i;
        EXPECT_EQ(own_total, static_cast<long long>(office.size())) << i;
    }
    // A chief's caseload of one specialist is that specialist's own.
    long long total = 0, own_total = 0;
    EXPECT_EQ(AllPages(9, total, cases(chief, specialist_)), AllPages(9, own_total, cases(own, 0)));
    EXPECT_EQ(total, own_total);
}

TEST_F(ScopedViews, SearchFindsTheOfficesMatchesOfTheAssignedPersons) {
    storage::Database db(path_, 1);
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    const std::set<long long> mine = Mine(tx);
    auto search = [&](const auth::Scope& s, const std::string& q) {
        return [&tx, s, q](const http::PageQuery& p, long long& total) {
            search::Query query;
            query.q = q;
            query.page = p.page;
            query.per_page = p.per_page;
            if (s.whole_office == 1) query.scan_entries = 0;  // the office through the trigram index
            const auto res = search::Find(tx, s, query);
            total = res.total;
            std::vector<long long> ids;
            // a hit's person and entity in one number (entity ids stay below a million here)
            for (const auto& x : res.items) ids.push_back(x.person_id * 1000000 + x.entity_id);
            return ids;
        };
    };
    int found = 0;
    for (const std::string q : {"通所", "家族", "体調", "グループホーム", "次回の訪問", "家", "ＧＨ"}) {
        long long office_total = 0, own_total = 0;
        const auto office_all = AllPages(200, office_total, search({1, 1, 1}, q));
        std::vector<long long> office;
        for (long long key : office_all)
            if (mine.count(key / 1000000)) office.push_back(key);
        EXPECT_EQ(AllPages(7, own_total, search({1, specialist_, 0}, q)), office) << q;
        EXPECT_EQ(own_total, static_cast<long long>(office.size())) << q;
        found += office.empty() ? 0 : 1;
    }
    EXPECT_GE(found, 4);  // most words are in the specialist's records
}

TEST_F(ScopedViews, SpecialistKpiCountsTheAssignedPersonsRows) {
    storage::Database db(path_, 1);
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    const std::string from = "2025-12-01", to = kToday;
    const dashboard::KpiCounts k = dashboard::Kpi(tx, 1, specialist_, from, to, kToday);
    // The same counts with the scope written as a condition on each row, as it once was.
    const std::string mine =
        " AND EXISTS (SELECT 1 FROM assignments a WHERE a.office_id = x.office_id AND "
        "a.person_id = x.person_id AND a.user_id = :u)";
    long long due = 0, due_persons = 0, achieved = 0, goal_persons = 0, meetings = 0, meeting_persons = 0;
    tx.sql() << "SELECT COUNT(*), COUNT(DISTINCT x.person_id) FROM due_facts x WHERE x.office_id = 1 AND "
                "x.due_date >= :f AND x.due_date <= :t AND (x.due_date < :today OR x.done_on IS NOT NULL)" +
                    mine,
        soci::use(from), soci::use(to), soci::use(std::string(kToday)), soci::use(specialist_), soci::into(due),
        soci::into(due_persons);
    tx.sql() << "SELECT COALESCE(SUM(x.achieved), 0), COUNT(DISTINCT x.person_id) FROM goal_facts x WHERE "
                "x.office_id = 1 AND x.date >= :f AND x.date <= :t" +
                    mine,
        soci::use(from), soci::use(to), soci::use(specialist_), soci::into(achieved), soci::into(goal_persons);
    tx.sql() << "SELECT COUNT(*), COUNT(DISTINCT x.person_id) FROM meetings x WHERE x.office_id = 1 AND x.date >= "
                ":f AND x.date <= :t" +
                    mine,
        soci::use(from), soci::use(to), soci::use(specialist_), soci::into(meetings), soci::into(meeting_persons);
    ASSERT_GT(due, 0);
    ASSERT_GT(meetings, 0);
    EXPECT_EQ(k.due, due);
    EXPECT_EQ(k.due_persons, due_persons);
    EXPECT_EQ(k.achieved, achieved);
    EXPECT_EQ(k.goal_persons, goal_persons);
    EXPECT_EQ(k.meetings, meetings);
    EXPECT_EQ(k.meeting_persons, meeting_persons);
    // The whole office is more than the specialist's.
    EXPECT_GT(dashboard::Kpi(tx, 1, 0, from, to, kToday).due, k.due);
}

}  // namespace
}  // namespace tsunagu::storage
