// The limits of one connection (see http/connection.hpp), apart so that ServerConfig can
// hold them without pulling in cpp-httplib.
#pragma once

#include <cstddef>

namespace sf::http {

struct ConnectionLimits {
  int backlog = 4096;
  int idle_timeout_ms = 5000;  // keep-alive: how long a connection may wait for a request
  // While other connections wait for a worker: how long a new connection may wait for its
  // first request (an idle flood is shed quickly; a proxy under load may take a moment to
  // write the request it opened the connection for), and a keep-alive one between requests.
  int busy_idle_timeout_ms = 250;
  int busy_keepalive_timeout_ms = 2000;
  int head_timeout_ms = 10000;      // the whole request head, from its first byte
  int busy_head_timeout_ms = 1000;  // ... while other connections wait for a worker
  int read_timeout_ms = 10000;      // each read of a body
  int write_timeout_ms = 10000;     // each write of an answer
  size_t max_head_bytes = 64 * 1024;
  size_t max_header_lines = 200;
  size_t linger_bytes = 256 * 1024;  // read and dropped after an answer that left a body unread
  int linger_ms = 500;
};

}  // namespace sf::http
