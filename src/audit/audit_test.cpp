#include "audit/audit.hpp"

#include <gtest/gtest.h>

#include <future>
#include <memory>

#include "crypto/crypto.hpp"
#include "demo/demo_fixture.hpp"
#include "storage/group_commit.hpp"
#include "storage/migrate.hpp"

namespace tsunagu::audit {
namespace {

AuditEvent Sample() { return {1, 2, "read", "person", "10", 10, "req1", "127.0.0.1", "ok"}; }

//! How many rows the log has, and its last id.
std::pair<long long, long long> RowsAndLastId(storage::Database& db) {
    long long rows = 0, last_id = 0;
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    tx.sql() << "SELECT COUNT(*), MAX(id) FROM audit_log", soci::into(rows), soci::into(last_id);
    return {rows, last_id};
}

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
    const auto [before, last_id] = RowsAndLastId(db);
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

//! Each office's rows as counted from the log itself, and as its head (the kept count) says.
std::pair<long long, long long> CountedAndHeadRows(storage::Database& db, long long office) {
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    long long counted = 0;
    tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE office_id = :o", soci::use(office), soci::into(counted);
    return {counted, ReadHead(tx, office).rows};
}

// GET /audit/head reads an office's count of rows kept with its chain (migration 0030), not a
// COUNT(*) of its log: the count follows appends of several offices in one transaction, in the group
// committer's batches (one unit failing: the batch is retried unit by unit), ignores a rolled-back
// transaction, and the migration fills it from an existing log. The head's last row is the office's.
TEST(AuditHead, AnOfficesKeptRowCountFollowsItsChainAndItsRollbacks) {
    demo::DemoDatabase demo("audit-head-rows");
    storage::Database& db = demo.db();
    const long long office = demo.office(), other = demo.office() + 700;
    auto expect_counts_true = [&](const char* when) {
        for (long long o : {0LL, office, other}) {
            const auto [counted, head] = CountedAndHeadRows(db, o);
            EXPECT_EQ(head, counted) << "office " << o << ", " << when;
        }
    };
    expect_counts_true("after the demo was seeded");
    EXPECT_GT(CountedAndHeadRows(db, office).first, 0);
    std::vector<AuditEvent> events;
    for (int i = 0; i < 70; ++i)
        events.push_back({i % 4 == 0 ? 0 : (i % 4 == 1 ? other : office), 0, "read", "person", std::to_string(i), 0,
                          "req", "::1", "ok"});
    {
        storage::Tx tx(db);
        AppendAll(tx, events);
        Append(tx, {other, 0, "read", "person", "70", 0, "req", "::1", "ok"});
        tx.Commit();
    }
    expect_counts_true("after one transaction of three offices");
    EXPECT_EQ(CountedAndHeadRows(db, other).second, 19);  // 18 of the 70, and one alone
    {
        storage::Tx tx(db);
        AppendAll(tx, events);
        // not committed: rolled back with its rows
    }
    expect_counts_true("after a rolled-back transaction");
    // The group committer: a batch whose third unit fails is committed again unit by unit.
    std::vector<std::future<void>> done;
    for (int u = 0; u < 6; ++u) {
        auto p = std::make_shared<std::promise<void>>();
        done.push_back(p->get_future());
        std::vector<storage::GroupCommit::Step> steps{[&, u](storage::Tx& tx) {
            AppendAll(tx, {{u % 2 ? office : other, 0, "read", "person", "b", 0, "r", "::1", "ok"}});
        }};
        if (u == 2) steps.push_back([](storage::Tx&) { throw std::runtime_error("this unit fails"); });
        db.group_commit().Submit(std::move(steps), [p](std::exception_ptr e) {
            if (e)
                p->set_exception(e);
            else
                p->set_value();
        });
    }
    int failed = 0;
    for (auto& f : done) try {
            f.get();
        } catch (const std::runtime_error&) {
            ++failed;
        }
    EXPECT_EQ(failed, 1);
    expect_counts_true("after the group committer's batches");
    {
        storage::Tx tx(db, storage::Tx::Mode::kRead);
        const Head h = ReadHead(tx, other);
        long long last = 0;
        std::string hash;
        tx.sql() << "SELECT id, hash FROM audit_log WHERE office_id = :o ORDER BY id DESC LIMIT 1", soci::use(other),
            soci::into(last), soci::into(hash);
        EXPECT_EQ(h.last_id, last);
        EXPECT_EQ(h.last_hash, hash);
        EXPECT_EQ(ReadHead(tx, office + 9999).rows, 0);  // an office with no rows
    }
    // The migration fills the counts from the log as it is.
    {
        storage::Tx tx(db);
        tx.sql() << "DROP TABLE audit_office_rows";
        tx.sql() << "DELETE FROM schema_migrations WHERE version = 30";
        tx.Commit();
    }
    EXPECT_EQ(storage::Migrate(db), 1);
    expect_counts_true("after migration 0030 filled the counts");
}

// Verify reads the log in pages (20,000 rows) and checks it on a thread of its own, in batches
// (4,096 rows): a row changed deep in the log is the one reported, the first of two changed rows is
// the one reported, and a row removed is found at the next row of its office's chain.
TEST(Verify, FindsTheFirstChangedRowPastPagesAndBatches) {
    demo::DemoDatabase demo("audit-verify-pages");
    storage::Database& db = demo.db();
    const auto [before, last_id] = RowsAndLastId(db);
    constexpr int kRows = 45000;
    for (int chunk = 0; chunk < kRows; chunk += 5000) {
        std::vector<AuditEvent> events;
        for (int i = chunk; i < chunk + 5000; ++i)
            events.push_back(
                {i % 2 == 0 ? 0 : demo.office(), 0, "read", "person", std::to_string(i), 0, "req", "::1", "ok"});
        storage::Tx tx(db);
        AppendAll(tx, events);
        tx.Commit();
    }
    VerifyResult v = Verify(db);
    EXPECT_TRUE(v.ok) << v.reason << " at " << v.first_bad_id;
    EXPECT_EQ(v.rows, before + kRows);

    const long long changed = last_id + 30001, later = last_id + 41000, removed = last_id + 25000;
    {
        storage::Tx tx(db);
        tx.sql() << "DROP TRIGGER audit_log_no_update";
        tx.sql() << "DROP TRIGGER audit_log_no_delete";
        tx.sql() << "UPDATE audit_log SET action = 'update' WHERE id IN (:a, :b)", soci::use(later), soci::use(changed);
        tx.Commit();
    }
    v = Verify(db);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_id, changed);
    EXPECT_EQ(v.reason, "hash does not match the row");
    {
        storage::Tx tx(db);
        tx.sql() << "DELETE FROM audit_log WHERE id = :id", soci::use(removed);
        tx.Commit();
    }
    v = Verify(db);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_id, removed + 2);  // the next row of the same office (they alternate)
    EXPECT_EQ(v.reason, "prev_hash does not match the office's previous row");
}

