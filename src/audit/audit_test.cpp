#include "audit/audit.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace tsunagu::audit {
namespace {

AuditEvent Sample() { return {1, 2, "read", "person", "10", 10, "req1", "127.0.0.1", "ok"}; }

TEST(ChainHash, DependsOnEveryField) {
    crypto::Init();
    const std::string base = ChainHash(kGenesisHash, 1, "2026-11-25T00:00:00Z", Sample());
    EXPECT_EQ(base.size(), 64u);
    EXPECT_EQ(base, ChainHash(kGenesisHash, 1, "2026-11-25T00:00:00Z", Sample()));  // deterministic
    EXPECT_NE(base, ChainHash(std::string(64, '1'), 1, "2026-11-25T00:00:00Z", Sample()));
    EXPECT_NE(base, ChainHash(kGenesisHash, 2, "2026-11-25T00:00:00Z", Sample()));
    EXPECT_NE(base, ChainHash(kGenesisHash, 1, "2026-11-25T00:00:01Z", Sample()));
    auto mutate = [&](auto change) {
        AuditEvent e = Sample();
        change(e);
        return ChainHash(kGenesisHash, 1, "2026-11-25T00:00:00Z", e);
    };
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.office_id = 9; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.user_id = 9; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.action = "update"; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.entity = "plan"; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.entity_id = "11"; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.person_id = 11; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.request_id = "req2"; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.client_addr = "10.0.0.1"; }));
    EXPECT_NE(base, mutate([](AuditEvent& e) { e.outcome = "failure"; }));
}

TEST(ChainHash, FieldsCannotShiftIntoNeighbours) {
    crypto::Init();
    AuditEvent a = Sample(), b = Sample();
    a.action = "read";
    a.entity = "person";
    b.action = "readp";
    b.entity = "erson";
    EXPECT_NE(ChainHash(kGenesisHash, 1, "t", a), ChainHash(kGenesisHash, 1, "t", b));
}

}  // namespace
}  // namespace tsunagu::audit
