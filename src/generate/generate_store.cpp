// Writes generated data in bulk: SQLite through one reused prepared statement per table inside one
// large transaction (journal and sync off while the NEW file is filled, WAL again afterwards, then
// the file synced); PostgreSQL through COPY. Secondary indexes are built after the rows (one sorted pass,
// not a B-tree insert per row). Ids are assigned here, so references between rows need no lookups.
#include <fcntl.h>
#include <libpq-fe.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "audit/audit.hpp"
#include "caseload/caseload.hpp"
#include "caseload/caseload_counts.hpp"
#include "crypto/crypto.hpp"
#include "demo/demo.hpp"
#include "generate/generate.hpp"
#include "meeting/meeting.hpp"
#include "note/note.hpp"
#include "redflag/redflag.hpp"
#include "search/record_texts.hpp"
#include "search/search.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/migrate.hpp"
#include "storage/pipe.hpp"

namespace tsunagu::generate {

namespace json = boost::json;

namespace {

//! The next step of every generated note (支援経過記録: 次回への引継ぎ).
constexpr const char* kNextStep = "次回の訪問で様子を確認する。";

// --- the tables, in the order they are filled (references point backwards) ---
enum Table {
    kOffices,
    kUsers,
    kDirectoryEntries,  // the office's network (関係機関名簿) and its contacts
    kDirectoryContacts,
    kPersons,
    kAssignments,
    kAssessments,
    kDecisions,
    kPlans,
    kMonitorings,
    kConsents,
    kNotes,
    kMeetings,  // the casework around the plans (AddCasework)
    kTasks,
    kRedflagReviews,
    kPlanDeliveries,
    kProviderPlans,
    kCaseFacts,  // the views' per-person facts (caseload::Facts), computed with the case
    kDueFacts,
    kAlertFacts,
    kNeedFacts,
    kGoalFacts,
    kSearchEntries,  // the search index's rows (search::Index); its FTS5 table is filled at the end
    kPersonGrams,    // SQLite only, after the cases (SqliteSink::WriteGrams); PostgreSQL: kPgGrams
    kTableCount
};

struct TableSpec {
    const char* name;
    const char* columns;
};
constexpr TableSpec kTables[] = {
    {"offices", "id, name, created_at"},
    {"users", "id, office_id, login, name, role, password_hash, active, created_at, updated_at"},
    {"directory_entries",
     "id, office_id, name, kind, sector, service_kinds, layer, address, phone, email, entry_contact, contact_sop, "
     "people, notes, active, last_contact_on, contact_due_on, created_by, created_at, updated_at"},
    {"directory_contacts", "id, office_id, directory_id, contact_on, kind, summary, user_id, created_by, created_at"},
    {"persons",
     "id, office_id, name, kana, birth_date, gender, address, phone, disability_kinds, support_level, "
     "support_level_valid_until, certificate_number, decision_period_start, decision_period_end, wishes, contacts, "
     "notes, created_by, created_at, updated_at"},
    {"assignments", "office_id, person_id, user_id"},
    {"assessments",
     "id, office_id, person_id, assessed_on, place, own_words, life_history, family_situation, health_medical, "
     "current_services, income, daily_life, work_school, leisure, strengths, icf_body_functions, icf_activities, "
     "icf_participation, icf_environmental, icf_personal, needs, status, finalised_on, copied_from_id, author_id, "
     "created_at, updated_at"},
    {"decisions",
     "id, office_id, person_id, decided_on, period_start, period_end, monitoring_interval_months, "
     "monitoring_periods, services, certificate_number, notes, created_by, created_at"},
    {"plans",
     "id, office_id, person_id, version, previous_version_id, kind, status, plan_date, specialist_id, wishes, "
     "family_wishes, policy, long_term_goal, short_term_goal, monitoring_period_note, proposed_interval_months, "
     "consented_on, assessment_id, needs, weekly, daily_activities, non_weekly, submitted_on, issued_on, "
     "decision_id, created_by, created_at, updated_at, draft_consented_on, draft_consent_by, draft_consent_by_name, "
     "conference_waived_reason"},
    {"monitorings",
     "id, office_id, person_id, plan_id, date, visited, place, goals, overall, next_monitoring, change_needed, "
     "change_kinds, new_plan_id, specialist_id, created_at, updated_at"},
    {"consents",
     "id, office_id, person_id, purpose, scope, given_by, given_by_name, given_on, expires_on, withdrawn_on, "
     "withdraw_reason, created_by, created_at"},
    {"notes", ""},  // columns found at run time (another branch adds the table)
    {"meetings",
     "id, office_id, person_id, kind, status, date, start_time, end_time, place, plan_id, participants, "
     "person_attended, person_absent_reason, agenda, discussion, opinions, conclusion, remaining_issues, agreements, "
     "consensus_sheet, author_id, finalised_on, created_at, updated_at"},
    {"tasks",
     "id, office_id, person_id, meeting_id, agreement_index, text, owner, owner_user_id, due, measure, status, "
     "done_on, result, created_by, created_at, updated_at"},
    {"redflag_reviews", "id, office_id, person_id, reviewed_on, items, raised, monitoring_id, reviewed_by, created_at"},
    {"plan_deliveries",
     "id, office_id, person_id, plan_id, recipient_kind, name, delivered_on, created_by, created_at"},
    {"provider_plans", "id, office_id, person_id, plan_id, provider, received_on, created_by, created_at"},
    {"case_facts",
     "office_id, person_id, current_plan_id, open_plan_id, decision_period_end, next_due_date, next_due_month, "
     "redflags_raised, open_abuse_reports, goal_unmet_twice"},
    {"due_facts", "office_id, person_id, plan_id, due_month, due_date, done_on, monitoring_id, kana"},
    {"alert_facts", "office_id, person_id, kind, kind_rank, date, fire_from, fire_until, entity, entity_id"},
    {"need_facts", "office_id, person_id, kind"},
    {"goal_facts",
     "office_id, person_id, monitoring_id, date, achieved, partly, not_achieved, satisfaction_sum, satisfaction_n"},
    {"search_entries", "id, office_id, person_id, kind, entity_id, date, text, text_normalised, updated_at"},
    {"person_grams", "office_id, gram, person_id"},
};
constexpr const char* kOfficeCount = "SELECT COUNT(*) FROM offices";
constexpr const char* kSetFactsVersion = "UPDATE case_facts_state SET version = :v WHERE id = 1";
constexpr const char* kSqliteIndexes =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('users', "
    "'persons', 'assignments', 'assessments', 'decisions', 'plans', 'monitorings', 'consents', 'notes', "
    "'case_facts', 'due_facts', 'alert_facts', 'need_facts', 'goal_facts', 'search_entries', 'person_grams', "
    "'directory_entries', 'directory_contacts', 'meetings', 'tasks', 'redflag_reviews', 'plan_deliveries', "
    "'provider_plans')";
constexpr const char* kSqliteNoteColumns =
    "SELECT name, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info('notes')";
constexpr const char* kPgNoteColumns =
    "SELECT column_name, CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END, "
    "CASE WHEN column_default IS NOT NULL OR is_identity = 'YES' THEN 1 ELSE 0 END, 0 FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = 'notes' ORDER BY ordinal_position";
//! Secondary indexes (not those of a primary key or unique constraint), built again after the rows.
constexpr const char* kPgIndexes =
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('users', "
    "'persons', 'assignments', 'assessments', 'decisions', 'plans', 'monitorings', 'consents', 'notes', "
    "'case_facts', 'due_facts', 'alert_facts', 'need_facts', 'goal_facts', 'search_entries', 'person_grams', "
    "'directory_entries', 'directory_contacts', 'meetings', 'tasks', 'redflag_reviews', 'plan_deliveries', "
    "'provider_plans') AND "
    "indexname NOT IN (SELECT conname FROM pg_constraint) AND indexname NOT IN (SELECT i.relname FROM pg_constraint "
    "c JOIN pg_class i ON i.oid = c.conindid WHERE c.contype = 'f')";  // a foreign key's unique index stays
//! Tables whose id is an identity column on PostgreSQL: its sequence continues after the generated ids.
constexpr const char* kPgIdentityTables[] = {
    "offices",     "users",    "persons",         "assessments",     "decisions",         "plans",
    "monitorings", "consents", "notes",           "search_entries",  "directory_entries", "directory_contacts",
    "meetings",    "tasks",    "redflag_reviews", "plan_deliveries", "provider_plans"};
// The bigrams of person search (migration 0023; person_store keeps them on every write). SQLite:
// computed with the cases (GramsOf) and written in key order; PostgreSQL: one statement.
constexpr const char* kPgGrams =
    "INSERT INTO person_grams (office_id, gram, person_id) SELECT DISTINCT s.office_id, substr(s.t, i, 2), s.id FROM "
    "(SELECT office_id, id, LOWER(name) || chr(1) || kana || chr(1) AS t FROM persons) s, "
    "generate_series(1, length(s.t) - 1) AS i WHERE substr(s.t, i, 1) <> chr(1)";

// --- one value of a row ---
struct Cell {
    enum Kind : char { kNull, kInt, kText } kind = kNull;
    long long i = 0;
    const std::string* s = nullptr;
};
Cell I(long long v) { return {Cell::kInt, v, nullptr}; }
Cell IN(long long v) { return v == 0 ? Cell{} : I(v); }  // NULL for 0 (no reference)
Cell T(const std::string& s) { return {Cell::kText, 0, &s}; }
Cell N(const std::string& s) { return s.empty() ? Cell{} : T(s); }  // NULL for ""

//! Where rows go.
class Sink {
public:
    virtual ~Sink() = default;
    virtual void Row(Table t, std::initializer_list<Cell> cells) = 0;
    virtual void Row(Table t, const std::vector<Cell>& cells) = 0;
    //! A person's bigrams of person search (SQLite keeps them to write in order at the end;
    //! PostgreSQL computes them from the persons table in one statement).
    virtual void Grams(const std::vector<Gram>& grams) = 0;
};

// --- SQLite ---
void Check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}
void Exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string m = err ? err : "?";
        sqlite3_free(err);
        throw std::runtime_error(m);
    }
}

class SqliteSink : public Sink {
public:
    SqliteSink(sqlite3* db, const std::string& note_columns) : db_(db) {
        for (int t = 0; t < kTableCount; ++t) {
            std::string cols = t == kNotes ? note_columns : kTables[t].columns;
            if (cols.empty()) continue;
            std::string q;
            for (char c : cols) q += c == ',' ? ",?" : "";
            const std::string sql =
                std::string("INSERT INTO ") + kTables[t].name + " (" + cols + ") VALUES (?" + q + ")";
            Check(db_, sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmts_[t], nullptr), kTables[t].name);
        }
    }
    ~SqliteSink() override {
        for (auto* s : stmts_) sqlite3_finalize(s);
    }
    void Row(Table t, std::initializer_list<Cell> cells) override { Put(t, cells.begin(), cells.size()); }
    void Row(Table t, const std::vector<Cell>& cells) override { Put(t, cells.data(), cells.size()); }
    void Grams(const std::vector<Gram>& grams) override { grams_.insert(grams_.end(), grams.begin(), grams.end()); }
    //! Writes the bigrams in the table's key order (each row an append to its B-tree), each once.
    void WriteGrams() {
        std::sort(grams_.begin(), grams_.end());
        grams_.erase(std::unique(grams_.begin(), grams_.end()), grams_.end());
        for (const Gram& g : grams_) {
            const std::string text = GramText(g.text);
            Row(kPersonGrams, {I(g.office), T(text), I(g.person)});
        }
        std::vector<Gram>().swap(grams_);
    }

private:
    void Put(Table t, const Cell* c, std::size_t n) {
        sqlite3_stmt* s = stmts_[t];
        for (std::size_t k = 0; k < n; ++k) {
            const int col = static_cast<int>(k) + 1;
            if (c[k].kind == Cell::kInt)
                sqlite3_bind_int64(s, col, c[k].i);
            else if (c[k].kind == Cell::kText)
                sqlite3_bind_text(s, col, c[k].s->data(), static_cast<int>(c[k].s->size()), SQLITE_STATIC);
            else
                sqlite3_bind_null(s, col);
        }
        Check(db_, sqlite3_step(s), kTables[t].name);
        sqlite3_reset(s);
    }
    sqlite3* db_;
    sqlite3_stmt* stmts_[kTableCount] = {};
    std::vector<Gram> grams_;
};

