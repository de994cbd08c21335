#include "generate/generate.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <numeric>
#include <set>

#include "calendar/date.hpp"
#include "person/person.hpp"
#include "storage/database.hpp"
#include "storage/migrate.hpp"

namespace tsunagu::generate {
namespace {

Options Opts(std::uint64_t seed = 42) {
    Options o;
    o.seed = seed;
    o.today = "2026-11-30";
    return o;
}

std::string Fingerprint(const PersonCase& c) {
    std::string s = c.person.name + "|" + c.person.kana + "|" + c.person.birth_date + "|" + c.person.address + "|" +
                    c.person.certificate_number + "|" + c.person.support_level + "|" + c.person.phone;
    for (const auto& d : c.decisions)
        s += "|" + d.period_start + d.period_end + std::to_string(d.monitoring_interval_months);
    for (const auto& p : c.plans) s += "|" + p.status + p.plan_date + boost::json::serialize(plan::NeedsJson(p.needs));
    for (const auto& m : c.monitorings) s += "|" + m.date;
    for (const auto& k : c.consents) s += "|" + k.expires_on;
    return s;
}

TEST(GenerateRng, SameSeedSameSequenceOtherSeedOther) {
    Rng a(7), b(7), c(8);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.Next();
        EXPECT_EQ(x, b.Next());
        differs = differs || x != c.Next();
    }
    EXPECT_TRUE(differs);
}

TEST(GenerateRng, BelowAndBetweenStayInRange) {
    Rng r(1);
    std::set<int> seen;
    for (int i = 0; i < 10000; ++i) {
        const int v = r.Between(3, 9);
        ASSERT_GE(v, 3);
        ASSERT_LE(v, 9);
        seen.insert(v);
        ASSERT_LT(r.Below(5), 5);
    }
    EXPECT_EQ(seen.size(), 7u);
    EXPECT_EQ(r.Below(0), 0);
}

TEST(GenerateLayout, OfficeSizesSumAndShape) {
    const auto even = OfficeSizes(1000000, 2000, 0);
    EXPECT_EQ(std::accumulate(even.begin(), even.end(), 0LL), 1000000);
    EXPECT_EQ(even.front(), 500);
    EXPECT_EQ(even.back(), 500);
    const auto one = OfficeSizes(100000, 1, 0);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0], 100000);
    const auto skewed = OfficeSizes(10000, 20, 1.0);
    EXPECT_EQ(std::accumulate(skewed.begin(), skewed.end(), 0LL), 10000);
    EXPECT_GT(skewed.front(), 5 * skewed.back());
    for (long long s : skewed) EXPECT_GE(s, 1);
    const auto few = OfficeSizes(3, 5, 0);  // fewer persons than offices
    EXPECT_EQ(std::accumulate(few.begin(), few.end(), 0LL), 3);
}

TEST(GenerateLayout, OfficeOfPersonMatchesSizesAndSeed) {
    const auto sizes = OfficeSizes(1000, 7, 0.5);
    const auto a = OfficeOfPerson(sizes, 5), b = OfficeOfPerson(sizes, 5), c = OfficeOfPerson(sizes, 6);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    std::vector<long long> count(8, 0);
    for (int o : a) ++count[static_cast<std::size_t>(o)];
    for (std::size_t k = 0; k < sizes.size(); ++k) EXPECT_EQ(count[k + 1], sizes[k]);
    EXPECT_EQ(SpecialistsFor(500, 35), 15);
    EXPECT_EQ(SpecialistsFor(1, 35), 1);
    EXPECT_EQ(SpecialistsFor(0, 35), 1);
}

TEST(GenerateCase, SameSeedSameCaseOtherSeedOther) {
    Ids i1, i2, i3;
    PersonCase a, b, c;
    MakeCase(Opts(1), 17, 2, 1, 3, i1, a);
    MakeCase(Opts(1), 17, 2, 1, 3, i2, b);
    MakeCase(Opts(2), 17, 2, 1, 3, i3, c);
    EXPECT_EQ(Fingerprint(a), Fingerprint(b));
    EXPECT_NE(Fingerprint(a), Fingerprint(c));
}

