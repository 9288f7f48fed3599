// What every route's answer goes through: the write authorization, errors as problem+json
// (guarded), compression of the types cpp-httplib leaves alone, ETags and 304, cache headers,
// and byte ranges of downloads.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include <httplib.h>

#include "core/catalog.hpp"
#include "service/snapshot.hpp"

namespace sf::http {

struct RouteEnv;

// The name of the caller's token for a write; throws unauthorized (401, with WWW-Authenticate
// set, RFC 6750) for a missing or unknown token, writes_disabled (403) when the server has no
// tokens at all: writes are never open by default.
std::string authorize_write(const RouteEnv& env, const httplib::Request& req,
                            httplib::Response& res);

// Runs a handler, turning sf::Error into problem+json and anything else into a 500 problem.
void guarded(const httplib::Request& req, httplib::Response& res,
             const std::function<void()>& handler);

// cpp-httplib 0.11 compresses only text/*, JSON, JavaScript and XML, and fixes the
// Content-Length before its post-routing hook: GeoJSON and problem details are gzipped here,
// inside the handler, when the client accepts gzip.
void compress_other_json(const httplib::Request& req, httplib::Response& res);

// Sends a JSON body. `clock_independent`: the answer depends only on the request and the
// snapshot's versions (dataset, and network when one is loaded), so it gets an ETag (and 304
// when If-None-Match matches).
void send_json(const httplib::Request& req, httplib::Response& res, const Snapshot& snap,
               std::string body, const char* content_type, bool clock_independent);

// For a download whose whole body is set (with its ETag): answers a single byte range of it
// (206 with Content-Range; 416 when it starts past the end), or the whole body when there is
// no range or If-Range names another version. Sets Accept-Ranges either way.
void answer_byte_range(const httplib::Request& req, httplib::Response& res);

// The request's own query string ("?k=v&…", percent-encoded; empty without one) without the
// parameters in `leave_out`, for links to the same answer with some parameter changed.
std::string request_query(const httplib::Request& req,
                          std::initializer_list<std::string_view> leave_out);
// Appends k=v to a query string as request_query gives it ("" or "?…"; v as given: encode it
// first).
void append_query(std::string& query, std::string_view k, std::string_view v);

// Answers 304 before any work when the request's ETag still matches. Returns true if it did.
bool answered_not_modified(const httplib::Request& req, httplib::Response& res,
                           const Snapshot& snap, bool clock_independent);

}  // namespace sf::http
