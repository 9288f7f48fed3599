#include "http/connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "core/errors.hpp"
#include "render/render.hpp"

namespace sf::http {

namespace {

using Clock = std::chrono::steady_clock;

int ms_since(Clock::time_point t) {
  return static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count());
}

// Waits for the socket to become readable (or writable) for at most `ms`; >0 ready, 0 timed
// out, <0 an error or a hang-up with nothing left to read.
int wait_for(int fd, short events, int ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, std::max(ms, 0));
    if (r < 0 && errno == EINTR) continue;
    if (r > 0 && (p.revents & (POLLERR | POLLNVAL)) != 0) return -1;
    return r;
  }
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                     : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

// What the request being served on a connection has done so far: its head's budget, whether
// its body was read to the end, whether the connection must close after its answer. Kept
// per connection (socket or memory) and reached by handlers through a thread-local.
struct RequestState {
  bool in_head = false;
  Clock::time_point head_start, body_start;
  size_t head_bytes = 0, head_lines = 0, body_bytes = 0;
  bool head_too_large = false, body_expected = false, body_consumed = false;
  bool close_after = false, wrote = false;
  size_t served = 0;  // requests begun on the connection

  void begin() {
    ++served;
    in_head = true;
    head_start = Clock::now();
    head_bytes = head_lines = body_bytes = 0;
    head_too_large = body_expected = body_consumed = close_after = wrote = false;
  }
  void end_head() {
    if (!in_head) return;
    in_head = false;
    body_start = Clock::now();
  }
  // Whether the connection cannot carry another request: asked to close, the head was never
  // read whole, or a body was left unread.
  bool must_close() const { return close_after || in_head || (body_expected && !body_consumed); }
  // Counts `n` bytes handed to the parser; false when they put the head over its budget
  // (cpp-httplib reads the head a byte at a time and keeps whatever it is given: the budget
  // stops a head of a million header lines, or one endless line, here).
  bool account(const char* data, size_t n, const ConnectionLimits& limits) {
    if (!in_head) {
      body_bytes += n;
      return true;
    }
    for (size_t i = 0; i < n; ++i) {
      if (data[i] == '\n' && ++head_lines > limits.max_header_lines + 1) {
        head_too_large = true;
        return false;
      }
    }
    if (head_bytes + n > limits.max_head_bytes) {
      head_too_large = true;
      return false;
    }
    head_bytes += n;
    return true;
  }
};

thread_local RequestState* t_request = nullptr;

// One accepted socket: a buffered stream for cpp-httplib's parser, with the head budget and
// the deadlines, and the state of the request being served on it.
class Connection final : public httplib::Stream {
 public:
  Connection(int fd, const ConnectionLimits& limits, const HttpServer& server)
      : fd_(fd), limits_(limits), server_(server) {}

