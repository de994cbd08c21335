// Two-factor enrolment (issue #13): a new secret with its QR code (SVG drawn here, no third-party
// service), confirmed by one code, which returns 10 one-time recovery codes — shown once, stored
// hashed. The office setting makes two-factor required for chiefs and admins.
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

http::Response TotpEnrolApi(http::Context& ctx) {
    storage::Tx tx(ctx.db);
    const auto u = FindById(tx, ctx.user.user_id, 0);
    if (!u) throw http::NotFound();
    if (u->totp_enabled) throw http::Conflict("totp_already_enabled", "2段階認証はすでに設定されています。");
    const std::string secret = auth::NewTotpSecret();
    SetTotpSecret(tx, u->id, secret);
    audit::Record(tx, ctx, "totp_enrol", "user", std::to_string(u->id));
    tx.Commit();
    const std::string uri = auth::OtpauthUri("tsunagu", u->login, secret);
    return http::Json(json::object{
        {"secret", secret}, {"otpauth_uri", uri}, {"qr_svg", auth::QrSvg(uri, "2段階認証の登録用QRコード")}});
}

http::Response TotpConfirmApi(http::Context& ctx) {
    const json::object body = http::ParseObject(ctx.req);
    const std::string code = http::Fields(body).Text("code", true, 10);
    long long attempt_id = 0;
    std::optional<User> u;
    {
        // Guessing codes counts towards the sign-in lockout, checked and counted in one step.
        storage::Tx tx(ctx.db);
        const long long since = auth::NowEpoch() - ctx.settings.lockout_window_seconds;
        if (auth::LockedOut(auth::RecentFailures(tx, ctx.user.login, since), ctx.settings))
            throw http::ApiError(429, "locked_out",
                                 "失敗が続いたため、一時的にロックしています。15分ほど待ってからお試しください。");
        attempt_id = auth::RecordAttempt(tx, ctx.user.login, false, ctx.req.client_addr);
        u = FindById(tx, ctx.user.user_id, 0);
        tx.Commit();
    }
    if (!u) throw http::NotFound();
    if (u->totp_enabled) throw http::Conflict("totp_already_enabled", "2段階認証はすでに設定されています。");
    if (u->totp_secret.empty()) throw http::Conflict("totp_not_enrolling", "先に2段階認証の登録を始めてください。");
    const auto key = auth::Base32Decode(u->totp_secret);
    const auto step = key ? auth::VerifyTotp(*key, code, auth::NowEpoch(), 0) : std::nullopt;
    if (!step) throw http::Invalid("code", "確認コードが正しくありません。アプリに表示された6桁を入力してください。");
    const auto codes = auth::NewRecoveryCodes();
    std::vector<std::string> hashes;
    for (const auto& c : codes) hashes.push_back(crypto::Sha256Hex(auth::NormaliseRecoveryCode(c)));
    storage::Tx tx(ctx.db);
    auth::MarkAttemptSucceeded(tx, attempt_id);
    EnableTotp(tx, u->id, static_cast<long long>(*step));
    ReplaceRecoveryCodes(tx, u->office_id, u->id, hashes);
    audit::Record(tx, ctx, "totp_enable", "user", std::to_string(u->id));
    tx.Commit();
    json::array out;
    for (const auto& c : codes) out.push_back(json::value(c));
    return http::Json(json::object{{"recovery_codes", std::move(out)}});
}

http::Response GetOfficeSecurityApi(http::Context& ctx) {
    if (!ctx.user.is_chief() && !ctx.user.is_admin()) throw http::Forbidden();
    storage::Tx tx(ctx.db, storage::Tx::Mode::kRead);
    const bool required = OfficeRequiresTotp(tx, ctx.user.office_id);
    tx.Commit();
    return http::Json(json::object{{"require_totp", required}});
}

http::Response PutOfficeSecurityApi(http::Context& ctx) {
    if (!ctx.user.is_chief()) throw http::Forbidden();
    const json::object body = http::ParseObject(ctx.req);
    const http::Fields f(body);
    if (!f.Has("require_totp")) throw http::Invalid("require_totp", "必須です。");
    const bool required = f.Bool("require_totp", false);
    storage::Tx tx(ctx.db);
    SetOfficeRequiresTotp(tx, ctx.user.office_id, required);
    audit::Record(tx, ctx, required ? "require_totp" : "allow_no_totp", "office", std::to_string(ctx.user.office_id));
    tx.Commit();
    return http::Json(json::object{{"require_totp", required}});
}

}  // namespace tsunagu::user
