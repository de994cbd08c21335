#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of every includer

namespace tsunagu::crypto {

//! Initialises libsodium; call once at start-up (idempotent).
void Init();
//! SHA-256 of `data` as 64 lower-case hex characters.
std::string Sha256Hex(const std::string& data);

//! HMAC-SHA-256 under one key (RFC 2104). The key's inner and outer blocks are hashed once, when it
//! is made; each MAC then hashes only its message, with OpenSSL's SHA-256 (the CPU's SHA
//! instructions where it has them): the audit chain's rows are MACed with it, and `audit verify`
//! recomputes every row's (a fifth of libsodium's time per row, which hashes the key every time).
class HmacSha256 {
public:
    explicit HmacSha256(std::string_view key);
    ~HmacSha256();
    HmacSha256(const HmacSha256&) = delete;
    HmacSha256& operator=(const HmacSha256&) = delete;
    //! The MAC of `message` as 64 lower-case hex characters. Several threads may call it at once.
    std::string Hex(std::string_view message) const;

private:
    evp_md_ctx_st* inner_;  // SHA-256 after (key ^ ipad)
    evp_md_ctx_st* outer_;  // SHA-256 after (key ^ opad)
};

//! `bytes` random bytes from the OS CSPRNG as hex.
std::string RandomHex(std::size_t bytes);

//! Argon2id cost. Moderate is the default for servers (libsodium OPSLIMIT/MEMLIMIT_MODERATE);
//! interactive is for tests and very small machines.
enum class PwCost { kInteractive, kModerate };
void SetPasswordCost(PwCost cost);
//! Thrown when every password-hashing slot stays busy too long (a burst of logins).
struct Busy : std::runtime_error {
    Busy() : std::runtime_error("password hashing busy") {}
};
//! Argon2id hash in libsodium's encoded form ($argon2id$...). At most two run at once (memory-hard:
//! 256 MiB each), so a burst of logins cannot take every worker thread or the machine's memory.
std::string HashPassword(const std::string& password);
//! Constant-time verification; false for a malformed hash.
bool VerifyPassword(const std::string& encoded, const std::string& password);
//! True when `encoded` was made with other Argon2id parameters than the current cost (rehash it).
bool NeedsRehash(const std::string& encoded);
//! A hash of a random password, verified against when the login is unknown so both paths take similar time.
const std::string& DummyHash();

}  // namespace tsunagu::crypto