  // --- httplib::Stream ---
  bool is_readable() const override {
    return off_ < len_ || wait_for(fd_, POLLIN, limits_.read_timeout_ms) > 0;
  }
  bool is_writable() const override { return wait_for(fd_, POLLOUT, limits_.write_timeout_ms) > 0; }
  ssize_t read(char* ptr, size_t size) override {
    if (off_ == len_) {
      const int filled = fill();
      if (filled <= 0) return filled;
    }
    const size_t take = std::min(size, len_ - off_);
    if (!state_.account(buffer_ + off_, take, limits_)) return -1;
    std::memcpy(ptr, buffer_ + off_, take);
    off_ += take;
    return static_cast<ssize_t>(take);
  }
  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
      if (n >= 0) {
        state_.wrote = true;
        return n;
      }
      if (errno == EINTR) continue;
      if ((errno == EAGAIN || errno == EWOULDBLOCK) &&
          wait_for(fd_, POLLOUT, limits_.write_timeout_ms) > 0) {
        continue;
      }
      return -1;
    }
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, false, ip, port);
  }
  socket_t socket() const override { return fd_; }

  // --- the connection loop ---

  // Waits for the next request's first byte: false when the peer closed, the idle timeout
  // passed (short while other connections wait for a worker), or the server stops.
  bool wait_for_request(const std::atomic<socket_t>& listening) {
    if (off_ < len_) return true;  // pipelined
    const auto start = Clock::now();
    for (;;) {
      if (listening == INVALID_SOCKET) return false;
      const int busy_limit =
          state_.served > 0 ? limits_.busy_keepalive_timeout_ms : limits_.busy_idle_timeout_ms;
      const int limit = server_.waiting() > 0 ? busy_limit : limits_.idle_timeout_ms;
      const int left = limit - ms_since(start);
      if (left <= 0) return false;
      const int r = wait_for(fd_, POLLIN, std::min(left, 50));
      if (r < 0) return false;
      if (r > 0) return receive() > 0;
    }
  }

  RequestState& state() { return state_; }

  // Closes; after an answer that left bytes unread, first sends FIN and reads for a moment,
  // so the client gets the answer instead of a reset.
  void close() {
    if (state_.must_close() && state_.wrote) {
      ::shutdown(fd_, SHUT_WR);
      const auto start = Clock::now();
      size_t dropped = 0;
      char sink[16384];
      while (dropped < limits_.linger_bytes) {
        const int left = limits_.linger_ms - ms_since(start);
        if (left <= 0 || wait_for(fd_, POLLIN, left) <= 0) break;
        const ssize_t n = ::recv(fd_, sink, sizeof sink, 0);
        if (n <= 0) break;
        dropped += static_cast<size_t>(n);
      }
    }
    ::close(fd_);
  }

 private:
  // One recv into the buffer: >0 bytes, 0 the peer closed, <0 an error.
  int receive() {
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer_, sizeof buffer_, 0);
      if (n < 0 && errno == EINTR) continue;
      off_ = 0;
      len_ = n > 0 ? static_cast<size_t>(n) : 0;
      return n > 0 ? 1 : (n == 0 ? 0 : -1);
    }
  }

  // Refills the buffer within the current deadline: the head's (from its first byte), or a
  // body read's; a body that trickles in slower than a kilobyte a second (checked after 5 s,
  // after 1 s while connections wait for a worker) is cut off.
  int fill() {
    const auto read_start = Clock::now();
    for (;;) {
      const bool busy = server_.waiting() > 0;
      int left = 0;
      if (state_.in_head) {
        left = (busy ? limits_.busy_head_timeout_ms : limits_.head_timeout_ms) -
               ms_since(state_.head_start);
      } else {
        const int elapsed = ms_since(state_.body_start);
        if (elapsed > (busy ? 1000 : 5000) &&
            state_.body_bytes < static_cast<size_t>(elapsed)) {  // under 1 byte a ms, ~1 kB/s
          return -1;
        }
        left = limits_.read_timeout_ms - ms_since(read_start);
      }
      if (left <= 0) return -1;
      const int r = wait_for(fd_, POLLIN, std::min(left, 100));
      if (r < 0) return -1;
      if (r > 0) return receive();
    }
  }

  int fd_;
  const ConnectionLimits& limits_;
  const HttpServer& server_;
  char buffer_[16384];
  size_t off_ = 0, len_ = 0;
  RequestState state_;
};

// The answer for a head so large that cpp-httplib gave up before it could answer (an endless
// request line): 414, or 431 when the headers were the long part.
void refuse_head(Connection& conn, size_t lines) {
  const ErrorCode code = lines == 0 ? ErrorCode::uri_too_long : ErrorCode::headers_too_large;
  const ErrorInfo& info = error_info(code);
  const std::string body =
      render_problem(code, "", "the request line and headers are over the server's limit", "");
  std::string head = "HTTP/1.1 " + std::to_string(info.http_status) +
                     (lines == 0 ? " URI Too Long" : " Request Header Fields Too Large") +
                     "\r\nContent-Type: application/problem+json\r\nContent-Length: " +
                     std::to_string(body.size()) +
                     "\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n";
  const std::string answer = head + body;
  size_t sent = 0;
  while (sent < answer.size()) {
    const ssize_t n = conn.write(answer.data() + sent, answer.size() - sent);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

}  // namespace

WorkerPool::WorkerPool(size_t threads) {
  threads_.reserve(threads);
  for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i)
    threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
  shutdown();
}

