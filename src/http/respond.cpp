#include "http/respond.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <zlib.h>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"
#include "render/content_types.hpp"
#include "render/render.hpp"

namespace sf::http {

namespace {

std::string etag_for(const httplib::Request& req, const Snapshot& snap) {
  std::vector<std::pair<std::string, std::string>> params(req.params.begin(), req.params.end());
  std::sort(params.begin(), params.end());
  uint64_t h = 1469598103934665603ull;
  auto add = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0;
    h *= 1099511628211ull;
  };
  add(req.method);
  add(req.path);
  for (const auto& [k, v] : params) {
    add(k);
    add(v);
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  // A network reload changes every walking answer and street tile without a new dataset.
  std::string etag = "W/\"";
  etag += snap.catalog->version();
  if (snap.network) {
    etag += '-';
    etag += snap.network->version();
  }
  etag += '-';
  etag += buf;
  etag += '"';
  return etag;
}

bool accepts_gzip(const httplib::Request& req) {
  const std::string ae = req.get_header_value("Accept-Encoding");
  const size_t pos = ae.find("gzip");
  return pos != std::string::npos && ae.compare(pos, 8, "gzip;q=0") != 0;
}

bool gzip(const std::string& in, std::string& out) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return false;
  out.resize(deflateBound(&zs, in.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END;
}

}  // namespace

void compress_other_json(const httplib::Request& req, httplib::Response& res) {
  const std::string type = res.get_header_value("Content-Type");
  const bool ours = type == content_type::kGeoJson || type == content_type::kProblemJson ||
                    type == content_type::kMvt;
  if (!ours) return;
  res.set_header("Vary", "Accept-Encoding");
  if (res.body.size() < 512 || res.has_header("Content-Encoding") || !accepts_gzip(req)) return;
  std::string packed;
  if (gzip(res.body, packed)) {
    res.body = std::move(packed);
    res.set_header("Content-Encoding", "gzip");
  }
}

std::string authorize_write(const RouteEnv& env, const httplib::Request& req,
                            httplib::Response& res) {
  const auto tokens = env.tokens();
  if (!tokens || tokens->empty()) {
    throw Error(ErrorCode::writes_disabled, "",
                "this server has no write tokens; start it with --tokens-file FILE or "
                "STATIONFINDER_TOKENS=name:token");
  }
  const std::string header = req.get_header_value("Authorization");
  // The scheme is case-insensitive (RFC 7235 section 2.1): "bearer", "BEARER" are Bearer.
  if (header.size() < 7 || !equals_ignore_case(std::string_view(header).substr(0, 7), "Bearer ")) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"stationfinder\"");
    throw Error(ErrorCode::unauthorized, "Authorization", "send Authorization: Bearer <token>");
  }
  std::string_view token(header);
  token.remove_prefix(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (auto name = tokens->name_for(token)) return *name;
  if (env.metrics != nullptr) env.metrics->writes.failed_writes.fetch_add(1);
  res.set_header("WWW-Authenticate",
                 "Bearer realm=\"stationfinder\", error=\"invalid_token\", "
                 "error_description=\"the token is not known\"");
  throw Error(ErrorCode::unauthorized, "Authorization", "the token is not known");
}

void guarded(const httplib::Request& req, httplib::Response& res,
             const std::function<void()>& handler) {
  try {
    handler();
  } catch (const Error& e) {
    res.status = error_info(e.code()).http_status;
    res.set_content(render_problem(e.code(), e.parameter(), e.rule(), req.path),
                    content_type::kProblemJson);
    compress_other_json(req, res);
  } catch (const std::exception& e) {
    res.status = 500;
    res.set_content(render_problem(ErrorCode::internal_error, "", e.what(), req.path),
                    content_type::kProblemJson);
    compress_other_json(req, res);
  }
}

void answer_byte_range(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Accept-Ranges", "bytes");
  auto& r = const_cast<httplib::Request&>(req);  // the server's own object
  if (r.ranges.empty()) return;
  const auto [first, last] = r.ranges.front();
  r.ranges.clear();  // answered here: cpp-httplib must not slice the body again
  if (req.has_header("If-Range") &&
      req.get_header_value("If-Range") != res.get_header_value("ETag"))
    return;  // another version: the whole body
  const size_t size = res.body.size();
  size_t start = 0, end = 0;  // inclusive
  if (first < 0) {            // bytes=-N: the last N bytes
    if (last <= 0 || size == 0)
      start = size;  // unsatisfiable
    else
      start = size - std::min(size, static_cast<size_t>(last));
    end = size == 0 ? 0 : size - 1;
  } else {
    start = static_cast<size_t>(first);
    end = last < 0 ? size - 1 : std::min(static_cast<size_t>(last), size - 1);
  }
  if (start >= size) {
    res.body.clear();
    res.set_header("Content-Range", "bytes */" + std::to_string(size));
    throw Error(ErrorCode::range_not_satisfiable, "Range",
                "the file is " + std::to_string(size) + " bytes long");
  }
  res.body = res.body.substr(start, end - start + 1);
  res.status = 206;
  res.set_header("Content-Range", "bytes " + std::to_string(start) + "-" + std::to_string(end) +
                                      "/" + std::to_string(size));
  r.headers.erase("Accept-Encoding");  // a slice is sent as it is, never recompressed
}

std::string request_query(const httplib::Request& req,
                          std::initializer_list<std::string_view> leave_out) {
  std::string out;
  for (const auto& [k, v] : req.params) {
    if (std::find(leave_out.begin(), leave_out.end(), k) != leave_out.end()) continue;
    append_query(out, percent_encode(k), percent_encode(v));
  }
  return out;
}

void append_query(std::string& query, std::string_view k, std::string_view v) {
  query += query.empty() ? '?' : '&';
  query += k;
  query += '=';
  query += v;
}

bool answered_not_modified(const httplib::Request& req, httplib::Response& res,
                           const Snapshot& snap, bool clock_independent) {
  if (!clock_independent || !req.has_header("If-None-Match")) return false;
  const std::string etag = etag_for(req, snap);
  const std::string wanted = req.get_header_value("If-None-Match");
  if (wanted.find(etag) == std::string::npos && wanted != "*") return false;
  res.status = 304;
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "public, max-age=60");
  return true;
}

void send_json(const httplib::Request& req, httplib::Response& res, const Snapshot& snap,
               std::string body, const char* type, bool clock_independent) {
  if (clock_independent) {
    res.set_header("ETag", etag_for(req, snap));
    res.set_header("Access-Control-Expose-Headers", "ETag");
    res.set_header("Cache-Control", "public, max-age=60");
  } else {
    // open_now, closes_at and opens_at are computed for the current minute.
    res.set_header("Cache-Control", "public, max-age=15");
  }
  res.set_content(std::move(body), type);
  if (std::string_view(type) != content_type::kJson) compress_other_json(req, res);
}

}  // namespace sf::http
