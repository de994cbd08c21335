#include "storage/group_commit.hpp"

#include <spdlog/spdlog.h>

#include <future>

#include "storage/database.hpp"

namespace tsunagu::storage {

namespace {
//! A batch is whatever has queued while the previous one committed, up to this many units (one
//! request's audit rows each), so one batch's transaction stays short.
constexpr std::size_t kMaxBatch = 512;
}  // namespace

GroupCommit::GroupCommit(Database& db) : db_(db), thread_([this] { Run(); }) {}

GroupCommit::~GroupCommit() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void GroupCommit::Submit(std::vector<Step> steps, Done done) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(Unit{std::move(steps), std::move(done)});
        ++unfinished_;
    }
    wake_.notify_one();
}

void GroupCommit::SubmitAndWait(std::vector<Step> steps) {
    std::promise<void> committed;
    auto result = committed.get_future();
    Submit(std::move(steps), [&committed](std::exception_ptr error) {
        if (error) {
            committed.set_exception(error);
        } else {
            committed.set_value();
        }
    });
    result.get();
}

void GroupCommit::Run() {
    for (;;) {
        std::vector<Unit> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything queued is committed
            while (!queue_.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        CommitBatch(batch);
        const std::size_t n = batch.size();
        batch.clear();  // each `done`, and what it holds, is destroyed before Drain() may return
        {
            std::lock_guard lock(mutex_);
            unfinished_ -= n;
        }
        drained_.notify_all();
    }
}

void GroupCommit::Drain() {
    std::unique_lock lock(mutex_);
    drained_.wait(lock, [this] { return unfinished_ == 0; });
}

void GroupCommit::CommitBatch(std::vector<Unit>& batch, bool again) {
    try {
        Tx tx(db_, Tx::Mode::kAppend);
        for (Unit& u : batch)
            for (Step& step : u.steps) step(tx);
        tx.Commit();
        if (tx.commit_looked_up())
            spdlog::warn("group commit of {} units: committed, as the server said after the connection was lost",
                         batch.size());
    } catch (const CommitRolledBack&) {
        // The connection went during COMMIT and the server rolled the batch back: nothing of it is
        // in the log, so it is committed once more (on a connection opened again), whole.
        if (!again) {
            spdlog::warn("group commit of {} units was rolled back with its connection; committing it again",
                         batch.size());
            CommitBatch(batch, true);
            return;
        }
        for (Unit& u : batch) u.done(std::current_exception());
        return;
    } catch (const CommitOutcomeUnknown&) {
        // Whether the batch is in the log is unknown: committing it again could log every read twice,
        // and sending the reads' data would leave them unlogged if it was not. Every read answers 503.
        for (Unit& u : batch) u.done(std::current_exception());
        return;
    } catch (const Busy&) {
        // The writer stayed busy past the timeout: retrying one by one would only wait again.
        for (Unit& u : batch) u.done(std::current_exception());
        return;
    } catch (const std::exception&) {
        if (batch.size() > 1) {
            // One bad unit must not fail the others: commit each alone.
            spdlog::warn("group commit of {} units failed; retrying them one by one", batch.size());
            for (Unit& u : batch) {
                std::vector<Unit> one;
                one.push_back(std::move(u));
                CommitBatch(one, again);
            }
            return;
        }
        for (Unit& u : batch) u.done(std::current_exception());
        return;
    }
    for (Unit& u : batch) u.done(nullptr);
}

}  // namespace tsunagu::storage
