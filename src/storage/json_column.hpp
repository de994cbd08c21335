#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace boost::json {
class object;
}

namespace tsunagu::storage {

//! Member `key` of a stored JSON object when it is a string; "" when it is missing, null or another
//! type (stored JSON was checked on its way in: read back, not checked again).
std::string StringMember(const boost::json::object& o, std::string_view key);

//! A TEXT column holding a JSON array of strings → vector (malformed → empty).
std::vector<std::string> StringList(const std::string& json_text);
//! vector → JSON array text for a TEXT column.
std::string StringListJson(const std::vector<std::string>& items);

}  // namespace tsunagu::storage
