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
//! Conferences with agreements (tasks, some overdue), hand-overs and providers' plans for the persons
//! with an issued plan, leaving a few steps missing for the 運営指導チェック (demo_meetings.cpp).
void SeedMeetings(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
                  const std::vector<long long>& specialist_of);
//! Red flags, an abuse report, a crisis plan, the on-call rota and a call (demo_rights.cpp).
void SeedRights(storage::Tx& tx, long long office, long long chief_id, const std::vector<long long>& person_ids,
                const std::vector<long long>& specialist_of);
//! Support notes (支援経過記録) for every demo person (demo_notes.cpp).
void SeedNotes(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
               const std::vector<long long>& specialist_of, long long chief_id);
//! The demo directory of agencies, contacts, weak ties and consented disclosures (demo_directory.cpp).
void SeedDirectory(storage::Tx& tx, long long office, const std::vector<long long>& staff,
                   const std::vector<long long>& person_ids);
//! An administrator's account creation the chief is alerted to (demo_accounts.cpp, issue #13).
void SeedAccounts(storage::Tx& tx, long long office, const std::vector<long long>& staff);
//! Closure under approval, training records and a supervision (demo_quality.cpp, issue 15).
void SeedQuality(storage::Tx& tx, long long office, const std::vector<long long>& staff,
                 const std::vector<long long>& person_ids);
//! Guardians and certificates of the children, a plan under both laws, a person turning 65, and
//! 地域移行支援・地域定着支援 episodes (demo_children.cpp, issue #17).
void SeedChildren(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
                  const std::vector<long long>& specialist_of);
//! The second demo office with staff and persons, the demo region with its user `kikan`, and a
//! pending transfer of the last demo person to the second office (demo_region.cpp, issue 14).
void SeedRegion(storage::Tx& tx, long long office, const std::vector<long long>& person_ids,
                const std::vector<long long>& specialist_of);
//! The logins of the second office and the region, for printing.
std::string RegionLoginsText();
//! The demo logins, one per line, for printing.
std::string LoginsText();

}  // namespace tsunagu::demo
