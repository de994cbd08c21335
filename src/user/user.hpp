#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/context.hpp"

namespace tsunagu::storage {
class Tx;
}

namespace tsunagu::user {

//! A staff account (職員): specialist, chief or admin of one office.
struct User {
    long long id = 0;
    long long office_id = 0;
    std::string login;
    std::string name;
    auth::Role role = auth::Role::kSpecialist;
    std::string password_hash;
    bool active = true;
    std::string created_at;
    std::string updated_at;
    std::string office_name;
    // Issue #13: a one-time password set by someone else; two-factor sign-in (TOTP).
    bool must_change_password = false;
    std::string totp_secret;  //!< base32; set once enrolment begins
    bool totp_enabled = false;
    long long totp_last_step = 0;       //!< the last 30-second step a code was accepted for
    bool office_requires_totp = false;  //!< offices.require_totp (chiefs and admins)
    long long region_id = 0;            //!< role region: its region (issue 14)
};

//! A consultation office (相談支援事業所), the tenant.
struct Office {
    long long id = 0;
    std::string name;
    std::string created_at;
};

// --- store (user_store.cpp) ---
std::optional<User> FindByLogin(storage::Tx& tx, const std::string& login);
//! office_id 0 = any office.
std::optional<User> FindById(storage::Tx& tx, long long id, long long office_id);
//! Users of one office, or of every office when office_id is 0.
std::vector<User> ListUsers(storage::Tx& tx, long long office_id);
//! Throws ApiError 409 login_taken when the login exists.
long long CreateUser(storage::Tx& tx, const User& u);
void UpdateUser(storage::Tx& tx, const User& u);
//! `must_change`: a one-time password (set by an admin or chief) that must be changed first.
void SetPassword(storage::Tx& tx, long long user_id, const std::string& hash, bool must_change = false);
//! Replaces the hash with one of the server's current cost, unless the password changed meanwhile.
void Rehash(storage::Tx& tx, long long user_id, const std::string& old_hash, const std::string& new_hash);
//! Records an account created or a password reset by someone else (the chiefs' alert).
void AddAccountEvent(storage::Tx& tx, long long office_id, const std::string& kind, long long user_id,
                     long long by_user_id);
//! Office alerts `account_created` / `password_reset` of the last 14 days for a chief (others: none).
std::vector<boost::json::object> AccountAlerts(storage::Tx& tx, const http::Context& ctx, const std::string& today,
                                               const std::string& kind);
long long CreateOffice(storage::Tx& tx, const std::string& name);
std::vector<Office> ListOffices(storage::Tx& tx);
bool OfficeExists(storage::Tx& tx, long long id);
//! The name of office `id`, or empty when there is none (one indexed lookup).
std::string OfficeName(storage::Tx& tx, long long id);
//! The lowest office id of a region, 0 when the region does not exist or has no office. A region
//! user's users.office_id (a NOT NULL column) names it; the router never lets a region user reach
//! office routes, so it grants nothing.
long long RegionHomeOffice(storage::Tx& tx, long long region_id);

// --- two-factor sign-in (totp_store.cpp, totp_api.cpp; issue #13) ---
void SetTotpSecret(storage::Tx& tx, long long user_id, const std::string& base32_secret);
void EnableTotp(storage::Tx& tx, long long user_id, long long step);
//! Moves totp_last_step forward; false when another request already used this step or a later one.
bool UseTotpStep(storage::Tx& tx, long long user_id, long long step);
void ReplaceRecoveryCodes(storage::Tx& tx, long long office_id, long long user_id,
                          const std::vector<std::string>& code_hashes);
//! Marks an unused recovery code used; false when there is none with that hash.
bool UseRecoveryCode(storage::Tx& tx, long long office_id, long long user_id, const std::string& code_hash);
int UnusedRecoveryCodes(storage::Tx& tx, long long office_id, long long user_id);
//! A new challenge for the second step; returns the cookie token (only its hash is stored).
std::string CreateTotpChallenge(storage::Tx& tx, long long office_id, long long user_id);
//! The user id of a live challenge (≤ 5 minutes old), or 0.
long long FindTotpChallenge(storage::Tx& tx, const std::string& token);
void EndTotpChallenge(storage::Tx& tx, const std::string& token);
bool OfficeRequiresTotp(storage::Tx& tx, long long office_id);
void SetOfficeRequiresTotp(storage::Tx& tx, long long office_id, bool required);

// --- handlers (user_api.cpp, auth_api.cpp, totp_api.cpp) ---
http::Response TotpLoginApi(http::Context& ctx);          //!< POST /auth/totp
http::Response TotpEnrolApi(http::Context& ctx);          //!< POST /auth/totp/enrol
http::Response TotpConfirmApi(http::Context& ctx);        //!< POST /auth/totp/confirm
http::Response GetOfficeSecurityApi(http::Context& ctx);  //!< GET /office/security
http::Response PutOfficeSecurityApi(http::Context& ctx);  //!< PUT /office/security
http::Response Login(http::Context& ctx);
http::Response Logout(http::Context& ctx);
http::Response Me(http::Context& ctx);
http::Response ChangeOwnPassword(http::Context& ctx);
http::Response ListUsersApi(http::Context& ctx);
http::Response CreateUserApi(http::Context& ctx);
http::Response UpdateUserApi(http::Context& ctx);
http::Response ResetPasswordApi(http::Context& ctx);
http::Response ListOfficesApi(http::Context& ctx);
http::Response CreateOfficeApi(http::Context& ctx);

}  // namespace tsunagu::user
