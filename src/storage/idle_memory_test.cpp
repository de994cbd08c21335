#include "storage/idle_memory.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/database.hpp"

namespace tsunagu::storage {
namespace {

//! A database file of ~6 MB (3,000 rows of 2,000 bytes), removed at the end.
class CacheFile : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("tsunagu-idle-memory-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        path_ = (dir_ / "t.db").string();
        Database db(path_, 1);
        Tx tx(db);
        tx.sql() << "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)";
        tx.sql() << "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                    "INSERT INTO t (id, body) SELECT i, printf('%.2000c', 'x') FROM n";
        tx.Commit();
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    //! Reads every row of t in a read transaction on `tx` (each page goes through the session's cache).
    static long long ReadAll(Tx& tx) {
        long long n = 0;
        tx.sql() << "SELECT SUM(LENGTH(body)) FROM t", soci::into(n);
        return n;
    }

    std::filesystem::path dir_;
    std::string path_;
};

TEST_F(CacheFile, EverySqliteSessionKeepsAPageCacheOf16MiB) {
    Database db(path_, 3);
    for (std::size_t i = 0; i < db.size(); ++i) {
        int pages = 0;
        db.pool().at(i) << "PRAGMA cache_size", soci::into(pages);
        EXPECT_EQ(pages, -16384) << "session " << i;
    }
}

TEST_F(CacheFile, AReadKeepsItsPagesCachedUntilTheSessionIsIdleAndReleased) {
    Database db(path_, 2);
    const sqlite3_int64 before = sqlite3_memory_used();
    {
        Tx read(db, Tx::Mode::kRead);
        EXPECT_EQ(ReadAll(read), 3000LL * 2000);
    }
    const sqlite3_int64 filled = sqlite3_memory_used();
    // ~6 MB of pages: more than SQLite's default cache of 2 MB could have kept.
    EXPECT_GT(filled - before, 4LL << 20);

    {
        // A session a request holds keeps its cache: the pages just read are still there.
        Tx held(db, Tx::Mode::kRead);
        ReleaseIdleMemory(db);
        EXPECT_GT(sqlite3_memory_used() - before, 4LL << 20);
        EXPECT_EQ(ReadAll(held), 3000LL * 2000);
    }
    // Once no request holds it, its cache is freed.
    ReleaseIdleMemory(db);
    EXPECT_LT(sqlite3_memory_used() - before, 1LL << 20);
    // And the next read works as before (its pages read again).
    Tx again(db, Tx::Mode::kRead);
    EXPECT_EQ(ReadAll(again), 3000LL * 2000);
}

}  // namespace
}  // namespace tsunagu::storage
