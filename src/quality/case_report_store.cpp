// 事例報告の保存.
#include <soci/soci.h>

#include "auth/principal.hpp"
#include "quality/case_report.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::quality {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO case_reports (office_id, person_id, title, text, status, author_id, created_on, created_at, "
    "updated_at) VALUES (:o, :p, :ti, :tx, 'draft', :a, :on, :at, :at2)";
constexpr const char* kColumns =
    "SELECT r.id, r.office_id, r.person_id, r.title, r.text, r.status, r.author_id, u.name AS author_name, "
    "r.approved_by, r.approved_on, r.created_on, r.created_at, r.updated_at FROM case_reports r JOIN users u ON "
    "u.id = r.author_id ";
constexpr const char* kById = "WHERE r.office_id = :o AND r.id = :id";
constexpr const char* kUpdateText =
    "UPDATE case_reports SET title = :ti, text = :tx, updated_at = :at WHERE office_id = :o AND id = :id";
constexpr const char* kApprove =
    "UPDATE case_reports SET status = 'approved', approved_by = :by, approved_on = :on, updated_at = :at WHERE "
    "office_id = :o AND id = :id AND status = 'draft'";
// The reader's scope is in the SQL: the whole office for chiefs, else the persons assigned to them.
constexpr const char* kScope =
    "WHERE r.office_id = :o AND (CAST(:p AS BIGINT) = 0 OR r.person_id = :p2) AND (:whole = 1 OR EXISTS (SELECT 1 "
    "FROM assignments a WHERE a.office_id = r.office_id AND a.person_id = r.person_id AND a.user_id = :u)) ";
constexpr const char* kCountStaff =
    "SELECT COUNT(*) FROM users u WHERE u.office_id = :o AND u.role IN ('specialist', 'chief') AND u.active = 1 AND "
    "(CAST(:u AS BIGINT) = 0 OR u.id = :u2)";
constexpr const char* kCounts =
    "SELECT u.id, u.name, (SELECT COUNT(*) FROM case_reports r WHERE r.office_id = u.office_id AND r.author_id = "
    "u.id AND r.status = 'approved' AND r.approved_on >= :f AND r.approved_on <= :t) AS approved, (SELECT COUNT(*) "
    "FROM case_reports r WHERE r.office_id = u.office_id AND r.author_id = u.id AND r.status = 'draft' AND "
    "r.created_on >= :f2 AND r.created_on <= :t2) AS drafts FROM users u WHERE u.office_id = :o AND u.role IN "
    "('specialist', 'chief') AND u.active = 1 AND (CAST(:u AS BIGINT) = 0 OR u.id = :u2) ORDER BY u.id LIMIT :l "
    "OFFSET :off";

CaseReport FromRow(const soci::row& row) {
    CaseReport r;
    r.id = Int(row, "id");
    r.office_id = Int(row, "office_id");
    r.person_id = Int(row, "person_id");
    r.title = Text(row, "title");
    r.text = Text(row, "text");
    r.status = Text(row, "status");
    r.author_id = Int(row, "author_id");
    r.author_name = Text(row, "author_name");
    r.approved_by = Int(row, "approved_by");
    r.approved_on = Text(row, "approved_on");
    r.created_on = Text(row, "created_on");
    r.created_at = Text(row, "created_at");
    r.updated_at = Text(row, "updated_at");
    return r;
}
}  // namespace

long long InsertReport(storage::Tx& tx, const CaseReport& r) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsert, soci::use(r.office_id), soci::use(r.person_id), soci::use(r.title), soci::use(r.text),
        soci::use(r.author_id), soci::use(r.created_on), soci::use(now), soci::use(now);
    return tx.LastId();
}

std::optional<CaseReport> FindReport(storage::Tx& tx, long long office_id, long long id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kById, soci::use(office_id), soci::use(id));
    for (const auto& row : rows) return FromRow(row);
    return std::nullopt;
}

void UpdateReportText(storage::Tx& tx, const CaseReport& r) {
    const std::string now = storage::NowIso();
    tx.sql() << kUpdateText, soci::use(r.title), soci::use(r.text), soci::use(now), soci::use(r.office_id),
        soci::use(r.id);
}

void ApproveReport(storage::Tx& tx, const CaseReport& r) {
    const std::string now = storage::NowIso();
    tx.sql() << kApprove, soci::use(r.approved_by), soci::use(r.approved_on), soci::use(now), soci::use(r.office_id),
        soci::use(r.id);
}

std::vector<CaseReport> ListReports(storage::Tx& tx, const auth::Scope& scope, long long person_id, int page,
                                    int per_page, long long& total) {
    tx.sql() << std::string("SELECT COUNT(*) FROM case_reports r ") + kScope, soci::use(scope.office_id),
        soci::use(person_id), soci::use(person_id), soci::use(scope.whole_office), soci::use(scope.user_id),
        soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<CaseReport> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kScope +
                                 "ORDER BY r.created_at DESC, r.id DESC LIMIT :l OFFSET :f",
         soci::use(scope.office_id), soci::use(person_id), soci::use(person_id), soci::use(scope.whole_office),
         soci::use(scope.user_id), soci::use(per_page), soci::use(offset));
    for (const auto& row : rows) out.push_back(FromRow(row));
    return out;
}

std::vector<ReportCount> CountReports(storage::Tx& tx, long long office_id, long long user_id, const std::string& from,
                                      const std::string& to, int page, int per_page, long long& total) {
    tx.sql() << kCountStaff, soci::use(office_id), soci::use(user_id), soci::use(user_id), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<ReportCount> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << kCounts, soci::use(from), soci::use(to), soci::use(from), soci::use(to),
         soci::use(office_id), soci::use(user_id), soci::use(user_id), soci::use(per_page), soci::use(offset));
    for (const auto& row : rows)
        out.push_back({Int(row, "id"), Text(row, "name"), static_cast<int>(Int(row, "approved")),
                       static_cast<int>(Int(row, "drafts"))});
    return out;
}

}  // namespace tsunagu::quality
