#pragma once
#include <string>

#include "storage/database.hpp"

namespace tsunagu::demo {

//! The password of every demo account (printed by `tsunagu demo`; for trying tsunagu only).
inline constexpr const char* kDemoPassword = "tsunagu-demo-2026";

//! Creates the demo office (staff and ~30 fictional persons) unless it exists. Returns true when created.
bool Seed(storage::Database& db);
//! The demo logins, one per line, for printing.
std::string LoginsText();

}  // namespace tsunagu::demo
