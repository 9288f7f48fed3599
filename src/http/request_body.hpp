// Reading a request body, the one way every route with a body does it: the framing is
// checked (one Content-Length of plain digits, or Transfer-Encoding: chunked, never both), a
// body without either is empty at once (cpp-httplib 0.11 would wait for the peer to close),
// and reading stops at the route's limit, counting decoded bytes for Content-Encoding: gzip
// or deflate (a small zip bomb cannot expand without bound). A body that is refused or not
// read to its end closes the connection after the answer.
#pragma once

#include <cstddef>
#include <optional>

#include <httplib.h>

namespace sf::http {

// Whether the request announces a body (a Content-Length other than 0, or any
// Transfer-Encoding).
bool announces_body(const httplib::Request& req);

// The declared Content-Length; nullopt when absent. Throws Error(header_invalid) when it is
// not one number of plain digits, or comes with a Transfer-Encoding.
std::optional<size_t> declared_length(const httplib::Request& req);

// Reads the body into req.body (the server's own request object). Throws Error:
// header_invalid (framing), unsupported_encoding, body_too_large (over `limit`), body_invalid
// (cut short, malformed chunks or compression, too slow); each closes the connection.
void read_request_body(const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader, size_t limit);

}  // namespace sf::http
