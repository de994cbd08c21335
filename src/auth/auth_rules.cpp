#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

#include "auth/session.hpp"
#include "http/json_body.hpp"

namespace tsunagu::auth {

namespace {
//! Passwords seen most often in breach corpora (NIST SP 800-63B asks to refuse them).
constexpr std::array<const char*, 20> kCommonPasswords = {
    "123456789012", "password1234", "passwordpassword", "qwertyuiopas", "111111111111", "000000000000", "123123123123",
    "abcdefghijkl", "iloveyou1234", "qwerty123456",     "1q2w3e4r5t6y", "password123!", "adminadmin12", "welcome12345",
    "letmein12345", "tsunagu12345", "aaaaaaaaaaaa",     "abc123abc123", "passw0rd1234", "p@ssw0rd1234"};
}  // namespace

std::string RoleName(Role r) {
    switch (r) {
        case Role::kChief:
            return "chief";
        case Role::kAdmin:
            return "admin";
        case Role::kRegion:
            return "region";
        default:
            return "specialist";
    }
}

bool ParseRole(const std::string& s, Role& out) {
    if (s == "specialist")
        out = Role::kSpecialist;
    else if (s == "chief")
        out = Role::kChief;
    else if (s == "admin")
        out = Role::kAdmin;
    else if (s == "region")
        out = Role::kRegion;
    else
        return false;
    return true;
}

bool RegionMayCall(const std::string& pattern) {
    return pattern.rfind("/api/v1/auth/", 0) == 0 || pattern.rfind("/api/v1/region/", 0) == 0 ||
           pattern == "/healthz" || pattern == "/api/v1/openapi.json";
}

bool SessionExpired(long long created, long long last_seen, long long now, const http::Settings& s) {
    return now - last_seen > s.session_idle_seconds || now - created > s.session_absolute_seconds;
}

long long TouchInterval(const http::Settings& s) { return std::min<long long>(60, s.session_idle_seconds / 10); }

bool LockedOut(int failures, const http::Settings& s) { return failures >= s.lockout_attempts; }

bool AddressThrottled(int failures_from_address, const http::Settings& s) {
    return failures_from_address >= s.address_failure_limit;
}

std::string PasswordProblem(const std::string& password, const std::string& login) {
    const std::size_t n = http::Utf8Length(password);
    if (n < 12) return "パスワードは12文字以上にしてください。";
    if (n > 256) return "パスワードは256文字以内にしてください。";
    std::string lower = password;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* common : kCommonPasswords)
        if (lower == common) return "よく使われるパスワードは使えません。";
    if (!login.empty() && lower.find(login) != std::string::npos) return "ログインIDを含むパスワードは使えません。";
    return {};
}

long long NowEpoch() { return static_cast<long long>(std::time(nullptr)); }

}  // namespace tsunagu::auth
