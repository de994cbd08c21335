// caseload_counts: +1/-1 per assignee around a change of a person's assignees or support level.
#include "caseload/caseload_counts.hpp"

#include <string>
#include <utility>

#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::caseload {

namespace {
constexpr const char* kLevel = "SELECT support_level FROM persons WHERE office_id = :o AND id = :p";
constexpr const char* kUncount =
    "UPDATE caseload_counts SET cases = cases - 1, level_high = level_high - :h, level6 = level6 - :s "
    "WHERE office_id = :o AND user_id IN (SELECT user_id FROM assignments WHERE office_id = :o2 AND person_id = :p)";
// SQLite reads "ON CONFLICT" after an INSERT's SELECT only when the SELECT has a WHERE clause (it has).
constexpr const char* kCount =
    "INSERT INTO caseload_counts (office_id, user_id, cases, level_high, level6) SELECT a.office_id, a.user_id, 1, "
    ":h, :s FROM assignments a WHERE a.office_id = :o AND a.person_id = :p ON CONFLICT (office_id, user_id) DO "
    "UPDATE SET cases = caseload_counts.cases + 1, level_high = caseload_counts.level_high + excluded.level_high, "
    "level6 = caseload_counts.level6 + excluded.level6";

}  // namespace

const char* const kFillCounts =
    "INSERT INTO caseload_counts (office_id, user_id, cases, level_high, level6) SELECT a.office_id, a.user_id, "
    "COUNT(*), SUM(CASE WHEN p.support_level IN ('5', '6') THEN 1 ELSE 0 END), SUM(CASE WHEN p.support_level = '6' "
    "THEN 1 ELSE 0 END) FROM assignments a JOIN persons p ON p.office_id = a.office_id AND p.id = a.person_id "
    "GROUP BY a.office_id, a.user_id";

namespace {
//! (level 5–6, level 6) of the person as stored now, each 0 or 1.
std::pair<long long, long long> LevelOf(storage::Tx& tx, long long office_id, long long person_id) {
    storage::CachedQuery rows(tx, kLevel, {office_id, person_id});
    if (!rows.Next()) return {0, 0};
    const std::string level = storage::Text(rows.row(), "support_level");
    return {level == "5" || level == "6" ? 1 : 0, level == "6" ? 1 : 0};
}
}  // namespace

void UncountPerson(storage::Tx& tx, long long office_id, long long person_id) {
    const auto [high, six] = LevelOf(tx, office_id, person_id);
    storage::CachedExec(tx, kUncount, {high, six, office_id, office_id, person_id});
}

void CountPerson(storage::Tx& tx, long long office_id, long long person_id) {
    const auto [high, six] = LevelOf(tx, office_id, person_id);
    storage::CachedExec(tx, kCount, {high, six, office_id, person_id});
}

}  // namespace tsunagu::caseload
