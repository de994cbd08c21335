// Sign-in, sign-out and one's own password (ASVS V2/V3).
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

std::string Cookie(const http::Context& ctx, const std::string& value, bool clear) {
    std::string c = std::string(auth::kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
    if (ctx.settings.secure_cookies || ctx.req.secure) c += "; Secure";
    if (clear) c += "; Max-Age=0";
    return c;
}

json::object UserJson(long long id, const std::string& login, const std::string& name, auth::Role role,
                      long long office_id, long long region_id = 0) {
    json::object o{
        {"id", id}, {"login", login}, {"name", name}, {"role", auth::RoleName(role)}, {"office_id", office_id}};
    if (role == auth::Role::kRegion) o["region_id"] = region_id;
    return o;
}

http::ApiError BadCredentials() {
    return http::ApiError(401, "invalid_credentials", "ログインIDまたはパスワードが正しくありません。");
}

void AuditLogin(storage::Database& db, const http::Context& ctx, long long user_id, long long office_id,
                const std::string& outcome) {
    storage::Tx tx(db);
    audit::AuditEvent e;
    e.office_id = office_id;
    e.user_id = user_id;
    e.action = "login";
    e.entity = "session";
    e.request_id = ctx.req.request_id;
    e.client_addr = ctx.req.client_addr;
    e.outcome = outcome;
    audit::Append(tx, e);
    tx.Commit();
}

}  // namespace

http::Response Login(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const std::string login = f.Text("login", true, 100);
    const std::string password = f.Secret("password");
    // Check the lockout and record this attempt as a failure in one write transaction, so parallel
    // guesses cannot all pass the check before any of them is counted; success rewrites it below.
    std::optional<User> u;
    long long attempt_id = 0;
    {
        storage::Tx tx(ctx.db);
        const long long since = auth::NowEpoch() - ctx.settings.lockout_window_seconds;
        if (auth::LockedOut(auth::RecentFailures(tx, login, since), ctx.settings)) {
            const auto locked = FindByLogin(tx, login);  // so that office's chief sees the attack
            tx.Commit();
            AuditLogin(ctx.db, ctx, locked ? locked->id : 0, locked ? locked->office_id : 0, "locked_out");
            throw http::ApiError(
                429, "locked_out",
                "ログインの失敗が続いたため、一時的にロックしています。15分ほど待ってからお試しください。");
        }
        // One address guessing across many logins (which the per-login lockout does not see).
        if (auth::AddressThrottled(auth::RecentFailuresFrom(tx, ctx.req.client_addr, since), ctx.settings)) {
            tx.Commit();
            AuditLogin(ctx.db, ctx, 0, 0, "throttled");
            throw http::ApiError(429, "rate_limited",
                                 "この端末からのログインの失敗が多すぎます。しばらく待ってからお試しください。");
        }
        attempt_id = auth::RecordAttempt(tx, login, false, ctx.req.client_addr);
        u = FindByLogin(tx, login);
        tx.Commit();
    }
    // Verify outside any transaction (Argon2id takes a while) and always verify something, so an
    // unknown login costs the same time as a wrong password.
    const bool known = u && u->active;
    const bool ok = crypto::VerifyPassword(known ? u->password_hash : crypto::DummyHash(), password) && known;
    if (!ok) {
        AuditLogin(ctx.db, ctx, known ? u->id : 0, known ? u->office_id : 0, "failure");
        throw BadCredentials();
    }
    storage::Tx tx(ctx.db);
    // The account may have changed while the password was being checked (reset, deactivation).
    const auto now_user = FindById(tx, u->id, 0);
    if (!now_user || !now_user->active || now_user->password_hash != u->password_hash) {
        tx.Commit();
        throw BadCredentials();
    }
    auth::MarkAttemptSucceeded(tx, attempt_id);
    // Rotate: a session cookie that came with the request is ended, a new one issued.
    if (auto old = ctx.req.Cookie(auth::kSessionCookie)) auth::EndSessionByToken(tx, *old);
    const auth::NewSession ns = auth::CreateSession(tx, u->id, u->office_id);
    audit::AuditEvent e{u->office_id,        u->id, "login", "session", std::to_string(ns.id), 0, ctx.req.request_id,
                        ctx.req.client_addr, "ok"};
    audit::Append(tx, e);
    tx.Commit();
    http::Response r =
        http::Json(json::object{{"csrf_token", ns.csrf_token},
                                {"user", UserJson(u->id, u->login, u->name, u->role, u->office_id, u->region_id)}});
    r.headers.emplace_back("Set-Cookie", Cookie(ctx, ns.token, false));
    return r;
}

http::Response Logout(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    auth::EndSession(tx, ctx.user.session_id);
    audit::Record(tx, ctx, "logout", "session", std::to_string(ctx.user.session_id));
    tx.Commit();
    http::Response r = http::Json(json::object{{"status", "ok"}});
    r.headers.emplace_back("Set-Cookie", Cookie(ctx, "", true));
    return r;
}

http::Response Me(http::Context& ctx) {
    const auth::Principal& p = ctx.user;
    return http::Json(json::object{{"csrf_token", p.csrf_token},
                                   {"user", UserJson(p.user_id, p.login, p.name, p.role, p.office_id, p.region_id)}});
}

http::Response ChangeOwnPassword(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const std::string old_pw = f.Secret("old_password");
    const std::string new_pw = f.Secret("new_password");
    if (auto problem = auth::PasswordProblem(new_pw, ctx.user.login); !problem.empty())
        throw http::Invalid("new_password", problem);
    std::optional<User> u;
    {
        storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
        u = FindById(tx, ctx.user.user_id, ctx.user.office_id);
    }
    {
        // Guessing the old password counts towards the same lockout as signing in.
        storage::Tx tx(ctx.db);
        const long long since = auth::NowEpoch() - ctx.settings.lockout_window_seconds;
        if (auth::LockedOut(auth::RecentFailures(tx, ctx.user.login, since), ctx.settings))
            throw http::ApiError(429, "locked_out",
                                 "失敗が続いたため、一時的にロックしています。15分ほど待ってからお試しください。");
        tx.Commit();
    }
    if (!u || !crypto::VerifyPassword(u->password_hash, old_pw)) {
        storage::Tx tx(ctx.db);
        auth::RecordAttempt(tx, ctx.user.login, false, ctx.req.client_addr);
        tx.Commit();
        throw http::Invalid("old_password", "現在のパスワードが正しくありません。");
    }
    const std::string hash = crypto::HashPassword(new_pw);
    storage::Tx tx(ctx.db);
    SetPassword(tx, u->id, hash);
    auth::EndUserSessions(tx, u->id, ctx.user.session_id);
    audit::Record(tx, ctx, "change_password", "user", std::to_string(u->id));
    tx.Commit();
    return http::Json(json::object{{"status", "ok"}});
}

}  // namespace tsunagu::user
