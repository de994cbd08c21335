#pragma once
// 情報提供: information about a person given to an organisation of the directory. Allowed only under
// an active consent of the person, valid on the day, whose scope names the organisation or its sector.
#include <optional>
#include <string>
#include <vector>

#include "consent/consent.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::disclosure {

//! 情報提供の記録.
struct Disclosure {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    long long directory_id = 0;
    std::string directory_name;  //!< the entry's current name (read)
    long long consent_id = 0;    //!< the consent that covered it
    std::string what;            //!< 提供した情報
    std::string purpose;         //!< 目的
    std::string date;            //!< 提供日
    std::string medium;          //!< 手段 (電話, 書面, 会議 …)
    long long created_by = 0;
    std::string created_at;
};

//! The organisation information goes to, as the consent rules see it.
struct Recipient {
    long long directory_id = 0;
    std::string name;
    std::string sector;  //!< sector code
};

// --- rules (disclosure_rules.cpp, pure) ---
//! True when the scope item names the recipient: its directory id, its exact name, or its sector
//! (by code or Japanese name).
bool ItemCovers(const consent::ScopeItem& item, const Recipient& r);
//! True when the consent was given on or before `date`, has not expired before it and is not withdrawn.
bool ValidOn(const consent::Consent& c, const std::string& date);
//! The first consent that is valid on `date` and covers the recipient; nullopt when none.
std::optional<long long> CoveringConsent(const std::vector<consent::Consent>& consents, const Recipient& r,
                                         const std::string& date);
//! The Japanese explanation of a refusal, naming the scope that is missing.
std::string MissingScopeMessage(const Recipient& r, const std::string& date);

// --- store (disclosure_store.cpp) ---
long long Insert(storage::Tx& tx, const Disclosure& d);
std::vector<Disclosure> ListForPerson(storage::Tx& tx, long long office_id, long long person_id, int page, int per_page,
                                      long long& total);

// --- handlers (disclosure_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);

}  // namespace tsunagu::disclosure
