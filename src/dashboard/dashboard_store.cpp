#include <soci/soci.h>

#include <unordered_map>

#include "calendar/date.hpp"
#include "dashboard/dashboard.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/scope_sql.hpp"
#include "storage/sqlite_functions.hpp"
#include "transition/transition.hpp"

namespace tsunagu::dashboard {

namespace json = boost::json;

namespace {

// A person is acute with a raised red flag or an open abuse report (case_facts, kept with every write).
constexpr const char* kAcute = "(COALESCE(f.redflags_raised, '[]') <> '[]' OR COALESCE(f.open_abuse_reports, 0) > 0)";

// The staff rows of a caseload: active specialists and chiefs of the office (u != 0: that one).
constexpr const char* kStaff =
    "office_id = :o AND active = 1 AND role IN ('specialist', 'chief') AND (CAST(:u AS BIGINT) = 0 OR id = :u2)";

// The per-person counts of a caseload row, over users `u` LEFT JOIN their persons `p` and facts `f`.
std::string CaseloadColumns() {
    const std::string acute = kAcute;
    return "COUNT(p.id) AS cases, "
           "SUM(CASE WHEN p.support_level IN ('5', '6') THEN 1 ELSE 0 END) AS high_level, "
           "SUM(CASE WHEN p.id IS NOT NULL AND p.birth_date > :cut THEN 1 ELSE 0 END) AS child, "
           "SUM(CASE WHEN p.id IS NOT NULL AND " +
           acute +
           " THEN 1 ELSE 0 END) AS acute, "
           "SUM(CASE WHEN p.id IS NOT NULL AND (" +
           acute +
           " OR p.support_level = '6') THEN 1 ELSE 0 END) AS high_risk, "
           "SUM(CASE WHEN p.id IS NULL OR p.support_level IN ('5', '6') OR p.birth_date > :cut2 OR " +
           acute + " THEN 0 ELSE 1 END) AS stable ";
}

constexpr const char* kCaseloadJoins =
    "LEFT JOIN assignments a ON a.office_id = u.office_id AND a.user_id = u.id "
    "LEFT JOIN persons p ON p.office_id = a.office_id AND p.id = a.person_id "
    "LEFT JOIN case_facts f ON f.office_id = p.office_id AND f.person_id = p.id ";

// The staff rows: (SELECT ... FROM users WHERE kStaff <suffix>) u with their persons, one row per user.
std::string CaseloadSql(const std::string& suffix) {
    return "SELECT u.id AS user_id, u.name AS name, " + CaseloadColumns() +
           "FROM (SELECT id, name, office_id FROM users WHERE " + kStaff + suffix + ") u " + kCaseloadJoins +
           "GROUP BY u.id, u.name ORDER BY u.id";
}

// The sums of every staff row of the scope (the `totals` of the caseload) in three reads, none of
// them over every assigned person: each staff member's counts (caseload_counts, kept by the stores
// that change assignments or support levels: caseload::CountPerson), the children of the month
// (under 18 on its last day: a range of persons_birth, with their assignees), and the few acute
// persons through their partial index (case_facts_acute), combined in C++. Joining every person of
// an office of 100,000 took ~290 ms with their facts and ~80 ms without.
std::string CaseloadTotalsSql() {
    return "SELECT COALESCE(SUM(c.cases), 0) AS cases, COALESCE(SUM(c.level_high), 0) AS high_level, "
           "COALESCE(SUM(c.level6), 0) AS level6 FROM (SELECT id, office_id FROM users WHERE " +
           std::string(kStaff) + ") u JOIN caseload_counts c ON c.office_id = u.office_id AND c.user_id = u.id";
}
// Persons first (CROSS JOIN: SQLite keeps this order; PostgreSQL plans it as a join), so only the
// office's children are read, not every assignment of the office.
std::string CaseloadChildrenSql() {
    return "SELECT COUNT(*) AS child, COALESCE(SUM(CASE WHEN p.support_level IN ('5', '6') THEN 1 ELSE 0 END), 0) "
           "AS child_high FROM persons p CROSS JOIN assignments a CROSS JOIN users u WHERE p.office_id = :o AND "
           "p.birth_date > :cut AND a.office_id = p.office_id AND a.person_id = p.id AND u.office_id = a.office_id "
           "AND u.id = a.user_id AND u.active = 1 AND u.role IN ('specialist', 'chief') AND "
           "(CAST(:u AS BIGINT) = 0 OR u.id = :u2)";
}
std::string CaseloadAcuteSql() {
    return "SELECT COUNT(*) AS acute, SUM(CASE WHEN p.support_level = '6' THEN 1 ELSE 0 END) AS acute_level6, "
           "SUM(CASE WHEN p.support_level IN ('5', '6') OR p.birth_date > :cut THEN 1 ELSE 0 END) AS acute_hoc "
           "FROM case_facts f JOIN persons p ON p.office_id = f.office_id AND p.id = f.person_id "
           "JOIN assignments a ON a.office_id = p.office_id AND a.person_id = p.id "
           "JOIN users u ON u.id = a.user_id AND u.office_id = a.office_id "
           "WHERE f.office_id = :o AND (f.redflags_raised <> '[]' OR f.open_abuse_reports > 0) AND u.active = 1 AND "
           "u.role IN ('specialist', 'chief') AND (CAST(:u AS BIGINT) = 0 OR u.id = :u2)";
}

const std::string kStaffCount = std::string("SELECT COUNT(*) FROM users WHERE ") + kStaff;

// 取扱件数 as the fee rules count it: a person with an issued plan (サービス利用支援) or a monitoring
// (継続サービス利用支援) in a month counts once that month, for the specialist who did it. Only the
// specialists with ids in [:lo, :hi] (a page's users; the whole office: 0 and the largest id).
constexpr const char* kHandled =
    "SELECT x.uid AS uid, x.ym AS ym, COUNT(DISTINCT x.person_id) AS n FROM ("
    "SELECT specialist_id AS uid, SUBSTR(issued_on, 1, 7) AS ym, person_id FROM plans "
    "WHERE office_id = :o AND issued_on IS NOT NULL AND issued_on >= :from AND issued_on <= :to "
    "AND specialist_id >= :lo AND specialist_id <= :hi "
    "UNION SELECT specialist_id AS uid, SUBSTR(date, 1, 7) AS ym, person_id FROM monitorings "
    "WHERE office_id = :o2 AND date >= :from2 AND date <= :to2 AND specialist_id >= :lo2 AND specialist_id <= :hi2) x "
    "WHERE x.uid IS NOT NULL GROUP BY x.uid, x.ym";

// The due months, goal reviews and meetings of the office's persons, or of one specialist's (their
// assigned persons, looked up from the assignments: storage::Scoped): "SELECT … FROM " + the scoped
// rows `x` + " WHERE" + the scope + these conditions. Each binds the scope's three values, then :from,
// :to (and :today).
// A monitoring month counts once it has ended or is done; on time = done by the month's end.
constexpr const char* kDueColumns =
    "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN x.done_on IS NOT NULL AND x.done_on <= x.due_date THEN 1 ELSE 0 "
    "END), 0) AS on_time, {persons} AS persons FROM ";
constexpr const char* kDueWhere =
    " AND x.due_date >= :from AND x.due_date <= :to AND (x.due_date < :today OR x.done_on IS NOT NULL)";
// Goal reviews of the monitorings in the period (goal_facts: counted when each monitoring is saved).
constexpr const char* kGoalColumns =
    "SELECT COALESCE(SUM(x.achieved), 0) AS achieved, COALESCE(SUM(x.partly), 0) AS partly, "
    "COALESCE(SUM(x.not_achieved), 0) AS not_achieved, COALESCE(SUM(x.satisfaction_sum), 0) AS ssum, "
    "COALESCE(SUM(x.satisfaction_n), 0) AS sn, {persons} AS persons FROM ";
constexpr const char* kPeriodWhere = " AND x.date >= :from AND x.date <= :to";
constexpr const char* kMeetingColumns = "SELECT COUNT(*) AS n, {persons} AS persons FROM ";

//! `sql` with its "{persons}" as the dialect's count of distinct x.person_id (storage::CountDistinctIds).
std::string WithPersons(storage::Dialect d, std::string sql) {
    const std::string token = "{persons}";
    sql.replace(sql.find(token), token.size(), storage::CountDistinctIds(d, "x.person_id"));
    return sql;
}

std::string PersonsKpiSql(storage::Dialect d, long long only_user, const char* columns, const std::string& table,
                          const char* where) {
    const storage::ScopedRows rows = storage::Scoped(only_user == 0, table, "x", "person_id");
    return WithPersons(d, columns) + rows.from + " WHERE" + rows.where + where;
}

constexpr const char* kContacts =
    "SELECT COUNT(*) FROM directory_contacts WHERE office_id = :o AND contact_on >= :from AND contact_on <= :to "
    "AND (CAST(:u AS BIGINT) = 0 OR user_id = :u2)";
constexpr const char* kMinutes =
    "SELECT time_category AS cat, COALESCE(SUM(minutes), 0) AS minutes FROM notes WHERE office_id = :o "
    "AND date >= :from AND date <= :to AND time_category IS NOT NULL AND minutes IS NOT NULL "
    "AND (CAST(:u AS BIGINT) = 0 OR author_id = :u2) GROUP BY time_category";
constexpr const char* kNotes =
    "SELECT COUNT(*) AS n, {persons} AS persons FROM notes x WHERE office_id = :o "
    "AND date >= :from AND date <= :to AND time_category IS NOT NULL AND minutes IS NOT NULL "
    "AND (CAST(:u AS BIGINT) = 0 OR author_id = :u2)";
// A task counts once it is done or past its due date (cancelled ones never); on time = done by the due date.
// status IN ('open', 'done') (the other of the three is 'cancelled'): the period is read by tasks_status_due.
constexpr const char* kTasks =
    "SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN status = 'done' AND done_on <= due THEN 1 ELSE 0 END), 0) AS "
    "on_time, {persons} AS persons FROM tasks x WHERE office_id = :o AND status IN ('open', 'done') "
    "AND due >= :from AND due <= :to AND (status = 'done' OR due < :today) "
    "AND (CAST(:u AS BIGINT) = 0 OR owner_user_id = :u2)";
// Services of current plans without a provider (need_facts, kept with every write: caseload::FactsOf).
constexpr const char* kUnmetNeeds = "SELECT kind, COUNT(*) AS n FROM need_facts WHERE office_id = :o GROUP BY kind";

}  // namespace

namespace {

CaseloadRow RowOf(const soci::row& r) {
    CaseloadRow c;
    c.user_id = storage::Int(r, "user_id");
    c.name = storage::Text(r, "name");
    c.cases = storage::Int(r, "cases");
    c.support_level_high = storage::Int(r, "high_level");
    c.child = storage::Int(r, "child");
    c.acute = storage::Int(r, "acute");
    c.high_risk = storage::Int(r, "high_risk");
    c.stable = storage::Int(r, "stable");
    return c;
}

// Under 18 on the month's last day: born after the same day 18 years before.
std::string ChildCut(const calendar::Date& last) { return calendar::Date{last.y - 18, last.m, last.d}.ToString(); }

//! Fills the 取扱件数 of the six months ending with `ym` into `rows` (ordered by user id).
void FillHandled(storage::Tx& tx, long long office_id, const calendar::YearMonth& ym, std::vector<CaseloadRow>& rows) {
    if (rows.empty()) return;
    const long long lo = rows.front().user_id, hi = rows.back().user_id;
    std::unordered_map<long long, CaseloadRow*> by_user;
    for (auto& c : rows) by_user[c.user_id] = &c;
    const calendar::YearMonth first = calendar::AddMonths(ym, -5);
    const std::string from = calendar::FirstDayOfMonth(first).ToString();
    const std::string to = calendar::LastDayOfMonth(ym).ToString();
    soci::rowset<soci::row> hs =
        (tx.sql().prepare << kHandled, soci::use(office_id), soci::use(from), soci::use(to), soci::use(lo),
         soci::use(hi), soci::use(office_id), soci::use(from), soci::use(to), soci::use(lo), soci::use(hi));
    for (const auto& r : hs) {
        const auto it = by_user.find(storage::Int(r, "uid"));
        if (it == by_user.end()) continue;
        const auto m = calendar::YearMonth::Parse(storage::Text(r, "ym"));
        if (!m) continue;
        const int i = calendar::MonthsBetween(first, *m);
        if (i < 0 || i > 5) continue;
        it->second->handled[static_cast<std::size_t>(i)] = storage::Int(r, "n");
    }
}

}  // namespace

std::vector<CaseloadRow> Caseload(storage::Tx& tx, long long office_id, long long only_user, const std::string& month) {
    const calendar::YearMonth ym = *calendar::YearMonth::Parse(month);
    const std::string cut = ChildCut(calendar::LastDayOfMonth(ym));
    std::vector<CaseloadRow> out;
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << CaseloadSql(""), soci::use(cut), soci::use(cut),
                                        soci::use(office_id), soci::use(only_user), soci::use(only_user));
        for (const auto& r : rows) out.push_back(RowOf(r));
    }
    FillHandled(tx, office_id, ym, out);
    return out;
}

