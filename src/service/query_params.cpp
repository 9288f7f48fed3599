#include "service/query_params.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/decimal.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace sf {

namespace {

bool parse_double(std::string_view text, double& out) {
  const std::optional<double> v = parse_decimal(text);
  if (v) out = *v;
  return v.has_value();
}

}  // namespace

double checked_number(std::string_view name, std::string_view text) {
  double v = 0;
  if (!parse_double(text, v)) {
    throw Error(ErrorCode::parameter_not_a_number, std::string(name),
                quoted(text) + " is not a plain decimal number (-?digits[.digits][e±digits])");
  }
  if (!std::isfinite(v)) {
    throw Error(ErrorCode::parameter_not_finite, std::string(name),
                quoted(text) + " is not a finite number");
  }
  return v;
}

void QueryParams::allow_only(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [name, value] : raw_) {
    if (name == "_") continue;
    bool known = false;
    for (std::string_view a : allowed) known = known || a == name;
    if (!known) {
      throw Error(ErrorCode::parameter_unknown, name,
                  "this route takes only these parameters: " + join(allowed));
    }
  }
}

std::optional<std::string> QueryParams::get(std::string_view name) const {
  const auto range = raw_.equal_range(std::string(name));
  if (range.first == range.second) return std::nullopt;
  if (std::next(range.first) != range.second) {
    throw Error(ErrorCode::parameter_invalid, std::string(name), "given more than once");
  }
  return range.first->second;
}

double QueryParams::number(std::string_view name) const {
  auto v = get(name);
  if (!v) throw Error(ErrorCode::parameter_missing, std::string(name), "is required");
  return checked_number(name, *v);
}

std::optional<double> QueryParams::optional_number(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::nullopt;
  return checked_number(name, *v);
}

size_t QueryParams::integer(std::string_view name, size_t fallback, size_t min, size_t max,
                            ErrorCode range_code) const {
  auto v = get(name);
  if (!v) return fallback;
  const std::string rule =
      "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  const double d = checked_number(name, *v);
  if (d != std::floor(d)) throw Error(range_code, std::string(name), quoted(*v) + ": " + rule);
  if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
    throw Error(range_code, std::string(name), quoted(*v) + ": " + rule);
  }
  return static_cast<size_t>(d);
}

bool QueryParams::boolean(std::string_view name, bool fallback) const {
  auto v = get(name);
  if (!v) return fallback;
  if (*v == "true" || *v == "1" || *v == "yes") return true;
  if (*v == "false" || *v == "0" || *v == "no") return false;
  throw Error(ErrorCode::invalid_boolean, std::string(name), quoted(*v) + " is not true or false");
}

void check_request_text(std::string_view path, const QueryParams::Raw& raw) {
  if (const std::string why = unclean_text_reason(path); !why.empty()) {
    throw Error(ErrorCode::invalid_utf8, "path", "the decoded path " + why);
  }
  for (const auto& [name, value] : raw) {
    if (const std::string why = unclean_text_reason(name); !why.empty()) {
      throw Error(ErrorCode::invalid_utf8, "query", "a parameter name " + why);
    }
    if (const std::string why = unclean_text_reason(value); !why.empty()) {
      throw Error(ErrorCode::invalid_utf8, name, "the value " + why);
    }
  }
}

AmenitySet parse_amenity_list(std::string_view text) {
  AmenitySet set = 0;
  for (const std::string& token : split_list(text)) {
    auto a = parse_amenity(token);
    if (!a) {
      throw Error(ErrorCode::unknown_amenity, "amenities",
                  quoted(token) + " is not an amenity; use " + join(all_amenity_names()) +
                      " (microwave = hot_meal)");
    }
    set |= amenity_bit(*a);
  }
  return set;
}

HostTypeSet parse_host_type_list(std::string_view text) {
  HostTypeSet set = 0;
  for (const std::string& token : split_list(text)) {
    auto h = parse_host_type(token);
    if (!h) {
      throw Error(ErrorCode::unknown_host_type, "host_types",
                  quoted(token) + " is not a host type; use " + join(all_host_type_names()));
    }
    set |= host_type_bit(*h);
  }
  return set;
}

Distance parse_distance(const QueryParams& params) {
  const auto d = params.get("distance");
  if (!d || *d == "straight") return Distance::straight;
  if (*d == "walk") return Distance::walk;
  throw Error(ErrorCode::parameter_invalid, "distance",
              "must be straight (the great circle) or walk (along the street network)");
}

Datum parse_crs(const QueryParams& params) {
  if (auto crs = params.get("crs")) {
    auto d = parse_datum(*crs);
    if (!d) {
      throw Error(ErrorCode::unknown_crs, "crs", quoted(*crs) + " is not wgs84, gcj02 or bd09");
    }
    return *d;
  }
  return Datum::wgs84;
}

