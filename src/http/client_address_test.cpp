// --trusted-proxy (issue #13): which address a request is attributed to.
#include <gtest/gtest.h>

#include "http/server.hpp"

namespace tsunagu::http {
namespace {

TEST(ClientAddress, Cidr) {
    EXPECT_TRUE(AddressInCidr("10.1.2.3", "10.0.0.0/8"));
    EXPECT_FALSE(AddressInCidr("11.1.2.3", "10.0.0.0/8"));
    EXPECT_TRUE(AddressInCidr("192.0.2.7", "192.0.2.7"));
    EXPECT_FALSE(AddressInCidr("192.0.2.8", "192.0.2.7/32"));
    EXPECT_TRUE(AddressInCidr("::ffff:127.0.0.1", "127.0.0.0/8"));  // IPv4-mapped
    EXPECT_TRUE(AddressInCidr("2001:db8::1", "2001:db8::/32"));
    EXPECT_FALSE(AddressInCidr("2001:db9::1", "2001:db8::/32"));
    EXPECT_FALSE(AddressInCidr("10.0.0.1", "::/0"));
    EXPECT_FALSE(AddressInCidr("10.0.0.1", "10.0.0.0/33"));
    EXPECT_FALSE(AddressInCidr("10.0.0.1", "bogus/8"));
    EXPECT_FALSE(AddressInCidr("", "10.0.0.0/8"));
}

TEST(ClientAddress, ForwardedForOnlyFromATrustedProxy) {
    const std::vector<std::string> proxies = {"127.0.0.1/32", "10.0.0.0/8"};
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
    EXPECT_EQ(ClientAddress("203.0.113.5", "198.51.100.1", proxies), "203.0.113.5");  // not trusted
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", {}), "127.0.0.1");           // no flag
    EXPECT_EQ(ClientAddress("127.0.0.1", "", proxies), "127.0.0.1");
    // right-most untrusted entry; a client-chosen left part is not believed
    EXPECT_EQ(ClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", proxies), "198.51.100.1");
    EXPECT_EQ(ClientAddress("127.0.0.1", "spoofed, 203.0.113.9", proxies), "203.0.113.9");
    EXPECT_EQ(ClientAddress("127.0.0.1", " [2001:db8::7] ", proxies), "2001:db8::7");
    EXPECT_EQ(ClientAddress("127.0.0.1", "garbage", proxies), "127.0.0.1");
}

}  // namespace
}  // namespace tsunagu::http
