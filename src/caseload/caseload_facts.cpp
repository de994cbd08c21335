// Per-person facts for the scope-wide views: computed from one person's records whenever an audited
// write touches that person (storage::PersonTouchedHook), read by the views one page at a time.
#include <soci/soci.h>

#include <cctype>

#include "caseload/caseload.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"
#include "storage/scope_sql.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::caseload {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kDeleteCase = "DELETE FROM case_facts WHERE office_id = :o AND person_id = :p";
constexpr const char* kDeleteDue = "DELETE FROM due_facts WHERE office_id = :o AND person_id = :p";
constexpr const char* kDeleteAlerts = "DELETE FROM alert_facts WHERE office_id = :o AND person_id = :p";
constexpr const char* kDeleteNeeds = "DELETE FROM need_facts WHERE office_id = :o AND person_id = :p";
constexpr const char* kDeleteGoals = "DELETE FROM goal_facts WHERE office_id = :o AND person_id = :p";
constexpr const char* kInsertGoals =
    "INSERT INTO goal_facts (office_id, person_id, monitoring_id, date, achieved, partly, not_achieved, "
    "satisfaction_sum, satisfaction_n) VALUES (:o, :p, :m, :d, :a, :pa, :na, :ss, :sn)";
constexpr const char* kInsertNeed = "INSERT INTO need_facts (office_id, person_id, kind) VALUES (:o, :p, :kind)";
constexpr const char* kInsertCase =
    "INSERT INTO case_facts (office_id, person_id, current_plan_id, open_plan_id, decision_period_end, "
    "next_due_date, next_due_month, redflags_raised, open_abuse_reports, goal_unmet_twice) VALUES (:o, :p, "
    "NULLIF(:cur, 0), NULLIF(:open, 0), NULLIF(:dend, ''), NULLIF(:next, ''), NULLIF(:next_month, ''), :raised, "
    ":abuse, :unmet)";
constexpr const char* kInsertDue =
    "INSERT INTO due_facts (office_id, person_id, plan_id, due_month, due_date, done_on, monitoring_id, kana) "
    "VALUES (:o, :p, :plan, :month, :due, NULLIF(:done, ''), NULLIF(:mid, 0), :kana)";
constexpr const char* kInsertAlert =
    "INSERT INTO alert_facts (office_id, person_id, kind, kind_rank, date, fire_from, fire_until, entity, entity_id) "
    "VALUES (:o, :p, :kind, :rank, :date, :from, :until, :entity, :eid)";
constexpr const char* kPersonsPage =
    "SELECT id, office_id FROM persons WHERE (CAST(:office AS BIGINT) = 0 OR office_id = :office2) AND id > :after "
    "ORDER BY id LIMIT 500";
constexpr const char* kReadFactsVersion = "SELECT version FROM case_facts_state WHERE id = 1";
constexpr const char* kSetFactsVersion = "UPDATE case_facts_state SET version = :v WHERE id = 1";
constexpr const char* kPruneAlerts = "DELETE FROM alert_facts WHERE fire_until < :today";

// One person's rows only, or (0) all in scope.
constexpr const char* kOnePerson = " AND (CAST(:pid AS BIGINT) = 0 OR x.person_id = :pid2) ";

// Due months in [from, to], and overdue ones before `from` (open, due date passed): two index
// ranges, each already in the list's order (date, kana, person, month: migration 0023), merged; the
// page is cut from due_facts alone and only its rows are joined to their persons. Closed persons
// have no facts, so the count needs no join either.
constexpr const char* kDueColumns =
    "SELECT x.office_id, x.person_id AS person_id, x.plan_id, x.due_month AS due_month, x.due_date AS due_date, "
    "x.done_on, x.monitoring_id, x.kana AS kana FROM ";
// The count reads the indexes alone (person_id is in both; the scope needs nothing else).
constexpr const char* kDueCountColumns = "SELECT x.person_id FROM ";
constexpr const char* kDueInRange = " AND x.due_date >= :from AND x.due_date <= :to";
constexpr const char* kDueOverdue = " AND x.done_on IS NULL AND x.due_date < :from AND x.due_date < :today";
constexpr const char* kDueOrder = " ORDER BY due_date, kana, person_id, due_month";

