#include <soci/soci.h>

#include "http/api_error.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"
#include "user/user.hpp"

namespace tsunagu::user {

namespace {
constexpr const char* kColumns =
    "SELECT u.id, u.office_id, o.name AS office_name, u.login, u.name, u.role, u.password_hash, u.active, "
    "u.created_at, u.updated_at, u.must_change_password, COALESCE(u.totp_secret, '') AS totp_secret, u.totp_enabled, "
    "u.totp_last_step, o.require_totp, u.region_id FROM users u JOIN offices o ON o.id = u.office_id ";
constexpr const char* kByLogin = "WHERE u.login = :login";
constexpr const char* kById = "WHERE u.id = :id AND (CAST(:office AS BIGINT) = 0 OR u.office_id = :office2)";
// An office's list leaves out region users (their office_id only names their region's first office).
constexpr const char* kByOffice =
    "WHERE (CAST(:office AS BIGINT) = 0 OR (u.office_id = :office2 AND u.role <> 'region')) ORDER BY u.office_id, u.id";
constexpr const char* kLoginCount = "SELECT COUNT(*) FROM users WHERE login = :login";
constexpr const char* kInsert =
    "INSERT INTO users (office_id, login, name, role, password_hash, active, created_at, updated_at, "
    "must_change_password, region_id) VALUES (:office, :login, :name, :role, :hash, 1, :now, :now2, :must, "
    "NULLIF(CAST(:region AS BIGINT), 0))";
constexpr const char* kUpdate =
    "UPDATE users SET name = :name, role = :role, active = :active, updated_at = :now WHERE id = :id";
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = :hash, must_change_password = :must, updated_at = :now WHERE id = :id";
constexpr const char* kRehash = "UPDATE users SET password_hash = :hash WHERE id = :id AND password_hash = :old";
constexpr const char* kInsertOffice = "INSERT INTO offices (name, created_at) VALUES (:name, :now)";
constexpr const char* kListOffices = "SELECT id, name, created_at FROM offices ORDER BY id";
constexpr const char* kOfficeCount = "SELECT COUNT(*) FROM offices WHERE id = :id";
constexpr const char* kOfficeName = "SELECT name FROM offices WHERE id = :id";
constexpr const char* kRegionHome = "SELECT COALESCE(MIN(office_id), 0) FROM region_offices WHERE region_id = :r";

User FromRow(const soci::row& r) {
    User u;
    u.id = storage::Int(r, "id");
    u.office_id = storage::Int(r, "office_id");
    u.login = storage::Text(r, "login");
    u.name = storage::Text(r, "name");
    auth::ParseRole(storage::Text(r, "role"), u.role);
    u.password_hash = storage::Text(r, "password_hash");
    u.active = storage::Int(r, "active") != 0;
    u.created_at = storage::Text(r, "created_at");
    u.updated_at = storage::Text(r, "updated_at");
    u.office_name = storage::Text(r, "office_name");
    u.must_change_password = storage::Int(r, "must_change_password") != 0;
    u.totp_secret = storage::Text(r, "totp_secret");
    u.totp_enabled = storage::Int(r, "totp_enabled") != 0;
    u.totp_last_step = storage::Int(r, "totp_last_step");
    u.office_requires_totp = storage::Int(r, "require_totp") != 0;
    u.region_id = storage::Int(r, "region_id");
    return u;
}
}  // namespace

std::optional<User> FindByLogin(storage::Tx& tx, const std::string& login) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + kByLogin, soci::use(login));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::optional<User> FindById(storage::Tx& tx, long long id, long long office_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kById, soci::use(id), soci::use(office_id), soci::use(office_id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

std::vector<User> ListUsers(storage::Tx& tx, long long office_id) {
    std::vector<User> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) + kByOffice, soci::use(office_id), soci::use(office_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

long long CreateUser(storage::Tx& tx, const User& u) {
    int n = 0;
    tx.sql() << kLoginCount, soci::use(u.login), soci::into(n);
    if (n > 0) throw http::ApiError(409, "login_taken", "このログインIDは既に使われています。", "login");
    const std::string now = storage::NowIso(), role = auth::RoleName(u.role);
    const int must = u.must_change_password ? 1 : 0;
    tx.sql() << kInsert, soci::use(u.office_id), soci::use(u.login), soci::use(u.name), soci::use(role),
        soci::use(u.password_hash), soci::use(now), soci::use(now), soci::use(must), soci::use(u.region_id);
    return tx.LastId();
}

void UpdateUser(storage::Tx& tx, const User& u) {
    const std::string now = storage::NowIso(), role = auth::RoleName(u.role);
    const int active = u.active ? 1 : 0;
    tx.sql() << kUpdate, soci::use(u.name), soci::use(role), soci::use(active), soci::use(now), soci::use(u.id);
}

void SetPassword(storage::Tx& tx, long long user_id, const std::string& hash, bool must_change) {
    const std::string now = storage::NowIso();
    const int must = must_change ? 1 : 0;
    tx.sql() << kSetPassword, soci::use(hash), soci::use(must), soci::use(now), soci::use(user_id);
}

void Rehash(storage::Tx& tx, long long user_id, const std::string& old_hash, const std::string& new_hash) {
    tx.sql() << kRehash, soci::use(new_hash), soci::use(user_id), soci::use(old_hash);
}

long long CreateOffice(storage::Tx& tx, const std::string& name) {
    const std::string now = storage::NowIso();
    tx.sql() << kInsertOffice, soci::use(name), soci::use(now);
    return tx.LastId();
}

std::vector<Office> ListOffices(storage::Tx& tx) {
    std::vector<Office> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << kListOffices);
    for (const auto& r : rows)
        out.push_back({storage::Int(r, "id"), storage::Text(r, "name"), storage::Text(r, "created_at")});
    return out;
}

bool OfficeExists(storage::Tx& tx, long long id) {
    int n = 0;
    tx.sql() << kOfficeCount, soci::use(id), soci::into(n);
    return n > 0;
}

std::string OfficeName(storage::Tx& tx, long long id) {
    std::string name;
    soci::indicator ind = soci::i_null;
    tx.sql() << kOfficeName, soci::use(id), soci::into(name, ind);
    return ind == soci::i_ok ? name : std::string();
}

}  // namespace tsunagu::user

namespace tsunagu::user {
long long RegionHomeOffice(storage::Tx& tx, long long region_id) {
    long long office = 0;
    tx.sql() << kRegionHome, soci::use(region_id), soci::into(office);
    return office;
}
}  // namespace tsunagu::user
