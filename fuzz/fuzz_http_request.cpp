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
    config.max_coverage_cells = 200'000;  // keeps each coverage request to milliseconds
    sf::http::Snapshot snap;
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
  // Every answer starts with a status line; problem bodies are valid JSON with that status.
  for (size_t at = out.find("HTTP/1.1 "); at != std::string::npos;
       at = out.find("HTTP/1.1 ", at + 1)) {
    const int status = std::atoi(out.c_str() + at + 9);
    if (status < 100 || status > 599) std::abort();
    const size_t head_end = out.find("\r\n\r\n", at);
    if (head_end == std::string::npos) break;
    const std::string head = out.substr(at, head_end - at);
    if (head.find("application/problem+json") == std::string::npos ||
        head.find("Content-Encoding") != std::string::npos)
      continue;
    const size_t length_at = head.find("Content-Length: ");
    if (length_at == std::string::npos) continue;
    const size_t length = std::strtoull(head.c_str() + length_at + 16, nullptr, 10);
    const std::string body = out.substr(head_end + 4, length);
    // An answer to HEAD has the Content-Length of its GET but no body.
    if (body.size() < length || body.rfind("HTTP/1.1 ", 0) == 0) continue;
    const auto problem = nlohmann::json::parse(body, nullptr, false);
    if (problem.is_discarded() || !problem.contains("status") || problem["status"] != status)
      std::abort();
  }
  return 0;
}