// Verify counts an intact chain by office against the kept counts (migration 0030): an office's
// last rows removed leave its chain intact (nothing follows them) and are found by its count, as is a
// count changed by hand; `audit recount` (RecountOfficeRows) counts them again.
TEST(Verify, ComparesEachOfficesKeptRowCountWithItsRows) {
    demo::DemoDatabase demo("audit-verify-counts");
    storage::Database& db = demo.db();
    const long long office = demo.office() + 700;  // an office of its own: its rows are these
    {
        storage::Tx tx(db);
        std::vector<AuditEvent> events;
        for (int i = 0; i < 5; ++i)
            events.push_back({office, 0, "read", "person", std::to_string(i), 0, "req", "::1", "ok"});
        AppendAll(tx, events);
        tx.Commit();
    }
    VerifyResult v = Verify(db);
    ASSERT_TRUE(v.ok) << Describe(v);
    EXPECT_FALSE(v.counts_differ);
    EXPECT_EQ(Describe(v), "audit chain intact: " + std::to_string(v.rows) + " rows");

    const std::string office_text = "office " + std::to_string(office);
    {
        storage::Tx tx(db);
        tx.sql() << "DROP TRIGGER audit_log_no_delete";
        tx.sql() << "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE office_id = :o "
                    "ORDER BY id DESC LIMIT 2)",
            soci::use(office);
        tx.Commit();
    }
    v = Verify(db);
    EXPECT_FALSE(v.ok);
    EXPECT_TRUE(v.counts_differ);
    EXPECT_EQ(v.first_bad_id, 0);
    EXPECT_NE(v.reason.find(office_text + " keeps 5, its log has 3"), std::string::npos) << v.reason;
    EXPECT_EQ(Describe(v).rfind("audit row counts differ from the log: 1 office(s)", 0), 0U) << Describe(v);

    const auto recount = [&db] {
        storage::Tx tx(db);
        RecountOfficeRows(tx);
        tx.Commit();
    };
    recount();
    v = Verify(db);
    EXPECT_TRUE(v.ok) << Describe(v);
    {
        storage::Tx tx(db, storage::Tx::Mode::kRead);
        EXPECT_EQ(ReadHead(tx, office).rows, 3);
        long long no_office = 0;
        tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE COALESCE(office_id, 0) = 0", soci::into(no_office);
        EXPECT_EQ(ReadHead(tx, 0).rows, no_office);  // the recount's own row is counted once
    }

    // A count changed by hand, and an office with rows but no count: both named.
    {
        storage::Tx tx(db);
        tx.sql() << "UPDATE audit_office_rows SET row_count = row_count + 1 WHERE office_id = :o", soci::use(office);
        tx.sql() << "DELETE FROM audit_office_rows WHERE office_id = :o", soci::use(demo.office());
        tx.Commit();
    }
    v = Verify(db);
    EXPECT_FALSE(v.ok);
    EXPECT_TRUE(v.counts_differ);
    EXPECT_NE(v.reason.find("2 office(s)"), std::string::npos) << v.reason;
    EXPECT_NE(v.reason.find(office_text + " keeps 4, its log has 3"), std::string::npos) << v.reason;
    EXPECT_NE(v.reason.find("office " + std::to_string(demo.office()) + " keeps 0, its log has "), std::string::npos)
        << v.reason;
    recount();
    EXPECT_TRUE(Verify(db).ok);

    // A broken chain is reported as such, even when the counts differ too (they are compared only on
    // an intact chain).
    {
        storage::Tx tx(db);
        tx.sql() << "UPDATE audit_office_rows SET row_count = row_count + 1 WHERE office_id = :o", soci::use(office);
        tx.sql() << "DROP TRIGGER audit_log_no_update";
        tx.sql() << "UPDATE audit_log SET action = 'update' WHERE id = (SELECT MIN(id) FROM audit_log WHERE "
                    "office_id = :o)",
            soci::use(office);
        tx.Commit();
    }
    v = Verify(db);
    EXPECT_FALSE(v.ok);
    EXPECT_FALSE(v.counts_differ);
    EXPECT_EQ(Describe(v).rfind("audit chain broken at row " + std::to_string(v.first_bad_id) + ": hash", 0), 0U);
}

