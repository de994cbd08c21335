#pragma once
#include <cstddef>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/crypto.hpp"

namespace tsunagu::cli {

// An encrypted backup (format version 1), all integers little-endian:
//   "TSUNAGU-BACKUP\0" (15 bytes) | version (1 byte) | Argon2id salt (16) | opslimit (u64) | memlimit (u64)
//   | secretstream header (24) | chunks of crypto_secretstream_xchacha20poly1305, each 64 KiB of
//   plaintext + 17 bytes, the last shorter and tagged FINAL.
// The bytes before the secretstream header are the first chunk's associated data, so they are
// authenticated too. A plain backup is an SQLite file ("SQLite format 3\0").

//! The first bytes of an encrypted backup, terminating NUL included.
inline constexpr std::string_view kBackupMagic{"TSUNAGU-BACKUP\0", 15};
//! Plaintext bytes per secretstream chunk.
inline constexpr std::size_t kBackupChunkBytes = 64 * 1024;
//! Shortest passphrase `backup --encrypt` accepts, in characters (UTF-8 code points).
inline constexpr std::size_t kMinPassphraseChars = 12;

//! Argon2id cost of the key derivation; recorded in the header, so restore needs no setting.
struct KdfLimits {
    unsigned long long ops = 0;
    std::size_t mem = 0;
};
//! libsodium's MODERATE limits (the default), or INTERACTIVE ones (TSUNAGU_PWHASH=interactive).
KdfLimits BackupKdfLimits(crypto::PwCost cost);

//! Thrown for every failure to decrypt: wrong passphrase, an edited, truncated or extended file.
//! One message for all, because authenticated encryption cannot tell them apart.
struct BackupDecryptError : std::runtime_error {
    BackupDecryptError() : std::runtime_error("wrong passphrase or damaged backup") {}
};

//! A passphrase's bytes, wiped (sodium_memzero) when it goes out of scope. Room is reserved up front
//! so that reading a line into `text` leaves no stale copies behind in freed memory.
struct Passphrase {
    std::string text;
    Passphrase() { text.reserve(1024); }
    ~Passphrase();
    Passphrase(const Passphrase&) = delete;
    Passphrase& operator=(const Passphrase&) = delete;
};

//! Empty when `passphrase` is long enough, else the reason.
std::string PassphraseProblem(std::string_view passphrase);

//! True when `in` starts with kBackupMagic (reads those bytes).
bool HasBackupMagic(std::istream& in);
//! True when the file at `path` is an encrypted backup; false when it is anything else or missing.
bool IsEncryptedBackup(const std::string& path);

//! Encrypts all of `in` into `out` with a key derived from `passphrase` and a fresh random salt.
//! Throws std::runtime_error when reading, writing or the key derivation (memory) fails.
void EncryptBackup(std::istream& in, std::ostream& out, std::string_view passphrase, KdfLimits limits);
//! Decrypts a stream written by EncryptBackup into `out`. Throws BackupDecryptError unless every
//! chunk authenticates and the final one is the last; `out` then holds an incomplete plaintext
//! that the caller must discard. std::runtime_error for a format version newer than this binary.
void DecryptBackup(std::istream& in, std::ostream& out, std::string_view passphrase);
//! The header of an encrypted backup (format, KDF limits, salt, stream header), checked before any
//! key is derived: a crafted header throws (BackupDecryptError or std::runtime_error). Fuzzed.
struct BackupHeader {
    KdfLimits limits;
    std::vector<unsigned char> fixed;          //!< magic | version | salt | opslimit | memlimit
    std::vector<unsigned char> stream_header;  //!< the secretstream header
};
BackupHeader ReadBackupHeader(std::istream& in);

}  // namespace tsunagu::cli