CaseloadPage CaseloadPaged(storage::Tx& tx, long long office_id, long long only_user, const std::string& month,
                           const http::PageQuery& page) {
    const calendar::YearMonth ym = *calendar::YearMonth::Parse(month);
    const std::string cut = ChildCut(calendar::LastDayOfMonth(ym));
    CaseloadPage out;
    const long long limit = page.per_page;
    const long long offset = static_cast<long long>(page.page - 1) * page.per_page;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << CaseloadSql(" ORDER BY id LIMIT :lim OFFSET :off"), soci::use(cut), soci::use(cut),
             soci::use(office_id), soci::use(only_user), soci::use(only_user), soci::use(limit), soci::use(offset));
        for (const auto& r : rows) out.items.push_back(RowOf(r));
    }
    FillHandled(tx, office_id, ym, out.items);
    if (page.page == 1 && static_cast<long long>(out.items.size()) < limit) {
        // The first page holds every row: its rows are the total and their sums the totals.
        out.total = static_cast<long long>(out.items.size());
        out.totals = TotalsOf(out.items);
        return out;
    }
    tx.sql() << kStaffCount, soci::use(office_id), soci::use(only_user), soci::use(only_user), soci::into(out.total);
    static const std::string totals_sql = CaseloadTotalsSql(), children_sql = CaseloadChildrenSql();
    soci::row r, children, acute;
    tx.sql() << totals_sql, soci::use(office_id), soci::use(only_user), soci::use(only_user), soci::into(r);
    tx.sql() << children_sql, soci::use(office_id), soci::use(cut), soci::use(only_user), soci::use(only_user),
        soci::into(children);
    tx.sql() << CaseloadAcuteSql(), soci::use(cut), soci::use(office_id), soci::use(only_user), soci::use(only_user),
        soci::into(acute);
    const long long a = storage::Int(acute, "acute");
    const long long cases = storage::Int(r, "cases"), high = storage::Int(r, "high_level");
    const long long child = storage::Int(children, "child");
    // Level 5–6 or a child (each person once: the children at level 5–6 are in both).
    const long long high_or_child = high + child - storage::Int(children, "child_high");
    out.totals.staff = out.total;
    out.totals.cases = cases;
    out.totals.support_level_high = high;
    out.totals.child = child;
    out.totals.acute = a;
    // Acute or level 6; and neither level 5–6, a child nor acute (as CaseloadColumns counts a row).
    out.totals.high_risk = storage::Int(r, "level6") + a - storage::Int(acute, "acute_level6");
    out.totals.stable = cases - high_or_child - (a - storage::Int(acute, "acute_hoc"));
    return out;
}

