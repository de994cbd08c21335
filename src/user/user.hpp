#pragma once
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
    long long region_id = 0;  //!< role region: its region (issue 14)
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
void SetPassword(storage::Tx& tx, long long user_id, const std::string& hash);
long long CreateOffice(storage::Tx& tx, const std::string& name);
std::vector<Office> ListOffices(storage::Tx& tx);
bool OfficeExists(storage::Tx& tx, long long id);
//! The lowest office id of a region, 0 when the region does not exist or has no office. A region
//! user's users.office_id (a NOT NULL column) names it; the router never lets a region user reach
//! office routes, so it grants nothing.
long long RegionHomeOffice(storage::Tx& tx, long long region_id);

// --- handlers (user_api.cpp, auth_api.cpp) ---
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
