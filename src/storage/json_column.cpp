#include "storage/json_column.hpp"

#include <boost/json.hpp>

namespace tsunagu::storage {

std::vector<std::string> StringList(const std::string& json_text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(json_text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& e : v.as_array())
        if (e.is_string()) out.emplace_back(e.as_string());
    return out;
}

std::string StringMember(const boost::json::object& o, std::string_view key) {
    const boost::json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string StringListJson(const std::vector<std::string>& items) {
    boost::json::array a;
    for (const auto& s : items) a.emplace_back(s);
    return boost::json::serialize(a);
}

}  // namespace tsunagu::storage
