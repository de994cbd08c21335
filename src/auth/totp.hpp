#pragma once
// Two-factor sign-in with TOTP (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits), which any
// authenticator app speaks. Pure functions here (totp_rules.cpp); the QR code is rendered by the
// server as SVG (totp_qr.cpp, libqrencode) so the secret never goes to a third-party service.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tsunagu::auth {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr int kRecoveryCodes = 10;

//! RFC 4648 base32 without padding (the form authenticator apps take).
std::string Base32Encode(const std::string& bytes);
//! Decodes base32 (case-insensitive, spaces and '=' ignored); nullopt when invalid.
std::optional<std::string> Base32Decode(const std::string& text);
//! The HOTP value (RFC 4226) of `key` at counter `step`, zero-padded to `digits`.
std::string HotpCode(const std::string& key, std::uint64_t step, int digits = kTotpDigits);
//! The 30-second step holding epoch second `t`.
std::uint64_t TotpStep(long long t);
//! The step `code` is valid for at epoch second `now` (one step either side for clock drift) and
//! later than `last_step` (no code is accepted twice); nullopt otherwise.
std::optional<std::uint64_t> VerifyTotp(const std::string& key, const std::string& code, long long now,
                                        long long last_step);
//! A new random 160-bit secret, base32.
std::string NewTotpSecret();
//! A recovery code as typed ("abcde-fghij", spaces, lower case) in the form that is hashed.
std::string NormaliseRecoveryCode(const std::string& code);
//! `n` new random recovery codes, "XXXXX-XXXXX" (base32, 50 bits each).
std::vector<std::string> NewRecoveryCodes(int n = kRecoveryCodes);
//! otpauth:// URI for authenticator apps.
std::string OtpauthUri(const std::string& issuer, const std::string& login, const std::string& base32_secret);
//! The QR code of `text` as an SVG document (black modules on white, a 4-module quiet zone).
std::string QrSvg(const std::string& text, const std::string& label);

}  // namespace tsunagu::auth
