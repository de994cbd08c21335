#include "consent/consent.hpp"

#include <gtest/gtest.h>

namespace tsunagu::consent {
namespace {

TEST(ConsentStatus, WithdrawnThenExpiredThenActive) {
    Consent c;
    c.given_on = "2026-04-01";
    EXPECT_EQ(StatusOn(c, "2030-01-01"), "active");  // no expiry
    c.expires_on = "2027-03-31";
    EXPECT_EQ(StatusOn(c, "2027-03-31"), "active");  // valid through its last day
    EXPECT_EQ(StatusOn(c, "2027-04-01"), "expired");
    c.withdrawn_on = "2026-05-01";
    EXPECT_EQ(StatusOn(c, "2026-06-01"), "withdrawn");
}

}  // namespace
}  // namespace tsunagu::consent