// --- PostgreSQL: COPY ... FROM STDIN (text format), a buffer per table flushed every few MB ---
void PgExec(PGconn* c, const std::string& sql) {
    PGresult* r = PQexec(c, sql.c_str());
    const auto st = PQresultStatus(r);
    const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    std::string err = ok ? "" : PQerrorMessage(c);
    PQclear(r);
    if (!ok) throw std::runtime_error("PostgreSQL: " + err);
}

//! PgExec that answers false instead of throwing (for settings that need privileges).
bool PgTry(PGconn* c, const std::string& sql) {
    PGresult* r = PQexec(c, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok;
}

std::vector<std::vector<std::string>> PgRows(PGconn* c, const char* sql) {
    PGresult* r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        const std::string err = PQerrorMessage(c);
        PQclear(r);
        throw std::runtime_error("PostgreSQL: " + err);
    }
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < PQntuples(r); ++i) {
        rows.emplace_back();
        for (int j = 0; j < PQnfields(r); ++j) rows.back().emplace_back(PQgetvalue(r, i, j));
    }
    PQclear(r);
    return rows;
}

class PgSink : public Sink {
public:
    PgSink(PGconn* c, const std::string& note_columns) : c_(c), note_columns_(note_columns) {}
    void Row(Table t, std::initializer_list<Cell> cells) override { Put(t, cells.begin(), cells.size()); }
    void Row(Table t, const std::vector<Cell>& cells) override { Put(t, cells.data(), cells.size()); }
    void Grams(const std::vector<Gram>& /*grams*/) override {}  // kPgGrams, from the persons table
    void FlushAll() {
        for (int t = 0; t < kTableCount; ++t) Flush(static_cast<Table>(t));
    }

private:
    void Put(Table t, const Cell* c, std::size_t n) {
        std::string& b = buf_[t];
        for (std::size_t k = 0; k < n; ++k) {
            if (k) b += '\t';
            if (c[k].kind == Cell::kInt) {
                b += std::to_string(c[k].i);
            } else if (c[k].kind == Cell::kNull) {
                b += "\\N";
            } else {
                for (char ch : *c[k].s) {
                    switch (ch) {
                        case '\\':
                            b += "\\\\";
                            break;
                        case '\t':
                            b += "\\t";
                            break;
                        case '\n':
                            b += "\\n";
                            break;
                        case '\r':
                            b += "\\r";
                            break;
                        default:
                            b += ch;
                    }
                }
            }
        }
        b += '\n';
        if (b.size() > (8u << 20)) Flush(t);
    }
    void Flush(Table t) {
        // Rows reference only tables filled before theirs: send those first (foreign keys).
        for (int u = 0; u < t; ++u) Send(static_cast<Table>(u));
        Send(t);
    }
    void Send(Table t) {
        std::string& b = buf_[t];
        if (b.empty()) return;
        const std::string cols = t == kNotes ? note_columns_ : kTables[t].columns;
        PGresult* r = PQexec(c_, (std::string("COPY ") + kTables[t].name + " (" + cols + ") FROM STDIN").c_str());
        const bool in = PQresultStatus(r) == PGRES_COPY_IN;
        PQclear(r);
        if (!in)
            throw std::runtime_error(std::string("PostgreSQL COPY ") + kTables[t].name + ": " + PQerrorMessage(c_));
        if (PQputCopyData(c_, b.data(), static_cast<int>(b.size())) != 1 || PQputCopyEnd(c_, nullptr) != 1)
            throw std::runtime_error(std::string("PostgreSQL COPY ") + kTables[t].name + ": " + PQerrorMessage(c_));
        while (PGresult* res = PQgetResult(c_)) {
            const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
            PQclear(res);
            if (!ok)
                throw std::runtime_error(std::string("PostgreSQL COPY ") + kTables[t].name + ": " + PQerrorMessage(c_));
        }
        b.clear();
    }
    PGconn* c_;
    std::string note_columns_;
    std::string buf_[kTableCount];
};

