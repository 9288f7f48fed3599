#include "core/errors.hpp"

#include <array>

namespace sf {

namespace {

constexpr std::array kCatalogue = {
    ErrorInfo{"parameter_missing", 400, "A required parameter is missing"},
    ErrorInfo{"parameter_not_a_number", 400, "A parameter is not a number"},
    ErrorInfo{"parameter_not_finite", 400, "A parameter is not a finite number"},
    ErrorInfo{"parameter_invalid", 400, "A parameter has an invalid value"},
    ErrorInfo{"parameter_unknown", 400, "Unknown parameter"},
    ErrorInfo{"lon_out_of_range", 400, "Longitude out of range"},
    ErrorInfo{"lat_out_of_range", 400, "Latitude out of range"},
    ErrorInfo{"k_out_of_range", 400, "k out of range"},
    ErrorInfo{"offset_out_of_range", 400, "offset out of range"},
    ErrorInfo{"limit_out_of_range", 400, "limit out of range"},
    ErrorInfo{"radius_out_of_range", 400, "Radius out of range"},
    ErrorInfo{"buffer_out_of_range", 400, "Buffer out of range"},
    ErrorInfo{"bbox_invalid", 400, "Invalid bounding box"},
    ErrorInfo{"bbox_south_above_north", 400, "Bounding box south edge is above its north edge"},
    ErrorInfo{"unknown_amenity", 400, "Unknown amenity"},
    ErrorInfo{"unknown_host_type", 400, "Unknown host type"},
    ErrorInfo{"unknown_crs", 400, "Unknown coordinate reference system"},
    ErrorInfo{"unknown_format", 400, "Unknown output format"},
    ErrorInfo{"unknown_district", 400, "Unknown district"},
    ErrorInfo{"unknown_field", 400, "Unknown field"},
    ErrorInfo{"invalid_datetime", 400, "Invalid date-time"},
    ErrorInfo{"invalid_boolean", 400, "Invalid boolean"},
    ErrorInfo{"body_not_json", 400, "Request body is not valid JSON"},
    ErrorInfo{"body_not_polygon", 400, "Request body is not a GeoJSON Polygon or MultiPolygon"},
    ErrorInfo{"body_not_linestring", 400, "Request body is not a GeoJSON LineString"},
    ErrorInfo{"body_invalid", 400, "Request body is invalid"},
    ErrorInfo{"region_missing", 400, "No region given"},
    ErrorInfo{"invalid_utf8", 400, "Text is not valid UTF-8 or holds a NUL character"},
    ErrorInfo{"json_too_deep", 400, "JSON body nested too deeply"},
    ErrorInfo{"header_invalid", 400, "Invalid request header"},
    ErrorInfo{"distance_not_supported", 400, "This route measures straight-line distances only"},
    ErrorInfo{"unauthorized", 401, "A valid bearer token is required"},
    ErrorInfo{"writes_disabled", 403, "This server takes no writes (no tokens configured)"},
    ErrorInfo{"station_not_found", 404, "Station not found"},
    ErrorInfo{"route_not_found", 404, "No such route"},
    ErrorInfo{"collection_not_found", 404, "No such collection"},
    ErrorInfo{"feature_not_found", 404, "No such feature in the collection"},
    ErrorInfo{"tile_not_found", 404, "The tileset has no tiles at this zoom"},
    ErrorInfo{"station_exists", 409, "A station with this id exists"},
    ErrorInfo{"data_read_only", 409, "The served data source takes no writes"},
    ErrorInfo{"network_missing", 409, "This server has no street network to walk on"},
    ErrorInfo{"body_too_large", 413, "Request body too large"},
    ErrorInfo{"grid_too_large", 413, "Coverage grid over the configured cell limit"},
    ErrorInfo{"uri_too_long", 414, "Request URI too long"},
    ErrorInfo{"unsupported_encoding", 415, "Unsupported content encoding"},
    ErrorInfo{"range_not_satisfiable", 416, "Range not satisfiable"},
    ErrorInfo{"headers_too_large", 431, "Request header fields too large"},
    ErrorInfo{"result_window_too_large", 422, "Result window over the configured limit"},
    ErrorInfo{"too_many_points", 422, "Too many points over the configured limit"},
    ErrorInfo{"route_too_complex", 422, "Route over the configured vertex limit"},
    ErrorInfo{"unknown_station_id", 422, "Unknown station id"},
    ErrorInfo{"invalid_station", 422, "The station does not pass validation"},
    ErrorInfo{"region_too_large", 422, "Region over the configured extent limit"},
    ErrorInfo{"too_many_candidates", 422, "Too many candidate sites"},
    ErrorInfo{"demand_unusable", 422, "Demand data holds no usable point"},
    ErrorInfo{"replace_needs_confirmation", 422,
              "The replace would delete many stations: confirm the count"},
    ErrorInfo{"not_near_street", 422, "The point is not near a walkable street"},
    ErrorInfo{"coverage_busy", 503, "Coverage pool is busy"},
    ErrorInfo{"data_source_unreadable", 500, "Data source cannot be read"},
    ErrorInfo{"data_invalid", 500, "Data source holds invalid rows"},
    ErrorInfo{"internal_error", 500, "Internal error"},
};
static_assert(kCatalogue.size() == static_cast<size_t>(ErrorCode::internal_error) + 1,
              "every ErrorCode needs a catalogue entry");

std::string compose_message(ErrorCode code, const std::string& parameter, const std::string& rule) {
  std::string message(error_info(code).name);
  if (!parameter.empty()) message += " (" + parameter + ")";
  if (!rule.empty()) message += ": " + rule;
  return message;
}

}  // namespace

const ErrorInfo& error_info(ErrorCode code) {
  return kCatalogue.at(static_cast<size_t>(code));
}

Error::Error(ErrorCode code, std::string parameter, std::string rule)
    : std::runtime_error(compose_message(code, parameter, rule)),
      code_(code),
      parameter_(std::move(parameter)),
      rule_(std::move(rule)) {}

}  // namespace sf
