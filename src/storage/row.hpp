#pragma once
// Reading SOCI rows without repeating null and type checks in every store. Stores only.
// The column types differ by dialect for the same schema: SQLite reports INTEGER as dt_integer or
// dt_long_long by value; PostgreSQL reports BIGINT (ids, epochs, COUNT) as dt_long_long, INTEGER
// as dt_integer, TEXT as dt_string and a DATE (none in our schema, which keeps dates as TEXT) as dt_date.
#include <soci/soci.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <string>
#include <vector>

namespace tsunagu::storage {

//! Column as text; NULL → "". A date column reads as "YYYY-MM-DD", like the TEXT dates we store.
inline std::string Text(const soci::row& r, const std::string& col) {
    if (r.get_indicator(col) == soci::i_null) return {};
    switch (r.get_properties(col).get_data_type()) {
        case soci::dt_string:
            return r.get<std::string>(col);
        case soci::dt_integer:
            return std::to_string(r.get<int>(col));
        case soci::dt_long_long:
            return std::to_string(r.get<long long>(col));
        case soci::dt_unsigned_long_long:
            return std::to_string(r.get<unsigned long long>(col));
        case soci::dt_double:
            return std::to_string(r.get<double>(col));
        case soci::dt_date: {
            const std::tm tm = r.get<std::tm>(col);
            char buf[32];
            std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
            return buf;
        }
        default:
            return {};
    }
}

//! Column as integer; NULL → 0.
inline long long Int(const soci::row& r, const std::string& col) {
    if (r.get_indicator(col) == soci::i_null) return 0;
    switch (r.get_properties(col).get_data_type()) {
        case soci::dt_integer:
            return r.get<int>(col);
        case soci::dt_long_long:
            return r.get<long long>(col);
        case soci::dt_unsigned_long_long:
            return static_cast<long long>(r.get<unsigned long long>(col));
        case soci::dt_double:
            return static_cast<long long>(r.get<double>(col));
        case soci::dt_string:
            return std::stoll(r.get<std::string>(col));
        default:
            return 0;
    }
}

//! `ids` as an SQL list for `IN (…)`: ascending, each once ("1, 2, 3"; "NULL", which matches nothing,
//! when empty). Only for integers the server holds (ids read from the database), never for request
//! text. One statement per page of ids instead of one per id: a page's reads stay a handful.
inline std::string IdList(std::vector<long long> ids) {
    if (ids.empty()) return "NULL";
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string out;
    for (long long id : ids) {
        if (!out.empty()) out += ", ";
        out += std::to_string(id);
    }
    return out;
}

//! The rows of `select_in` (a query ending in "… IN ", binding the office as its one parameter) for
//! `ids`, each made a T by `from_row` and grouped by the integer column `key`: one statement for a
//! page's records, where one per id was a dozen per person. Keys without rows are absent.
template <class T, class FromRow>
std::map<long long, std::vector<T>> RowsByKey(soci::session& sql, const std::string& select_in, long long office_id,
                                              const std::vector<long long>& ids, const char* key, FromRow from_row) {
    std::map<long long, std::vector<T>> out;
    if (ids.empty()) return out;
    soci::rowset<soci::row> rows = (sql.prepare << select_in + "(" + IdList(ids) + ")", soci::use(office_id));
    for (const auto& r : rows) out[Int(r, key)].push_back(from_row(r));
    return out;
}

//! `m[key]` moved out of `m`, or an empty list: the one-id form of a RowsByKey read.
template <class T>
std::vector<T> TakeList(std::map<long long, std::vector<T>>& m, long long key) {
    auto it = m.find(key);
    return it == m.end() ? std::vector<T>{} : std::move(it->second);
}

}  // namespace tsunagu::storage