// --- the notes table of another branch: filled when its columns are ones we can name ---
struct NoteColumns {
    std::string list;                //!< "a, b, c" for the INSERT / COPY
    std::vector<std::string> roles;  //!< what goes in each: id office person user text date time
    std::string skipped;             //!< why notes are not generated, when they are not
};

NoteColumns PlanNotes(const std::vector<std::tuple<std::string, bool, bool, bool>>& cols, bool exists) {
    NoteColumns n;
    if (!exists) {
        n.skipped = "no notes table in this database: --notes-per-person skipped";
        return n;
    }
    static const std::map<std::string, std::string> kRoles = {
        {"id", "id"},           {"office_id", "office"}, {"person_id", "person"},   {"author_id", "user"},
        {"user_id", "user"},    {"created_by", "user"},  {"specialist_id", "user"}, {"body", "text"},
        {"text", "text"},       {"content", "text"},     {"note", "text"},          {"date", "date"},
        {"noted_on", "date"},   {"occurred_on", "date"}, {"contact_date", "date"},  {"created_at", "time"},
        {"updated_at", "time"}, {"at", "time"},          {"occurred_at", "time"},   {"contact_kind", "kind"},
        {"soap_o", "text"},     {"next_step", "next"},
    };
    for (const auto& [name, not_null, has_default, pk] : cols) {
        const auto it = kRoles.find(name);
        if (it == kRoles.end()) {
            if (not_null && !has_default) {
                n.skipped = "the notes table has a required column this generator does not know (" + name +
                            "): --notes-per-person skipped";
                return n;
            }
            continue;
        }
        if (!n.list.empty()) n.list += ", ";
        n.list += name;
        n.roles.push_back(it->second);
    }
    return n;
}