// The page is found in alert_facts alone (its covering index, migration 0022); persons are read for
// the page's rows only. Closed persons have no facts, so no join is needed to count.
constexpr const char* kAlertActive =
    " AND x.fire_from <= :today AND x.fire_until >= :today2 AND (:kind = '' OR x.kind = :kind2)";

constexpr const char* kCaseFacts = " LEFT JOIN case_facts f ON f.office_id = p.office_id AND f.person_id = p.id ";
constexpr const char* kCaseFilter =
    " AND (CAST(:user AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM assignments u WHERE u.office_id = p.office_id AND "
    "u.person_id = p.id AND u.user_id = :user2)) AND p.status = 'active'";

//! `sql` with every placeholder renamed (":office" → ":office_b"): SQLite gives one index to a
//! name used twice, so each half of a UNION needs its own names to bind by position.
std::string SecondNames(const std::string& sql) {
    std::string out;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        out += sql[i];
        if (sql[i] != ':') continue;
        std::size_t j = i + 1;
        while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) out += sql[j++];
        if (j > i + 1) out += "_b";
        i = j - 1;
    }
    return out;
}

std::string Limit(const Paging& p) {
    return " LIMIT " + std::to_string(p.per_page) + " OFFSET " + std::to_string((p.page - 1) * p.per_page);
}

calendar::Date TodayDate() { return *calendar::Date::Parse(storage::TodayJst()); }

}  // namespace

void RefreshFacts(storage::Tx& tx, long long office_id, long long person_id) {
    storage::CachedExec(tx, kDeleteCase, {office_id, person_id});
    storage::CachedExec(tx, kDeleteDue, {office_id, person_id});
    storage::CachedExec(tx, kDeleteAlerts, {office_id, person_id});
    storage::CachedExec(tx, kDeleteNeeds, {office_id, person_id});
    storage::CachedExec(tx, kDeleteGoals, {office_id, person_id});
    person::RefreshSearchIndex(tx, office_id, person_id);
    auto p = person::Find(tx, auth::Scope{office_id, 0, 1}, person_id);
    if (!p) return;
    // The goal reviews count in the KPI of their period whatever became of the case since.
    auto write_goals = [&](const Facts::Goals& g) {
        storage::CachedExec(tx, kInsertGoals,
                            {office_id, person_id, g.monitoring_id, g.date, g.achieved, g.partly, g.not_achieved,
                             g.satisfaction_sum, g.satisfaction_n});
    };
    // A closed case (終結, issue 15) has no other facts: it leaves the caseload, the due list and the
    // alerts, so only its monitorings are read (not the whole snapshot).
    if (p->status == "closed") {
        for (const auto& m : monitoring::ListForPerson(tx, office_id, person_id)) write_goals(GoalsOf(m));
        return;
    }
    const calendar::Date today = TodayDate();
    const std::string kana = p->kana;  // the due list's order within a date (migration 0023)
    const Facts f = FactsOf(SnapshotOf(tx, std::move(*p), today), today);
    for (const Facts::Goals& g : f.goals) write_goals(g);
    const std::string raised_json = storage::StringListJson(f.redflags_raised);
    const int unmet = f.goal_unmet_twice ? 1 : 0;
    storage::CachedExec(tx, kInsertCase,
                        {office_id, person_id, f.current_plan_id, f.open_plan_id, f.decision_period_end,
                         f.next_due_date, f.next_due_month, raised_json, f.open_abuse_reports, unmet});
    for (const Facts::Due& d : f.due)
        storage::CachedExec(tx, kInsertDue,
                            {office_id, person_id, d.plan_id, d.month, d.due_date, d.done_on, d.monitoring_id, kana});
    for (const Facts::Alert& a : f.alerts)
        storage::CachedExec(tx, kInsertAlert,
                            {office_id, person_id, a.kind, static_cast<long long>(a.rank), a.date, a.fire_from,
                             a.fire_until, a.entity, a.entity_id});
    for (const std::string& kind : f.unmet_kinds) storage::CachedExec(tx, kInsertNeed, {office_id, person_id, kind});
}

