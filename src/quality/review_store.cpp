// ケースレビューの保存.
#include <soci/soci.h>

#include "quality/review.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"

namespace tsunagu::quality {

using storage::Int;
using storage::Text;

namespace {
constexpr const char* kInsert =
    "INSERT INTO case_reviews (office_id, date, kind, participants, covers_user_id, created_by, created_at) VALUES "
    "(:o, :d, :k, :p, NULLIF(CAST(:c AS BIGINT), 0), :by, :at)";
constexpr const char* kInsertCase =
    "INSERT INTO case_review_cases (office_id, review_id, person_id, date, summary, decision, actions) VALUES "
    "(:o, :r, :p, :d, :s, :dec, NULLIF(:a, ''))";
constexpr const char* kFilter =
    " FROM case_reviews r WHERE r.office_id = :o AND (CAST(:u AS BIGINT) = 0 OR r.created_by = :u2 OR "
    "r.covers_user_id = :u3)";
constexpr const char* kColumns =
    "SELECT r.id, r.office_id, r.date, r.kind, r.participants, r.covers_user_id, r.created_by, r.created_at";
constexpr const char* kCases =
    "SELECT c.person_id, p.name AS person_name, c.summary, c.decision, c.actions FROM case_review_cases c JOIN persons "
    "p ON p.office_id = c.office_id AND p.id = c.person_id WHERE c.office_id = :o AND c.review_id = :r ORDER BY c.id";
constexpr const char* kActiveCases =
    "SELECT p.id, p.name FROM persons p JOIN assignments a ON a.office_id = p.office_id AND a.person_id = p.id WHERE "
    "p.office_id = :o AND a.user_id = :u AND p.status = 'active' ORDER BY p.kana, p.id";
constexpr const char* kLastReviewed = "SELECT MAX(date) FROM case_review_cases WHERE office_id = :o AND person_id = :p";
constexpr const char* kOverdue =
    "SELECT COUNT(*) FROM due_facts WHERE office_id = :o AND person_id = :p AND done_on IS NULL AND due_date < :t";
}  // namespace

bool MonitoringOverdue(storage::Tx& tx, long long office_id, long long person_id, const std::string& today) {
    long long n = 0;
    tx.sql() << kOverdue, soci::use(office_id), soci::use(person_id), soci::use(today), soci::into(n);
    return n > 0;
}

long long InsertReview(storage::Tx& tx, const CaseReview& r) {
    const std::string now = storage::NowIso(), participants = storage::StringListJson(r.participants);
    tx.sql() << kInsert, soci::use(r.office_id), soci::use(r.date), soci::use(r.kind), soci::use(participants),
        soci::use(r.covers_user_id), soci::use(r.created_by), soci::use(now);
    const long long id = tx.LastId();
    for (const auto& c : r.cases)
        tx.sql() << kInsertCase, soci::use(r.office_id), soci::use(id), soci::use(c.person_id), soci::use(r.date),
            soci::use(c.summary), soci::use(c.decision), soci::use(c.actions);
    return id;
}

std::vector<CaseReview> ListReviews(storage::Tx& tx, long long office_id, long long user, int page, int per_page,
                                    long long& total) {
    tx.sql() << std::string("SELECT COUNT(*)") + kFilter, soci::use(office_id), soci::use(user), soci::use(user),
        soci::use(user), soci::into(total);
    const int offset = (page - 1) * per_page;
    std::vector<CaseReview> out;
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + kFilter +
                                                                " ORDER BY r.date DESC, r.id DESC LIMIT :l OFFSET :f",
                                        soci::use(office_id), soci::use(user), soci::use(user), soci::use(user),
                                        soci::use(per_page), soci::use(offset));
        for (const auto& row : rows) {
            CaseReview r;
            r.id = Int(row, "id");
            r.office_id = Int(row, "office_id");
            r.date = Text(row, "date");
            r.kind = Text(row, "kind");
            r.participants = storage::StringList(Text(row, "participants"));
            r.covers_user_id = Int(row, "covers_user_id");
            r.created_by = Int(row, "created_by");
            r.created_at = Text(row, "created_at");
            out.push_back(std::move(r));
        }
    }
    for (auto& r : out) {
        soci::rowset<soci::row> rows = (tx.sql().prepare << kCases, soci::use(office_id), soci::use(r.id));
        for (const auto& row : rows)
            r.cases.push_back({Int(row, "person_id"), Text(row, "person_name"), Text(row, "summary"),
                               Text(row, "decision"), Text(row, "actions")});
    }
    return out;
}

std::vector<std::pair<long long, std::string>> ActiveCasesOf(storage::Tx& tx, long long office_id, long long user_id) {
    std::vector<std::pair<long long, std::string>> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kActiveCases, soci::use(office_id), soci::use(user_id));
    for (const auto& r : rows) out.emplace_back(Int(r, "id"), Text(r, "name"));
    return out;
}

std::string LastReviewed(storage::Tx& tx, long long office_id, long long person_id) {
    soci::indicator ind = soci::i_ok;
    std::string last;
    tx.sql() << kLastReviewed, soci::use(office_id), soci::use(person_id), soci::into(last, ind);
    return ind == soci::i_null ? "" : last;
}

}  // namespace tsunagu::quality