std::string Json(const person::Person& p) {
    json::array a;
    for (const auto& c : p.contacts)
        a.push_back(json::object{{"role", c.role}, {"name", c.name}, {"relation", c.relation}, {"phone", c.phone}});
    return json::serialize(a);
}

//! One person's case with its JSON columns serialised: made on the generating thread, written on
//! the writing thread (the two halves of the work take about the same time).
struct Encoded {
    PersonCase c;
    std::string kinds, contacts;
    std::vector<std::string> assessment_needs, periods, services, plan_needs, weekly, goals, change_kinds, scope;
    //! Per meeting: participants, opinions, agreements, sheet ("" = none); per red-flag review: items, raised.
    std::vector<std::array<std::string, 4>> meetings;
    std::vector<std::array<std::string, 2>> redflags;
    caseload::Facts facts;
    std::string raised;  //!< facts.redflags_raised as JSON
    //! The search index's entries of the case (search::Index's text, as each store gives it); a
    //! note's entity id is given by the writer (note ids are counted there), in the notes' order.
    struct SearchRow {
        const char* kind;
        long long entity_id;
        std::string date, text, normalised, at;
    };
    std::vector<SearchRow> search;
    std::vector<Gram> grams;  //!< the person's bigrams of person search
};

//! The text a note written by the server gives the search index (note::SearchText).
std::string NoteSearchText(const std::string& text) {
    note::Note n;
    n.soap.o = text;
    n.next_step = kNextStep;
    return note::SearchText(n);
}

void Encode(Encoded& e, const calendar::Date& today, bool notes) {
    const PersonCase& c = e.c;
    e.search.clear();
    e.grams.clear();
    GramsOf(c.person, e.grams);
    auto index = [&](const char* kind, long long id, const std::string& date, std::string text, const std::string& at) {
        std::string normalised = search::Normalise(text);
        e.search.push_back({kind, id, date, std::move(text), std::move(normalised), at});
    };
    for (const auto& a : c.assessments) index("assessment", a.id, a.date, search::TextOf(a), a.updated_at);
    for (const auto& pl : c.plans) index("plan", pl.id, pl.plan_date, search::TextOf(pl), pl.updated_at);
    for (const auto& m : c.monitorings) index("monitoring", m.id, m.date, search::TextOf(m), m.updated_at);
    for (const auto& m : c.meetings) index("meeting", m.id, m.date, meeting::SearchText(m), m.updated_at);
    if (notes)
        for (const auto& n : c.notes) index("note", 0, n.date, NoteSearchText(n.text), n.date + "T09:00:00Z");
    e.facts = FactsOfCase(c, today);
    e.raised = storage::StringListJson(e.facts.redflags_raised);
    e.kinds = storage::StringListJson(c.person.disability_kinds);
    e.contacts = Json(c.person);
    e.assessment_needs.clear();
    for (const auto& a : c.assessments) e.assessment_needs.push_back(storage::StringListJson(a.needs));
    e.periods.clear();
    e.services.clear();
    for (const auto& d : c.decisions) {
        json::array periods, services;
        for (const auto& v : d.monitoring_periods)
            periods.push_back(json::object{{"interval_months", v.interval_months},
                                           {"first_month", v.first_month.ToString()},
                                           {"last_month", v.last_month.ToString()}});
        for (const auto& sv : d.services) services.push_back(json::object{{"kind", sv.kind}, {"amount", sv.amount}});
        e.periods.push_back(json::serialize(periods));
        e.services.push_back(json::serialize(services));
    }
    e.plan_needs.clear();
    e.weekly.clear();
    for (const auto& pl : c.plans) {
        e.plan_needs.push_back(json::serialize(plan::NeedsJson(pl.needs)));
        e.weekly.push_back(json::serialize(plan::WeeklyJson(pl.weekly)));
    }
    e.goals.clear();
    e.change_kinds.clear();
    for (const auto& m : c.monitorings) {
        json::array goals;
        for (const auto& g : m.goals)
            goals.push_back(json::object{{"need_index", g.need_index},
                                         {"delivery", g.delivery},
                                         {"own_words", g.own_words},
                                         {"satisfaction", g.satisfaction},
                                         {"achievement", g.achievement},
                                         {"issues", g.issues}});
        e.goals.push_back(json::serialize(goals));
        e.change_kinds.push_back(storage::StringListJson(m.change_kinds));
    }
    e.scope.clear();
    for (const auto& k : c.consents) e.scope.push_back(consent::ScopeJson(k.scope));
    e.meetings.clear();
    for (const auto& m : c.meetings)
        e.meetings.push_back({json::serialize(meeting::ParticipantsJson(m.participants)),
                              json::serialize(meeting::OpinionsJson(m.opinions)),
                              json::serialize(meeting::AgreementsJson(m.agreements)),
                              m.consensus_sheet ? json::serialize(meeting::SheetJson(m.consensus_sheet)) : ""});
    e.redflags.clear();
    for (const auto& v : c.redflags)
        e.redflags.push_back(
            {json::serialize(redflag::ItemsJson(v.items)), storage::StringListJson(redflag::RaisedCodes(v.items))});
}

