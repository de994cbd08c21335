#include "crypto/crypto.hpp"

#include <sodium.h>

#include <atomic>
#include <chrono>
#include <semaphore>
#include <stdexcept>

namespace tsunagu::crypto {

namespace {
std::atomic<PwCost> g_cost{PwCost::kModerate};
// The server's password pool (--password-workers, at most 8) bounds the hashing it does; this
// only stops other callers (the CLI, tests) from running more than 8 at once.
std::counting_semaphore<8> g_hash_slots{8};

//! Holds one hashing slot for its lifetime; throws Busy after waiting 10 s.
struct Slot {
    Slot() {
        if (!g_hash_slots.try_acquire_for(std::chrono::seconds(10))) throw Busy();
    }
    ~Slot() { g_hash_slots.release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
};

std::string Hex(const unsigned char* p, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), p, n);
    out.pop_back();
    return out;
}
}  // namespace

void Init() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
}

std::string Sha256Hex(const std::string& data) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return Hex(out, sizeof out);
}

std::string RandomHex(std::size_t bytes) {
    std::string buf(bytes, '\0');
    randombytes_buf(buf.data(), bytes);
    return Hex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

void SetPasswordCost(PwCost cost) { g_cost = cost; }

std::string HashPassword(const std::string& password) {
    Slot slot;
    char out[crypto_pwhash_STRBYTES];
    const bool moderate = g_cost == PwCost::kModerate;
    const auto ops = moderate ? crypto_pwhash_OPSLIMIT_MODERATE : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const auto mem = moderate ? crypto_pwhash_MEMLIMIT_MODERATE : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing failed (out of memory)");
    return out;
}

bool VerifyPassword(const std::string& encoded, const std::string& password) {
    Slot slot;
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

namespace {
void Limits(unsigned long long& ops, std::size_t& mem) {
    const bool moderate = g_cost == PwCost::kModerate;
    ops = moderate ? crypto_pwhash_OPSLIMIT_MODERATE : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem = moderate ? crypto_pwhash_MEMLIMIT_MODERATE : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}
}  // namespace

bool NeedsRehash(const std::string& encoded) {
    unsigned long long ops = 0;
    std::size_t mem = 0;
    Limits(ops, mem);
    return crypto_pwhash_str_needs_rehash(encoded.c_str(), ops, mem) != 0;
}

const std::string& DummyHash() {
    // One per cost, each made at that cost: an unknown login costs what a real one does (issue #13).
    if (g_cost == PwCost::kModerate) {
        static const std::string moderate = HashPassword(RandomHex(16));
        return moderate;
    }
    static const std::string interactive = HashPassword(RandomHex(16));
    return interactive;
}

}  // namespace tsunagu::crypto
