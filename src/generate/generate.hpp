#pragma once
// `tsunagu generate`: realistic fictional data at scale (offices, staff, persons and their casework),
// reproducible by seed, for load tests and `make bench`. Every name, address and number is invented.
#include <compare>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "assessment/assessment.hpp"
#include "caseload/caseload.hpp"
#include "consent/consent.hpp"
#include "decision/decision.hpp"
#include "directory/directory.hpp"
#include "meeting/meeting.hpp"
#include "monitoring/monitoring_record.hpp"
#include "person/person.hpp"
#include "plan/plan.hpp"
#include "redflag/redflag.hpp"
#include "task/task.hpp"

namespace tsunagu::generate {

//! What to generate. Everything is dated relative to `today`, never the clock, so the same options
//! give the same rows on any day they are run with the same --today.
struct Options {
    long long persons = 1000;
    int offices = 1;
    //! 0 = persons spread evenly; s > 0 = office k holds a share ∝ 1/k^s (a few large offices).
    double skew = 0;
    int notes_per_person = 0;
    std::uint64_t seed = 1;
    std::string today;                //!< "YYYY-MM-DD"
    int persons_per_specialist = 35;  //!< caseload of one 相談支援専門員
};

// --- rules (generate_rules.cpp, pure) -----------------------------------------------------

//! A seed for one stream of values (salt: what it is for; id: whose), the same on every platform.
std::uint64_t SeedFor(std::uint64_t seed, std::uint64_t salt, long long id);

//! A small, fast PRNG (xoshiro256**, seeded by splitmix64) whose output is the same on every platform
//! (std:: distributions are not), so a seed names one data set everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t Next();
    //! Uniform in [0, n); 0 when n <= 0.
    int Below(int n);
    //! Uniform in [lo, hi].
    int Between(int lo, int hi);
    //! True with probability p.
    bool Chance(double p);

private:
    std::uint64_t s_[4];
};

//! Persons per office (sums to persons; each office ≥ 1 person when persons ≥ offices).
std::vector<long long> OfficeSizes(long long persons, int offices, double skew);
//! Office (1-based) of each person id 1..persons: the sizes, interleaved by a seeded shuffle.
std::vector<int> OfficeOfPerson(const std::vector<long long>& sizes, std::uint64_t seed);
//! Specialists an office of `persons` needs (ceil(persons / per_specialist), at least 1).
int SpecialistsFor(long long persons, int per_specialist);

//! Every provider the generated plans name, with its service kind (provider, kind), each once.
std::vector<std::pair<std::string, std::string>> Providers();
//! A fictional office name for office `office_id`.
std::string OfficeName(int office_id);
//! Login names: the chief of an office, and its n-th specialist (1-based).
std::string ChiefLogin(int office_id);
std::string SpecialistLogin(int office_id, int n);
//! A fictional staff name (kanji) for a user id.
std::string StaffName(std::uint64_t seed, long long user_id);

//! Ids already used in each table, so the next row's id is known before it is written (a new
//! database: ids start at 1 and references between the rows are known in memory).
struct Ids {
    long long decision = 0, assessment = 0, plan = 0, monitoring = 0, consent = 0, note = 0;
    long long meeting = 0, task = 0, redflag = 0, delivery = 0, provider_plan = 0;
};

//! One person with all of their casework, ready to be written.
struct PersonCase {
    person::Person person;
    long long specialist_id = 0;  //!< the one assignee (担当)
    std::vector<assessment::Assessment> assessments;
    std::vector<decision::Decision> decisions;  //!< oldest first
    std::vector<plan::Plan> plans;              //!< by version
    std::vector<monitoring::MonitoringReport> monitorings;
    std::vector<consent::Consent> consents;
    long long consent_created_by = 0;
    //! 支援経過記録 (written only when a notes table exists): date, contact kind, text.
    struct Note {
        std::string date, kind, text;
    };
    std::vector<Note> notes;
    //! The casework around the plans (AddCasework): サービス担当者会議 with their agreements as tasks,
    //! レッドフラグ確認 (at intake and at every monitoring), 交付 and the providers' 個別支援計画.
    std::vector<meeting::Meeting> meetings;
    std::vector<task::Task> tasks;
    std::vector<redflag::Review> redflags;
    std::vector<plan::Delivery> deliveries;
    std::vector<plan::ProviderPlan> provider_plans;
};