//! The views' per-person facts of one case (computed with it on the generating thread).
void WriteFacts(Sink& s, const Encoded& e, long long& rows) {
    const person::Person& p = e.c.person;
    const caseload::Facts& f = e.facts;
    s.Row(kCaseFacts, {I(p.office_id), I(p.id), IN(f.current_plan_id), IN(f.open_plan_id), N(f.decision_period_end),
                       N(f.next_due_date), N(f.next_due_month), T(e.raised), I(f.open_abuse_reports),
                       I(f.goal_unmet_twice ? 1 : 0)});
    for (const caseload::Facts::Due& d : f.due)
        s.Row(kDueFacts, {I(p.office_id), I(p.id), I(d.plan_id), T(d.month), T(d.due_date), N(d.done_on),
                          IN(d.monitoring_id), T(p.kana)});
    for (const caseload::Facts::Alert& a : f.alerts)
        s.Row(kAlertFacts, {I(p.office_id), I(p.id), T(a.kind), I(a.rank), T(a.date), T(a.fire_from), T(a.fire_until),
                            T(a.entity), I(a.entity_id)});
    for (const std::string& kind : f.unmet_kinds) s.Row(kNeedFacts, {I(p.office_id), I(p.id), T(kind)});
    for (const caseload::Facts::Goals& g : f.goals)
        s.Row(kGoalFacts, {I(p.office_id), I(p.id), I(g.monitoring_id), T(g.date), I(g.achieved), I(g.partly),
                           I(g.not_achieved), I(g.satisfaction_sum), I(g.satisfaction_n)});
    rows += 1 + static_cast<long long>(f.due.size() + f.alerts.size() + f.unmet_kinds.size() + f.goals.size());
}

//! The casework around the plans: meetings, their tasks, red-flag reviews, 交付, providers' plans.
void WriteCasework(Sink& s, const Encoded& e, long long& rows) {
    const PersonCase& c = e.c;
    const person::Person& p = c.person;
    for (std::size_t k = 0; k < c.meetings.size(); ++k) {
        const meeting::Meeting& m = c.meetings[k];
        const auto& j = e.meetings[k];
        s.Row(kMeetings, {I(m.id),
                          I(m.office_id),
                          I(m.person_id),
                          T(m.kind),
                          T(m.status),
                          T(m.date),
                          N(m.start),
                          N(m.end),
                          N(m.place),
                          IN(m.plan_id),
                          T(j[0]),
                          I(m.person_attended ? 1 : 0),
                          N(m.person_absent_reason),
                          N(m.agenda),
                          N(m.discussion),
                          T(j[1]),
                          N(m.conclusion),
                          N(m.remaining_issues),
                          T(j[2]),
                          N(j[3]),
                          I(m.author_id),
                          N(m.finalised_on),
                          T(m.created_at),
                          T(m.updated_at)});
    }
    for (const task::Task& t : c.tasks)
        s.Row(kTasks, {I(t.id), I(t.office_id), I(t.person_id), IN(t.meeting_id), I(t.agreement_index), T(t.text),
                       T(t.owner), IN(t.owner_user_id), T(t.due), T(t.measure), T(t.status), N(t.done_on), N(t.result),
                       I(t.created_by), T(t.created_at), T(t.updated_at)});
    for (std::size_t k = 0; k < c.redflags.size(); ++k) {
        const redflag::Review& v = c.redflags[k];
        s.Row(kRedflagReviews, {I(v.id), I(v.office_id), I(v.person_id), T(v.reviewed_on), T(e.redflags[k][0]),
                                T(e.redflags[k][1]), IN(v.monitoring_id), I(v.reviewed_by), T(v.created_at)});
    }
    for (const plan::Delivery& d : c.deliveries)
        s.Row(kPlanDeliveries, {I(d.id), I(p.office_id), I(p.id), I(d.plan_id), T(d.recipient_kind), T(d.name),
                                T(d.delivered_on), I(c.specialist_id), T(d.created_at)});
    for (const plan::ProviderPlan& pp : c.provider_plans)
        s.Row(kProviderPlans, {I(pp.id), I(p.office_id), I(p.id), I(pp.plan_id), T(pp.provider), T(pp.received_on),
                               I(c.specialist_id), T(pp.created_at)});
    rows += static_cast<long long>(c.meetings.size() + c.tasks.size() + c.redflags.size() + c.deliveries.size() +
                                   c.provider_plans.size());
}

//! An office's directory of agencies and its contacts with them.
void WriteDirectory(Sink& s, const std::vector<DirectoryEntry>& entries, long long& rows) {
    for (const DirectoryEntry& d : entries) {
        const directory::Entry& x = d.entry;
        const directory::StoredColumns j = directory::StoredColumnsOf(x);
        s.Row(kDirectoryEntries, {I(x.id),
                                  I(x.office_id),
                                  T(x.name),
                                  T(x.kind),
                                  T(x.sector),
                                  T(j.kinds),
                                  T(x.layer),
                                  N(x.address),
                                  N(x.phone),
                                  N(x.email),
                                  T(j.entry),
                                  T(j.sop),
                                  T(j.people),
                                  N(x.notes),
                                  I(j.active),
                                  N(x.last_contact_on),
                                  T(x.contact_due_on),
                                  I(d.created_by),
                                  T(x.created_at),
                                  T(x.updated_at)});
        for (const directory::ContactRecord& k : d.contacts)
            s.Row(kDirectoryContacts, {I(k.id), I(x.office_id), I(x.id), T(k.date), T(k.kind), N(k.summary),
                                       I(k.user_id), I(k.user_id), T(k.created_at)});
        rows += 1 + static_cast<long long>(d.contacts.size());
    }
}