KpiCounts Kpi(storage::Tx& tx, long long office_id, long long only_user, const std::string& from, const std::string& to,
              const std::string& today) {
    KpiCounts k;
    auto& sql = tx.sql();
    const long long whole = only_user == 0 ? 1 : 0;
    {
        soci::row r;
        sql << PersonsKpiSql(tx.dialect(), only_user, kDueColumns, "due_facts", kDueWhere), soci::use(office_id),
            soci::use(whole), soci::use(only_user), soci::use(from), soci::use(to), soci::use(today), soci::into(r);
        k.due = storage::Int(r, "n");
        k.due_on_time = storage::Int(r, "on_time");
        k.due_persons = storage::Int(r, "persons");
    }
    {
        soci::row r;
        sql << PersonsKpiSql(tx.dialect(), only_user, kGoalColumns, "goal_facts", kPeriodWhere), soci::use(office_id),
            soci::use(whole), soci::use(only_user), soci::use(from), soci::use(to), soci::into(r);
        k.achieved = storage::Int(r, "achieved");
        k.partly = storage::Int(r, "partly");
        k.not_achieved = storage::Int(r, "not_achieved");
        k.satisfaction_sum = storage::Int(r, "ssum");
        k.satisfaction_n = storage::Int(r, "sn");
        k.goal_persons = storage::Int(r, "persons");
    }
    {
        soci::row r;
        sql << PersonsKpiSql(tx.dialect(), only_user, kMeetingColumns, "meetings", kPeriodWhere), soci::use(office_id),
            soci::use(whole), soci::use(only_user), soci::use(from), soci::use(to), soci::into(r);
        k.meetings = storage::Int(r, "n");
        k.meeting_persons = storage::Int(r, "persons");
    }
    sql << kContacts, soci::use(office_id), soci::use(from), soci::use(to), soci::use(only_user), soci::use(only_user),
        soci::into(k.directory_contacts);
    {
        soci::rowset<soci::row> rows = (sql.prepare << kMinutes, soci::use(office_id), soci::use(from), soci::use(to),
                                        soci::use(only_user), soci::use(only_user));
        for (const auto& r : rows)
            for (std::size_t i = 0; i < kTimeCategories.size(); ++i)
                if (storage::Text(r, "cat") == kTimeCategories[i]) k.minutes[i] = storage::Int(r, "minutes");
    }
    {
        soci::row r;
        sql << WithPersons(tx.dialect(), kNotes), soci::use(office_id), soci::use(from), soci::use(to),
            soci::use(only_user), soci::use(only_user), soci::into(r);
        k.notes = storage::Int(r, "n");
        k.note_persons = storage::Int(r, "persons");
    }
    {
        soci::row r;
        sql << WithPersons(tx.dialect(), kTasks), soci::use(office_id), soci::use(from), soci::use(to),
            soci::use(today), soci::use(only_user), soci::use(only_user), soci::into(r);
        k.tasks_due = storage::Int(r, "n");
        k.tasks_on_time = storage::Int(r, "on_time");
        k.task_persons = storage::Int(r, "persons");
    }
    return k;
}

