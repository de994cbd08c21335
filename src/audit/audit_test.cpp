#include "audit/audit.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "demo/demo_fixture.hpp"

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

// A request's rows go in one id query and INSERTs of up to 25 rows: 60 rows of two offices (office 0
// and the demo office, interleaved) in one transaction, then one row alone, keep every chain intact
// and their order.
TEST(AppendAll, ManyRowsOfTwoOfficesKeepEveryChainIntactAndInOrder) {
    demo::DemoDatabase demo("audit-append-all");
    storage::Database& db = demo.db();
    long long before = 0;
    long long last_id = 0;
    {
        storage::Tx tx(db, storage::Tx::Mode::kRead);
        tx.sql() << "SELECT COUNT(*), MAX(id) FROM audit_log", soci::into(before), soci::into(last_id);
    }
    std::vector<AuditEvent> events;
    for (int i = 0; i < 60; ++i)
        events.push_back(
            {i % 3 == 0 ? 0 : demo.office(), 0, "read", "person", std::to_string(i), 0, "req", "::1", "ok"});
    {
        storage::Tx tx(db);
        AppendAll(tx, events);
        Append(tx, {demo.office(), 0, "read", "person", "60", 0, "req", "::1", "ok"});
        tx.Commit();
    }
    const VerifyResult v = Verify(db);
    EXPECT_TRUE(v.ok) << v.reason << " at " << v.first_bad_id;
    EXPECT_EQ(v.rows, before + 61);
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, entity_id FROM audit_log WHERE id > :id ORDER BY id", soci::use(last_id));
    long long n = 0;
    for (const auto& r : rows) {
        EXPECT_EQ(r.get<std::string>(1), std::to_string(n)) << "row " << n << " out of order";
        ++n;
    }
    EXPECT_EQ(n, 61);
}

}  // namespace
}  // namespace tsunagu::audit
