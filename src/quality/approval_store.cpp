// 承認の保存: office settings, approvals and closures. Every query carries the office.
#include <soci/soci.h>

#include "quality/approval.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::quality {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kSteps = "SELECT step FROM office_approval_settings WHERE office_id = :o ORDER BY step";
constexpr const char* kDeleteSteps = "DELETE FROM office_approval_settings WHERE office_id = :o";
constexpr const char* kInsertStep = "INSERT INTO office_approval_settings (office_id, step) VALUES (:o, :s)";
constexpr const char* kRequired = "SELECT COUNT(*) FROM office_approval_settings WHERE office_id = :o AND step = :s";
constexpr const char* kInsert =
    "INSERT INTO approvals (office_id, person_id, kind, entity_id, payload, status, requested_by, requested_at) "
    "VALUES (:o, :p, :k, :e, :payload, 'pending', :by, :at)";
constexpr const char* kSelect =
    "SELECT a.id, a.office_id, a.person_id, p.name AS person_name, a.kind, a.entity_id, a.payload, a.status, "
    "a.requested_by, r.name AS requested_by_name, a.requested_at, a.decided_by, d.name AS decided_by_name, "
    "a.decided_at, a.comment FROM approvals a JOIN persons p ON p.office_id = a.office_id AND p.id = a.person_id "
    "JOIN users r ON r.id = a.requested_by LEFT JOIN users d ON d.id = a.decided_by ";
constexpr const char* kById = "WHERE a.office_id = :o AND a.id = :id";
constexpr const char* kFilter =
    "WHERE a.office_id = :o AND (CAST(:by AS BIGINT) = 0 OR a.requested_by = :by2) AND (:s = '' OR a.status = :s2) ";
constexpr const char* kDecide =
    "UPDATE approvals SET status = :s, decided_by = :by, decided_at = :at, comment = NULLIF(:c, '') "
    "WHERE office_id = :o AND id = :id";
constexpr const char* kPending =
    "SELECT COUNT(*) FROM approvals WHERE office_id = :o AND person_id = :p AND kind = :k AND entity_id = :e AND "
    "status = 'pending'";
constexpr const char* kOtherChiefs =
    "SELECT COUNT(*) FROM users WHERE office_id = :o AND role = 'chief' AND active = 1 AND id <> :u";
constexpr const char* kInsertClosure =
    "INSERT INTO person_closures (office_id, person_id, action, date, reason, note, approval_id, created_by, "
    "created_at) VALUES (:o, :p, :a, :d, NULLIF(:r, ''), NULLIF(:n, ''), NULLIF(CAST(:ap AS BIGINT), 0), :by, :at)";
constexpr const char* kClose =
    "UPDATE persons SET status = 'closed', closed_on = :d, closure_reason = :r, updated_at = :at WHERE office_id = :o "
    "AND id = :p";
constexpr const char* kReopen =
    "UPDATE persons SET status = 'active', closed_on = NULL, closure_reason = NULL, updated_at = :at WHERE "
    "office_id = :o AND id = :p AND CAST(:d AS TEXT) IS NOT NULL AND CAST(:r AS TEXT) IS NOT NULL";

Approval FromRow(const soci::row& r) {
    Approval a;
    a.id = Int(r, "id");
    a.office_id = Int(r, "office_id");
    a.person_id = Int(r, "person_id");
    a.person_name = Text(r, "person_name");
    a.kind = Text(r, "kind");
    a.entity_id = Int(r, "entity_id");
    a.payload = Text(r, "payload");
    a.status = Text(r, "status");
    a.requested_by = Int(r, "requested_by");
    a.requested_by_name = Text(r, "requested_by_name");
    a.requested_at = Text(r, "requested_at");
    a.decided_by = Int(r, "decided_by");
    a.decided_by_name = Text(r, "decided_by_name");
    a.decided_at = Text(r, "decided_at");
    a.comment = Text(r, "comment");
    return a;
}
}  // namespace

std::vector<std::string> RequiredSteps(storage::Tx& tx, long long office_id) {
    std::vector<std::string> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kSteps, soci::use(office_id));
    for (const auto& r : rows) out.push_back(Text(r, "step"));
    return out;
}

void SetRequiredSteps(storage::Tx& tx, long long office_id, const std::vector<std::string>& steps) {
    tx.sql() << kDeleteSteps, soci::use(office_id);
    for (const auto& s : steps) tx.sql() << kInsertStep, soci::use(office_id), soci::use(s);
}

bool IsRequired(storage::Tx& tx, long long office_id, const std::string& step) {
    long long n = 0;
    tx.sql() << kRequired, soci::use(office_id), soci::use(step), soci::into(n);
    return n > 0;
}

long long Insert(storage::Tx& tx, const Approval& a) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(a.office_id), soci::use(a.person_id), soci::use(a.kind), soci::use(a.entity_id),
        soci::use(a.payload), soci::use(a.requested_by), soci::use(now);
    return tx.LastId();
}

std::optional<Approval> Find(storage::Tx& tx, long long office_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kById, soci::use(office_id), soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::vector<Approval> List(storage::Tx& tx, long long office_id, long long requested_by, const std::string& status,
                           int page, int per_page, long long& total) {
    tx.sql() << std::string("SELECT COUNT(*) FROM approvals a ") + kFilter, soci::use(office_id),
        soci::use(requested_by), soci::use(requested_by), soci::use(status), soci::use(status), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<Approval> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kSelect) + kFilter + "ORDER BY a.id DESC LIMIT :lim OFFSET :off",
         soci::use(office_id), soci::use(requested_by), soci::use(requested_by), soci::use(status), soci::use(status),
         soci::use(per_page), soci::use(offset));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

void Decide(storage::Tx& tx, const Approval& a) {
    const std::string now = storage::NowIso();
    tx.sql() << kDecide, soci::use(a.status), soci::use(a.decided_by), soci::use(now), soci::use(a.comment),
        soci::use(a.office_id), soci::use(a.id);
}

bool HasPending(storage::Tx& tx, long long office_id, long long person_id, const std::string& kind,
                long long entity_id) {
    long long n = 0;
    tx.sql() << kPending, soci::use(office_id), soci::use(person_id), soci::use(kind), soci::use(entity_id),
        soci::into(n);
    return n > 0;
}

int OtherChiefs(storage::Tx& tx, long long office_id, long long user_id) {
    long long n = 0;
    tx.sql() << kOtherChiefs, soci::use(office_id), soci::use(user_id), soci::into(n);
    return static_cast<int>(n);
}

void SaveClosure(storage::Tx& tx, long long office_id, long long person_id, const std::string& action,
                 const std::string& date, const std::string& reason, const std::string& note, long long approval_id,
                 long long user_id) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertClosure, soci::use(office_id), soci::use(person_id), soci::use(action), soci::use(date),
        soci::use(reason), soci::use(note), soci::use(approval_id), soci::use(user_id), soci::use(now);
    if (action == "close")
        tx.sql() << kClose, soci::use(date), soci::use(reason), soci::use(now), soci::use(office_id),
            soci::use(person_id);
    else
        tx.sql() << kReopen, soci::use(now), soci::use(office_id), soci::use(person_id), soci::use(date),
            soci::use(reason);
}

}  // namespace tsunagu::quality
