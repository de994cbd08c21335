#include "auth/totp.hpp"

#include <gtest/gtest.h>

namespace tsunagu::auth {
namespace {

// RFC 6238 Appendix B, SHA-1, 8 digits, key "12345678901234567890".
TEST(Totp, Rfc6238Vectors) {
    const std::string key = "12345678901234567890";
    const struct {
        long long t;
        const char* code;
    } cases[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                 {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
    for (const auto& c : cases) EXPECT_EQ(HotpCode(key, TotpStep(c.t), 8), c.code) << c.t;
}

// RFC 4226 Appendix D: HOTP values of the same key, 6 digits.
TEST(Totp, Rfc4226Vectors) {
    const std::string key = "12345678901234567890";
    const char* want[] = {"755224", "287082", "359152", "969429", "338314",
                          "254676", "287922", "162583", "399871", "520489"};
    for (int i = 0; i < 10; ++i) EXPECT_EQ(HotpCode(key, static_cast<std::uint64_t>(i)), want[i]);
}

TEST(Totp, Base32RoundTrip) {
    EXPECT_EQ(Base32Encode("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    EXPECT_EQ(*Base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), "12345678901234567890");
    EXPECT_FALSE(Base32Decode("GEZ1").has_value());
}

TEST(Totp, VerifyAcceptsOneStepOfDriftAndNoReplay) {
    const std::string key = "12345678901234567890";
    const long long now = 1111111111;
    const auto step = TotpStep(now);
    EXPECT_EQ(VerifyTotp(key, HotpCode(key, step), now, 0), step);
    EXPECT_EQ(VerifyTotp(key, HotpCode(key, step - 1), now, 0), step - 1);
    EXPECT_EQ(VerifyTotp(key, HotpCode(key, step + 1), now, 0), step + 1);
    EXPECT_FALSE(VerifyTotp(key, HotpCode(key, step - 2), now, 0).has_value());
    EXPECT_FALSE(VerifyTotp(key, HotpCode(key, step), now, static_cast<long long>(step)).has_value());  // used
    EXPECT_FALSE(VerifyTotp(key, "12345", now, 0).has_value());
    EXPECT_FALSE(VerifyTotp(key, "12a456", now, 0).has_value());
}

TEST(Totp, RecoveryCodesAndQr) {
    const auto codes = NewRecoveryCodes();
    ASSERT_EQ(codes.size(), 10U);
    EXPECT_EQ(codes[0].size(), 11U);
    EXPECT_EQ(NormaliseRecoveryCode("abcde-fghij "), "ABCDEFGHIJ");
    const std::string svg = QrSvg(OtpauthUri("tsunagu", "sato", "GEZDGNBV"), "QR");
    EXPECT_EQ(svg.rfind("<svg", 0), 0U);
    EXPECT_NE(svg.find("<path"), std::string::npos);
    // The finder pattern's corner module is always dark: the first square, inside the quiet zone of 4.
    EXPECT_NE(svg.find("d=\"M4 4h1v1h-1zM5 4h1v1h-1z"), std::string::npos) << svg.substr(0, 400);
}

}  // namespace
}  // namespace tsunagu::auth