void UnmetNeeds(storage::Tx& tx, long long office_id, std::map<std::string, long long>& by_kind) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << kUnmetNeeds, soci::use(office_id));
    for (const auto& r : rows) by_kind[storage::Text(r, "kind")] += storage::Int(r, "n");
}

json::object TransitionFigures(storage::Tx& tx, const std::vector<long long>& office_ids, long long only_user,
                               const std::string& from, const std::string& to) {
    // 地域移行支援 episodes moved on within the period (transition::KpiFor, issue #17), summed over offices.
    int completed = 0, counted = 0, readmitted = 0;
    double days = 0;
    for (long long office_id : office_ids) {
        const transition::TransitionKpi k = transition::KpiFor(
            tx, office_id, only_user ? std::optional<std::int64_t>(only_user) : std::nullopt, from, to);
        completed += k.completed;
        counted += k.counted;
        readmitted += k.readmitted_within_180_days;
        if (k.hospital_days_avg) days += *k.hospital_days_avg * k.counted;
    }
    json::object hospital{{"value", nullptr}, {"count", counted}};
    if (counted > 0) hospital["value"] = days / counted;
    return {{"transitions_completed", json::object{{"value", completed}, {"count", completed}}},
            {"hospital_days_before", std::move(hospital)},
            {"readmitted_within_180_days", json::object{{"value", readmitted}, {"count", completed}}}};
}

}  // namespace tsunagu::dashboard
