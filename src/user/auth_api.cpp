// Sign-in, sign-out and one's own password (ASVS V2/V3).
#include "audit/audit.hpp"
#include "auth/session.hpp"
#include "auth/totp.hpp"
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
                      long long office_id, bool must_change_password, bool totp_enabled = false,
                      bool totp_enrolment_required = false, long long region_id = 0) {
    json::object o{{"id", id},
                   {"login", login},
                   {"name", name},
                   {"role", auth::RoleName(role)},
                   {"office_id", office_id},
                   {"must_change_password", must_change_password},
                   {"totp_enabled", totp_enabled},
                   {"totp_enrolment_required", totp_enrolment_required}};
    if (role == auth::Role::kRegion) o["region_id"] = region_id;
    return o;
}

constexpr const char* kTotpCookie = "tsunagu_totp";

//! The cookie of the second sign-in step: only sent to /api/v1/auth, for 5 minutes.
std::string TotpCookie(const http::Context& ctx, const std::string& value, bool clear) {
    std::string c = std::string(kTotpCookie) + "=" + value + "; Path=/api/v1/auth; HttpOnly; SameSite=Strict";
    if (ctx.settings.secure_cookies || ctx.req.secure) c += "; Secure";
    c += clear ? "; Max-Age=0" : "; Max-Age=300";
    return c;
}

bool TotpRequiredFor(const User& u) {
    return u.office_requires_totp && u.role != auth::Role::kSpecialist && !u.totp_enabled;
}

http::ApiError BadCredentials() {
    return http::ApiError(401, "invalid_credentials", "ログインIDまたはパスワードが正しくありません。");
}

void AppendLogin(storage::Tx& tx, const http::Context& ctx, long long user_id, long long office_id,
                 const std::string& outcome, const std::string& action = "login", const std::string& entity = "session",
                 const std::string& entity_id = "") {
    audit::AuditEvent e;
    e.office_id = office_id;
    e.user_id = user_id;
    e.action = action;
    e.entity = entity;
    e.entity_id = entity_id;
    e.request_id = ctx.req.request_id;
    e.client_addr = ctx.req.client_addr;
    e.outcome = outcome;
    audit::Append(tx, e);
}

void AuditLogin(storage::Database& db, const http::Context& ctx, long long user_id, long long office_id,
                const std::string& outcome) {
    storage::Tx tx(db);
    AppendLogin(tx, ctx, user_id, office_id, outcome);
    tx.Commit();
}

//! A refused attempt (lockout, address limit) is counted; only the first of its 15-minute window
//! writes an audit row, which names the counter row (login_refusals) holding the total (issue #13).
void CountRefused(storage::Tx& tx, const http::Context& ctx, const std::string& kind, const std::string& subject,
                  long long user_id, long long office_id, const std::string& outcome, const std::string& action) {
    const auto [row, n] = auth::CountRefusal(tx, kind, subject);
    if (n == 1) AppendLogin(tx, ctx, user_id, office_id, outcome, action, "login_refusals", std::to_string(row));
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
            CountRefused(tx, ctx, "login", login, locked ? locked->id : 0, locked ? locked->office_id : 0, "locked_out",
                         "login");
            tx.Commit();
            throw http::ApiError(
                429, "locked_out",
                "ログインの失敗が続いたため、一時的にロックしています。15分ほど待ってからお試しください。");
        }
        // One address guessing across many logins (which the per-login lockout does not see).
        if (auth::AddressThrottled(auth::RecentFailuresFrom(tx, ctx.req.client_addr, since), ctx.settings)) {
            CountRefused(tx, ctx, "address", ctx.req.client_addr, 0, 0, "throttled", "login");
            tx.Commit();
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
    // Stored with other Argon2id parameters than the server's (an older default, a demo made with
    // the test cost): hash it again now that the password is known (issue #13).
    const std::string rehashed = crypto::NeedsRehash(u->password_hash) ? crypto::HashPassword(password) : "";
    storage::Tx tx(ctx.db);
    // The account may have changed while the password was being checked (reset, deactivation).
    const auto now_user = FindById(tx, u->id, 0);
    if (!now_user || !now_user->active || now_user->password_hash != u->password_hash) {
        tx.Commit();
        throw BadCredentials();
    }
    auth::MarkAttemptSucceeded(tx, attempt_id);
    if (!rehashed.empty()) Rehash(tx, u->id, u->password_hash, rehashed);
    // Rotate: a session cookie that came with the request is ended, a new one issued.
    if (auto old = ctx.req.Cookie(auth::kSessionCookie)) auth::EndSessionByToken(tx, *old);
    if (now_user->totp_enabled) {
        // Two-factor: the password was right; the session comes with a code (POST /auth/totp).
        const std::string challenge = CreateTotpChallenge(tx, u->office_id, u->id);
        AppendLogin(tx, ctx, u->id, u->office_id, "totp_required");
        tx.Commit();
        http::Response r = http::Json(json::object{{"totp_required", true}});
        r.headers.emplace_back("Set-Cookie", TotpCookie(ctx, challenge, false));
        return r;
    }
    const auth::NewSession ns = auth::CreateSession(tx, u->id, u->office_id);
    audit::AuditEvent e{u->office_id,        u->id, "login", "session", std::to_string(ns.id), 0, ctx.req.request_id,
                        ctx.req.client_addr, "ok"};
    audit::Append(tx, e);
    tx.Commit();
    http::Response r = http::Json(
        json::object{{"csrf_token", ns.csrf_token},
                     {"user", UserJson(u->id, u->login, u->name, u->role, u->office_id, now_user->must_change_password,
                                       false, TotpRequiredFor(*now_user), u->region_id)}});
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
    return http::Json(
        json::object{{"csrf_token", p.csrf_token},
                     {"user", UserJson(p.user_id, p.login, p.name, p.role, p.office_id, p.must_change_password,
                                       p.totp_enabled, p.totp_enrolment_required, p.region_id)}});
}

