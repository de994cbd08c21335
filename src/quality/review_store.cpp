// ケースレビューの保存.
#include <soci/soci.h>

#include <algorithm>

#include "quality/review.hpp"
#include "storage/database.hpp"
#include "storage/json_column.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"

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
// The suggestions' candidates (SuggestionCandidates). Each kind is read first from its own index (x:
// the persons of that kind in the office; MATERIALIZED and CROSS JOIN keep SQLite, which has no
// statistics here, from walking the office's persons instead), then kept to the persons in scope: the
// chief's office, or a specialist's assigned persons.
constexpr const char* kRaised =
    "WITH x AS MATERIALIZED (SELECT person_id FROM case_facts WHERE office_id = :o AND redflags_raised <> '[]') ";
constexpr const char* kOverdueSteps =
    "WITH x AS MATERIALIZED (SELECT person_id FROM due_facts WHERE office_id = :o AND done_on IS NULL AND due_date < "
    ":t UNION SELECT person_id FROM tasks WHERE office_id = :o2 AND status = 'open' AND due < :t2 AND person_id IS "
    "NOT NULL) ";
constexpr const char* kUnmet =
    "WITH x AS MATERIALIZED (SELECT person_id FROM case_facts WHERE office_id = :o AND goal_unmet_twice = 1) ";
constexpr const char* kInOffice =
    "SELECT p.id FROM x CROSS JOIN persons p WHERE p.office_id = :o3 AND p.id = x.person_id AND p.status = 'active' ";
constexpr const char* kAssigned =
    "SELECT p.id FROM x CROSS JOIN assignments a CROSS JOIN persons p WHERE a.person_id = x.person_id AND a.user_id = "
    ":u AND p.office_id = :o3 AND p.id = x.person_id AND p.status = 'active' ";
constexpr const char* kByLastReview =
    "ORDER BY COALESCE((SELECT MAX(r.date) FROM case_review_cases r WHERE r.office_id = p.office_id AND r.person_id = "
    "p.id), ''), p.id LIMIT :lim";
constexpr const char* kNeverReviewed =
    "AND NOT EXISTS (SELECT 1 FROM case_review_cases r WHERE r.office_id = p.office_id AND r.person_id = p.id) "
    "ORDER BY p.id LIMIT :lim";
constexpr const char* kNeverInOffice = "SELECT p.id FROM persons p WHERE +p.office_id = :o AND p.status = 'active' ";
constexpr const char* kNeverAssigned =
    "SELECT p.id FROM assignments a JOIN persons p ON p.office_id = a.office_id AND p.id = a.person_id WHERE "
    "a.office_id = :o AND a.user_id = :u AND p.status = 'active' ";
constexpr const char* kReviewed =
    "SELECT c.person_id AS id FROM case_review_cases c JOIN persons p ON p.office_id = c.office_id AND p.id = "
    "c.person_id WHERE c.office_id = :o AND p.status = 'active' AND (:whole = 1 OR EXISTS (SELECT 1 FROM assignments "
    "a WHERE a.office_id = c.office_id AND a.person_id = c.person_id AND a.user_id = :u)) GROUP BY c.person_id "
    "ORDER BY MAX(c.date), c.person_id LIMIT :lim";
constexpr const char* kCandidate =
    "SELECT p.name, COALESCE((SELECT MAX(r.date) FROM case_review_cases r WHERE r.office_id = p.office_id AND "
    "r.person_id = p.id), '') AS last_reviewed, CASE WHEN f.redflags_raised <> '[]' THEN 1 ELSE 0 END AS raised, "
    "COALESCE(f.goal_unmet_twice, 0) AS unmet, CASE WHEN EXISTS (SELECT 1 FROM due_facts d WHERE d.office_id = "
    "p.office_id AND d.person_id = p.id AND "
    "d.done_on IS NULL AND d.due_date < :t) THEN 1 ELSE 0 END AS monitoring_overdue, CASE WHEN EXISTS (SELECT 1 FROM "
    "tasks t WHERE t.office_id = p.office_id AND t.person_id = p.id AND t.status = 'open' AND t.due < :t2) THEN 1 "
    "ELSE 0 END AS task_overdue FROM persons p LEFT JOIN case_facts f ON f.office_id = p.office_id AND f.person_id = "
    "p.id WHERE p.office_id = :o AND p.id = :p";
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

std::vector<SuggestionInput> SuggestionCandidates(storage::Tx& tx, const auth::Scope& scope, const std::string& today,
                                                  std::size_t limit) {
    struct Sql {
        std::string raised, overdue, unmet, never;
    };
    // Built once: the statement cache keys on the text's address (storage::CachedQuery).
    static const Sql kOffice{
        std::string(kRaised) + kInOffice + kByLastReview, std::string(kOverdueSteps) + kInOffice + kByLastReview,
        std::string(kUnmet) + kInOffice + kByLastReview, std::string(kNeverInOffice) + kNeverReviewed};
    static const Sql kMine{
        std::string(kRaised) + kAssigned + kByLastReview, std::string(kOverdueSteps) + kAssigned + kByLastReview,
        std::string(kUnmet) + kAssigned + kByLastReview, std::string(kNeverAssigned) + kNeverReviewed};
    const bool whole = scope.whole_office == 1;
    const Sql& sql = whole ? kOffice : kMine;
    const long long o = scope.office_id, lim = static_cast<long long>(limit);
    std::vector<long long> ids;
    const auto take = [&](const char* text, std::vector<storage::Value> values) {
        storage::CachedQuery rows(tx, text, std::move(values));
        while (rows.Next()) ids.push_back(Int(rows.row(), "id"));
    };
    // The values in the order of their placeholders: the kind's, then the scope's, then the limit.
    const auto with_scope = [&](std::vector<storage::Value> kind) {
        if (!whole) kind.emplace_back(scope.user_id);
        kind.emplace_back(o);
        kind.emplace_back(lim);
        return kind;
    };
    take(sql.raised.c_str(), with_scope({o}));
    take(sql.overdue.c_str(), with_scope({o, today, o, today}));
    take(sql.unmet.c_str(), with_scope({o}));
    take(sql.never.c_str(),
         whole ? std::vector<storage::Value>{o, lim} : std::vector<storage::Value>{o, scope.user_id, lim});
    take(kReviewed, {o, static_cast<long long>(whole ? 1 : 0), scope.user_id, lim});
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<SuggestionInput> out;
    for (const long long id : ids) {
        storage::CachedQuery rows(tx, kCandidate, {today, today, o, id});
        if (!rows.Next()) continue;
        const soci::row& r = rows.row();
        SuggestionInput in;
        in.person_id = id;
        in.person_name = Text(r, "name");
        in.last_reviewed = Text(r, "last_reviewed");
        in.redflag_raised = Int(r, "raised") != 0;
        in.goal_unmet_twice = Int(r, "unmet") != 0;
        in.monitoring_overdue = Int(r, "monitoring_overdue") != 0;
        in.task_overdue = Int(r, "task_overdue") != 0;
        out.push_back(std::move(in));
    }
    return out;
}

}  // namespace tsunagu::quality
