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

//! The position of column `col` in `r`. soci::row keeps its columns' properties in one vector, in
//! column order, so the address of one names its position: one lookup by name, where reading the
//! indicator, the type and the value by name looked the name up three times (every field of every
//! row a store reads). An unknown name throws soci_error, as a read by name does.
inline std::size_t ColumnPos(const soci::row& r, const std::string& col) {
    return static_cast<std::size_t>(&r.get_properties(col) - &r.get_properties(0));
}

//! Column `i` (0-based) as text; NULL → "". A date column reads as "YYYY-MM-DD", like the TEXT dates we store.
inline std::string TextAt(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return {};
    switch (r.get_properties(i).get_data_type()) {
        case soci::dt_string:
            return r.get<std::string>(i);
        case soci::dt_integer:
            return std::to_string(r.get<int>(i));
        case soci::dt_long_long:
            return std::to_string(r.get<long long>(i));
        case soci::dt_unsigned_long_long:
            return std::to_string(r.get<unsigned long long>(i));
        case soci::dt_double:
            return std::to_string(r.get<double>(i));
        case soci::dt_date: {
            const std::tm tm = r.get<std::tm>(i);
            char buf[32];
            std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
            return buf;
        }
        default:
            return {};
    }
}

//! Column `col` as text (TextAt).
inline std::string Text(const soci::row& r, const std::string& col) { return TextAt(r, ColumnPos(r, col)); }

//! Column as integer; NULL → 0.
inline long long Int(const soci::row& r, const std::string& col) {
    const std::size_t i = ColumnPos(r, col);
    if (r.get_indicator(i) == soci::i_null) return 0;
    switch (r.get_properties(i).get_data_type()) {
        case soci::dt_integer:
            return r.get<int>(i);
        case soci::dt_long_long:
            return r.get<long long>(i);
        case soci::dt_unsigned_long_long:
            return static_cast<long long>(r.get<unsigned long long>(i));
        case soci::dt_double:
            return static_cast<long long>(r.get<double>(i));
        case soci::dt_string:
            return std::stoll(r.get<std::string>(i));
        default:
            return 0;
    }
}

//! `m[key]` moved out of `m`, or an empty list: the one-id form of a RowsByKey read (in_ids.hpp).
template <class T>
std::vector<T> TakeList(std::map<long long, std::vector<T>>& m, long long key) {
    auto it = m.find(key);
    return it == m.end() ? std::vector<T>{} : std::move(it->second);
}

}  // namespace tsunagu::storage
