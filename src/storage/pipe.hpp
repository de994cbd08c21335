#pragma once
// A bounded queue between two threads of one long store job: the producer waits while `Depth`
// items wait, the consumer while none do. `tsunagu generate` makes cases on one thread and writes
// them on another; `audit verify` reads the log on one and checks it on another.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace tsunagu::storage {

template <class T, std::size_t Depth>
class Pipe {
public:
    //! Queues `item`. False once the consumer stopped (the producer then stops too).
    bool Put(T item) {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return q_.size() < Depth || stop_; });
        if (stop_) return false;
        q_.push_back(std::move(item));
        cv_.notify_all();
        return true;
    }
    //! The next item into `out`. False once the producer is done and nothing is left.
    bool Take(T& out) {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return !q_.empty() || done_; });
        if (q_.empty()) return false;
        out = std::move(q_.front());
        q_.pop_front();
        cv_.notify_all();
        return true;
    }
    //! The producer has put its last item.
    void Done() {
        std::lock_guard lock(m_);
        done_ = true;
        cv_.notify_all();
    }
    //! The consumer takes no more: what waits is dropped, and Put answers false.
    void Stop() {
        std::lock_guard lock(m_);
        stop_ = true;
        q_.clear();
        cv_.notify_all();
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<T> q_;
    bool done_ = false, stop_ = false;
};

}  // namespace tsunagu::storage
