#include <gtest/gtest.h>

#include "auth/session.hpp"
#include "crypto/crypto.hpp"

namespace tsunagu::auth {
namespace {

TEST(SessionExpired, IdleAndAbsoluteLimits) {
    http::Settings s;  // 30 min idle, 12 h absolute
    struct Case {
        long long created, last_seen, now;
        bool expired;
    } cases[] = {
        {0, 0, 30 * 60, false},                 // exactly at the idle limit
        {0, 0, 30 * 60 + 1, true},              // one second past idle
        {0, 12 * 3600 - 10, 12 * 3600, false},  // active up to the absolute limit
        {0, 12 * 3600, 12 * 3600 + 1, true},    // absolute limit passed although active
    };
    for (const auto& c : cases) EXPECT_EQ(SessionExpired(c.created, c.last_seen, c.now, s), c.expired) << c.now;
}

TEST(LockedOut, FiveFailuresLock) {
    http::Settings s;
    EXPECT_FALSE(LockedOut(4, s));
    EXPECT_TRUE(LockedOut(5, s));
    EXPECT_TRUE(LockedOut(9, s));
}

TEST(PasswordProblem, LengthCommonAndLogin) {
    EXPECT_FALSE(PasswordProblem("short-pass1", "sato").empty());  // 11 characters
    EXPECT_TRUE(PasswordProblem("correct horse battery", "sato").empty());
    EXPECT_TRUE(PasswordProblem("ひらがなのながいぱすわーど", "sato").empty());  // 13 characters, counted as characters
    EXPECT_FALSE(PasswordProblem("ひらがなのぱすわ", "sato").empty());           // 8 characters, 24 bytes
    EXPECT_FALSE(PasswordProblem("Password1234", "sato").empty());               // common, any case
    EXPECT_FALSE(PasswordProblem("my-sato-password", "sato").empty());           // contains the login
}

TEST(Roles, RoundTrip) {
    for (Role r : {Role::kSpecialist, Role::kChief, Role::kAdmin, Role::kRegion}) {
        Role back{};
        ASSERT_TRUE(ParseRole(RoleName(r), back));
        EXPECT_EQ(back, r);
    }
    Role x{};
    EXPECT_FALSE(ParseRole("owner", x));
}

TEST(Scope, OnlyChiefsSeeTheWholeOffice) {
    Principal p;
    p.office_id = 3;
    p.user_id = 7;
    p.role = Role::kSpecialist;
    EXPECT_EQ(ScopeOf(p).whole_office, 0);
    p.role = Role::kChief;
    EXPECT_EQ(ScopeOf(p).whole_office, 1);
    EXPECT_EQ(ScopeOf(p).office_id, 3);
}

TEST(Crypto, PasswordHashVerifies) {
    crypto::Init();
    crypto::SetPasswordCost(crypto::PwCost::kInteractive);
    const std::string h = crypto::HashPassword("correct horse battery");
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(crypto::VerifyPassword(h, "correct horse battery"));
    EXPECT_FALSE(crypto::VerifyPassword(h, "correct horse batterY"));
    EXPECT_FALSE(crypto::VerifyPassword("garbage", "x"));
    EXPECT_NE(crypto::HashPassword("same"), crypto::HashPassword("same"));  // salted
}

TEST(Crypto, Sha256KnownVector) {
    EXPECT_EQ(crypto::Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(crypto::RandomHex(32).size(), 64u);
    EXPECT_NE(crypto::RandomHex(32), crypto::RandomHex(32));
}

}  // namespace
}  // namespace tsunagu::auth

namespace tsunagu::auth {
namespace {
TEST(TouchInterval, AtMostAMinuteAndATenthOfTheIdleLimit) {
    http::Settings s;
    EXPECT_EQ(TouchInterval(s), 60);  // 30 min idle
    s.session_idle_seconds = 120;
    EXPECT_EQ(TouchInterval(s), 12);
    s.session_idle_seconds = 2;
    EXPECT_EQ(TouchInterval(s), 0);  // tests with tiny limits touch on every request
}
}  // namespace
}  // namespace tsunagu::auth

namespace tsunagu::auth {
namespace {
TEST(AddressThrottled, HundredFailuresFromOneAddressByDefault) {
    http::Settings s;
    EXPECT_FALSE(AddressThrottled(99, s));
    EXPECT_TRUE(AddressThrottled(100, s));
    s.address_failure_limit = 3;
    EXPECT_TRUE(AddressThrottled(3, s));
}
}  // namespace
}  // namespace tsunagu::auth
