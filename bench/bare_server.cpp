// The ceiling for our HTTP numbers: cpp-httplib with the same tuning as stationfinder serve
// (TCP_NODELAY, a large thread pool, unlimited keep-alive) answering a fixed JSON body.
// Usage: sf_bare_server PORT BODY_BYTES [THREADS]
#include <cstdio>
#include <cstdlib>
#include <string>

#include <httplib.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: sf_bare_server PORT BODY_BYTES [THREADS]\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const size_t bytes = std::strtoul(argv[2], nullptr, 10);
  const size_t threads = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 512;
  std::string body = "{\"items\":[\"";
  body += std::string(bytes > body.size() + 3 ? bytes - body.size() - 3 : 0, 'x');
  body += "\"]}";
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1'000'000);
  server.Get("/v1/stations/nearest", [&body](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/json");
  });
  std::printf("bare server on 127.0.0.1:%d, %zu-byte body\n", port, body.size());
  std::fflush(stdout);
  return server.listen("127.0.0.1", port) ? 0 : 1;
}
