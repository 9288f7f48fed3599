// The one catalogue of named error codes. Every layer throws sf::Error with a code from
// here; the HTTP front-end renders it as application/problem+json, the CLI prints it.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sf {

enum class ErrorCode {
  // 400: a malformed or invalid request
  parameter_missing,
  parameter_not_a_number,
  parameter_not_finite,
  parameter_invalid,
  parameter_unknown,
  lon_out_of_range,
  lat_out_of_range,
  k_out_of_range,
  offset_out_of_range,
  limit_out_of_range,
  radius_out_of_range,
  buffer_out_of_range,
  bbox_invalid,
  bbox_south_above_north,
  unknown_amenity,
  unknown_host_type,
  unknown_crs,
  unknown_format,
  unknown_district,
  unknown_field,
  invalid_datetime,
  invalid_boolean,
  body_not_json,
  body_not_polygon,
  body_not_linestring,
  body_invalid,
  region_missing,
  invalid_utf8,
  json_too_deep,
  header_invalid,
  distance_not_supported,
  // 401, 403
  unauthorized,
  writes_disabled,
  // 404
  station_not_found,
  route_not_found,
  collection_not_found,
  feature_not_found,
  tile_not_found,
  // 409
  station_exists,
  data_read_only,
  network_missing,
  // 413
  body_too_large,
  grid_too_large,
  // 414, 415, 416, 431: the request line, encoding, range or headers cannot be served
  uri_too_long,
  unsupported_encoding,
  range_not_satisfiable,
  headers_too_large,
  // 422: well-formed but over a configured limit
  result_window_too_large,
  too_many_points,
  route_too_complex,
  unknown_station_id,
  invalid_station,
  region_too_large,
  too_many_candidates,
  demand_unusable,
  replace_needs_confirmation,
  not_near_street,
  // 503: the coverage pool is full; retry later
  coverage_busy,
  // data and start-up errors (CLI), never produced by a request
  data_source_unreadable,
  data_invalid,
  // 500: a bug
  internal_error,
};

struct ErrorInfo {
  std::string_view name;   // stable machine-readable code, e.g. "lat_out_of_range"
  int http_status;         // the HTTP status it maps to
  std::string_view title;  // short human-readable summary
};

const ErrorInfo& error_info(ErrorCode code);

// The one exception type of the project. `parameter` names the offending input (a query
// parameter, a body member or a column), `rule` states the rule it broke.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string parameter, std::string rule);

  ErrorCode code() const { return code_; }
  const std::string& parameter() const { return parameter_; }
  const std::string& rule() const { return rule_; }

 private:
  ErrorCode code_;
  std::string parameter_;
  std::string rule_;
};

}  // namespace sf
