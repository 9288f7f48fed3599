// sf_loadgen: the clients of the load, slow-client and soak tests, on raw sockets so that it
// can do what well-behaved clients never do. Every run is bounded in time and sends only to
// the address it is given (the tests give 127.0.0.1).
//
//   sf_loadgen hold  --to HOST:PORT [--from ADDR] [--idle N] [--slow-header N] [--slow-body N]
//                    --seconds S
//       Opens and keeps connections: idle ones send nothing; slow-header ones send a request
//       head a byte a second; slow-body ones declare a 1 MB body and send it a byte a second.
//       What the server closes is opened again, as an attacker would.
//   sf_loadgen probe --to HOST:PORT [--from ADDR] [--connections C] (--requests N | --seconds S)
//                    (--path PATH ... | --mix FILE) [--header "Name: value" ...] [--deadline S]
//       C keep-alive connections send the requests in turn (a mix file has lines
//       "METHOD PATH [BODY]"); prints one JSON line: answered, by status, lost connects,
//       unanswered (past the deadline), latency p50/p99/max in ms. With --rate R the load is
//       open-loop: R requests a second in all, each connection on its own schedule, latency
//       counted from when a request was due (a late send counts against the server).
//   sf_loadgen burst --to HOST:PORT [--from ADDR] --connections N --path PATH
//       N connects at once, one request each; prints the same JSON line.
// Exit status 0 when every request was answered (any status), 1 otherwise, 2 for bad usage.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

struct Options {
  std::string command;
  sockaddr_in to{};
  std::string from;
  size_t idle = 0, slow_header = 0, slow_body = 0;
  size_t connections = 1;
  size_t requests = 0;
  double seconds = 0;
  double deadline = 10;
  double rate = 0;  // requests per second in all; 0: each connection as fast as it is answered
  std::vector<std::string> requests_text;  // raw requests, sent in turn
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr, "sf_loadgen: %s (see the comment at the top of loadgen.cpp)\n", why.c_str());
  std::exit(2);
}

sockaddr_in parse_address(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) usage("--to takes HOST:PORT");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(std::atoi(text.c_str() + colon + 1)));
  if (::inet_pton(AF_INET, text.substr(0, colon).c_str(), &a.sin_addr) != 1)
    usage("--to needs an IPv4 address: " + text);
  return a;
}

std::string request_text(const std::string& method, const std::string& path,
                         const std::string& body, const std::vector<std::string>& headers) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: loadgen\r\n";
  for (const std::string& h : headers) r += h + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    r +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return r + "\r\n" + body;
}

Options parse(int argc, char** argv) {
  if (argc < 2) usage("give a command: hold, probe or burst");
  Options o;
  o.command = argv[1];
  std::vector<std::string> paths, headers;
  std::string mix;
  bool have_to = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--to") {
      o.to = parse_address(value());
      have_to = true;
    } else if (a == "--from") {
      o.from = value();
    } else if (a == "--idle") {
      o.idle = std::stoul(value());
    } else if (a == "--slow-header") {
      o.slow_header = std::stoul(value());
    } else if (a == "--slow-body") {
      o.slow_body = std::stoul(value());
    } else if (a == "--connections") {
      o.connections = std::stoul(value());
    } else if (a == "--requests") {
      o.requests = std::stoul(value());
    } else if (a == "--seconds") {
      o.seconds = std::stod(value());
    } else if (a == "--rate") {
      o.rate = std::stod(value());
    } else if (a == "--deadline") {
      o.deadline = std::stod(value());
    } else if (a == "--path") {
      paths.push_back(value());
    } else if (a == "--mix") {
      mix = value();
    } else if (a == "--header") {
      headers.push_back(value());
    } else {
      usage("unknown flag " + a);
    }
  }
  if (!have_to) usage("--to HOST:PORT is required");
  if (o.seconds > 600) usage("--seconds is at most 600 (runs are bounded)");
  for (const std::string& p : paths) o.requests_text.push_back(request_text("GET", p, "", headers));
  if (!mix.empty()) {
    std::ifstream in(mix);
    if (!in) usage("cannot read " + mix);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const size_t s1 = line.find(' ');
      const size_t s2 = line.find(' ', s1 + 1);
      const std::string method = line.substr(0, s1);
      const std::string path =
          line.substr(s1 + 1, s2 == std::string::npos ? std::string::npos : s2 - s1 - 1);
      const std::string body = s2 == std::string::npos ? "" : line.substr(s2 + 1);
      o.requests_text.push_back(request_text(method, path, body, headers));
    }
  }
  if (o.command != "hold" && o.requests_text.empty()) usage("give --path or --mix");
  if (o.command == "probe" && o.requests == 0 && o.seconds == 0)
    usage("probe needs --requests or --seconds");
  if (o.command == "hold" && o.seconds == 0) usage("hold needs --seconds");
  return o;
}

