#include "crypto/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
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

namespace {
constexpr std::size_t kShaBlock = 64;
constexpr std::size_t kShaBytes = 32;

//! SHA-256 fetched once for the process (OpenSSL 3: a fetch per use costs a lookup under a lock).
const EVP_MD* Sha256() {
    static const EVP_MD* md = [] {
        const EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        if (m == nullptr) throw std::runtime_error("OpenSSL: no SHA-256");
        return m;
    }();
    return md;
}

struct CtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Ctx = std::unique_ptr<EVP_MD_CTX, CtxFree>;

void Check(int ok) {
    if (ok != 1) throw std::runtime_error("OpenSSL SHA-256 failed");
}

//! A SHA-256 context that has hashed `block` (64 bytes).
EVP_MD_CTX* After(const std::array<unsigned char, kShaBlock>& block) {
    Ctx c(EVP_MD_CTX_new());
    if (!c) throw std::runtime_error("OpenSSL: out of memory");
    Check(EVP_DigestInit_ex(c.get(), Sha256(), nullptr));
    Check(EVP_DigestUpdate(c.get(), block.data(), block.size()));
    return c.release();
}
}  // namespace

HmacSha256::HmacSha256(std::string_view key) : inner_(nullptr), outer_(nullptr) {
    // RFC 2104: a key longer than the block is hashed first; then zero-padded to the block.
    std::array<unsigned char, kShaBlock> k{};
    if (key.size() > kShaBlock) {
        unsigned int n = 0;
        Check(EVP_Digest(key.data(), key.size(), k.data(), &n, Sha256(), nullptr));
    } else {
        std::copy(key.begin(), key.end(), k.begin());
    }
    std::array<unsigned char, kShaBlock> ipad{}, opad{};
    for (std::size_t i = 0; i < kShaBlock; ++i) {
        ipad[i] = static_cast<unsigned char>(k[i] ^ 0x36U);
        opad[i] = static_cast<unsigned char>(k[i] ^ 0x5cU);
    }
    sodium_memzero(k.data(), k.size());
    Ctx inner(After(ipad));
    outer_ = After(opad);
    inner_ = inner.release();
    sodium_memzero(ipad.data(), ipad.size());
    sodium_memzero(opad.data(), opad.size());
}

HmacSha256::~HmacSha256() {
    EVP_MD_CTX_free(inner_);
    EVP_MD_CTX_free(outer_);
}

std::string HmacSha256::Hex(std::string_view message) const {
    // One scratch context per thread, copied from the key's contexts (which are only read).
    thread_local const Ctx scratch(EVP_MD_CTX_new());
    if (!scratch) throw std::runtime_error("OpenSSL: out of memory");
    std::array<unsigned char, kShaBytes> inner{}, mac{};
    unsigned int n = 0;
    Check(EVP_MD_CTX_copy_ex(scratch.get(), inner_));
    Check(EVP_DigestUpdate(scratch.get(), message.data(), message.size()));
    Check(EVP_DigestFinal_ex(scratch.get(), inner.data(), &n));
    Check(EVP_MD_CTX_copy_ex(scratch.get(), outer_));
    Check(EVP_DigestUpdate(scratch.get(), inner.data(), inner.size()));
    Check(EVP_DigestFinal_ex(scratch.get(), mac.data(), &n));
    return crypto::Hex(mac.data(), mac.size());
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
