// The connections under the HTTP API. cpp-httplib parses each request and writes its answer;
// this file owns what happens on the socket around that, where Debian's compiled cpp-httplib
// 0.11 cannot be configured (its CPPHTTPLIB_* limits are fixed in the library):
//
// - a listen backlog of 4,096 (cpp-httplib listens with 5: a burst of connects lost SYNs);
// - the request head (request line and headers) has a byte, line and time budget: thousands
//   of header lines, or a head sent a byte a second, end the connection (431 or a close)
//   instead of growing a buffer or holding a worker;
// - an idle keep-alive connection is released after the idle timeout, and at once when other
//   connections are waiting for a worker (a flood of idle connections cannot starve good
//   ones); waiting is a blocking poll, not cpp-httplib's 10 ms polling loop;
// - a request whose body was not read to its end (refused early, too large, or sent with a
//   GET) closes the connection after its answer, so unread bytes are never parsed as the next
//   request (a response desync behind a proxy), with a short lingering close so the client
//   still reads the answer.
//
// Handlers reach the connection their request came on through the functions at the bottom
// (the same worker thread runs the connection and its handlers).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <httplib.h>

#include "http/connection_limits.hpp"

namespace sf::http {

// cpp-httplib's thread pool with a count of the connections that wait for a worker.
class WorkerPool : public httplib::TaskQueue {
 public:
  explicit WorkerPool(size_t threads);
  ~WorkerPool() override;
  void enqueue(std::function<void()> job) override;
  void shutdown() override;
  size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

 private:
  void work();
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::atomic<size_t> waiting_{0};
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

class HttpServer : public httplib::Server {
 public:
  HttpServer(size_t threads, ConnectionLimits limits);
  // After bind_to_port: listen() again on the bound socket with the configured backlog.
  void widen_backlog();
  // Connections accepted and waiting for a worker (0 when the pool keeps up).
  size_t waiting() const;
  const ConnectionLimits& limits() const { return limits_; }
  // Serves the bytes of one whole connection from memory, without a socket, and returns what
  // the server wrote: every request in them is parsed, routed and answered as on a socket.
  // For the fuzzer of whole requests (fuzz/fuzz_http_request.cpp).
  std::string serve_bytes(std::string_view bytes);

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimits limits_;
  std::atomic<WorkerPool*> pool_{nullptr};
};

// --- for handlers and hooks, about the connection of the request being served ------------

// The request head has been read (call from the first hook that sees the request).
void end_of_request_head();
// Whether the head was refused for its size (the 400 cpp-httplib then writes is a 431).
bool request_head_too_large();
// The request has a body that must be read to its end before another request can follow on
// the connection; body_consumed() says it was. One that was not closes the connection.
void expect_request_body();
void request_body_consumed();
// Closes the connection once this answer is written, and says so in its headers.
void close_after_response(httplib::Response& res);
// Whether the connection closes after this answer (the post-routing hook fixes the headers).
bool closing_after_response();

}  // namespace sf::http
