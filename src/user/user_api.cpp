// Staff accounts and offices: chiefs manage their office's users, admins manage offices and users.
#include "audit/audit.hpp"
#include "auth/session.hpp"
#include "crypto/crypto.hpp"
#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "storage/database.hpp"
#include "user/user.hpp"

namespace tsunagu::user {

namespace json = boost::json;

namespace {

void RequireManager(const http::Context& ctx) {
    if (!ctx.user.is_chief() && !ctx.user.is_admin()) throw http::Forbidden();
}

json::object ToJson(const User& u) {
    return {{"id", u.id},
            {"office_id", u.office_id},
            {"office_name", u.office_name},
            {"login", u.login},
            {"name", u.name},
            {"role", auth::RoleName(u.role)},
            {"region_id", u.region_id ? json::value(u.region_id) : json::value(nullptr)},
            {"active", u.active},
            {"must_change_password", u.must_change_password},
            {"created_at", u.created_at},
            {"updated_at", u.updated_at}};
}

//! The user `uid` if the caller may manage them: same office for chiefs, any office for admins.
User ManagedUser(storage::Tx& tx, const http::Context& ctx) {
    auto u = FindById(tx, ctx.req.IdParam("uid"), ctx.user.is_admin() ? 0 : ctx.user.office_id);
    if (!u) throw http::NotFound();
    // A chief manages the office's specialists and chiefs, never an administrator's account.
    if (!ctx.user.is_admin() && (u->role == auth::Role::kAdmin || u->role == auth::Role::kRegion))
        throw http::Forbidden();
    return *u;
}

//! Audits an account change in the office of the account changed, so that office's chief sees
//! what an administrator did there.
void RecordForOffice(storage::Tx& tx, const http::Context& ctx, const std::string& action, const User& target) {
    audit::AuditEvent e{target.office_id,   ctx.user.user_id,    action, "user", std::to_string(target.id), 0,
                        ctx.req.request_id, ctx.req.client_addr, "ok"};
    audit::Append(tx, e);
}

std::string CheckedPassword(const http::Fields& f, const char* key, const std::string& login) {
    const std::string pw = f.Secret(key);
    if (auto problem = auth::PasswordProblem(pw, login); !problem.empty()) throw http::Invalid(key, problem);
    return pw;
}

}  // namespace

http::Response ListUsersApi(http::Context& ctx) {
    RequireManager(ctx);
    // Chiefs see their office; admins every office, or one with ?office_id=.
    long long office = ctx.user.is_admin() ? 0 : ctx.user.office_id;
    if (ctx.user.is_admin()) office = ctx.req.IdQuery("office_id");
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    json::array items;
    for (const User& u : ListUsers(tx, office)) items.push_back(ToJson(u));
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response CreateUserApi(http::Context& ctx) {
    RequireManager(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    User u;
    u.login = f.Text("login", true, 64);
    if (u.login.size() < 3) throw http::Invalid("login", "ログインIDは3文字以上にしてください。");
    for (char c : u.login)
        if (!isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
            throw http::Invalid("login", "ログインIDは半角英数字と . _ - で入力してください。");
    u.name = f.Text("name", true, 100);
    const std::vector<std::string> roles = ctx.user.is_admin()
                                               ? std::vector<std::string>{"specialist", "chief", "admin", "region"}
                                               : std::vector<std::string>{"specialist", "chief"};
    auth::ParseRole(f.Enum("role", true, roles), u.role);
    const std::string pw = CheckedPassword(f, "password", u.login);
    u.office_id = ctx.user.office_id;
    // Read (and type-checked) for every role (#13): a chief may only name their own office.
    if (f.Has("office_id")) {
        const long long office = f.Int("office_id", true, 1, 1LL << 53);
        if (!ctx.user.is_admin() && office != u.office_id) f.Fail("office_id", "自事業所の職員のみ作成できます。");
        u.office_id = office;
    }
    if (u.role == auth::Role::kRegion) u.region_id = f.Int("region_id", true, 1, 1LL << 53);
    u.password_hash = crypto::HashPassword(pw);
    // A password someone else chose is one-time: it must be changed at first sign-in (issue #13).
    u.must_change_password = true;
    storage::Tx tx(ctx.db);
    if (u.role == auth::Role::kRegion) {
        // A region user belongs to no office's caseload: users.office_id names the region's first office.
        u.office_id = RegionHomeOffice(tx, u.region_id);
        if (u.office_id == 0) throw http::Invalid("region_id", "地域が見つからないか、地域に事業所がありません。");
    }
    if (!OfficeExists(tx, u.office_id)) throw http::Invalid("office_id", "事業所が見つかりません。");
    u.id = CreateUser(tx, u);
    RecordForOffice(tx, ctx, "create_" + auth::RoleName(u.role), u);
    AddAccountEvent(tx, u.office_id, "account_created", u.id, ctx.user.user_id);
    const User saved = *FindById(tx, u.id, 0);
    tx.Commit();
    return http::Json(ToJson(saved), 201);
}

http::Response UpdateUserApi(http::Context& ctx) {
    RequireManager(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    storage::Tx tx(ctx.db);
    User u = ManagedUser(tx, ctx);
    if (f.Has("name")) u.name = f.Text("name", true, 100);
    const auth::Role old_role = u.role;
    if (f.Has("role")) {
        if (u.id == ctx.user.user_id)
            throw http::Conflict("cannot_change_own_role", "自分自身の役割は変更できません。");
        const std::vector<std::string> roles = ctx.user.is_admin()
                                                   ? std::vector<std::string>{"specialist", "chief", "admin"}
                                                   : std::vector<std::string>{"specialist", "chief"};
        auth::ParseRole(f.Enum("role", true, roles), u.role);
    }
    if (f.Has("active")) {
        const bool active = f.Bool("active", true);
        if (!active && u.id == ctx.user.user_id)
            throw http::Conflict("cannot_deactivate_self", "自分自身のアカウントは無効にできません。");
        u.active = active;
    }
    UpdateUser(tx, u);
    // A role change or deactivation ends the user's sessions: their rights change now, not at next login.
    if (!u.active || u.role != old_role) auth::EndUserSessions(tx, u.id);
    const std::string action = u.role != old_role
                                   ? "change_role_" + auth::RoleName(old_role) + "_to_" + auth::RoleName(u.role)
                               : u.active ? "update"
                                          : "deactivate";
    RecordForOffice(tx, ctx, action, u);
    const User saved = *FindById(tx, u.id, 0);
    tx.Commit();
    return http::Json(ToJson(saved));
}

http::Response ResetPasswordApi(http::Context& ctx) {
    RequireManager(ctx);
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    std::string login;
    {
        storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
        login = ManagedUser(tx, ctx).login;
    }
    const std::string hash = crypto::HashPassword(CheckedPassword(f, "new_password", login));
    storage::Tx tx(ctx.db);
    const User u = ManagedUser(tx, ctx);  // again, inside the write: the role may have changed meanwhile
    SetPassword(tx, u.id, hash, u.id != ctx.user.user_id);  // one-time unless one's own
    auth::EndUserSessions(tx, u.id);
    RecordForOffice(tx, ctx, "reset_password", u);
    if (u.id != ctx.user.user_id) AddAccountEvent(tx, u.office_id, "password_reset", u.id, ctx.user.user_id);
    tx.Commit();
    return http::Json(json::object{{"status", "ok"}});
}

http::Response ListOfficesApi(http::Context& ctx) {
    if (!ctx.user.is_admin()) throw http::Forbidden();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    json::array items;
    for (const Office& o : ListOffices(tx))
        items.push_back(json::object{{"id", o.id}, {"name", o.name}, {"created_at", o.created_at}});
    const auto n = static_cast<long long>(items.size());
    return http::JsonList(std::move(items), n);
}

http::Response CreateOfficeApi(http::Context& ctx) {
    if (!ctx.user.is_admin()) throw http::Forbidden();
    const json::object body = http::ParseObject(ctx.req);
    const std::string name = http::Fields(body).Text("name", true, 200);
    storage::Tx tx(ctx.db);
    const long long id = CreateOffice(tx, name);
    audit::Record(tx, ctx, "create", "office", std::to_string(id));
    tx.Commit();
    return http::Json(json::object{{"id", id}, {"name", name}, {"created_at", storage::NowIso()}}, 201);
}

}  // namespace tsunagu::user
