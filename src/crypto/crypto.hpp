#pragma once
#include <stdexcept>
#include <string>

namespace tsunagu::crypto {

//! Initialises libsodium; call once at start-up (idempotent).
void Init();
//! SHA-256 of `data` as 64 lower-case hex characters.
std::string Sha256Hex(const std::string& data);
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