http::Response ChangeOwnPassword(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const std::string old_pw = f.Secret("old_password");
    const std::string new_pw = f.Secret("new_password");
    if (auto problem = auth::PasswordProblem(new_pw, ctx.user.login); !problem.empty())
        throw http::Invalid("new_password", problem);
    if (new_pw == old_pw) throw http::Invalid("new_password", "今のパスワードとは別のパスワードにしてください。");
    std::optional<User> u;
    long long attempt_id = 0;
    {
        // Guessing the old password counts towards the same lockout as signing in. The check and
        // the count are one write transaction, so parallel guesses cannot all pass the check before
        // any of them is counted (issue #13); success turns the attempt back into a success below.
        storage::Tx tx(ctx.db);
        const long long since = auth::NowEpoch() - ctx.settings.lockout_window_seconds;
        if (auth::LockedOut(auth::RecentFailures(tx, ctx.user.login, since), ctx.settings)) {
            CountRefused(tx, ctx, "login", ctx.user.login, ctx.user.user_id, ctx.user.office_id, "locked_out",
                         "change_password");
            tx.Commit();
            throw http::ApiError(429, "locked_out",
                                 "失敗が続いたため、一時的にロックしています。15分ほど待ってからお試しください。");
        }
        attempt_id = auth::RecordAttempt(tx, ctx.user.login, false, ctx.req.client_addr);
        u = FindById(tx, ctx.user.user_id, ctx.user.office_id);
        tx.Commit();
    }
    if (!u || !crypto::VerifyPassword(u->password_hash, old_pw))
        throw http::Invalid("old_password", "現在のパスワードが正しくありません。");
    const std::string hash = crypto::HashPassword(new_pw);
    storage::Tx tx(ctx.db);
    auth::MarkAttemptSucceeded(tx, attempt_id);
    SetPassword(tx, u->id, hash, false);
    auth::EndUserSessions(tx, u->id, ctx.user.session_id);
    audit::Record(tx, ctx, "change_password", "user", std::to_string(u->id));
    tx.Commit();
    return http::Json(json::object{{"status", "ok"}});
}

http::Response TotpLoginApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    const std::string code = f.Has("code") ? f.Text("code", true, 10) : "";
    const std::string recovery = f.Has("recovery_code") ? f.Text("recovery_code", true, 20) : "";
    if (code.empty() && recovery.empty()) throw http::Invalid("code", "確認コードを入力してください。");
    const auto token = ctx.req.Cookie(kTotpCookie);
    std::optional<User> u;
    long long attempt_id = 0;
    {
        storage::Tx tx(ctx.db);
        const long long uid = token ? FindTotpChallenge(tx, *token) : 0;
        if (uid != 0) u = FindById(tx, uid, 0);
        if (!u || !u->active || !u->totp_enabled) {
            tx.Commit();
            throw http::ApiError(401, "unauthenticated", "確認の期限が切れました。もう一度ログインしてください。");
        }
        // Codes count towards the same lockout as passwords, checked and counted in one step.
        const long long since = auth::NowEpoch() - ctx.settings.lockout_window_seconds;
        if (auth::LockedOut(auth::RecentFailures(tx, u->login, since), ctx.settings)) {
            CountRefused(tx, ctx, "login", u->login, u->id, u->office_id, "locked_out", "login");
            tx.Commit();
            throw http::ApiError(
                429, "locked_out",
                "ログインの失敗が続いたため、一時的にロックしています。15分ほど待ってからお試しください。");
        }
        attempt_id = auth::RecordAttempt(tx, u->login, false, ctx.req.client_addr);
        tx.Commit();
    }
    storage::Tx tx(ctx.db);
    bool ok = false;
    if (!code.empty()) {
        const auto key = auth::Base32Decode(u->totp_secret);
        const auto step = key ? auth::VerifyTotp(*key, code, auth::NowEpoch(), u->totp_last_step) : std::nullopt;
        ok = step && UseTotpStep(tx, u->id, static_cast<long long>(*step));  // never the same code twice
    } else {
        ok = UseRecoveryCode(tx, u->office_id, u->id, crypto::Sha256Hex(auth::NormaliseRecoveryCode(recovery)));
    }
    if (!ok) {
        AppendLogin(tx, ctx, u->id, u->office_id, "totp_failure");
        tx.Commit();
        throw http::ApiError(401, "invalid_code", "確認コードが正しくありません。",
                             code.empty() ? "recovery_code" : "code");
    }
    auth::MarkAttemptSucceeded(tx, attempt_id);
    EndTotpChallenge(tx, *token);
    const auth::NewSession ns = auth::CreateSession(tx, u->id, u->office_id);
    AppendLogin(tx, ctx, u->id, u->office_id, code.empty() ? "ok_recovery_code" : "ok", "login", "session",
                std::to_string(ns.id));
    tx.Commit();
    http::Response r = http::Json(json::object{
        {"csrf_token", ns.csrf_token},
        {"user", UserJson(u->id, u->login, u->name, u->role, u->office_id, u->must_change_password, true, false)}});
    r.headers.emplace_back("Set-Cookie", Cookie(ctx, ns.token, false));
    r.headers.emplace_back("Set-Cookie", TotpCookie(ctx, "", true));
    return r;
}

}  // namespace tsunagu::user
