#pragma once
#include <string>
#include <vector>

namespace tsunagu::storage {

//! A TEXT column holding a JSON array of strings → vector (malformed → empty).
std::vector<std::string> StringList(const std::string& json_text);
//! vector → JSON array text for a TEXT column.
std::string StringListJson(const std::vector<std::string>& items);

}  // namespace tsunagu::storage
