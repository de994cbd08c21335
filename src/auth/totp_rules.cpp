#include <openssl/hmac.h>
#include <sodium.h>

#include <cctype>
#include <stdexcept>

#include "auth/totp.hpp"

namespace tsunagu::auth {

namespace {
constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}  // namespace

std::string Base32Encode(const std::string& bytes) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

std::optional<std::string> Base32Decode(const std::string& text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char raw : text) {
        if (raw == ' ' || raw == '=' || raw == '-') continue;
        const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        if (c >= '2' && c <= '7') v = c - '2' + 26;
        if (v < 0) return std::nullopt;
        buffer = (buffer << 5) | static_cast<unsigned>(v);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    return out;
}

std::string HotpCode(const std::string& key, std::uint64_t step, int digits) {
    unsigned char msg[8];
    for (int i = 7; i >= 0; --i) {
        msg[i] = static_cast<unsigned char>(step & 0xFF);
        step >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &len) == nullptr)
        throw std::runtime_error("HMAC-SHA-1 failed");
    const int offset = mac[len - 1] & 0x0F;
    const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                                 (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                                 (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
    std::uint32_t mod = 1;
    for (int i = 0; i < digits; ++i) mod *= 10;
    std::string code = std::to_string(binary % mod);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::uint64_t TotpStep(long long t) { return static_cast<std::uint64_t>(t < 0 ? 0 : t) / kTotpStepSeconds; }

std::optional<std::uint64_t> VerifyTotp(const std::string& key, const std::string& code, long long now,
                                        long long last_step) {
    if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
    for (char c : code)
        if (c < '0' || c > '9') return std::nullopt;
    const std::uint64_t step = TotpStep(now);
    for (std::uint64_t s : {step - 1, step, step + 1}) {
        if (static_cast<long long>(s) <= last_step) continue;
        const std::string want = HotpCode(key, s);
        if (sodium_memcmp(want.data(), code.data(), want.size()) == 0) return s;
    }
    return std::nullopt;
}

std::string NewTotpSecret() {
    std::string bytes(20, '\0');
    randombytes_buf(bytes.data(), bytes.size());
    return Base32Encode(bytes);
}

std::string NormaliseRecoveryCode(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

std::vector<std::string> NewRecoveryCodes(int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
        std::string code;
        for (int k = 0; k < 10; ++k) {
            code.push_back(kAlphabet[randombytes_uniform(32)]);
            if (k == 4) code.push_back('-');
        }
        out.push_back(code);
    }
    return out;
}

std::string OtpauthUri(const std::string& issuer, const std::string& login, const std::string& base32_secret) {
    // Logins are [A-Za-z0-9._-] (user_api.cpp), safe in a URI as they are.
    return "otpauth://totp/" + issuer + ":" + login + "?secret=" + base32_secret + "&issuer=" + issuer +
           "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) + "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace tsunagu::auth