void WorkerPool::enqueue(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    waiting_.fetch_add(1, std::memory_order_relaxed);
  }
  ready_.notify_one();
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WorkerPool::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and every accepted connection served
      job = std::move(jobs_.front());
      jobs_.pop_front();
      waiting_.fetch_sub(1, std::memory_order_relaxed);
    }
    job();
  }
}

HttpServer::HttpServer(size_t threads, ConnectionLimits limits) : limits_(limits) {
  new_task_queue = [this, threads] {
    auto* pool = new WorkerPool(threads);
    pool_.store(pool);
    return pool;
  };
}

void HttpServer::widen_backlog() {
  const socket_t sock = svr_sock_;
  if (sock != INVALID_SOCKET) ::listen(sock, limits_.backlog);
}

size_t HttpServer::waiting() const {
  // The pool lives while listen_after_bind runs; connections only exist while it does.
  const WorkerPool* pool = pool_.load();
  return pool != nullptr ? pool->waiting() : 0;
}

// Points t_request at a connection's state for the life of the scope (nested: restores).
class CurrentRequest {
 public:
  explicit CurrentRequest(RequestState& state) : outer_(t_request) { t_request = &state; }
  ~CurrentRequest() { t_request = outer_; }
  CurrentRequest(const CurrentRequest&) = delete;
  CurrentRequest& operator=(const CurrentRequest&) = delete;

 private:
  RequestState* outer_;
};

bool HttpServer::process_and_close_socket(socket_t sock) {
  Connection conn(sock, limits_, *this);
  RequestState& state = conn.state();
  bool ok = false;
  {
    const CurrentRequest current(state);
    size_t left = keep_alive_max_count_;
    while (left > 0 && conn.wait_for_request(svr_sock_)) {
      state.begin();
      bool closed = false;
      ok = process_request(conn, left == 1, closed, nullptr);
      if (state.head_too_large && !state.wrote) refuse_head(conn, state.head_lines);
      if (!ok || closed || state.must_close()) break;
      --left;
    }
  }
  conn.close();
  return ok;
}

namespace {

// One connection's bytes in memory (the fuzzer's): reads consume them, writes are kept; the
// head budget and the request state are the socket connection's.
class MemoryStream final : public httplib::Stream {
 public:
  MemoryStream(std::string_view in, const ConnectionLimits& limits) : in_(in), limits_(limits) {}
  bool is_readable() const override { return off_ < in_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const size_t n = std::min(size, in_.size() - off_);
    if (!state_.account(in_.data() + off_, n, limits_)) return -1;
    std::memcpy(ptr, in_.data() + off_, n);
    off_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    state_.wrote = true;
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return 0; }
  bool done() const { return off_ >= in_.size(); }
  RequestState& state() { return state_; }
  std::string take() { return std::move(out_); }

 private:
  std::string_view in_;
  const ConnectionLimits& limits_;
  size_t off_ = 0;
  std::string out_;
  RequestState state_;
};

}  // namespace

std::string HttpServer::serve_bytes(std::string_view bytes) {
  MemoryStream stream(bytes, limits_);
  RequestState& state = stream.state();
  const CurrentRequest current(state);
  while (!stream.done()) {
    state.begin();
    bool closed = false;
    const bool ok = process_request(stream, false, closed, nullptr);
    if (!ok || closed || state.must_close()) break;
  }
  return stream.take();
}

void end_of_request_head() {
  if (t_request != nullptr) t_request->end_head();
}

bool request_head_too_large() {
  return t_request != nullptr && t_request->head_too_large;
}

void expect_request_body() {
  if (t_request != nullptr) t_request->body_expected = true;
}

void request_body_consumed() {
  if (t_request != nullptr) t_request->body_consumed = true;
}

void close_after_response(httplib::Response& res) {
  if (t_request != nullptr) t_request->close_after = true;
  if (!res.has_header("Connection")) res.set_header("Connection", "close");
}

bool closing_after_response() {
  return t_request != nullptr && t_request->must_close();
}

}  // namespace sf::http
