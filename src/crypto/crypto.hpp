#pragma once
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
//! Argon2id hash in libsodium's encoded form ($argon2id$...).
std::string HashPassword(const std::string& password);
//! Constant-time verification; false for a malformed hash.
bool VerifyPassword(const std::string& encoded, const std::string& password);
//! A hash of a random password, verified against when the login is unknown so both paths take similar time.
const std::string& DummyHash();

}  // namespace tsunagu::crypto
