// Whole HTTP requests (request line, query string, headers, body) through the real server in
// memory: cpp-httplib's parser, the router, every route's parameter and body checks, the
// renderers. Every answer must be HTTP, and every problem body valid JSON whose status is the
// answer's. Run with -max_len=1048576 (bodies up to the 1 MiB route limit).
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "http/server.hpp"

namespace {

sf::http::Server& server() {
  static sf::http::Server* s = [] {
    sf::http::ServerConfig config;
    config.port = 0;
    config.threads = 1;
    config.coverage_threads = 1;
    config.limits.coverage_cells = 200'000;  // keeps each coverage request to milliseconds
    sf::Snapshot snap;
    snap.catalog =
        std::make_shared<const sf::Catalog>(sf::fuzz::grid_stations(), sf::fuzz::two_districts());
    snap.source = "fuzz grid";
    auto* server = new sf::http::Server(config, snap);
    server->set_tokens(sf::http::TokenStore::parse("fuzz:fuzz-token-0123456789", "fuzz"));
    return server;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string out = server().serve_bytes(input);
  // Answers follow each other: a status line, a head, a body of Content-Length bytes (none
  // after HEAD). Only there is a status line looked for: a body or a detail may itself
  // contain "HTTP/1.1 " (a problem can quote the header it refuses). Problem bodies are valid
  // JSON with the answer's status.
  size_t at = 0;
  while (at < out.size()) {
    if (out.compare(at, 9, "HTTP/1.1 ") != 0) std::abort();
    const int status = std::atoi(out.c_str() + at + 9);
    if (status < 100 || status > 599) std::abort();
    const size_t head_end = out.find("\r\n\r\n", at);
    if (head_end == std::string::npos) break;
    const std::string head = out.substr(at, head_end - at);
    const size_t length_at = head.find("Content-Length: ");
    const size_t length = length_at == std::string::npos
                              ? 0
                              : std::strtoull(head.c_str() + length_at + 16, nullptr, 10);
    const size_t body_at = head_end + 4;
    // An answer to HEAD has the Content-Length of its GET but no body.
    const bool bodiless =
        out.compare(body_at, 9, "HTTP/1.1 ") == 0 &&
        (body_at + length >= out.size() || out.compare(body_at + length, 9, "HTTP/1.1 ") != 0);
    if (bodiless || body_at >= out.size()) {
      at = body_at;
      continue;
    }
    const std::string body = out.substr(body_at, length);
    at = body_at + length;
    if (body.size() < length || head.find("application/problem+json") == std::string::npos ||
        head.find("Content-Encoding") != std::string::npos)
      continue;
    const auto problem = nlohmann::json::parse(body, nullptr, false);
    if (problem.is_discarded() || !problem.contains("status") || problem["status"] != status)
      std::abort();
  }
  return 0;
}