TEST(GenerateCase, CasesFollowTheDomainRules) {
    const Options o = Opts(9);
    const calendar::Date today = *calendar::Date::Parse(o.today);
    Ids ids;
    PersonCase c;
    int children = 0, elderly = 0, renewed = 0, drafts = 0, versioned = 0, overdue_free = 0;
    std::set<std::string> levels, kinds;
    for (long long id = 1; id <= 3000; ++id) {
        const Ids before = ids;
        MakeCase(o, id, 1, 1, 2, ids, c);
        const person::Person& p = c.person;
        ASSERT_TRUE(person::IsKana(p.kana)) << p.kana;
        ASSERT_TRUE(calendar::Date::Parse(p.birth_date));
        const int age = person::AgeOn(p.birth_date, o.today);
        ASSERT_GE(age, 0);
        children += age < 18;
        elderly += age >= 65;
        ASSERT_EQ(p.certificate_number.size(), 10u);
        if (!p.support_level.empty()) {
            ASSERT_EQ(person::NormaliseSupportLevel(p.support_level), p.support_level);
            levels.insert(p.support_level);
        }
        for (const auto& k : p.disability_kinds) kinds.insert(k);
        ASSERT_FALSE(c.decisions.empty());
        renewed += c.decisions.size() > 1;
        for (const auto& d : c.decisions) {
            EXPECT_TRUE(decision::ValidateDecision(d).empty()) << id;
            versioned += d.monitoring_periods.size() > 1;
        }
        EXPECT_EQ(p.decision_period_end, c.decisions.back().period_end);
        ASSERT_EQ(c.assessments.size(), 1u);
        EXPECT_FALSE(assessment::FinaliseProblem(c.assessments[0]).has_value());
        for (std::size_t k = 0; k < c.plans.size(); ++k) {
            const plan::Plan& pl = c.plans[k];
            EXPECT_EQ(pl.version, static_cast<int>(k) + 1);
            EXPECT_EQ(pl.id, before.plan + static_cast<long long>(k) + 1);
            EXPECT_FALSE(plan::CheckSubmittable(pl).has_value()) << id;
            for (std::size_t w = 0; w < pl.weekly.size(); ++w)
                EXPECT_FALSE(plan::CheckWeekly(pl.weekly[w], w).has_value());
            if (pl.status == "issued") {
                EXPECT_NE(pl.decision_id, 0);
            }
            drafts += pl.status == "draft";
            EXPECT_EQ(pl.kind, plan::KindFor(p.birth_date, pl.plan_date));
        }
        for (const auto& m : c.monitorings) {
            EXPECT_LT(*calendar::Date::Parse(m.date), today);
            EXPECT_EQ(m.goals.size(), c.plans.front().needs.size());
        }
        overdue_free += !c.monitorings.empty();
        ASSERT_EQ(c.consents.size(), 1u);
        EXPECT_EQ(c.consents[0].id, before.consent + 1);
    }
    EXPECT_GT(children, 300);  // about a fifth
    EXPECT_LT(children, 900);
    EXPECT_GT(elderly, 100);
    EXPECT_GT(renewed, 900);
    EXPECT_GT(drafts, 100);
    EXPECT_GT(versioned, 100);
    EXPECT_GT(overdue_free, 1000);
    EXPECT_EQ(levels.size(), 7u);  // 非該当 and 1–6
    EXPECT_EQ(kinds.size(), 5u);
}

TEST(GenerateCase, NotesOnlyWhenAsked) {
    Options o = Opts();
    Ids ids;
    PersonCase c;
    MakeCase(o, 1, 1, 1, 2, ids, c);
    EXPECT_TRUE(c.notes.empty());
    o.notes_per_person = 3;
    MakeCase(o, 2, 1, 1, 2, ids, c);
    ASSERT_EQ(c.notes.size(), 3u);
    EXPECT_LT(c.notes[0].date, o.today);
    EXPECT_FALSE(c.notes[0].text.empty());
}

TEST(GenerateNames, LoginsAndNames) {
    EXPECT_EQ(ChiefLogin(12), "chief12");
    EXPECT_EQ(SpecialistLogin(12, 3), "sp12-3");
    EXPECT_EQ(StaffName(1, 5), StaffName(1, 5));
    EXPECT_NE(OfficeName(1), OfficeName(2));
}

// The generator writes person search's bigrams itself (GramsOf); the server writes them with SQL
// (person::IndexForSearch). Both must give the same rows, for ASCII (SQLite's LOWER), full- and
// half-width letters, 4-byte characters, one-character names and repeated pairs.
TEST(GenerateGrams, TheSameRowsAsTheServersSql) {
    const auto dir = std::filesystem::temp_directory_path() / ("tsunagu-grams-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        storage::Database db((dir / "t.db").string(), 1);
        storage::Migrate(db);
        storage::Tx tx(db);  // rolled back: only the rows person::IndexForSearch writes are read
        tx.sql() << "INSERT INTO offices (id, name, created_at) VALUES (7, 'o', '2026-12-01T00:00:00Z')";
        tx.sql() << "INSERT INTO users (id, office_id, login, name, role, password_hash, active, created_at, "
                    "updated_at) VALUES (3, 7, 'u', 'u', 'chief', 'x', 1, '2026-12-01', '2026-12-01')";
        tx.sql() << "INSERT INTO persons (id, office_id, name, kana, birth_date, created_by, created_at, updated_at) "
                    "VALUES (11, 7, 'n', 'n', '2000-01-01', 3, '2026-12-01', '2026-12-01')";
        const long long office = 7, id = 11;
        const std::pair<std::string, std::string> names[] = {
            {"Ab CD 山田", "ヤマダ"}, {"ＡＢｱｲ", "ｱｲ"}, {"X", "エ"}, {"😀太郎", "タロウ"}, {"ああああ", "アアア"},
        };
        for (const auto& [name, kana] : names) {
            tx.sql() << "UPDATE persons SET name = :n, kana = :k WHERE id = :id", soci::use(name), soci::use(kana),
                soci::use(id);
            person::IndexForSearch(tx, office, id);
            std::set<std::string> server;
            soci::rowset<std::string> rows = (tx.sql().prepare << "SELECT gram FROM person_grams WHERE office_id = :o "
                                                                  "AND person_id = :p",
                                              soci::use(office), soci::use(id));
            for (const std::string& g : rows) server.insert(g);
            person::Person p;
            p.id = id;
            p.office_id = office;
            p.name = name;
            p.kana = kana;
            std::vector<Gram> grams;
            GramsOf(p, grams);
            std::set<std::string> ours;
            for (const Gram& g : grams) {
                EXPECT_EQ(g.office, office);
                EXPECT_EQ(g.person, id);
                ours.insert(GramText(g.text));
            }
            EXPECT_EQ(ours, server) << name;
            EXPECT_FALSE(server.empty()) << name;
        }
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tsunagu::generate
