// A `stationfinder serve` process for the tests that drive the real executable: started on a
// free port (read from its first line of output), stopped with SIGTERM.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace sf::test {

// A `stationfinder serve` process on a free port, stopped with SIGTERM.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& dir, const std::string& name,
               std::vector<std::string> args) {
    const std::string out = (dir / (name + ".out")).string();
    args.insert(args.begin(), {SF_STATIONFINDER_BIN, "serve", "--port", "0"});
    pid_ = ::fork();
    if (pid_ == 0) {
      FILE* o = std::freopen(out.c_str(), "w", stdout);
      FILE* e = std::freopen((dir / (name + ".err")).string().c_str(), "w", stderr);
      (void)o;
      (void)e;
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      std::_Exit(127);
    }
    for (int i = 0; i < 600 && port_ == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::ifstream in(out);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const size_t at = text.find("http://127.0.0.1:");
      if (at != std::string::npos) port_ = std::atoi(text.c_str() + at + 17);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool alive() const { return pid_ > 0 && ::kill(pid_, 0) == 0; }
  size_t rss_kb() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
    }
    return 0;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace sf::test
