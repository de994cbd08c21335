// The caseload dashboard's totals for a whole office come from each staff member's counts
// (caseload_counts, kept by the stores) and a range of children, not from every assigned person. The
// oracle is the sum of the staff rows, which join every assigned person (Caseload): after the data
// is generated, and after every kind of change the counts must follow (a support level, the
// assignees, a move to another office, a staff member leaving), the two must be equal.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "auth/principal.hpp"
#include "dashboard/dashboard.hpp"
#include "generate/generate.hpp"
#include "generate/generate_fixture.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "transfer/transfer.hpp"

namespace tsunagu::dashboard {
namespace {

constexpr const char* kToday = "2026-11-30";
constexpr const char* kMonth = "2026-11";

//! Both ways, for both offices; and the counts table as the migration would compute it again.
void ExpectTotalsAgree(storage::Database& db, const std::string& when) {
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    for (long long office : {1, 2}) {
        // One row a page: the totals of page 1 are computed in SQL, not summed from the page.
        const CaseloadPage page = CaseloadPaged(tx, office, 0, kMonth, http::PageQuery{1, 1});
        // The sum of every staff row (each row joins its persons).
        const CaseloadTotals want = TotalsOf(Caseload(tx, office, 0, kMonth));
        const CaseloadTotals& got = page.totals;
        const std::string where = when + ", office " + std::to_string(office);
        EXPECT_GT(want.cases, 0) << where;
        EXPECT_EQ(got.staff, want.staff) << where;
        EXPECT_EQ(got.cases, want.cases) << where;
        EXPECT_EQ(got.support_level_high, want.support_level_high) << where;
        EXPECT_EQ(got.child, want.child) << where;
        EXPECT_EQ(got.acute, want.acute) << where;
        EXPECT_EQ(got.stable, want.stable) << where;
        EXPECT_EQ(got.high_risk, want.high_risk) << where;
    }
    long long differing = -1;
    tx.sql() << "SELECT COUNT(*) FROM (SELECT a.office_id, a.user_id, COUNT(*) AS n, SUM(CASE WHEN p.support_level "
                "IN ('5', '6') THEN 1 ELSE 0 END) AS h, SUM(CASE WHEN p.support_level = '6' THEN 1 ELSE 0 END) AS s "
                "FROM assignments a JOIN persons p ON p.office_id = a.office_id AND p.id = a.person_id GROUP BY "
                "a.office_id, a.user_id) x LEFT JOIN caseload_counts c ON c.office_id = x.office_id AND c.user_id = "
                "x.user_id WHERE c.cases IS NOT x.n OR c.level_high IS NOT x.h OR c.level6 IS NOT x.s",
        soci::into(differing);
    EXPECT_EQ(differing, 0) << when << ": staff whose counts differ from their assignments";
    long long leftover = -1;
    tx.sql() << "SELECT COUNT(*) FROM caseload_counts c WHERE c.cases <> 0 AND NOT EXISTS (SELECT 1 FROM assignments a "
                "WHERE a.office_id = c.office_id AND a.user_id = c.user_id)",
        soci::into(leftover);
    EXPECT_EQ(leftover, 0) << when << ": counts left for staff without assignments";
}

//! The ids of the persons of `office`, in order.
std::vector<long long> PersonsOf(storage::Tx& tx, long long office) {
    std::vector<long long> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id FROM persons WHERE office_id = :o ORDER BY id", soci::use(office));
    for (const auto& r : rows) out.push_back(storage::Int(r, "id"));
    return out;
}

std::vector<long long> StaffOf(storage::Tx& tx, long long office) {
    std::vector<long long> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id FROM users WHERE office_id = :o AND role = 'specialist' ORDER BY id",
         soci::use(office));
    for (const auto& r : rows) out.push_back(storage::Int(r, "id"));
    return out;
}

TEST(CaseloadTotals, StaffCountsFollowLevelsAssigneesMovesAndLeavers) {
    generate::Options o;
    o.persons = 240;
    o.offices = 2;
    o.seed = 29;
    o.today = kToday;
    o.persons_per_specialist = 20;
    const generate::GeneratedFile file("caseload-counts", o);
    {
        storage::Database db(file.path(), 1);
        ExpectTotalsAgree(db, "generated");
        {
            // Support levels: up to 6, down from 6, to none; every tenth person of office 1.
            storage::Tx tx(db);
            const auth::Scope chief{1, 1, 1};
            const auto persons = PersonsOf(tx, 1);
            const char* levels[] = {"6", "5", "", "1", "6"};
            for (std::size_t i = 0; i < persons.size(); i += 10) {
                person::Person p = *person::Find(tx, chief, persons[i]);
                p.support_level = levels[(i / 10) % 5];
                person::Update(tx, p);
            }
            tx.Commit();
        }
        ExpectTotalsAgree(db, "after support levels changed");
        {
            // Assignees: two instead of one, another one, none.
            storage::Tx tx(db);
            const auto persons = PersonsOf(tx, 1);
            const auto staff = StaffOf(tx, 1);
            ASSERT_GE(staff.size(), 3u);
            for (std::size_t i = 3; i < persons.size(); i += 7) {
                std::vector<long long> to;
                if (i % 3 == 0) to = {staff[0], staff[1]};
                if (i % 3 == 1) to = {staff[2]};
                person::SetAssignees(tx, 1, persons[i], to);
            }
            tx.Commit();
        }
        ExpectTotalsAgree(db, "after assignees changed");
        {
            // A move to office 2, to its first specialist.
            storage::Tx tx(db);
            const auto persons = PersonsOf(tx, 1);
            const auto staff = StaffOf(tx, 2);
            for (std::size_t i = 5; i < persons.size(); i += 11)
                transfer::MovePerson(tx, 1, 2, persons[i], staff.front());
            tx.Commit();
        }
        ExpectTotalsAgree(db, "after persons moved");
        {
            // A staff member leaves: their persons are still theirs, and no longer counted.
            storage::Tx tx(db);
            const auto staff = StaffOf(tx, 2);
            tx.sql() << "UPDATE users SET active = 0 WHERE id = :u", soci::use(staff.back());
            tx.Commit();
        }
        ExpectTotalsAgree(db, "after a specialist left");
    }
}

}  // namespace
}  // namespace tsunagu::dashboard
