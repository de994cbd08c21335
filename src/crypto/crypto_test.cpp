// Rehash at sign-in and the dummy hash's cost (issue #13); HMAC-SHA-256 (the audit chain's MAC).
#include "crypto/crypto.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <thread>
#include <vector>

namespace tsunagu::crypto {
namespace {

TEST(Crypto, RehashWhenTheCostDiffers) {
    Init();
    SetPasswordCost(PwCost::kInteractive);
    const std::string h = HashPassword("correct horse battery");
    EXPECT_FALSE(NeedsRehash(h));
    EXPECT_TRUE(VerifyPassword(h, "correct horse battery"));
    // The dummy hash is made at the current cost, like real ones.
    EXPECT_FALSE(NeedsRehash(DummyHash()));
    SetPasswordCost(PwCost::kModerate);
    EXPECT_TRUE(NeedsRehash(h));
    EXPECT_TRUE(NeedsRehash("not a hash"));
    SetPasswordCost(PwCost::kInteractive);
}

// RFC 4231 test cases 1, 2 and 6 (a key of 131 bytes: longer than the block, hashed first).
TEST(HmacSha256, Rfc4231KnownAnswers) {
    EXPECT_EQ(HmacSha256(std::string(20, '\x0b')).Hex("Hi There"),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(HmacSha256("Jefe").Hex("what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(HmacSha256(std::string(131, '\xaa')).Hex("Test Using Larger Than Block-Size Key - Hash Key First"),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

//! libsodium's HMAC-SHA-256 of `m` under `key` (what the chain was MACed with before), as hex.
std::string SodiumHex(const std::string& key, const std::string& m) {
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(m.data()), m.size());
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[2 * sizeof mac + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

// The same MAC as libsodium's for keys of every length around the block (63, 64, 65 bytes) and
// messages across SHA-256's padding boundaries (55, 56, 64 bytes): rows MACed before verify now.
TEST(HmacSha256, SameAsLibsodiumForEveryKeyAndMessageLength) {
    Init();
    for (std::size_t k : {0, 1, 32, 63, 64, 65, 200}) {
        const std::string key = RandomHex(k).substr(0, k);
        const HmacSha256 mac(key);
        for (std::size_t n : {0, 1, 55, 56, 63, 64, 65, 119, 120, 300}) {
            const std::string m = RandomHex(n).substr(0, n);
            EXPECT_EQ(mac.Hex(m), SodiumHex(key, m)) << "key " << k << " message " << n;
        }
    }
}

// One key's MAC used from several threads at once (PostgreSQL's writers append in parallel).
TEST(HmacSha256, SeveralThreadsAtOnceGetTheSameMacs) {
    Init();
    const std::string key(32, 'k');
    const HmacSha256 mac(key);
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i) {
                const std::string m = "row " + std::to_string(t * 1000 + i);
                if (mac.Hex(m) != SodiumHex(key, m)) ++wrong[t];
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace tsunagu::crypto