std::optional<UnixSeconds> parse_at(const QueryParams& params) {
  auto at = params.get("at");
  if (!at) return std::nullopt;
  auto t = parse_iso8601(*at);
  if (!t) {
    throw Error(ErrorCode::invalid_datetime, "at",
                quoted(*at) +
                    " is not an ISO 8601 date-time such as 2026-11-25T14:30 "
                    "(Asia/Shanghai) or 2026-11-25T06:30:00Z");
  }
  return *t;
}

std::string_view format_name(Format f) {
  switch (f) {
    case Format::json:
      return "json";
    case Format::geojson:
      return "geojson";
    case Format::csv:
      return "csv";
    case Format::gpkg:
      return "gpkg";
    case Format::shp:
      return "shp";
    case Format::tiff:
      return "tiff";
    case Format::fgb:
      return "fgb";
  }
  return "json";
}

Format parse_format(const QueryParams& params, std::initializer_list<Format> allowed,
                    Format fallback) {
  const std::optional<std::string> given = params.get("format");
  if (!given) return fallback;
  std::string names;
  size_t i = 0;
  for (Format f : allowed) {
    if (format_name(f) == *given) return f;
    names +=
        (i == 0 ? "" : (i + 1 == allowed.size() ? " or " : ", ")) + std::string(format_name(f));
    ++i;
  }
  throw Error(ErrorCode::unknown_format, "format", quoted(*given) + " is not " + names);
}

CommonParams parse_common(const QueryParams& params) {
  CommonParams c;
  c.datum = parse_crs(params);
  c.format = parse_format(params, {Format::json, Format::geojson}, Format::json);
  if (auto at = parse_at(params)) {
    c.at = *at;
    c.at_given = true;
  } else {
    c.at = now_unix();
  }
  if (params.boolean("open_now", false)) {
    c.filter.open_at_minute_of_week = shanghai_minute_of_week(c.at);
  }
  if (auto a = params.get("amenities")) c.filter.amenities = parse_amenity_list(*a);
  if (auto h = params.get("host_types")) c.filter.host_types = parse_host_type_list(*h);
  if (auto f = params.get("fields")) c.fields = parse_fields(*f);
  if (auto q = params.get("q")) {
    if (q->size() > kDefaultLimits.text_query_bytes)
      throw Error(ErrorCode::parameter_invalid, "q",
                  "at most " + std::to_string(kDefaultLimits.text_query_bytes) + " bytes");
    c.filter.text = *q;
  }
  return c;
}

LonLat check_point(double lon, double lat, Datum datum, std::string_view where) {
  const std::string lon_name = std::string(where) + "lon", lat_name = std::string(where) + "lat";
  if (!std::isfinite(lon)) throw Error(ErrorCode::parameter_not_finite, lon_name, "must be finite");
  if (!std::isfinite(lat)) throw Error(ErrorCode::parameter_not_finite, lat_name, "must be finite");
  if (lon < -180 || lon > 180) {
    throw Error(ErrorCode::lon_out_of_range, lon_name,
                "must be between -180 and 180, got " + std::to_string(lon));
  }
  if (lat < -90 || lat > 90) {
    throw Error(ErrorCode::lat_out_of_range, lat_name,
                "must be between -90 and 90, got " + std::to_string(lat));
  }
  return to_wgs84({lon, lat}, datum);
}

LonLat parse_point(const QueryParams& params, Datum datum) {
  const double lon = params.number("lon");
  const double lat = params.number("lat");
  return check_point(lon, lat, datum, "");
}

BBox parse_bbox(std::string_view text, Datum datum) {
  double v[4];
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t comma = text.find(',', start);
    const bool last = i == 3;
    if ((comma == std::string_view::npos) != last) {
      throw Error(ErrorCode::bbox_invalid, "bbox",
                  "must be four numbers minLon,minLat,maxLon,maxLat");
    }
    const std::string_view part = text.substr(start, last ? std::string_view::npos : comma - start);
    if (!parse_double(part, v[i])) {
      throw Error(ErrorCode::bbox_invalid, "bbox", quoted(part) + " is not a number");
    }
    if (!std::isfinite(v[i])) {
      throw Error(ErrorCode::bbox_invalid, "bbox", quoted(part) + " is not finite");
    }
    start = comma + 1;
  }
  for (int i : {0, 2}) {
    if (v[i] < -180 || v[i] > 180)
      throw Error(ErrorCode::lon_out_of_range, "bbox", "longitudes must be between -180 and 180");
  }
  for (int i : {1, 3}) {
    if (v[i] < -90 || v[i] > 90)
      throw Error(ErrorCode::lat_out_of_range, "bbox", "latitudes must be between -90 and 90");
  }
  if (v[1] > v[3]) {
    throw Error(ErrorCode::bbox_south_above_north, "bbox",
                "minLat (south) must not exceed maxLat (north); a west edge greater than the "
                "east edge is allowed and crosses the antimeridian");
  }
  const LonLat sw = to_wgs84({v[0], v[1]}, datum), ne = to_wgs84({v[2], v[3]}, datum);
  return BBox{sw.lon, sw.lat, ne.lon, ne.lat};
}

}  // namespace sf
