#include <soci/soci.h>

#include "caseload/caseload_counts.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "transfer/transfer.hpp"

namespace tsunagu::transfer {

namespace {
constexpr const char* kInsert =
    "INSERT INTO transfers (office_id, person_id, to_office_id, reason, consent_id, handover_note, status, "
    "requested_by, requested_at, sender_specialist_id) VALUES (:o, :p, :to, :reason, :c, NULLIF(:note, ''), "
    "'pending', :by, :at, NULLIF(CAST(:spec AS BIGINT), 0))";
// The person's name is read from the person's office at the time (sender before accept, receiver after).
constexpr const char* kSelect =
    "SELECT t.id, t.office_id, fo.name AS office_name, t.person_id, COALESCE(p.name, '') AS person_name, "
    "t.to_office_id, tof.name AS to_office_name, t.reason, t.consent_id, t.handover_note, t.status, t.requested_by, "
    "t.requested_at, t.sender_specialist_id, t.decided_by, t.decided_at, t.decline_reason, t.assignee_id, "
    "t.follow_up_task_id FROM transfers t JOIN offices fo ON fo.id = t.office_id "
    "JOIN offices tof ON tof.id = t.to_office_id "
    "LEFT JOIN persons p ON p.id = t.person_id AND p.office_id = (CASE WHEN t.status = 'accepted' THEN "
    "t.to_office_id ELSE t.office_id END) ";
constexpr const char* kFindFor = "WHERE t.id = :id AND (t.office_id = :o OR t.to_office_id = :o2)";
constexpr const char* kPending = "WHERE t.office_id = :o AND t.person_id = :p AND t.status = 'pending'";
constexpr const char* kListIn = "WHERE t.to_office_id = :o AND (:s = '' OR t.status = :s2) ";
constexpr const char* kListOut = "WHERE t.office_id = :o AND (:s = '' OR t.status = :s2) ";
constexpr const char* kOrder = "ORDER BY t.id DESC LIMIT :lim OFFSET :off";
constexpr const char* kCountIn =
    "SELECT COUNT(*) FROM transfers t WHERE t.to_office_id = :o AND (:s = '' OR t.status = :s2)";
constexpr const char* kCountOut =
    "SELECT COUNT(*) FROM transfers t WHERE t.office_id = :o AND (:s = '' OR t.status = :s2)";
constexpr const char* kDecide =
    "UPDATE transfers SET status = :s, decided_by = :by, decided_at = :at, decline_reason = NULLIF(:why, ''), "
    "assignee_id = NULLIF(CAST(:a AS BIGINT), 0), follow_up_task_id = NULLIF(CAST(:task AS BIGINT), 0) "
    "WHERE office_id = :o AND id = :id";
// A follow-up names no person: its transfer stays in the same (sending) office.
constexpr const char* kOverdueFollowUps =
    "SELECT t.id AS id, t.due AS due, tof.name AS to_office_name FROM tasks t JOIN transfers tr ON tr.office_id = "
    "t.office_id AND tr.id = t.transfer_id JOIN offices tof ON tof.id = tr.to_office_id WHERE t.office_id = :o AND "
    "t.person_id IS NULL AND t.status = 'open' AND t.due < :today AND (CAST(:u AS BIGINT) = 0 OR t.owner_user_id = "
    ":u2) ORDER BY t.due, t.id";
constexpr const char* kConsent =
    "SELECT scope, given_on, expires_on, withdrawn_on FROM consents WHERE office_id = :o AND person_id = :p AND id = "
    ":c";

// Tables that hold a person's rows: every table with both person_id and office_id, found in the
// catalogue so a table added later moves too. audit_log stays (each office keeps its own log);
// transfers stay with the sender.
constexpr const char* kPersonTablesSqlite =
    "SELECT m.name AS name FROM sqlite_master m WHERE m.type = 'table' "
    "AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'person_id') "
    "AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'office_id') ORDER BY m.name";
constexpr const char* kPersonTablesPg =
    "SELECT c.table_name AS name FROM information_schema.columns c WHERE c.table_schema = current_schema() "
    "AND c.column_name = 'person_id' AND EXISTS (SELECT 1 FROM information_schema.columns o WHERE "
    "o.table_schema = c.table_schema AND o.table_name = c.table_name AND o.column_name = 'office_id') "
    "AND c.table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
    "AND table_type = 'BASE TABLE') ORDER BY c.table_name";
// Rows without person_id that belong to a row of the person (moved before their parents).
constexpr const char* kMoveNoteCorrections =
    "UPDATE note_corrections SET office_id = :to WHERE office_id = :from AND note_id IN (SELECT id FROM notes "
    "WHERE office_id = :from2 AND person_id = :p)";
constexpr const char* kMoveAbuseFollowups =
    "UPDATE abuse_followups SET office_id = :to WHERE office_id = :from AND report_id IN (SELECT id FROM "
    "abuse_reports WHERE office_id = :from2 AND person_id = :p)";
constexpr const char* kMovePerson = "UPDATE persons SET office_id = :to WHERE office_id = :from AND id = :p";
constexpr const char* kDeleteAssignments = "DELETE FROM assignments WHERE office_id = :o AND person_id = :p";
constexpr const char* kInsertAssignment = "INSERT INTO assignments (office_id, person_id, user_id) VALUES (:o, :p, :u)";

Transfer FromRow(const soci::row& r) {
    Transfer t;
    t.id = storage::Int(r, "id");
    t.office_id = storage::Int(r, "office_id");
    t.office_name = storage::Text(r, "office_name");
    t.person_id = storage::Int(r, "person_id");
    t.person_name = storage::Text(r, "person_name");
    t.to_office_id = storage::Int(r, "to_office_id");
    t.to_office_name = storage::Text(r, "to_office_name");
    t.reason = storage::Text(r, "reason");
    t.consent_id = storage::Int(r, "consent_id");
    t.handover_note = storage::Text(r, "handover_note");
    t.status = storage::Text(r, "status");
    t.requested_by = storage::Int(r, "requested_by");
    t.requested_at = storage::Text(r, "requested_at");
    t.sender_specialist_id = storage::Int(r, "sender_specialist_id");
    t.decided_by = storage::Int(r, "decided_by");
    t.decided_at = storage::Text(r, "decided_at");
    t.decline_reason = storage::Text(r, "decline_reason");
    t.assignee_id = storage::Int(r, "assignee_id");
    t.follow_up_task_id = storage::Int(r, "follow_up_task_id");
    return t;
}
}  // namespace

long long Insert(storage::Tx& tx, const Transfer& t) {
    tx.sql() << kInsert, soci::use(t.office_id), soci::use(t.person_id), soci::use(t.to_office_id), soci::use(t.reason),
        soci::use(t.consent_id), soci::use(t.handover_note), soci::use(t.requested_by), soci::use(t.requested_at),
        soci::use(t.sender_specialist_id);
    return tx.LastId();
}

std::optional<Transfer> FindFor(storage::Tx& tx, long long office_id, long long id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kSelect) + kFindFor, soci::use(id),
                                    soci::use(office_id), soci::use(office_id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::optional<Transfer> PendingFor(storage::Tx& tx, long long office_id, long long person_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kPending, soci::use(office_id), soci::use(person_id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::vector<Transfer> List(storage::Tx& tx, long long office_id, bool incoming, const std::string& status, int page,
                           int per_page, long long& total) {
    tx.sql() << (incoming ? kCountIn : kCountOut), soci::use(office_id), soci::use(status), soci::use(status),
        soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<Transfer> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + (incoming ? kListIn : kListOut) + kOrder, soci::use(office_id),
         soci::use(status), soci::use(status), soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

void Decide(storage::Tx& tx, const Transfer& t) {
    tx.sql() << kDecide, soci::use(t.status), soci::use(t.decided_by), soci::use(t.decided_at),
        soci::use(t.decline_reason), soci::use(t.assignee_id), soci::use(t.follow_up_task_id), soci::use(t.office_id),
        soci::use(t.id);
}

std::vector<OverdueFollowUp> OverdueFollowUps(storage::Tx& tx, long long office_id, long long owner,
                                              const std::string& today) {
    std::vector<OverdueFollowUp> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kOverdueFollowUps, soci::use(office_id), soci::use(today),
                                    soci::use(owner), soci::use(owner));
    for (const auto& r : rows)
        out.push_back({storage::Int(r, "id"), storage::Text(r, "due"), storage::Text(r, "to_office_name")});
    return out;
}

std::optional<ConsentRow> ConsentOf(storage::Tx& tx, long long office_id, long long person_id, long long consent_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << kConsent, soci::use(office_id), soci::use(person_id), soci::use(consent_id));
    for (const auto& r : rows)
        return ConsentRow{storage::Text(r, "scope"), storage::Text(r, "given_on"), storage::Text(r, "expires_on"),
                          storage::Text(r, "withdrawn_on")};
    return std::nullopt;
}

void MovePerson(storage::Tx& tx, long long from, long long to, long long person_id, long long assignee) {
    auto& sql = tx.sql();
    const bool pg = tx.dialect() != storage::Dialect::kSqlite;
    // PostgreSQL: the composite keys (office_id, x_id) of the parent and its children change together;
    // migration 0015 made them deferrable, so they are checked once, at commit.
    if (pg) sql << "SET CONSTRAINTS ALL DEFERRED";
    std::vector<std::string> tables;
    {
        soci::rowset<soci::row> rows = (sql.prepare << (pg ? kPersonTablesPg : kPersonTablesSqlite));
        for (const auto& r : rows) tables.push_back(storage::Text(r, "name"));
    }
    sql << kMoveNoteCorrections, soci::use(to), soci::use(from), soci::use(from), soci::use(person_id);
    sql << kMoveAbuseFollowups, soci::use(to), soci::use(from), soci::use(from), soci::use(person_id);
    caseload::UncountPerson(tx, from, person_id);
    sql << kDeleteAssignments, soci::use(from), soci::use(person_id);
    for (const std::string& t : tables) {
        if (t == "audit_log" || t == "transfers" || t == "assignments") continue;
        // Table names come from the catalogue, never from a request.
        sql << "UPDATE " + t + " SET office_id = :to WHERE office_id = :from AND person_id = :p", soci::use(to),
            soci::use(from), soci::use(person_id);
    }
    sql << kMovePerson, soci::use(to), soci::use(from), soci::use(person_id);
    sql << kInsertAssignment, soci::use(to), soci::use(person_id), soci::use(assignee);
    caseload::CountPerson(tx, to, person_id);
}

}  // namespace tsunagu::transfer
