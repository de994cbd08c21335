// Rehash at sign-in and the dummy hash's cost (issue #13).
#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tsunagu::crypto
