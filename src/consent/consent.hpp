#pragma once
#include <string>
#include <vector>

#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::consent {

//! 共有先: one item of a consent's scope — free text (an organisation's name, or a sector by its code
//! or Japanese name) or a directory entry (its name as it was when the consent was given).
struct ScopeItem {
    std::string text;            //!< free text; for a directory entry, its name
    long long directory_id = 0;  //!< 関係機関名簿 entry, 0 = free text
    long long office_id = 0;     //!< another office of this database (a transfer's receiving office, #14)
    ScopeItem() = default;
    ScopeItem(std::string t, long long id = 0) : text(std::move(t)), directory_id(id) {}  // NOLINT: text converts
    ScopeItem(const char* t) : text(t) {}                                                 // NOLINT: text converts
    friend bool operator==(const ScopeItem&, const ScopeItem&) = default;
};

//! 同意: consent to a purpose and to sharing information with named agencies or sectors.
struct Consent {
    long long id = 0;
    long long office_id = 0;
    long long person_id = 0;
    std::string purpose;           //!< 目的
    std::vector<ScopeItem> scope;  //!< 共有先 (agencies or sectors)
    std::string given_by;          //!< 本人 | 代理人
    std::string given_by_name;     //!< 代理人の氏名
    std::string given_on;          //!< 同意日
    std::string expires_on;        //!< 有効期限
    std::string withdrawn_on;      //!< 撤回日
    std::string withdraw_reason;
    std::string created_at;
};

// --- rules (consent_rules.cpp) ---
//! "withdrawn", "expired" or "active" on `today`.
std::string StatusOn(const Consent& c, const std::string& today);

//! The scope as stored: a JSON array of strings and {"directory_id","name"} objects (older rows: strings only).
std::string ScopeJson(const std::vector<ScopeItem>& scope);
std::vector<ScopeItem> ScopeFromJson(const std::string& json_text);

// --- store (consent_store.cpp) ---
long long Insert(storage::Tx& tx, const Consent& c, long long user_id);
std::vector<Consent> ListForPerson(storage::Tx& tx, long long office_id, long long person_id);
//! Marks withdrawn; false when the consent is absent or already withdrawn.
bool Withdraw(storage::Tx& tx, long long office_id, long long person_id, long long id, const std::string& on,
              const std::string& reason);

// --- handlers (consent_api.cpp) ---
http::Response CreateApi(http::Context& ctx);
http::Response ListApi(http::Context& ctx);
http::Response WithdrawApi(http::Context& ctx);

}  // namespace tsunagu::consent
