// タスクの保存: the scope (office, and for specialists the assignment) is in every list query.
#include <soci/soci.h>

#include <algorithm>
#include <tuple>

#include "storage/database.hpp"
#include "storage/in_ids.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"
#include "task/task.hpp"

namespace tsunagu::task {

using storage::Int;
using storage::Text;

namespace {
// A transfer's follow-up has no person: it names the transfer (a row of the same office) and its
// receiving office instead.
constexpr const char* kSelect =
    "SELECT t.id, t.office_id, t.person_id, p.name AS person_name, t.meeting_id, t.agreement_index, t.text, t.owner, "
    "t.owner_user_id, t.due, t.measure, t.status, t.done_on, t.result, t.created_by, t.created_at, t.updated_at, "
    "t.transfer_id, tr.to_office_id AS transfer_to_office_id, tof.name AS transfer_to_office_name, "
    "tr.decided_at AS transfer_accepted_at FROM tasks t "
    "LEFT JOIN persons p ON p.id = t.person_id AND p.office_id = t.office_id "
    "LEFT JOIN transfers tr ON tr.office_id = t.office_id AND tr.id = t.transfer_id "
    "LEFT JOIN offices tof ON tof.id = tr.to_office_id ";
// A specialist: the tasks of their persons, and the person-less ones (transfer follow-ups) they own.
constexpr const char* kScope =
    "WHERE t.office_id = :office AND (:whole = 1 OR (t.person_id IS NULL AND t.owner_user_id = :uid1) OR EXISTS "
    "(SELECT 1 FROM assignments a WHERE a.person_id = t.person_id AND a.user_id = :uid)) ";
// A list's WHERE is put together from the filters given (ListSql): a term per filter, so each list is
// answered from its index (status and due; the person; the owner) instead of one statement with
// every filter optional, which SQLite could only answer by reading every task of the office.
constexpr const char* kListWhole = "WHERE t.office_id = :office ";
// A specialist's: the tasks of their persons and the person-less ones they own, looked up by id (a few
// hundred at most); +office_id keeps SQLite from reading the office's tasks to check each against them.
constexpr const char* kListMine =
    "WHERE +t.office_id = :office AND t.id IN (SELECT t2.id FROM assignments a CROSS JOIN tasks t2 WHERE a.user_id = "
    ":uid AND t2.office_id = a.office_id AND t2.person_id = a.person_id UNION ALL SELECT t3.id FROM tasks t3 WHERE "
    "t3.office_id = :office2 AND t3.owner_user_id = :uid1 AND t3.person_id IS NULL) ";
constexpr const char* kByPersonFilter = "AND t.person_id = :pid ";
constexpr const char* kByOwnerFilter = "AND t.owner_user_id = :owner ";
constexpr const char* kByStatusFilter = "AND t.status = :status ";
constexpr const char* kOverdueFilter = "AND t.status = 'open' AND t.due < :today ";  // `overdue` is derived
constexpr const char* kOrder = "ORDER BY t.due, t.id LIMIT :lim OFFSET :off";
// The same order for a few tasks (one person's, one owner's, a specialist's): an expression, so SQLite
// sorts those few instead of walking the office's tasks in due order (tasks_due) to find them.
constexpr const char* kOrderFew = "ORDER BY t.due || '', t.id LIMIT :lim OFFSET :off";
constexpr const char* kCount = "SELECT COUNT(*) AS n FROM tasks t ";
constexpr const char* kById = "AND t.id = :id";
constexpr const char* kInsert =
    "INSERT INTO tasks (office_id, person_id, meeting_id, agreement_index, text, owner, owner_user_id, due, measure, "
    "status, done_on, result, created_by, created_at, updated_at, transfer_id) VALUES (:o, NULLIF(CAST(:p AS BIGINT), "
    "0), NULLIF(CAST(:m AS BIGINT), 0), NULLIF(CAST(:idx AS INTEGER), -1), :text, :owner, NULLIF(CAST(:ouid AS "
    "BIGINT), 0), :due, :measure, :status, NULLIF(:done, ''), NULLIF(:result, ''), :by, :now, :now2, "
    "NULLIF(CAST(:tr AS BIGINT), 0))";
constexpr const char* kUpdateStatus =
    "UPDATE tasks SET status = :status, done_on = NULLIF(:done, ''), result = NULLIF(:result, ''), updated_at = :now "
    "WHERE office_id = :o AND id = :id";
constexpr const char* kUpdateAgreement =
    "UPDATE tasks SET text = :text, owner = :owner, owner_user_id = NULLIF(CAST(:ouid AS BIGINT), 0), due = :due, "
    "measure = :measure, updated_at = :now WHERE office_id = :o AND meeting_id = :m AND agreement_index = :idx";
constexpr const char* kDeleteRemoved =
    "DELETE FROM tasks WHERE office_id = :o AND meeting_id = :m AND agreement_index >= :n";
constexpr const char* kForMeeting = "WHERE t.office_id = :o AND t.meeting_id = :m ORDER BY t.agreement_index";
// Followed by the persons' id list; ordered in C++ (by due, then id).
constexpr const char* kOpenDue =
    "SELECT id, person_id, due FROM tasks WHERE office_id = :o AND status = 'open' AND person_id IN ";

Task FromRow(const soci::row& r) {
    Task t;
    t.id = Int(r, "id");
    t.office_id = Int(r, "office_id");
    t.person_id = Int(r, "person_id");
    t.person_name = Text(r, "person_name");
    t.meeting_id = Int(r, "meeting_id");
    t.agreement_index =
        r.get_indicator("agreement_index") == soci::i_null ? -1 : static_cast<int>(Int(r, "agreement_index"));
    t.text = Text(r, "text");
    t.owner = Text(r, "owner");
    t.owner_user_id = Int(r, "owner_user_id");
    t.due = Text(r, "due");
    t.measure = Text(r, "measure");
    t.status = Text(r, "status");
    t.done_on = Text(r, "done_on");
    t.result = Text(r, "result");
    t.created_by = Int(r, "created_by");
    t.created_at = Text(r, "created_at");
    t.updated_at = Text(r, "updated_at");
    t.transfer_id = Int(r, "transfer_id");
    t.transfer_to_office_id = Int(r, "transfer_to_office_id");
    t.transfer_to_office_name = Text(r, "transfer_to_office_name");
    t.transfer_accepted_at = Text(r, "transfer_accepted_at");
    return t;
}

//! The count and page statements of one combination of filters, built once each (the statement cache
//! keys on the text's address).
struct ListSql {
    std::string count, page;
};
const ListSql& ListSqlFor(bool whole, bool person, bool owner, int status /* 0 any, 1 one, 2 overdue */) {
    static const std::vector<ListSql> kAll = [] {
        std::vector<ListSql> all;
        for (int k = 0; k < 24; ++k) {
            std::string where = k & 1 ? kListWhole : kListMine;
            if (k & 2) where += kByPersonFilter;
            if (k & 4) where += kByOwnerFilter;
            if (k / 8 == 1) where += kByStatusFilter;
            if (k / 8 == 2) where += kOverdueFilter;
            const bool few = !(k & 1) || (k & 6);
            all.push_back({std::string(kCount) + where, std::string(kSelect) + where + (few ? kOrderFew : kOrder)});
        }
        return all;
    }();
    return kAll[(whole ? 1 : 0) + (person ? 2 : 0) + (owner ? 4 : 0) + 8 * status];
}
}  // namespace

std::vector<Task> List(storage::Tx& tx, const Filter& f, long long& total) {
    const bool whole = f.scope.whole_office == 1;
    const int status = f.status.empty() ? 0 : f.status == "overdue" ? 2 : 1;
    const ListSql& sql = ListSqlFor(whole, f.person_id != 0, f.owner_user_id != 0, status);
    // The values in the order of the placeholders.
    std::vector<storage::Value> values{f.scope.office_id};
    if (!whole) values.insert(values.end(), {f.scope.user_id, f.scope.office_id, f.scope.user_id});
    if (f.person_id) values.emplace_back(f.person_id);
    if (f.owner_user_id) values.emplace_back(f.owner_user_id);
    if (status == 1) values.emplace_back(f.status);
    if (status == 2) values.emplace_back(f.today);
    {
        storage::CachedQuery count(tx, sql.count.c_str(), values);
        total = count.Next() ? Int(count.row(), "n") : 0;
    }
    values.insert(values.end(),
                  {static_cast<long long>(f.per_page), static_cast<long long>((f.page - 1) * f.per_page)});
    std::vector<Task> out;
    storage::CachedQuery rows(tx, sql.page.c_str(), std::move(values));
    while (rows.Next()) out.push_back(FromRow(rows.row()));
    return out;
}

std::optional<Task> FindInScope(storage::Tx& tx, const auth::Scope& scope, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kScope + kById, soci::use(scope.office_id),
         soci::use(scope.whole_office), soci::use(scope.user_id), soci::use(scope.user_id), soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

long long Insert(storage::Tx& tx, const Task& t) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(t.office_id), soci::use(t.person_id), soci::use(t.meeting_id),
        soci::use(t.agreement_index), soci::use(t.text), soci::use(t.owner), soci::use(t.owner_user_id),
        soci::use(t.due), soci::use(t.measure), soci::use(t.status), soci::use(t.done_on), soci::use(t.result),
        soci::use(t.created_by), soci::use(now), soci::use(now), soci::use(t.transfer_id);
    return tx.LastId();
}

void UpdateStatus(storage::Tx& tx, const Task& t) {
    const std::string now = storage::NowIso();
    tx.sql() << kUpdateStatus, soci::use(t.status), soci::use(t.done_on), soci::use(t.result), soci::use(now),
        soci::use(t.office_id), soci::use(t.id);
}

void SyncAgreements(storage::Tx& tx, long long office_id, long long person_id, long long meeting_id,
                    const std::vector<Task>& agreements, long long user_id) {
    const auto existing = ForMeeting(tx, office_id, meeting_id);
    const std::string now = storage::NowIso();
    for (std::size_t i = 0; i < agreements.size(); ++i) {
        Task t = agreements[i];
        t.office_id = office_id;
        t.person_id = person_id;
        t.meeting_id = meeting_id;
        t.agreement_index = static_cast<int>(i);
        bool found = false;
        for (const auto& e : existing) found = found || e.agreement_index == t.agreement_index;
        if (found) {
            tx.sql() << kUpdateAgreement, soci::use(t.text), soci::use(t.owner), soci::use(t.owner_user_id),
                soci::use(t.due), soci::use(t.measure), soci::use(now), soci::use(office_id), soci::use(meeting_id),
                soci::use(t.agreement_index);
        } else {
            t.created_by = user_id;
            Insert(tx, t);
        }
    }
    const int n = static_cast<int>(agreements.size());
    tx.sql() << kDeleteRemoved, soci::use(office_id), soci::use(meeting_id), soci::use(n);
}

std::vector<Task> ForMeeting(storage::Tx& tx, long long office_id, long long meeting_id) {
    std::vector<Task> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kForMeeting, soci::use(office_id), soci::use(meeting_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

std::vector<std::pair<long long, std::string>> OpenDue(storage::Tx& tx, long long office_id, long long person_id) {
    auto m = OpenDueOf(tx, office_id, {person_id});
    return storage::TakeList(m, person_id);
}

std::map<long long, std::vector<std::pair<long long, std::string>>> OpenDueOf(
    storage::Tx& tx, long long office_id, const std::vector<long long>& person_ids) {
    static const storage::InIds sql(kOpenDue);
    auto out = storage::RowsByKey<std::pair<long long, std::string>>(
        tx, sql, office_id, person_ids, "person_id",
        [](const soci::row& r) { return std::make_pair(Int(r, "id"), Text(r, "due")); });
    for (auto& [person, list] : out)
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            return std::tie(a.second, a.first) < std::tie(b.second, b.first);
        });
    return out;
}

}  // namespace tsunagu::task
