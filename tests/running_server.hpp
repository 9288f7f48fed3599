// A Server bound to a free 127.0.0.1 port and running on a thread of the test process, for the
// HTTP tests that build their own snapshot; stopped and joined when it is destroyed. Check
// server.running() after making it: it waits up to 2 s for the server to start.
#pragma once

#include <chrono>
#include <thread>

#include "http/server.hpp"

namespace sf::http {

struct RunningServer {
  Server server;
  int port;
  std::thread thread;
  RunningServer(const ServerConfig& config, const Snapshot& snap)
      : server(config, snap), port(server.bind()), thread([this] { server.run(); }) {
    for (int i = 0; i < 200 && !server.running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~RunningServer() {
    server.stop();
    thread.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
};

}  // namespace sf::http
