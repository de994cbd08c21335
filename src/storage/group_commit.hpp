#pragma once
// Group commit: many requests' small writes (the audit rows of reads) made durable together, one
// transaction and one fsync per batch, in the order they were submitted.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tsunagu::storage {

class Database;
class Tx;

//! One writer thread that runs submitted work in batches. A unit of work is a list of steps that
//! run in one transaction with the other units of its batch; `done` is called on the committer
//! thread once the batch is durable (nullptr) or failed (the exception). A unit that fails alone
//! (retried in a transaction of its own) fails only itself. A batch whose connection was lost during
//! COMMIT is committed again only when the server says it rolled back (CommitRolledBack); when it
//! cannot say (CommitOutcomeUnknown), every unit fails: never a unit's rows twice.
class GroupCommit {
public:
    using Step = std::function<void(Tx&)>;
    using Done = std::function<void(std::exception_ptr)>;

    explicit GroupCommit(Database& db);
    ~GroupCommit();  //!< commits what is queued, then stops
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    //! Queues `steps` as one unit; `done` runs after its batch commits (or fails).
    void Submit(std::vector<Step> steps, Done done);
    //! Queues `steps` and waits until they are durable; rethrows a failure.
    void SubmitAndWait(std::vector<Step> steps);
    //! Waits until every unit submitted so far has been committed, its `done` called *and destroyed*.
    //! A server calls this before its io_context goes: a `done` that woke a request may still hold
    //! objects of that context (a channel, an executor) until the committer thread destroys it.
    void Drain();

private:
    struct Unit {
        std::vector<Step> steps;
        Done done;
    };
    void Run();
    //! `again`: the batch was rolled back with a lost connection once already (not tried a third time).
    void CommitBatch(std::vector<Unit>& batch, bool again = false);

    Database& db_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Unit> queue_;
    std::condition_variable drained_;
    std::size_t unfinished_ = 0;  //!< submitted units not yet done and destroyed (mutex_)
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace tsunagu::storage