//! The person `id` of office `office_id` with its casework, from the seed alone. Ids of the rows
//! are taken from `ids` (advanced). `chief_id` creates the person; `specialist_id` does the casework.
void MakeCase(const Options& o, long long id, int office_id, long long chief_id, long long specialist_id, Ids& ids,
              PersonCase& out);

// --- casework and the office's network (generate_casework.cpp, pure) --------------------------
//! Adds to a made case (MakeCase calls it last, from a stream of its own, so the rest of the case is
//! the same with or without it): for every issued plan the draft consent (計画案への同意) and a
//! finalised サービス担当者会議 before it (now and then a minor revision without one, with the reason),
//! whose agreements become tasks (done when past, some overdue); the plan handed over (交付) and the
//! providers' 個別支援計画 received back; a red-flag review at intake and at every monitoring, a few
//! with codes watched or raised. `office_name` and the specialist's name go in the participants.
void AddCasework(const Options& o, const std::string& office_name, const std::string& specialist_name, Ids& ids,
                 PersonCase& c);

//! One entry of an office's directory (関係機関名簿) with its contacts (連絡記録).
struct DirectoryEntry {
    directory::Entry entry;
    long long created_by = 0;
    std::vector<directory::ContactRecord> contacts;  //!< oldest first
};
//! The directory of office `office_id`: the providers the generated plans name, the municipality,
//! the regional centre, a hospital, school, job centre and the community (each layer), contacted now
//! and then by the office's staff (users first_user .. first_user + users - 1). Ids are taken from
//! `entry_id` and `contact_id` (advanced).
std::vector<DirectoryEntry> MakeDirectory(const Options& o, int office_id, long long first_user, int users,
                                          long long& entry_id, long long& contact_id);

//! The per-person facts of the views (caseload::Facts) for a generated case on `today`, computed as
//! a write of that person would (caseload::FactsOf), from the case in memory instead of a re-read.
caseload::Facts FactsOfCase(const PersonCase& c, const calendar::Date& today);

//! One bigram of person search (person_grams): its two characters' UTF-8 bytes packed big-endian
//! into `text`, so that numeric order is SQLite's byte order of the text.
struct Gram {
    std::uint64_t text;
    std::uint32_t office, person;
    auto operator<=>(const Gram& o) const {
        if (office != o.office) return office <=> o.office;
        if (text != o.text) return text <=> o.text;
        return person <=> o.person;
    }
    bool operator==(const Gram&) const = default;
};
//! Appends the bigrams person_store's SQL (kGramSqlite) gives the person: every two adjacent
//! characters of LOWER(name) || char(1) || kana || char(1) whose first is not char(1), with
//! SQLite's built-in LOWER (ASCII letters only). The generator computes them with the cases because
//! that SQL over a million persons is a recursive query and a sort of ten million rows.
void GramsOf(const person::Person& p, std::vector<Gram>& out);
//! The text of a packed bigram.
std::string GramText(std::uint64_t packed);

// --- store (generate_store.cpp) ------------------------------------------------------------

//! What was written, for the command's output.
struct Summary {
    long long offices = 0, users = 0, persons = 0, rows = 0, notes = 0;
    double seconds = 0;
    std::string notes_message;  //!< why notes were skipped, if they were
};

//! Generates into a NEW database: SQLite file `sqlite_path`, or PostgreSQL `pg_url` when not empty
//! (migrated first; refused when it already holds offices). One `generate` audit row per office.
Summary Run(const std::string& sqlite_path, const std::string& pg_url, const Options& o);

}  // namespace tsunagu::generate

namespace CLI {
class App;
}
namespace tsunagu::generate {

// --- command (generate_cli.cpp) ----------------------------------------------------------
//! Adds `generate` and its options to `app`; the caller adds --data/--db.
CLI::App* AddCommand(CLI::App& app, Options& o);
//! Runs it into `data`/tsunagu.db, or `db_url` when given; prints a summary. Exit code.
int RunCommand(Options o, const std::string& data, const std::string& db_url);

}  // namespace tsunagu::generate