//! Writes the rows of one person's case.
void WriteCase(Sink& s, const Encoded& e, const NoteColumns& notes, long long& note_id, long long& search_id,
               long long& rows) {
    const PersonCase& c = e.c;
    const person::Person& p = c.person;
    s.Row(kPersons, {I(p.id),
                     I(p.office_id),
                     T(p.name),
                     T(p.kana),
                     T(p.birth_date),
                     N(p.gender),
                     N(p.address),
                     N(p.phone),
                     T(e.kinds),
                     N(p.support_level),
                     N(p.support_level_valid_until),
                     N(p.certificate_number),
                     N(p.decision_period_start),
                     N(p.decision_period_end),
                     N(p.wishes),
                     T(e.contacts),
                     N(p.notes),
                     I(p.created_by),
                     T(p.created_at),
                     T(p.updated_at)});
    s.Row(kAssignments, {I(p.office_id), I(p.id), I(c.specialist_id)});
    s.Grams(e.grams);
    rows += 2;
    for (std::size_t k = 0; k < c.assessments.size(); ++k) {
        const auto& a = c.assessments[k];
        s.Row(kAssessments, {I(a.id),
                             I(a.office_id),
                             I(a.person_id),
                             T(a.date),
                             N(a.place),
                             T(a.own_words),
                             N(a.life_history),
                             N(a.family_situation),
                             N(a.health_medical),
                             N(a.current_services),
                             N(a.income),
                             N(a.daily_life),
                             N(a.work_school),
                             N(a.leisure),
                             N(a.strengths),
                             N(a.icf.body_functions),
                             N(a.icf.activities),
                             N(a.icf.participation),
                             N(a.icf.environmental),
                             N(a.icf.personal),
                             T(e.assessment_needs[k]),
                             T(a.status),
                             N(a.finalised_on),
                             IN(a.copied_from_id),
                             I(a.author_id),
                             T(a.created_at),
                             T(a.updated_at)});
        ++rows;
    }
    for (std::size_t k = 0; k < c.decisions.size(); ++k) {
        const auto& d = c.decisions[k];
        s.Row(kDecisions, {I(d.id), I(d.office_id), I(d.person_id), T(d.decided_on), T(d.period_start), T(d.period_end),
                           I(d.monitoring_interval_months), T(e.periods[k]), T(e.services[k]), T(d.certificate_number),
                           N(d.notes), I(d.created_by), T(d.created_at)});
        ++rows;
    }
    for (std::size_t k = 0; k < c.plans.size(); ++k) {
        const auto& pl = c.plans[k];
        s.Row(kPlans, {I(pl.id),
                       I(pl.office_id),
                       I(pl.person_id),
                       I(pl.version),
                       IN(pl.previous_version_id),
                       T(pl.kind),
                       T(pl.status),
                       T(pl.plan_date),
                       IN(pl.specialist_id),
                       N(pl.wishes),
                       N(pl.family_wishes),
                       N(pl.policy),
                       N(pl.long_term_goal),
                       N(pl.short_term_goal),
                       N(pl.monitoring_period_note),
                       IN(pl.proposed_interval_months),
                       N(pl.consented_on),
                       IN(pl.assessment_id),
                       T(e.plan_needs[k]),
                       T(e.weekly[k]),
                       N(pl.daily_activities),
                       N(pl.non_weekly),
                       N(pl.submitted_on),
                       N(pl.issued_on),
                       IN(pl.decision_id),
                       I(pl.created_by),
                       T(pl.created_at),
                       T(pl.updated_at),
                       N(pl.draft_consented_on),
                       N(pl.draft_consent_by),
                       N(pl.draft_consent_by_name),
                       N(pl.conference_waived_reason)});
        ++rows;
    }
    for (std::size_t k = 0; k < c.monitorings.size(); ++k) {
        const auto& m = c.monitorings[k];
        s.Row(kMonitorings,
              {I(m.id), I(m.office_id), I(m.person_id), I(m.plan_id), T(m.date), I(m.visited ? 1 : 0), N(m.place),
               T(e.goals[k]), N(m.overall), N(m.next_monitoring), I(m.change_needed ? 1 : 0), T(e.change_kinds[k]),
               IN(m.new_plan_id), I(m.specialist_id), T(m.created_at), T(m.updated_at)});
        ++rows;
    }
    for (std::size_t k = 0; k < c.consents.size(); ++k) {
        const auto& n = c.consents[k];
        s.Row(kConsents, {I(n.id), I(n.office_id), I(n.person_id), T(n.purpose), T(e.scope[k]), T(n.given_by),
                          N(n.given_by_name), T(n.given_on), N(n.expires_on), N(n.withdrawn_on), N(n.withdraw_reason),
                          I(c.consent_created_by), T(n.created_at)});
        ++rows;
    }
    WriteCasework(s, e, rows);
    WriteFacts(s, e, rows);
    // The search entries; a note's is the next note id (the notes below are written in this order).
    long long next_note = note_id;
    for (const auto& r : e.search) {
        const long long entity = r.entity_id != 0 ? r.entity_id : ++next_note;
        const std::string kind = r.kind;
        s.Row(kSearchEntries, {I(++search_id), I(p.office_id), I(p.id), T(kind), I(entity), T(r.date), T(r.text),
                               T(r.normalised), T(r.at)});
        ++rows;
    }
    if (!notes.skipped.empty() || notes.roles.empty()) return;
    static const std::string kNext = kNextStep;
    for (const auto& note : c.notes) {
        const std::string time = note.date + "T09:00:00Z";
        std::vector<Cell> cells;
        const long long id = ++note_id;
        for (const auto& role : notes.roles) {
            if (role == "id") {
                cells.push_back(I(id));
            } else if (role == "office") {
                cells.push_back(I(p.office_id));
            } else if (role == "person") {
                cells.push_back(I(p.id));
            } else if (role == "user") {
                cells.push_back(I(c.specialist_id));
            } else if (role == "text") {
                cells.push_back(T(note.text));
            } else if (role == "kind") {
                cells.push_back(T(note.kind));
            } else if (role == "next") {
                cells.push_back(T(kNext));
            } else if (role == "date") {
                cells.push_back(T(note.date));
            } else {
                cells.push_back(T(time));
            }
        }
        s.Row(kNotes, cells);
        ++rows;
    }
}

//! Batches of encoded cases handed from the generating thread to the writing thread (bounded).
using Pipe = storage::Pipe<std::vector<Encoded>, 8>;

