#pragma once
// Reading SOCI rows without repeating null and type checks in every store. Stores only.
#include <soci/soci.h>

#include <string>

namespace tsunagu::storage {

//! Column as text; NULL → "".
inline std::string Text(const soci::row& r, const std::string& col) {
    if (r.get_indicator(col) == soci::i_null) return {};
    switch (r.get_properties(col).get_data_type()) {
        case soci::dt_string: return r.get<std::string>(col);
        case soci::dt_integer: return std::to_string(r.get<int>(col));
        case soci::dt_long_long: return std::to_string(r.get<long long>(col));
        case soci::dt_unsigned_long_long: return std::to_string(r.get<unsigned long long>(col));
        case soci::dt_double: return std::to_string(r.get<double>(col));
        default: return {};
    }
}

//! Column as integer; NULL → 0.
inline long long Int(const soci::row& r, const std::string& col) {
    if (r.get_indicator(col) == soci::i_null) return 0;
    switch (r.get_properties(col).get_data_type()) {
        case soci::dt_integer: return r.get<int>(col);
        case soci::dt_long_long: return r.get<long long>(col);
        case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(col));
        case soci::dt_double: return static_cast<long long>(r.get<double>(col));
        case soci::dt_string: return std::stoll(r.get<std::string>(col));
        default: return 0;
    }
}

}  // namespace tsunagu::storage
