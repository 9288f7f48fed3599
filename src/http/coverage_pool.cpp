#include "http/coverage_pool.hpp"

#include <exception>

namespace sf::http {

struct CoveragePool::Task {
  const std::function<void()>* job;
  std::exception_ptr error;
  bool done = false;
  std::condition_variable finished;
};

CoveragePool::CoveragePool(size_t threads, size_t queue) : queue_limit_(queue) {
  if (threads == 0) threads = 1;
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

CoveragePool::~CoveragePool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

bool CoveragePool::run(const std::function<void()>& job) {
  Task task{&job, nullptr, false, {}};
  std::unique_lock lock(mutex_);
  if (stopping_ || busy_ + queue_.size() >= workers_.size() + queue_limit_) return false;
  queue_.push_back(&task);
  wake_.notify_one();
  task.finished.wait(lock, [&] { return task.done; });
  if (task.error) std::rethrow_exception(task.error);
  return true;
}

void CoveragePool::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {
      if (stopping_) return;
      continue;
    }
    Task* task = queue_.front();
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    try {
      (*task->job)();
    } catch (...) {
      task->error = std::current_exception();
    }
    lock.lock();
    --busy_;
    task->done = true;
    task->finished.notify_all();
  }
}

}  // namespace sf::http