void InstallFactsHook() { storage::SetPersonTouchedHook(&RefreshFacts); }

void RebuildFacts(storage::Tx& tx, long long office_id) {
    long long after = 0;
    for (;;) {
        std::vector<std::pair<long long, long long>> page;
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << kPersonsPage, soci::use(office_id), soci::use(office_id), soci::use(after));
        for (const auto& r : rows) page.emplace_back(Int(r, "office_id"), Int(r, "id"));
        if (page.empty()) return;
        for (const auto& [office, person] : page) RefreshFacts(tx, office, person);
        after = page.back().second;
    }
}

void EnsureFacts(storage::Database& db) {
    storage::Tx tx(db);
    int version = 0;
    tx.sql() << kReadFactsVersion, soci::into(version);
    if (version != kFactsVersion) {
        RebuildFacts(tx, 0);
        const int v = kFactsVersion;
        tx.sql() << kSetFactsVersion, soci::use(v);
    }
    // Alerts whose window has ended are never active again.
    const std::string today = storage::TodayJst();
    tx.sql() << kPruneAlerts, soci::use(today);
    tx.Commit();
}

Page<DueRow> DuePage(storage::Tx& tx, const auth::Scope& scope, long long person_id, const std::string& from,
                     const std::string& to, const std::string& today, const Paging& paging) {
    Page<DueRow> out;
    const storage::ScopedRows in_scope = storage::Scoped(scope.whole_office == 1, "due_facts", "x", "person_id");
    const std::string scoped = in_scope.from + " WHERE" + in_scope.where + kOnePerson;
    const std::string in_range = kDueColumns + scoped + kDueInRange;
    const std::string overdue = SecondNames(kDueColumns + scoped + kDueOverdue);
    const std::string both = in_range + " UNION ALL " + overdue;
    const std::string count =
        kDueCountColumns + scoped + kDueInRange + " UNION ALL " + SecondNames(kDueCountColumns + scoped + kDueOverdue);
    tx.sql() << "SELECT COUNT(*) FROM (" + count + ") c", soci::use(scope.office_id), soci::use(scope.whole_office),
        soci::use(scope.user_id), soci::use(person_id), soci::use(person_id), soci::use(from), soci::use(to),
        soci::use(scope.office_id), soci::use(scope.whole_office), soci::use(scope.user_id), soci::use(person_id),
        soci::use(person_id), soci::use(from), soci::use(today), soci::into(out.total);
    const std::string sql = "SELECT t.*, p.name AS person_name FROM (" + both + kDueOrder + Limit(paging) +
                            ") t JOIN persons p ON p.office_id = t.office_id AND p.id = t.person_id ORDER BY "
                            "t.due_date, t.kana, t.person_id, t.due_month";
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << sql, soci::use(scope.office_id), soci::use(scope.whole_office), soci::use(scope.user_id),
         soci::use(person_id), soci::use(person_id), soci::use(from), soci::use(to), soci::use(scope.office_id),
         soci::use(scope.whole_office), soci::use(scope.user_id), soci::use(person_id), soci::use(person_id),
         soci::use(from), soci::use(today));
    for (const auto& r : rows)
        out.items.push_back(DueRow{Int(r, "person_id"), Text(r, "person_name"), Int(r, "plan_id"), Text(r, "due_month"),
                                   Text(r, "due_date"), Text(r, "done_on"), Int(r, "monitoring_id")});
    return out;
}

