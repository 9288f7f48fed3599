#include "http/access_log.hpp"

#include "core/errors.hpp"

#include <stdexcept>

#include "core/time.hpp"
#include "render/json_writer.hpp"

namespace sf::http {

AccessLog::AccessLog(const std::string& target)
    : out_(target == "-" || target == "stderr" ? stderr : std::fopen(target.c_str(), "a")),
      owned_(out_ != stderr) {
  if (out_ == nullptr) {
    throw Error(ErrorCode::parameter_invalid, "--access-log",
                "cannot open " + target + " to append to");
  }
}

AccessLog::~AccessLog() {
  if (owned_ && out_ != nullptr) std::fclose(out_);
}

void AccessLog::write(const std::string& route, const httplib::Request& req,
                      const httplib::Response& res, double seconds) {
  JsonWriter w;
  w.begin_object();
  w.field("ts", format_shanghai(now_unix()));
  w.field("method", req.method).field("route", route).field("path", req.path);
  w.field("status", res.status < 0 ? 200 : res.status);
  w.key("ms").number(seconds * 1000, 3);
  w.field("bytes", static_cast<uint64_t>(res.body.size()));
  w.field("remote", req.remote_addr);
  w.end_object();
  std::lock_guard lock(mutex_);
  std::fprintf(out_, "%s\n", w.str().c_str());
  std::fflush(out_);
}

}  // namespace sf::http