void raise_file_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

// A non-blocking connect from `from` (empty: any local address). -1 when it fails at once.
int open_socket(const Options& o) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (!o.from.empty()) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, o.from.c_str(), &local.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(fd);
      return -1;
    }
  }
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&o.to), sizeof o.to) != 0 &&
      errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The end of one HTTP/1.1 response in `data` (Content-Length or chunked), 0 if incomplete.
size_t response_end(const std::string& data, int& status, bool& closes) {
  const size_t head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) return 0;
  status = data.size() > 12 ? std::atoi(data.c_str() + 9) : 0;
  std::string head = data.substr(0, head_end + 2);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  closes = head.find("\r\nconnection: close\r\n") != std::string::npos;
  const size_t body = head_end + 4;
  if (const size_t cl = head.find("\r\ncontent-length:"); cl != std::string::npos) {
    const size_t n = std::strtoull(head.c_str() + cl + 17, nullptr, 10);
    return data.size() >= body + n ? body + n : 0;
  }
  if (head.find("\r\ntransfer-encoding: chunked\r\n") != std::string::npos) {
    size_t at = body;
    for (;;) {
      const size_t line_end = data.find("\r\n", at);
      if (line_end == std::string::npos) return 0;
      const size_t n = std::strtoull(data.c_str() + at, nullptr, 16);
      if (n == 0) return data.size() >= line_end + 4 ? line_end + 4 : 0;
      at = line_end + 2 + n + 2;
      if (at > data.size()) return 0;
    }
  }
  return body;  // no body (204, 304) or none declared
}

struct Stats {
  size_t answered = 0, lost_connects = 0, unanswered = 0, reconnects = 0;
  std::map<int, size_t> statuses;
  std::vector<double> latencies_ms;
  double max_connect_ms = 0;
  void print() {
    std::sort(latencies_ms.begin(), latencies_ms.end());
    auto pct = [&](double p) {
      if (latencies_ms.empty()) return 0.0;
      return latencies_ms[std::min(
          latencies_ms.size() - 1,
          static_cast<size_t>(p * static_cast<double>(latencies_ms.size())))];
    };
    std::printf("{\"answered\":%zu,\"lost_connects\":%zu,\"unanswered\":%zu,\"reconnects\":%zu,",
                answered, lost_connects, unanswered, reconnects);
    std::printf("\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"max_connect_ms\":%.1f,",
                pct(0.50), pct(0.99), latencies_ms.empty() ? 0.0 : latencies_ms.back(),
                max_connect_ms);
    std::printf("\"status\":{");
    bool first = true;
    for (const auto& [s, n] : statuses) {
      std::printf("%s\"%d\":%zu", first ? "" : ",", s, n);
      first = false;
    }
    std::printf("}}\n");
    std::fflush(stdout);
  }
};

// One client connection of probe or burst: sends a request, reads its answer, again.
struct Client {
  int fd = -1;
  bool connected = false;
  Clock::time_point connect_start, sent_at;
  Clock::time_point due;  // with --rate: when the next request is due
  size_t slot = 0;        // which of the connections
  std::string out, in;
  size_t out_off = 0;
  size_t next = 0;  // which request text
  bool busy = false;
};