// The access log's list (GET /api/v1/audit): each filter selects its rows, newest first, page by
// page; the count is exact up to 10,000 and then says "at least"; the person filter reads its index.
TEST(AuditList, FiltersPagesAndACountThatStopsAt10000) {
    demo::DemoDatabase demo("audit-list");
    storage::Database& db = demo.db();
    const long long office = demo.office() + 500;  // an office of its own: only these rows
    std::vector<AuditEvent> events;
    for (int i = 0; i < 10050; ++i)
        events.push_back({office, i % 3 + 1, i % 5 == 0 ? "update" : "read", "person", std::to_string(i), i % 7 + 1,
                          "req", "::1", "ok"});
    {
        storage::Tx tx(db);
        AppendAll(tx, events);
        Append(tx, {demo.office(), 1, "read", "person", "3", 3, "req", "::1", "ok"});  // another office's
        tx.Commit();
    }
    auto expected = [&](auto keep) {
        long long n = 0;
        for (const AuditEvent& e : events) n += keep(e) ? 1 : 0;
        return n;
    };
    storage::Tx tx(db, storage::Tx::Mode::kRead);
    Filter all;
    all.office_id = office;
    ListPage page = List(tx, all);
    EXPECT_EQ(page.total, 10000);
    EXPECT_TRUE(page.total_is_lower_bound);
    ASSERT_EQ(page.items.size(), 50u);
    EXPECT_EQ(page.items.front().row.event.entity_id, "10049");  // the newest first

    Filter person = all;
    person.person_id = 3;
    page = List(tx, person);
    EXPECT_EQ(page.total, expected([](const AuditEvent& e) { return e.person_id == 3; }));
    EXPECT_FALSE(page.total_is_lower_bound);
    ASSERT_EQ(page.items.size(), 50u);
    Filter second = person;
    second.page = 2;
    const ListPage next = List(tx, second);
    ASSERT_EQ(next.items.size(), 50u);
    for (const ListPage* p : std::initializer_list<const ListPage*>{&page, &next})
        for (std::size_t i = 0; i < p->items.size(); ++i) {
            EXPECT_EQ(p->items[i].row.event.person_id, 3);
            EXPECT_EQ(p->items[i].row.event.office_id, office);
            if (i > 0) EXPECT_LT(p->items[i].row.id, p->items[i - 1].row.id);
        }
    EXPECT_LT(next.items.front().row.id, page.items.back().row.id);  // page 2 goes on where page 1 ends

    Filter user_action = all;
    user_action.user_id = 2;
    user_action.action = "update";
    page = List(tx, user_action);
    EXPECT_EQ(page.total, expected([](const AuditEvent& e) { return e.user_id == 2 && e.action == "update"; }));
    for (const ListedRow& r : page.items) EXPECT_TRUE(r.row.event.user_id == 2 && r.row.event.action == "update");

    Filter later = person;
    later.from = "2999-01-01";
    EXPECT_EQ(List(tx, later).total, 0);
    Filter today = person;
    today.from = today.to = storage::NowIso().substr(0, 10);  // `at` is UTC, as is this
    EXPECT_EQ(List(tx, today).total, expected([](const AuditEvent& e) { return e.person_id == 3; }));

    if (db.dialect() == storage::Dialect::kSqlite) {
        // The person filter reads the person index (the statement before 0028 walked the whole office).
        std::string plan;
        soci::rowset<soci::row> rows = tx.sql().prepare
                                       << "EXPLAIN QUERY PLAN " + std::string(ListStatement(person, false));
        for (const auto& r : rows) plan += r.get<std::string>(3) + "\n";
        EXPECT_NE(plan.find("audit_office_person (office_id=? AND person_id=?)"), std::string::npos) << plan;
    }
}

}  // namespace
}  // namespace tsunagu::audit