//! Offices, staff, then every person with their case. Returns the number of offices.
void WriteAll(Sink& s, const Options& o, const NoteColumns& notes, Summary& sum) {
    const std::vector<long long> sizes = OfficeSizes(o.persons, o.offices, o.skew);
    const std::string created = o.today + "T00:00:00Z";
    // One Argon2id hash of the demo password, shared by every generated account.
    const std::string hash = crypto::HashPassword(demo::kDemoPassword);
    const std::string chief = "chief", specialist = "specialist", admin = "admin";
    std::vector<long long> chief_of(sizes.size() + 1), first_specialist(sizes.size() + 1);
    std::vector<int> specialists(sizes.size() + 1);
    long long user_id = 0, entry_id = 0, contact_id = 0;
    for (std::size_t k = 0; k < sizes.size(); ++k) {
        const int office = static_cast<int>(k) + 1;
        const std::string name = OfficeName(office);
        s.Row(kOffices, {I(office), T(name), T(created)});
        ++sum.offices;
        const std::string login = ChiefLogin(office), staff = StaffName(o.seed, ++user_id);
        chief_of[office] = user_id;
        s.Row(kUsers, {I(user_id), I(office), T(login), T(staff), T(chief), T(hash), I(1), T(created), T(created)});
        specialists[office] = SpecialistsFor(sizes[k], o.persons_per_specialist);
        first_specialist[office] = user_id + 1;
        for (int n = 1; n <= specialists[office]; ++n) {
            const std::string sl = SpecialistLogin(office, n), sn = StaffName(o.seed, ++user_id);
            s.Row(kUsers, {I(user_id), I(office), T(sl), T(sn), T(specialist), T(hash), I(1), T(created), T(created)});
        }
        if (office == 1) {
            const std::string an = "システム管理者";
            s.Row(kUsers, {I(++user_id), I(office), T(admin), T(an), T(admin), T(hash), I(1), T(created), T(created)});
        }
        WriteDirectory(s, MakeDirectory(o, office, chief_of[office], specialists[office] + 1, entry_id, contact_id),
                       sum.rows);
    }
    sum.users = user_id;
    sum.rows += sum.offices + sum.users;
    const std::vector<int> office_of = OfficeOfPerson(sizes, o.seed);

    const calendar::Date today = *calendar::Date::Parse(o.today);
    // The cases are made on a second thread while this one writes (SQLite wants one writer).
    Pipe pipe;
    const bool with_notes = notes.skipped.empty() && !notes.roles.empty();
    std::exception_ptr failed;
    std::thread maker([&] {
        try {
            std::vector<long long> seen(sizes.size() + 1, 0);
            Ids ids;
            constexpr long long kBatch = 512;
            for (long long first = 1; first <= o.persons; first += kBatch) {
                std::vector<Encoded> batch(static_cast<std::size_t>(std::min(kBatch, o.persons - first + 1)));
                for (std::size_t i = 0; i < batch.size(); ++i) {
                    const long long id = first + static_cast<long long>(i);
                    const int office = office_of[static_cast<std::size_t>(id - 1)];
                    const long long spec =
                        first_specialist[office] + (seen[office]++ / o.persons_per_specialist) % specialists[office];
                    MakeCase(o, id, office, chief_of[office], spec, ids, batch[i].c);
                    Encode(batch[i], today, with_notes);
                }
                if (!pipe.Put(std::move(batch))) break;
            }
        } catch (...) {
            failed = std::current_exception();
        }
        pipe.Done();
    });
    long long note_id = 0, search_id = 0, written = 0;
    const long long step = std::max<long long>(o.persons / 10, 1);
    std::vector<Encoded> batch;
    try {
        while (pipe.Take(batch)) {
            for (const Encoded& e : batch) {
                WriteCase(s, e, notes, note_id, search_id, sum.rows);
                if (++written % step == 0 && o.persons >= 100000)
                    spdlog::info("generate: {} of {} persons", written, o.persons);
            }
        }
    } catch (...) {
        pipe.Stop();
        maker.join();
        throw;
    }
    maker.join();
    if (failed) std::rethrow_exception(failed);
    sum.persons = o.persons;
    sum.notes = note_id;
}

std::vector<std::tuple<std::string, bool, bool, bool>> SociNoteColumns(storage::Database& db, bool& exists) {
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    std::vector<std::tuple<std::string, bool, bool, bool>> cols;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << (db.dialect() == storage::Dialect::kSqlite ? kSqliteNoteColumns : kPgNoteColumns));
    for (const soci::row& r : rows) {
        auto b = [&](std::size_t i) {
            return r.get_properties(i).get_data_type() == soci::dt_string ? r.get<std::string>(i) != "0"
                                                                          : r.get<int>(i) != 0;
        };
        cols.emplace_back(r.get<std::string>(0), b(1), b(2), b(3));
    }
    exists = !cols.empty();
    return cols;
}

void AuditOffices(storage::Database& db, long long offices) {
    storage::Tx tx(db);
    // The facts were written with the cases, by this binary's rules: no rebuild at the first start.
    const int version = caseload::kFactsVersion;
    tx.sql() << kSetFactsVersion, soci::use(version);
    for (long long k = 1; k <= offices; ++k) {
        audit::AuditEvent e;
        e.office_id = k;
        e.action = "generate";
        e.entity = "office";
        e.entity_id = std::to_string(k);
        audit::Append(tx, e);
    }
    tx.Commit();
}

void SyncFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("generate: cannot open the new database to sync it");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw std::runtime_error("generate: cannot sync the new database to the disk");
}

double Seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Summary Run(const std::string& sqlite_path, const std::string& pg_url, const Options& o) {
    const auto t0 = std::chrono::steady_clock::now();
    Summary sum;
    NoteColumns notes;
    {
        storage::Database db(pg_url.empty() ? sqlite_path : pg_url, 1);
        storage::Migrate(db);
        long long offices = 0;
        {
            storage::Tx tx(db, storage::Tx::Mode::kRead);
            tx.sql() << kOfficeCount, soci::into(offices);
        }
        if (offices > 0)
            throw std::runtime_error("generate writes into a new database only: this one already has offices");
        bool exists = false;
        const auto cols = SociNoteColumns(db, exists);
        notes = PlanNotes(cols, exists && o.notes_per_person > 0);
        if (o.notes_per_person == 0) notes.skipped = "";
    }
    if (o.notes_per_person > 0 && !notes.skipped.empty()) sum.notes_message = notes.skipped;
    if (pg_url.empty()) {
        sqlite3* db = nullptr;
        Check(db, sqlite3_open_v2(sqlite_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), "open");
        try {
            // A new file that nobody else has open: no journal and no sync while it is filled (a crash
            // leaves a file to delete, never a half-written real database); WAL again at the end.
            Exec(
                db,
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; "
                "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY; PRAGMA threads=2");
            Exec(db, "BEGIN");
            std::vector<std::pair<std::string, std::string>> indexes;
            {
                sqlite3_stmt* st = nullptr;
                Check(db, sqlite3_prepare_v2(db, kSqliteIndexes, -1, &st, nullptr), "indexes");
                while (sqlite3_step(st) == SQLITE_ROW)
                    indexes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                                         reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
                sqlite3_finalize(st);
            }
            for (const auto& [name, sql] : indexes) Exec(db, "DROP INDEX \"" + name + "\"");
            {
                SqliteSink sink(db, notes.skipped.empty() ? notes.list : "");
                WriteAll(sink, o, notes, sum);
                spdlog::info("generate: rows written in {:.1f} s; building the search indexes", Seconds(t0));
                sink.WriteGrams();
            }
            // The person search indexes (person_grams above, persons_fts here: kept by every write of
            // a person) and the records' trigram index (search_fts over search_entries).
            Exec(db, "INSERT INTO persons_fts (rowid, name, kana) SELECT id, name, kana FROM persons");
            spdlog::info("generate: person search indexes built at {:.1f} s", Seconds(t0));
            // FTS5 builds its index in memory and writes a segment each time the pending terms pass
            // 'hashsize' (1 MB by default), merging the segments as they accumulate, as the server's
            // writes do. A bigger hash was 40 % faster here but left the whole index as one segment
            // on the lowest level, which the server's first writes then had to merge (issue 8: a
            // plan save of 13 s on 100,000 persons; migration 0027).
            Exec(db, "INSERT INTO search_fts (search_fts) VALUES ('rebuild')");
            spdlog::info("generate: records' search index built at {:.1f} s; building {} indexes", Seconds(t0),
                         indexes.size());
            for (const auto& [name, sql] : indexes) Exec(db, sql);
            Exec(db, caseload::kFillCounts);  // the stores keep them from here on
            Exec(db, "COMMIT");
            spdlog::info("generate: indexes built and committed at {:.1f} s", Seconds(t0));
            Exec(db, "PRAGMA optimize; PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL");
        } catch (...) {
            sqlite3_close(db);
            throw;
        }
        sqlite3_close(db);
        // Filled without sync: on the disk before the command says it is done. Otherwise the first
        // fsync after it (the server's first commit, a benchmark's first write) waits behind
        // gigabytes of writeback, and the time reported here leaves that out.
        SyncFile(sqlite_path);
        spdlog::info("generate: file synced at {:.1f} s", Seconds(t0));
    } else {
        PGconn* c = PQconnectdb(pg_url.c_str());
        if (PQstatus(c) != CONNECTION_OK) {
            const std::string err = PQerrorMessage(c);
            PQfinish(c);
            throw std::runtime_error("PostgreSQL: " + err);
        }
        try {
            PgExec(c, "SET client_encoding = 'UTF8'");
            PgExec(c, "SET synchronous_commit = off");
            PgExec(c, "SET maintenance_work_mem = '256MB'");
            // The rows are consistent by construction: a superuser (a bench or test cluster) skips the
            // per-row foreign-key triggers; anyone else keeps them (slower, same result).
            if (!PgTry(c, "SET session_replication_role = replica"))
                spdlog::info("generate: not a superuser, foreign keys are checked row by row (slower)");
            PgExec(c, "BEGIN");
            const auto indexes = PgRows(c, kPgIndexes);
            for (const auto& ix : indexes) PgExec(c, "DROP INDEX \"" + ix[0] + "\"");
            {
                PgSink sink(c, notes.skipped.empty() ? notes.list : "");
                WriteAll(sink, o, notes, sum);
                sink.FlushAll();
            }
            PgExec(c, kPgGrams);
            spdlog::info("generate: rows written in {:.1f} s; building {} indexes", Seconds(t0), indexes.size());
            for (const auto& ix : indexes) PgExec(c, ix[1]);
            PgExec(c, caseload::kFillCounts);
            for (const char* t : kPgIdentityTables) {
                if (std::string(t) == "notes" && (notes.list.empty() || !notes.skipped.empty())) continue;
                PgExec(c, std::string("SELECT setval(pg_get_serial_sequence('") + t +
                              "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " + t + "), false)");
            }
            PgExec(c, "COMMIT");
            PgTry(c, "RESET session_replication_role");
            // PostgreSQL's advice after a bulk load: VACUUM sets the rows' hint bits and the
            // visibility map now, not during the first requests (each read of a fresh row would
            // otherwise write it back, and autovacuum would walk 30 million rows under the load).
            PgExec(c, "VACUUM (ANALYZE)");
        } catch (...) {
            PQfinish(c);
            throw;
        }
        PQfinish(c);
    }
    {
        storage::Database db(pg_url.empty() ? sqlite_path : pg_url, 1);
        AuditOffices(db, sum.offices);
    }
    sum.seconds = Seconds(t0);
    return sum;
}

}  // namespace tsunagu::generate
