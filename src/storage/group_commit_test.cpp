#include "storage/group_commit.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <thread>

#include "storage/database.hpp"

namespace tsunagu::storage {
namespace {

namespace fs = std::filesystem;

TEST(GroupCommit, CommitsUnitsInOrderAndIsolatesAFailingOne) {
    const fs::path dir = fs::temp_directory_path() / ("tsunagu-gc-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        Database db((dir / "g.db").string(), 2);
        {
            Tx tx(db);
            tx.sql() << "CREATE TABLE t (n INTEGER NOT NULL UNIQUE)";
            tx.Commit();
        }
        std::vector<std::exception_ptr> results(40);
        std::atomic<int> done{0};
        for (int i = 0; i < 40; ++i) {
            // Unit 13 inserts a duplicate: it fails alone, the others commit.
            const int n = i == 13 ? 12 : i;
            db.group_commit().Submit({[n](Tx& tx) { tx.sql() << "INSERT INTO t (n) VALUES (:n)", soci::use(n); }},
                                     [&results, &done, i](std::exception_ptr e) {
                                         results[i] = e;
                                         ++done;
                                     });
        }
        db.group_commit().SubmitAndWait({});
        EXPECT_EQ(done.load(), 40);
        for (int i = 0; i < 40; ++i) EXPECT_EQ(results[i] != nullptr, i == 13) << i;
        Tx tx(db, Tx::Mode::kRead);
        int count = 0;
        tx.sql() << "SELECT COUNT(*) FROM t", soci::into(count);
        EXPECT_EQ(count, 39);
    }
    fs::remove_all(dir);
}

TEST(GroupCommit, DrainWaitsUntilEveryDoneIsDestroyedNotOnlyCalled) {
    // A server's request wakes when its unit's `done` is called, but the committer thread destroys
    // that `done` (and what it holds: the request's channel) afterwards. The server's io_context
    // must outlive that, so it drains first; Drain() returning before the destruction was a crash
    // at shutdown (SIGABRT in a channel's destructor, about one stop in 600).
    const fs::path dir = fs::temp_directory_path() / ("tsunagu-gcd-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        Database db((dir / "g.db").string(), 2);
        struct SlowToDestroy {
            explicit SlowToDestroy(std::atomic<bool>* flag) : destroyed(flag) {}
            SlowToDestroy(const SlowToDestroy&) = delete;
            SlowToDestroy& operator=(const SlowToDestroy&) = delete;
            std::atomic<bool>* destroyed;
            ~SlowToDestroy() {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                destroyed->store(true);
            }
        };
        for (int round = 0; round < 3; ++round) {
            std::atomic<bool> destroyed{false};
            std::promise<void> called;
            auto held = std::make_shared<SlowToDestroy>(&destroyed);
            db.group_commit().Submit({}, [held, &called](std::exception_ptr) { called.set_value(); });
            held.reset();  // the callback holds the last reference
            called.get_future().wait();
            db.group_commit().Drain();
            EXPECT_TRUE(destroyed.load()) << "round " << round;
        }
        db.group_commit().Drain();  // nothing queued: returns at once
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace tsunagu::storage