int run_clients(const Options& o, bool burst) {
  Stats stats;
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<std::unique_ptr<Client>> clients;
  const auto start = Clock::now();
  size_t issued = 0;
  const size_t total = burst ? o.connections : o.requests;
  auto time_left = [&] {
    return o.seconds == 0 || ms_between(start, Clock::now()) < o.seconds * 1000;
  };
  auto want_more = [&] { return (total == 0 || issued < total) && time_left(); };
  auto arm = [&](Client& c, uint32_t events) {
    epoll_event ev{events, {.ptr = &c}};
    if (::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev) != 0) ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
  };
  auto connect_client = [&](Client& c) {
    const size_t next = c.next, slot = c.slot;
    const Clock::time_point due = c.due;
    c = Client();
    c.next = next;
    c.slot = slot;
    c.due = due;
    c.fd = open_socket(o);
    c.connect_start = Clock::now();
    if (c.fd < 0) {
      ++stats.lost_connects;
      return false;
    }
    arm(c, EPOLLOUT);
    return true;
  };
  // Open loop: each connection sends every connections/rate seconds, from a staggered start.
  const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
      o.rate > 0 ? static_cast<double>(o.connections) / o.rate : 0.0));
  auto send_now = [&](Client& c) {
    c.out = o.requests_text[c.next++ % o.requests_text.size()];
    c.out_off = 0;
    c.in.clear();
    c.busy = true;
    c.sent_at = o.rate > 0 ? c.due : Clock::now();
    ++issued;
    arm(c, EPOLLOUT | EPOLLIN);
  };
  auto send_next = [&](Client& c) {
    if (o.rate <= 0) return send_now(c);
    if (c.due == Clock::time_point{}) {  // the first: staggered over one interval
      c.due = start + interval * static_cast<long>(c.slot) / static_cast<long>(o.connections);
    } else {
      c.due += interval;
    }
    if (c.due <= Clock::now()) return send_now(c);
    arm(c, EPOLLIN);  // waits for its time (the loop below sends it)
  };
  auto drop = [&](Client& c) {
    ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
    ::close(c.fd);
    c.fd = -1;
  };
  for (size_t i = 0; i < o.connections; ++i) {
    clients.push_back(std::make_unique<Client>());
    clients.back()->next = i;
    clients.back()->slot = i;
    connect_client(*clients.back());
  }
  std::vector<epoll_event> events(1024);
  for (;;) {
    size_t open = 0;
    for (auto& c : clients) {
      if (c->fd < 0) continue;
      ++open;
      if (c->busy && ms_between(c->sent_at, Clock::now()) > o.deadline * 1000) {
        ++stats.unanswered;  // past the deadline: counted and given up
        drop(*c);
        --open;
      } else if (!c->connected && ms_between(c->connect_start, Clock::now()) > o.deadline * 1000) {
        ++stats.lost_connects;
        drop(*c);
        --open;
      }
    }
    if (open == 0) break;
    if (o.rate > 0) {
      const auto now = Clock::now();
      for (auto& c : clients) {
        if (c->fd >= 0 && c->connected && !c->busy && c->due <= now && want_more()) send_now(*c);
      }
    }
    const int n =
        ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), o.rate > 0 ? 1 : 100);
    for (int i = 0; i < n; ++i) {
      Client& c = *static_cast<Client*>(events[static_cast<size_t>(i)].data.ptr);
      if (c.fd < 0) continue;
      if (!c.connected) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
          ++stats.lost_connects;
          drop(c);
          continue;
        }
        c.connected = true;
        stats.max_connect_ms =
            std::max(stats.max_connect_ms, ms_between(c.connect_start, Clock::now()));
        if (want_more()) {
          send_next(c);
        } else {
          drop(c);
        }
        continue;
      }
      if (c.out_off < c.out.size()) {
        const ssize_t w =
            ::send(c.fd, c.out.data() + c.out_off, c.out.size() - c.out_off, MSG_NOSIGNAL);
        if (w > 0) c.out_off += static_cast<size_t>(w);
        if (c.out_off == c.out.size()) arm(c, EPOLLIN);
      }
      char buf[65536];
      bool closed = false;
      for (;;) {
        const ssize_t r = ::recv(c.fd, buf, sizeof buf, 0);
        if (r > 0) {
          c.in.append(buf, static_cast<size_t>(r));
          continue;
        }
        if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) closed = true;
        break;
      }
      int status = 0;
      bool closes = false;
      const size_t end = c.busy ? response_end(c.in, status, closes) : 0;
      if (end > 0) {
        ++stats.answered;
        ++stats.statuses[status];
        stats.latencies_ms.push_back(ms_between(c.sent_at, Clock::now()));
        c.busy = false;
        if (burst || closes || closed || !want_more()) {
          drop(c);
          if (!burst && want_more() && (closes || closed)) {  // the server closed: reconnect
            ++stats.reconnects;
            connect_client(c);
          }
        } else {
          send_next(c);
        }
      } else if (closed) {
        if (c.busy) ++stats.unanswered;
        drop(c);
        if (!burst && want_more()) {
          ++stats.reconnects;
          connect_client(c);
        }
      }
    }
  }
  ::close(ep);
  stats.print();
  return stats.unanswered == 0 && stats.lost_connects == 0 ? 0 : 1;
}

