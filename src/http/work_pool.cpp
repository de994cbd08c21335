#include "http/work_pool.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace tsunagu::http {

WorkPool::WorkPool(int workers, int queue)
    : capacity_(static_cast<std::size_t>(std::max(1, workers) + std::max(0, queue))) {
    for (int i = 0; i < std::max(1, workers); ++i) threads_.emplace_back([this] { Work(); });
}

WorkPool::~WorkPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
}

bool WorkPool::TrySubmit(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || running_ + tasks_.size() >= capacity_) return false;
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
    return true;
}

std::size_t WorkPool::InFlight() const {
    std::lock_guard lock(mutex_);
    return running_ + tasks_.size();
}

void WorkPool::Work() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) return;  // stopping and drained
            task = std::move(tasks_.front());
            tasks_.pop_front();
            ++running_;
        }
        try {
            task();
        } catch (const std::exception& e) {
            spdlog::error("pool task failed: {}", e.what());
        } catch (...) {
            spdlog::error("pool task failed");
        }
        {
            std::lock_guard lock(mutex_);
            --running_;
        }
    }
}

}  // namespace tsunagu::http
