#include <soci/soci.h>

#include "oncall/oncall.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::oncall {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kOverlapping =
    "SELECT s.id, s.start_at, s.end_at, s.user_id, u.name AS user_name, s.phone FROM oncall_slots s "
    "LEFT JOIN users u ON u.id = s.user_id WHERE s.office_id = :o AND s.start_at < :to AND s.end_at > :from "
    "ORDER BY s.start_at, s.id";
constexpr const char* kDeleteMonth =
    "DELETE FROM oncall_slots WHERE office_id = :o AND start_at >= :from AND start_at < :to";
constexpr const char* kInsertSlot =
    "INSERT INTO oncall_slots (office_id, start_at, end_at, user_id, phone, created_at) VALUES (:o, :s, :e, :u, "
    ":phone, :now)";
constexpr const char* kInsertCall =
    "INSERT INTO oncall_calls (office_id, received_at, caller, person_id, summary, action, minutes, handed_to, "
    "recorded_by, created_at) VALUES (:o, :at, :caller, NULLIF(CAST(:p AS BIGINT), 0), :summary, :action, :min, "
    ":handed, :by, :now)";
// Scope in the WHERE clause: the office; for specialists the calls they took or about their persons.
constexpr const char* kCallWhere =
    " FROM oncall_calls c LEFT JOIN persons p ON p.id = c.person_id AND p.office_id = c.office_id "
    "LEFT JOIN users u ON u.id = c.recorded_by WHERE c.office_id = :o AND (:whole = 1 OR c.recorded_by = :uid OR "
    "EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = c.person_id AND a.user_id = :uid2)) "
    "AND (CAST(:pid AS BIGINT) = 0 OR c.person_id = :pid2) AND c.received_at >= :from AND c.received_at < :to ";
constexpr const char* kCallColumns =
    "SELECT c.id, c.office_id, c.received_at, c.caller, c.person_id, p.name AS person_name, c.summary, c.action, "
    "c.minutes, c.handed_to, c.recorded_by, u.name AS recorded_by_name, c.created_at";
constexpr const char* kCallPage = " ORDER BY c.received_at DESC, c.id DESC LIMIT :lim OFFSET :off";
}  // namespace

std::vector<Slot> Overlapping(storage::Tx& tx, long long office_id, const std::string& from, const std::string& to) {
    std::vector<Slot> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << kOverlapping, soci::use(office_id), soci::use(to), soci::use(from));
    for (const auto& r : rows)
        out.push_back({Int(r, "id"), Text(r, "start_at"), Text(r, "end_at"), Int(r, "user_id"), Text(r, "user_name"),
                       Text(r, "phone")});
    return out;
}

void ReplaceMonth(storage::Tx& tx, long long office_id, const std::string& from, const std::string& to,
                  const std::vector<Slot>& slots) {
    tx.sql() << kDeleteMonth, soci::use(office_id), soci::use(from), soci::use(to);
    const std::string now = storage::NowIso();
    for (const auto& s : slots)
        tx.sql() << kInsertSlot, soci::use(office_id), soci::use(s.start), soci::use(s.end), soci::use(s.user_id),
            soci::use(s.phone), soci::use(now);
}

long long InsertCall(storage::Tx& tx, const Call& c) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertCall, soci::use(c.office_id), soci::use(c.received_at), soci::use(c.caller),
        soci::use(c.person_id), soci::use(c.summary), soci::use(c.action), soci::use(c.minutes), soci::use(c.handed_to),
        soci::use(c.recorded_by), soci::use(now);
    return tx.LastId();
}

std::vector<Call> ListCalls(storage::Tx& tx, const CallFilter& f, long long& total) {
    tx.sql() << std::string("SELECT COUNT(*)") + kCallWhere, soci::use(f.office_id), soci::use(f.whole_office),
        soci::use(f.user_id), soci::use(f.user_id), soci::use(f.person_id), soci::use(f.person_id), soci::use(f.from),
        soci::use(f.to), soci::into(total);
    const int offset = (f.page - 1) * f.per_page;
    std::vector<Call> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kCallColumns) + kCallWhere + kCallPage, soci::use(f.office_id),
         soci::use(f.whole_office), soci::use(f.user_id), soci::use(f.user_id), soci::use(f.person_id),
         soci::use(f.person_id), soci::use(f.from), soci::use(f.to), soci::use(f.per_page), soci::use(offset));
    for (const auto& r : rows) {
        Call c;
        c.id = Int(r, "id");
        c.office_id = Int(r, "office_id");
        c.received_at = Text(r, "received_at");
        c.caller = Text(r, "caller");
        c.person_id = Int(r, "person_id");
        c.person_name = Text(r, "person_name");
        c.summary = Text(r, "summary");
        c.action = Text(r, "action");
        c.minutes = static_cast<int>(Int(r, "minutes"));
        c.handed_to = Text(r, "handed_to");
        c.recorded_by = Int(r, "recorded_by");
        c.recorded_by_name = Text(r, "recorded_by_name");
        c.created_at = Text(r, "created_at");
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace tsunagu::oncall
