#pragma once
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace tsunagu::demo {

//! The password of every demo account (printed by `tsunagu demo`; for trying tsunagu only).
inline constexpr const char* kDemoPassword = "tsunagu-demo-2026";

//! Creates the demo office (staff and ~30 fictional persons) unless it exists. Returns true when created.
bool Seed(storage::Database& db);
//! Decisions, issued plans, monitorings and consents for the first demo persons (demo_cases.cpp).
void SeedCases(storage::Tx& tx, long long office, long long chief_id, const std::vector<long long>& person_ids,
               const std::vector<long long>& specialist_of);
//! The demo directory of agencies, contacts, weak ties and consented disclosures (demo_directory.cpp).
void SeedDirectory(storage::Tx& tx, long long office, const std::vector<long long>& staff,
                   const std::vector<long long>& person_ids);
//! The demo logins, one per line, for printing.
std::string LoginsText();

}  // namespace tsunagu::demo
