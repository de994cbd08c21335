#pragma once
// "column IN <a list of ids>" with the list bound as one value, so the statement's text is the same
// for every list and is prepared once per connection (issue 8). Written into the text instead
// ("IN (1, 2, 3)"), every list made a new statement: SQLite compiled it again on every call (the
// person read's assignees included) and PostgreSQL parsed, planned and deallocated it, four round
// trips for each such read of a page.
#include <map>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"

namespace tsunagu::storage {

//! `head` + the list + `tail`, one text for each engine, with the list as the parameter :ids:
//! - SQLite: `column IN (SELECT value FROM json_each(:ids))`, the ids as a JSON array;
//! - PostgreSQL: `column = ANY(CAST(:ids AS BIGINT[]))`, the ids as an array literal.
//! `head` ends in "<column> IN "; `tail` (ORDER BY …) follows the list. Keep it in static storage
//! (a function's `static const`): the statement cache keys statements by their text's address.
class InIds {
public:
    explicit InIds(const std::string& head, const std::string& tail = "");
    const char* For(Dialect d) const { return d == Dialect::kSqlite ? sqlite_.c_str() : postgres_.c_str(); }

private:
    std::string sqlite_, postgres_;
};

//! `ids` as the value of :ids for `d` ("[1,2,3]" or "{1,2,3}").
Value IdsValue(Dialect d, const std::vector<long long>& ids);

//! The rows of `sql` (its parameters: the office, then the list) for `ids`, each made a T by
//! `from_row` and grouped by the integer column `key`: one statement for a page's records, where
//! one per id was a dozen per person. Keys without rows are absent.
template <class T, class FromRow>
std::map<long long, std::vector<T>> RowsByKey(Tx& tx, const InIds& sql, long long office_id,
                                              const std::vector<long long>& ids, const char* key, FromRow from_row) {
    std::map<long long, std::vector<T>> out;
    if (ids.empty()) return out;
    CachedQuery rows(tx, sql.For(tx.dialect()), {office_id, IdsValue(tx.dialect(), ids)});
    while (rows.Next()) out[Int(rows.row(), key)].push_back(from_row(rows.row()));
    return out;
}

}  // namespace tsunagu::storage
