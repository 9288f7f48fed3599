// Query-string parsing and checking: the first gate of every request. Each check raises
// sf::Error naming the parameter and the rule; values are trusted afterwards.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/amenity.hpp"
#include "core/datum.hpp"
#include "core/errors.hpp"
#include "core/geodesy.hpp"
#include "core/query.hpp"
#include "core/region.hpp"
#include "core/time.hpp"
#include "service/fields.hpp"

namespace sf {

// Every answer format, by its format= name. Each route allows its own few.
enum class Format { json, geojson, csv, gpkg, shp, tiff, fgb };
std::string_view format_name(Format f);

class QueryParams {
 public:
  using Raw = std::multimap<std::string, std::string>;
  explicit QueryParams(const Raw& raw) : raw_(raw) {}

  // Rejects any parameter outside `allowed` (a typo should not pass silently). "_", the
  // cache-buster some clients add, is always allowed.
  void allow_only(std::initializer_list<std::string_view> allowed) const;

  // The value, nullopt when absent; throws when given more than once.
  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const { return raw_.count(std::string(name)) > 0; }

  double number(std::string_view name) const;  // required, finite
  std::optional<double> optional_number(std::string_view name) const;
  // An integer in [min, max]; out of range raises `range_code`.
  size_t integer(std::string_view name, size_t fallback, size_t min, size_t max,
                 ErrorCode range_code) const;
  bool boolean(std::string_view name, bool fallback) const;

  const Raw& raw() const { return raw_; }

 private:
  const Raw& raw_;
};

// A plain decimal (-?digits[.digits][e±digits]) that is finite; throws
// parameter_not_a_number or parameter_not_finite naming `name`. The one number rule of the
// query string, the CLI's flags and every request parser.
double checked_number(std::string_view name, std::string_view text);

// What every station query shares: coordinates system, output format, time, filters.
struct CommonParams {
  Datum datum = Datum::wgs84;
  Format format = Format::json;
  UnixSeconds at = 0;     // the instant open_now, closes_at and opens_at refer to
  bool at_given = false;  // answers without `at` depend on the clock
  StationFilter filter;
  FieldSet fields = kAllFields;  // the `fields=` selection
};

// format= as one of `allowed` (the error lists them in this order), `fallback` when absent.
Format parse_format(const QueryParams& params, std::initializer_list<Format> allowed,
                    Format fallback);

// crs= (default WGS84) and at= (ISO 8601, Asia/Shanghai unless it says otherwise).
Datum parse_crs(const QueryParams& params);
// distance=straight (the default) or walk.
Distance parse_distance(const QueryParams& params);
std::optional<UnixSeconds> parse_at(const QueryParams& params);

// crs, format, at, open_now, amenities, host_types, q, fields.
CommonParams parse_common(const QueryParams& params);

// lon/lat (finite first, then range) in the request's datum, returned in WGS84.
LonLat parse_point(const QueryParams& params, Datum datum);
LonLat check_point(double lon, double lat, Datum datum, std::string_view where);

// "minLon,minLat,maxLon,maxLat", WGS84 out.
BBox parse_bbox(std::string_view text, Datum datum);

// Every query parameter name and value is well-formed UTF-8 without NUL, and so is the
// (decoded) path; throws invalid_utf8 naming the parameter ("path" for the path) otherwise.
void check_request_text(std::string_view path, const QueryParams::Raw& raw);

AmenitySet parse_amenity_list(std::string_view text);
HostTypeSet parse_host_type_list(std::string_view text);

// The parameters parse_common reads, for allow_only lists.
#define SF_COMMON_PARAMS "crs", "format", "at", "open_now", "amenities", "host_types", "q", "fields"

}  // namespace sf
