#pragma once
// A small fixed pool of threads for slow, CPU- and memory-heavy work (Argon2id password hashing),
// so it never runs on the I/O threads. Bounded: when every worker is busy and the queue is full,
// TrySubmit refuses at once and the caller answers 503 busy instead of waiting.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tsunagu::http {

class WorkPool {
public:
    //! `workers` threads; at most `queue` tasks wait beyond the ones running.
    WorkPool(int workers, int queue);
    ~WorkPool();  //!< runs the tasks already accepted, then joins
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    //! Queues `task`; false (and `task` not run) when the pool is full.
    bool TrySubmit(std::function<void()> task);
    //! Tasks running or waiting now.
    std::size_t InFlight() const;

private:
    void Work();

    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> tasks_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace tsunagu::http