// hold: connections that take a server's resources and give little.
int run_hold(const Options& o) {
  enum class Kind { idle, slow_header, slow_body };
  struct Held {
    Kind kind;
    int fd = -1;
    std::string script;   // what it sends, a byte a second
    size_t head_len = 0;  // sent at once first
    size_t sent = 0;
  };
  std::vector<Held> held;
  for (size_t i = 0; i < o.idle; ++i) held.push_back({Kind::idle, -1, "", 0});
  for (size_t i = 0; i < o.slow_header; ++i) {
    held.push_back({Kind::slow_header, -1,
                    "GET /v1/meta HTTP/1.1\r\nHost: loadgen\r\nX-Slow: " + std::string(4096, 'a'),
                    0});
  }
  for (size_t i = 0; i < o.slow_body; ++i) {
    const std::string head =
        "POST /v1/stations/nearest HTTP/1.1\r\nHost: loadgen\r\nContent-Type: "
        "application/json\r\nContent-Length: 1000000\r\n\r\n";
    held.push_back({Kind::slow_body, -1, head + std::string(1000000, ' '), head.size()});
  }
  size_t opened = 0, reopened = 0, failed = 0;
  const auto start = Clock::now();
  auto open = [&](Held& h) {
    h.fd = open_socket(o);
    h.sent = 0;
    if (h.fd < 0) {
      ++failed;
      return;
    }
    ++opened;
  };
  for (Held& h : held) open(h);
  size_t seconds = 0;
  while (ms_between(start, Clock::now()) < o.seconds * 1000) {
    for (Held& h : held) {
      if (h.fd < 0) {
        open(h);
        if (h.fd >= 0) ++reopened;
        continue;
      }
      char buf[4096];
      const ssize_t r = ::recv(h.fd, buf, sizeof buf, MSG_DONTWAIT);
      if (r >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)) {
        ::close(h.fd);  // answered, refused or closed: it holds nothing now, come back
        h.fd = -1;
        continue;
      }
      if (h.kind == Kind::idle || h.sent >= h.script.size()) continue;
      // The head of a slow body goes whole, as soon as the connection is up; then a byte a
      // second (all of a slow head goes a byte a second).
      const size_t burst = h.sent < h.head_len ? h.head_len - h.sent : 1;
      const ssize_t w = ::send(h.fd, h.script.data() + h.sent, burst, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (w > 0) h.sent += static_cast<size_t>(w);
    }
    ++seconds;
    const auto next = start + std::chrono::seconds(seconds);
    while (Clock::now() < next && ms_between(start, Clock::now()) < o.seconds * 1000) {
      ::usleep(20000);
    }
  }
  size_t still = 0;
  for (Held& h : held) {
    if (h.fd >= 0) {
      ++still;
      ::close(h.fd);
    }
  }
  std::printf("{\"opened\":%zu,\"reopened\":%zu,\"failed_connects\":%zu,\"open_at_end\":%zu}\n",
              opened, reopened, failed, still);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  raise_file_limit();
  if (o.command == "hold") return run_hold(o);
  if (o.command == "probe") return run_clients(o, false);
  if (o.command == "burst") return run_clients(o, true);
  usage("unknown command " + o.command);
}
