// The bounded pool coverage work runs on: a few threads of its own and a short queue, so a
// city-wide gap map cannot take the cores nearest queries need. A job that finds the pool and
// its queue full is refused at once (the caller answers 503 with Retry-After).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sf::http {

class CoveragePool {
 public:
  CoveragePool(size_t threads, size_t queue);
  ~CoveragePool();
  CoveragePool(const CoveragePool&) = delete;
  CoveragePool& operator=(const CoveragePool&) = delete;

  // Runs `job` on a pool thread and waits for it; its exception, if any, is rethrown here.
  // Returns false, without running it, when every thread is busy and the queue is full.
  bool run(const std::function<void()>& job);

  size_t threads() const { return workers_.size(); }
  size_t queue_limit() const { return queue_limit_; }

 private:
  struct Task;
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task*> queue_;
  size_t busy_ = 0;
  size_t queue_limit_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace sf::http
