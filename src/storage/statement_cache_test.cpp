#include "storage/statement_cache.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <thread>

#include "storage/database.hpp"
#include "storage/row.hpp"

namespace tsunagu::storage {
namespace {

constexpr const char* kCreate = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER)";
constexpr const char* kInsert = "INSERT INTO t (id, name, n) VALUES (:id, :name, :n)";
constexpr const char* kByN = "SELECT id, name FROM t WHERE n >= :n ORDER BY id";
constexpr const char* kCount = "SELECT COUNT(*) AS c FROM t";

struct TempDb {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("tsunagu-stmt-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                 "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    TempDb() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~TempDb() { std::filesystem::remove_all(dir); }
    std::string path() const { return (dir / "t.db").string(); }
};

std::vector<std::string> Names(Tx& tx, long long n) {
    std::vector<std::string> out;
    CachedQuery q(tx, kByN, {n});
    while (q.Next()) out.push_back(Text(q.row(), "name"));
    return out;
}

long long Count(Tx& tx) {
    CachedQuery q(tx, kCount, {});
    return q.Next() ? Int(q.row(), "c") : -1;
}

TEST(StatementCache, PreparesOncePerConnectionAndRebindsNewValues) {
    TempDb t;
    Database db(t.path(), 1);
    {
        Tx tx(db);
        tx.sql() << kCreate;
        for (long long i = 1; i <= 5; ++i) CachedExec(tx, kInsert, {i, "name" + std::to_string(i), i * 10});
        tx.Commit();
    }
    Tx tx(db, Tx::Mode::kRead);
    EXPECT_EQ(Names(tx, 30), (std::vector<std::string>{"name3", "name4", "name5"}));
    EXPECT_EQ(Names(tx, 50), (std::vector<std::string>{"name5"}));
    EXPECT_TRUE(Names(tx, 60).empty());
    EXPECT_EQ(Names(tx, 0).size(), 5u);
    // BEGIN, BEGIN IMMEDIATE, COMMIT, the insert and the query: each prepared once on the one connection
    EXPECT_EQ(db.statements(0).size(), 5u);
    tx.Commit();
}

TEST(StatementCache, AReadLeftPartwayHoldsNoSnapshotIntoTheNextTransaction) {
    TempDb t;
    Database db(t.path(), 1);
    {
        Tx tx(db);
        tx.sql() << kCreate;
        for (long long i = 1; i <= 3; ++i) CachedExec(tx, kInsert, {i, "a", i});
        tx.Commit();
    }
    {
        Tx tx(db, Tx::Mode::kRead);
        CachedQuery q(tx, kByN, {0});
        ASSERT_TRUE(q.Next());  // one row of three read, then the query and the transaction end
        tx.Commit();
    }
    {
        Database other(t.path(), 1);  // another connection writes meanwhile
        Tx w(other);
        CachedExec(w, kInsert, {4LL, std::string("b"), 4LL});
        w.Commit();
    }
    Tx tx(db, Tx::Mode::kRead);
    EXPECT_EQ(Count(tx), 4);  // a statement left open would keep the old snapshot (3)
    tx.Commit();
}

TEST(StatementCache, AFailedStatementIsPreparedAgainAndTheCacheStaysUsable) {
    TempDb t;
    Database db(t.path(), 1);
    {
        Tx tx(db);
        tx.sql() << kCreate;
        CachedExec(tx, kInsert, {1LL, std::string("a"), 1LL});
        EXPECT_THROW(CachedExec(tx, kInsert, {1LL, std::string("dup"), 2LL}), std::exception);  // primary key
        CachedExec(tx, kInsert, {2LL, std::string("b"), 2LL});
        tx.Commit();
    }
    Tx tx(db, Tx::Mode::kRead);
    EXPECT_EQ(Count(tx), 2);
    EXPECT_EQ(Names(tx, 0), (std::vector<std::string>{"a", "b"}));
    EXPECT_THROW(CachedQuery(tx, kByN, {std::string("not a number")}), std::logic_error);  // value kinds are fixed
    tx.Commit();
}

TEST(StatementCache, RolledBackWritesLeaveNoTraceAndTheStatementsStay) {
    TempDb t;
    Database db(t.path(), 1);
    {
        Tx tx(db);
        tx.sql() << kCreate;
        tx.Commit();
    }
    {
        Tx tx(db);
        CachedExec(tx, kInsert, {1LL, std::string("gone"), 1LL});
    }  // rolled back
    Tx tx(db, Tx::Mode::kRead);
    EXPECT_EQ(Count(tx), 0);
    tx.Commit();
}

// storage::ReadScope: a request's reads share one read transaction.
void Insert(Database& db, long long id) {
    Tx tx(db);
    CachedExec(tx, kInsert, {id, "name" + std::to_string(id), id});
    tx.Commit();
}

//! A write committed by another thread (another request) while this one reads.
void InsertElsewhere(Database& db, long long id) {
    std::thread([&db, id] { Insert(db, id); }).join();
}

long long CountIn(Database& db) {
    Tx tx(db, Tx::Mode::kRead);
    const long long n = Count(tx);
    tx.Commit();
    return n;
}

//! The table of these tests in a pool of `sessions`; a session not given back shows as Busy soon.
struct ScopeDb {
    TempDb t;
    Database db;
    explicit ScopeDb(std::size_t sessions) : db(t.path(), sessions) {
        Tx tx(db);
        tx.sql() << kCreate;
        tx.Commit();
        db.set_busy_timeout(std::chrono::milliseconds(100));
    }
};

TEST(ReadScope, ReadsOfTheThreadShareOneSnapshotAndOneSession) {
    ScopeDb s(3);
    ReadScope scope(s.db);
    EXPECT_EQ(CountIn(s.db), 0);
    // Committed between two reads of this thread: the scope's snapshot is the one its first read
    // took (two Tx of their own would have seen the row).
    InsertElsewhere(s.db, 1);
    EXPECT_EQ(CountIn(s.db), 0);
    {
        Tx a(s.db, Tx::Mode::kRead);
        Tx b(s.db, Tx::Mode::kRead);
        EXPECT_EQ(&a.sql(), &b.sql());
    }
    EXPECT_EQ(CountIn(s.db), 0);
}

TEST(ReadScope, AWriteOnTheThreadEndsTheSnapshotSoLaterReadsSeeIt) {
    ScopeDb s(3);
    ReadScope scope(s.db);
    EXPECT_EQ(CountIn(s.db), 0);
    Insert(s.db, 1);
    EXPECT_EQ(CountIn(s.db), 1);
    InsertElsewhere(s.db, 2);
    EXPECT_EQ(CountIn(s.db), 1);
}

TEST(ReadScope, AReadThatFailsEndsTheTransactionAndTheNextBeginsAgain) {
    ScopeDb s(3);
    ReadScope scope(s.db);
    EXPECT_EQ(CountIn(s.db), 0);
    InsertElsewhere(s.db, 1);
    EXPECT_THROW(
        {
            Tx tx(s.db, Tx::Mode::kRead);
            tx.sql() << "SELECT no_such_column FROM t";
        },
        std::exception);
    EXPECT_EQ(CountIn(s.db), 1);
}

// One session in the pool: a write waits for it (and throws Busy) while a scope keeps it.
TEST(ReadScope, GivesItsSessionBackWhenItEnds) {
    ScopeDb s(1);
    {
        ReadScope scope(s.db);
        EXPECT_EQ(CountIn(s.db), 0);
    }
    EXPECT_NO_THROW(Insert(s.db, 1));
    EXPECT_EQ(CountIn(s.db), 1);
}

TEST(ReadScope, AWriteEndsTheScopesTransactionFirstSoOneSessionIsEnough) {
    ScopeDb s(1);
    ReadScope scope(s.db);
    EXPECT_EQ(CountIn(s.db), 0);
    EXPECT_NO_THROW(Insert(s.db, 1));
    EXPECT_EQ(CountIn(s.db), 1);
}

TEST(WithoutIndexHints, TakesOutSqlitesPlusOnlyBeforeAColumn) {
    EXPECT_EQ(WithoutIndexHints("WHERE +t.office_id = :office AND t.id IN (1) ORDER BY t.due || '', t.id"),
              "WHERE t.office_id = :office AND t.id IN (1) ORDER BY t.due || '', t.id");
    EXPECT_EQ(WithoutIndexHints("SELECT a + 1, a +1, a+b FROM x WHERE +p.office_id = 1 AND +p.status = 'a'"),
              "SELECT a + 1, a +1, a+b FROM x WHERE p.office_id = 1 AND p.status = 'a'");
}

}  // namespace
}  // namespace tsunagu::storage
