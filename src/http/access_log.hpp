// Structured access log: one JSON line per request (time, method, route, path without the
// query string, status, milliseconds, bytes, client address). Query strings and bodies are
// never logged: they can hold a courier's position or private demand points.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include <httplib.h>

namespace sf::http {

class AccessLog {
 public:
  // "-" or "stderr": standard error; otherwise a file appended to. Throws
  // Error(parameter_invalid, --access-log) when the file cannot be opened.
  explicit AccessLog(const std::string& target);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(const std::string& route, const httplib::Request& req, const httplib::Response& res,
             double seconds);

 private:
  std::mutex mutex_;
  FILE* out_;
  bool owned_;
};

}  // namespace sf::http
