#include "http/request_body.hpp"

#include <string>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/connection.hpp"

namespace sf::http {

namespace {

[[noreturn]] void refuse(httplib::Response& res, ErrorCode code, const std::string& parameter,
                         const std::string& rule) {
  close_after_response(res);  // what is left of the body must never be read as a request
  throw Error(code, parameter, rule);
}

}  // namespace

std::optional<size_t> declared_length(const httplib::Request& req) {
  const size_t count = req.get_header_value_count("Content-Length");
  if (count == 0) return std::nullopt;
  const std::string value = req.get_header_value("Content-Length");
  for (size_t i = 1; i < count; ++i) {
    if (req.get_header_value("Content-Length", i) != value) {
      throw Error(ErrorCode::header_invalid, "Content-Length", "is given twice with two values");
    }
  }
  if (value.empty() || value.size() > 18 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    throw Error(ErrorCode::header_invalid, "Content-Length", "must be a number of bytes");
  }
  if (req.has_header("Transfer-Encoding")) {
    throw Error(ErrorCode::header_invalid, "Transfer-Encoding",
                "a request gives Content-Length or Transfer-Encoding, not both");
  }
  return static_cast<size_t>(std::stoull(value));
}

bool announces_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const std::string length = req.get_header_value("Content-Length");
  return !length.empty() && length.find_first_not_of('0') != std::string::npos;
}

void read_request_body(const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader, size_t limit) {
  auto& body = const_cast<httplib::Request&>(req).body;  // the server's own object
  body.clear();
  std::optional<size_t> length;
  try {
    length = declared_length(req);
  } catch (const Error& e) {
    refuse(res, e.code(), e.parameter(), e.rule());
  }
  const std::string transfer = req.get_header_value("Transfer-Encoding");
  if (!transfer.empty() && !equals_ignore_case(transfer, "chunked")) {
    refuse(res, ErrorCode::header_invalid, "Transfer-Encoding",
           "'" + transfer + "' is not supported; send Content-Length or chunked");
  }
  if (!length && transfer.empty()) {  // no body (RFC 9112 section 6.3): empty, at once
    request_body_consumed();
    return;
  }
  if (length && *length > limit) {
    refuse(res, ErrorCode::body_too_large, "body",
           "the body is over this route's limit of " + std::to_string(limit) + " bytes");
  }
  if (length && *length == 0) {
    request_body_consumed();
    return;
  }
  const std::string encoding = to_lower_ascii(req.get_header_value("Content-Encoding"));
  if (!encoding.empty() && encoding != "identity" && encoding != "gzip" && encoding != "deflate") {
    refuse(res, ErrorCode::unsupported_encoding, "Content-Encoding",
           "'" + encoding + "' is not supported; send the body as is, gzip or deflate");
  }
  if (length) body.reserve(*length);
  bool over = false;
  const bool read = reader([&](const char* data, size_t n) {
    if (body.size() + n > limit) {  // decoded bytes: a compressed body counts what it expands to
      over = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (over) {
    body.clear();
    refuse(res, ErrorCode::body_too_large, "body",
           "the body is over this route's limit of " + std::to_string(limit) + " bytes (decoded)");
  }
  if (!read) {
    body.clear();
    refuse(res, ErrorCode::body_invalid, "body",
           "the body could not be read whole (cut short, too slow, or malformed chunks or "
           "compression)");
  }
  request_body_consumed();
}

}  // namespace sf::http
