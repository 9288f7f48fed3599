// A raw HTTP exchange for the tests that send what well-behaved clients never do (bad framing,
// pipelines, huge heads, invalid bytes): sends the bytes as far as the server reads them, then
// reads until the server closes or the time is up.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <utility>

namespace sf::test {

struct RawAnswer {
  std::string received;  // everything the server sent
  bool closed = false;   // the server closed the connection
  double seconds = 0;

  int status() const { return received.size() > 12 ? std::atoi(received.c_str() + 9) : 0; }
  // The first answer's head (up to its blank line) and everything after it.
  std::string head() const { return received.substr(0, received.find("\r\n\r\n") + 2); }
  // The first answer's body; a chunked one is decoded (what a client would read).
  std::string body() const {
    const size_t at = received.find("\r\n\r\n");
    if (at == std::string::npos) return "";
    if (!chunked()) return received.substr(at + 4);
    return dechunked(at + 4).first;
  }
  bool chunked() const { return head().find("Transfer-Encoding: chunked") != std::string::npos; }
  // Chunks from `from`: the body they carry, and whether the last (empty) chunk came.
  std::pair<std::string, bool> dechunked(size_t from) const {
    std::string out;
    for (size_t at = from;;) {
      const size_t eol = received.find("\r\n", at);
      if (eol == std::string::npos) return {out, false};
      const size_t size = std::strtoull(received.c_str() + at, nullptr, 16);
      if (size == 0) return {out, received.compare(eol, 4, "\r\n\r\n") == 0};
      if (eol + 2 + size + 2 > received.size()) return {out, false};
      out.append(received, eol + 2, size);
      at = eol + 2 + size + 2;
    }
  }
  std::string header(const std::string& name) const {
    const size_t at = received.find("\r\n" + name + ": ");
    if (at == std::string::npos) return "";
    const size_t start = at + name.size() + 4;
    return received.substr(start, received.find("\r\n", start) - start);
  }
  // How many answers came (pipelined requests, or a smuggled one).
  int answers() const {
    int n = 0;
    for (size_t at = received.find("HTTP/1.1 "); at != std::string::npos;
         at = received.find("HTTP/1.1 ", at + 1))
      ++n;
    return n;
  }
  // The first answer's body is as long as its Content-Length says (or ends with the last chunk).
  bool complete() const {
    if (chunked()) return dechunked(received.find("\r\n\r\n") + 4).second;
    const std::string h = head();
    const size_t cl = h.find("Content-Length: ");
    return cl != std::string::npos &&
           std::strtoull(h.c_str() + cl + 16, nullptr, 10) == body().size();
  }
};

inline RawAnswer raw_exchange(int port, const std::string& request, double seconds = 10) {
  RawAnswer out;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return out;
  }
  timeval tv{static_cast<time_t>(seconds),
             static_cast<suseconds_t>((seconds - static_cast<time_t>(seconds)) * 1e6)};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  const auto start = std::chrono::steady_clock::now();
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server refused the rest
    sent += static_cast<size_t>(n);
  }
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) out.closed = true;
    if (n <= 0) break;
    out.received.append(buf, static_cast<size_t>(n));
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fd);
  return out;
}

}  // namespace sf::test