Page<AlertRow> AlertPage(storage::Tx& tx, const auth::Scope& scope, long long person_id, const std::string& kind,
                         const std::string& today, const Paging& paging) {
    Page<AlertRow> out;
    const storage::ScopedRows in_scope = storage::Scoped(scope.whole_office == 1, "alert_facts", "x", "person_id");
    const std::string where = " FROM " + in_scope.from + " WHERE" + in_scope.where + kOnePerson + kAlertActive;
    tx.sql() << "SELECT COUNT(*)" + where, soci::use(scope.office_id), soci::use(scope.whole_office),
        soci::use(scope.user_id), soci::use(person_id), soci::use(person_id), soci::use(today), soci::use(today),
        soci::use(kind), soci::use(kind), soci::into(out.total);
    // Alerts already due first (alert::SortGroup), then by deadline (days left), kind, person and entity:
    // as alert::BuildAlerts.
    const std::string order = " ORDER BY x.kind_rank / 1000, x.date, x.kind_rank, x.person_id, x.entity_id";
    const std::string sql =
        "SELECT x.person_id, p.name AS person_name, x.kind, x.kind_rank, x.date, x.entity, x.entity_id FROM (SELECT "
        "x.office_id, x.person_id, x.kind, x.kind_rank, x.date, x.entity, x.entity_id" +
        where + order + Limit(paging) + ") x JOIN persons p ON p.office_id = x.office_id AND p.id = x.person_id" +
        order;
    soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(scope.office_id), soci::use(scope.whole_office),
                                    soci::use(scope.user_id), soci::use(person_id), soci::use(person_id),
                                    soci::use(today), soci::use(today), soci::use(kind), soci::use(kind));
    for (const auto& r : rows) {
        AlertRow a;
        a.alert.person_id = Int(r, "person_id");
        a.alert.date = *calendar::Date::Parse(Text(r, "date"));
        a.alert.entity_id = Int(r, "entity_id");
        a.kind = Text(r, "kind");
        if (auto k = alert::KindFromCode(a.kind)) a.alert.kind = *k;
        a.entity = Text(r, "entity");
        a.person_name = Text(r, "person_name");
        out.items.push_back(std::move(a));
    }
    return out;
}

Page<CaseRow> CasePage(storage::Tx& tx, const auth::Scope& scope, long long user_id, const std::string& today,
                       const Paging& paging) {
    Page<CaseRow> out;
    // A chief's list of one specialist's persons starts from that specialist's assignments too.
    const bool whole = scope.whole_office == 1 && user_id == 0;
    const long long whole_value = whole ? 1 : 0;
    const long long reader = scope.whole_office == 1 && user_id != 0 ? user_id : scope.user_id;
    const storage::ScopedRows in_scope = storage::Scoped(whole, "persons", "p", "id");
    const std::string case_where = " FROM " + in_scope.from + kCaseFacts + "WHERE" + in_scope.where + kCaseFilter;
    tx.sql() << "SELECT COUNT(*)" + case_where, soci::use(scope.office_id), soci::use(whole_value), soci::use(reader),
        soci::use(user_id), soci::use(user_id), soci::into(out.total);
    const std::string sql =
        std::string(
            "SELECT p.id, f.current_plan_id, f.open_plan_id, f.decision_period_end, f.next_due_date, "
            "f.redflags_raised, f.open_abuse_reports, "
            "(SELECT COUNT(*) FROM alert_facts a WHERE a.office_id = p.office_id AND a.person_id = p.id AND "
            "a.fire_from <= :today AND a.fire_until >= :today2) AS alert_count") +
        case_where + " ORDER BY p.kana, p.id" + Limit(paging);
    std::vector<CaseRow> rows_out;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << sql, soci::use(today), soci::use(today), soci::use(scope.office_id),
             soci::use(whole_value), soci::use(reader), soci::use(user_id), soci::use(user_id));
        for (const auto& r : rows) {
            CaseRow c;
            c.person.id = Int(r, "id");
            c.current_plan_id = Int(r, "current_plan_id");
            c.open_plan_id = Int(r, "open_plan_id");
            c.decision_period_end = Text(r, "decision_period_end");
            c.next_due_date = Text(r, "next_due_date");
            c.alert_count = Int(r, "alert_count");
            c.redflags_raised = storage::StringList(Text(r, "redflags_raised"));
            c.open_abuse_reports = Int(r, "open_abuse_reports");
            rows_out.push_back(std::move(c));
        }
    }
    std::vector<long long> ids;
    for (const auto& c : rows_out) ids.push_back(c.person.id);
    std::vector<person::Person> persons = person::FindMany(tx, scope, ids);
    std::size_t next = 0;  // persons are in the order of ids, those out of scope left out
    for (auto& c : rows_out)
        if (next < persons.size() && persons[next].id == c.person.id) {
            c.person = std::move(persons[next++]);
            out.items.push_back(std::move(c));
        }
    return out;
}

}  // namespace tsunagu::caseload
