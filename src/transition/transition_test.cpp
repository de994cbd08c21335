#include "transition/transition.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>

#include "audit/audit.hpp"
#include "calendar/date.hpp"
#include "demo/demo.hpp"
#include "storage/database.hpp"
#include "storage/migrate.hpp"

namespace tsunagu::transition {
namespace {

Transition Episode(const char* kind = "transition") {
    Transition t;
    t.id = 5;
    t.kind = kind;
    t.start = "2026-04-01";
    t.end = "2026-09-30";
    return t;
}

TEST(LastDayWithin, MonthsFromStart) {
    EXPECT_EQ(LastDayWithin("2026-04-01", 6), "2026-09-30");
    EXPECT_EQ(LastDayWithin("2026-04-15", 6), "2026-10-14");
    EXPECT_EQ(LastDayWithin("2026-04-01", 12), "2027-03-31");
    EXPECT_EQ(LastDayWithin("2026-08-31", 6), "2027-02-27");  // 28 February 2027, less a day
}

TEST(CheckEpisode, Periods) {
    struct Case {
        const char* name;
        const char* kind;
        const char* end;
        const char* extended_to;
        const char* reason;
        const char* field;  // "" = fine
    };
    const Case cases[] = {
        {"six months", "transition", "2026-09-30", "", "", ""},
        {"beyond six months without extension", "transition", "2026-10-01", "", "", "end"},
        {"end before start", "transition", "2026-03-31", "", "", "end"},
        {"extended six more", "transition", "2026-09-30", "2027-03-31", "住まいの確保に時間を要する", ""},
        {"extension beyond six more", "transition", "2026-09-30", "2027-04-01", "理由", "extended_to"},
        {"extension without a reason", "transition", "2026-09-30", "2027-01-31", "", "extension_reason"},
        {"extension not after end", "transition", "2026-09-30", "2026-09-30", "理由", "extended_to"},
        {"settlement one year", "settlement", "2027-03-31", "", "", ""},
        {"settlement beyond a year", "settlement", "2027-04-01", "", "", "end"},
        {"settlement renewed a year", "settlement", "2027-03-31", "2028-03-31", "継続して支援が必要", ""},
        {"settlement renewal beyond a year", "settlement", "2027-03-31", "2028-04-01", "理由", "extended_to"},
    };
    for (const auto& c : cases) {
        Transition t = Episode(c.kind);
        t.end = c.end;
        t.extended_to = c.extended_to;
        t.extension_reason = c.reason;
        const auto e = CheckEpisode(t);
        EXPECT_EQ(e ? e->field : std::string(), c.field) << c.name;
    }
}

TEST(CheckEpisode, Outcome) {
    Transition t = Episode();
    t.admitted_on = "2020-01-10";
    t.outcome = {"2026-08-01", "group_home", ""};
    EXPECT_FALSE(CheckEpisode(t));
    t.outcome.moved_on = "2026-10-01";
    EXPECT_EQ(CheckEpisode(t)->field, "outcome.moved_on");
    t.outcome = {"", "", "2026-09-01"};
    EXPECT_EQ(CheckEpisode(t)->field, "outcome.readmitted_on");
    t.outcome = {"2026-08-01", "home", "2026-07-01"};
    EXPECT_EQ(CheckEpisode(t)->field, "outcome.readmitted_on");
    t.outcome = {};
    t.admitted_on = "2026-05-01";
    EXPECT_EQ(CheckEpisode(t)->field, "admitted_on");
}

TEST(CheckActivity, WithinTheEpisode) {
    Transition t = Episode();
    Activity a;
    a.kind = "visit";
    for (const char* d : {"2026-04-01", "2026-09-30"}) {
        a.date = d;
        EXPECT_FALSE(CheckActivity(t, a, "")) << d;
    }
    for (const char* d : {"2026-03-31", "2026-10-01"}) {
        a.date = d;
        const auto e = CheckActivity(t, a, "activities[0].");
        ASSERT_TRUE(e) << d;
        EXPECT_EQ(e->field, "activities[0].date");
    }
    t.extended_to = "2027-01-31";
    a.date = "2026-12-01";
    EXPECT_FALSE(CheckActivity(t, a, ""));
}

TEST(Outcome, DaysSinceAdmissionAndReadmission) {
    Transition t = Episode();
    EXPECT_FALSE(DaysSinceAdmission(t));
    t.admitted_on = "2026-01-01";
    t.outcome.moved_on = "2026-08-01";
    EXPECT_EQ(DaysSinceAdmission(t), 212);
    EXPECT_FALSE(ReadmittedWithin180Days(t));
    t.outcome.readmitted_on = "2027-01-28";  // 180 days after
    EXPECT_TRUE(ReadmittedWithin180Days(t));
    t.outcome.readmitted_on = "2027-01-29";  // 181 days
    EXPECT_FALSE(ReadmittedWithin180Days(t));
}

TEST(AlertEnds, OpenEpisodesWithTheirEffectiveEnd) {
    Transition a = Episode(), b = Episode("settlement"), c = Episode();
    a.extended_to = "2027-01-31";
    b.id = 6;
    b.end = "2027-03-31";
    c.id = 7;
    c.outcome.moved_on = "2026-08-01";  // moved on: no alert
    const auto ends = AlertEnds({a, b, c});
    ASSERT_EQ(ends.size(), 2u);
    EXPECT_EQ(ends[0].end, calendar::Date::Parse("2027-01-31").value());
    EXPECT_FALSE(ends[0].settlement);
    EXPECT_TRUE(ends[1].settlement);
    EXPECT_TRUE(IsOpen(a, "2026-12-01"));
    EXPECT_FALSE(IsOpen(a, "2027-02-01"));
    EXPECT_FALSE(IsOpen(c, "2026-08-02"));
}

TEST(AddToKpi, HospitalDaysAverageAndReadmissions) {
    TransitionKpi k;
    Transition h = Episode();
    h.from_kind = "hospital";
    h.admitted_on = "2026-01-01";
    h.outcome.moved_on = "2026-01-11";  // 10 days
    AddToKpi(k, h);
    h.admitted_on = "2025-12-22";  // 20 days
    h.outcome.readmitted_on = "2026-02-01";
    AddToKpi(k, h);
    Transition f = Episode();
    f.from_kind = "facility";
    f.admitted_on = "2020-01-01";
    f.outcome.moved_on = "2026-05-01";
    AddToKpi(k, f);                      // completed, but not in the hospital average
    AddToKpi(k, Episode("settlement"));  // not a transition
    EXPECT_EQ(k.completed, 3);
    EXPECT_EQ(k.counted, 2);
    ASSERT_TRUE(k.hospital_days_avg);
    EXPECT_DOUBLE_EQ(*k.hospital_days_avg, 15.0);
    EXPECT_EQ(k.readmitted_within_180_days, 1);
}

// KpiFor against the demo office: one 地域移行支援 moved on 60 days ago (from a facility), two open
// episodes; a specialist's figure counts only the persons assigned to them.
TEST(KpiFor, DemoOffice) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("tsunagu-transition-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        storage::Database db((dir / "t.db").string(), 2);
        storage::Migrate(db);
        audit::OpenKeys(db, (dir / "keys" / "audit.key").string(), true);  // the chain is keyed (#13)
        ASSERT_TRUE(demo::Seed(db));
        storage::Tx tx(db, storage::Tx::Mode::kRead);
        long long office = 0, other = 0;
        tx.sql() << "SELECT id FROM offices ORDER BY id LIMIT 1", soci::into(office);
        const calendar::Date today = *calendar::Date::Parse(storage::TodayJst());
        const std::string from = calendar::AddDays(today, -365).ToString(), to = today.ToString();
        const TransitionKpi all = KpiFor(tx, office, std::nullopt, from, to);
        EXPECT_EQ(all.completed, 1);
        EXPECT_EQ(all.counted, 0);  // from a facility: not in the hospital average
        EXPECT_FALSE(all.hospital_days_avg);
        EXPECT_EQ(all.readmitted_within_180_days, 0);
        // The episode's person is assigned to one specialist; the other sees none of it.
        long long owner = 0;
        tx.sql() << "SELECT a.user_id FROM transitions t JOIN assignments a ON a.person_id = t.person_id WHERE "
                    "t.office_id = :o AND t.moved_on IS NOT NULL",
            soci::use(office), soci::into(owner);
        tx.sql()
            << "SELECT id FROM users WHERE office_id = :o AND role = 'specialist' AND id <> :u ORDER BY id LIMIT 1",
            soci::use(office), soci::use(owner), soci::into(other);
        EXPECT_EQ(KpiFor(tx, office, owner, from, to).completed, 1);
        EXPECT_EQ(KpiFor(tx, office, other, from, to).completed, 0);
        EXPECT_EQ(KpiFor(tx, office, std::nullopt, to, to).completed, 0);  // not moved on today
        EXPECT_EQ(NotMovedOn(tx, office, 0).size(), 0u);
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace tsunagu::transition
