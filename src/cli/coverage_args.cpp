#include "cli/coverage_args.hpp"

#include <stdexcept>

#include "core/errors.hpp"

namespace sf::cli {

std::vector<Flag> coverage_flags() {
  return {
      {"radius-m", "", "M", "covered means within M metres of a station (default 500)", ""},
      {"walk-minutes", "", "MIN",
       "instead of --radius-m: MIN minutes at 75 m a minute (4.5 km/h, straight line)", ""},
      {"cell-m", "", "M", "grid cell size in metres (default 100, at least 5)", ""},
      {"at", "", "TIME", "count only the stations open then (ISO 8601, Asia/Shanghai)", ""},
  };
}

CoverageRequest parse_coverage_request(const Args& args) {
  if (args.has("radius-m") && args.has("walk-minutes")) {
    throw std::invalid_argument("give --radius-m or --walk-minutes, not both");
  }
  CoverageRequest r;
  r.options.radius_m = args.number("radius-m", 500);
  if (args.has("walk-minutes")) {
    r.options.radius_m = kWalkMetresPerMinute * args.number("walk-minutes", 0);
  }
  if (!(r.options.radius_m > 0) || r.options.radius_m > 50'000) {
    throw std::invalid_argument("the radius must be greater than 0 and at most 50000 m");
  }
  r.options.cell_m = args.number("cell-m", 100);
  if (!(r.options.cell_m >= 5) || r.options.cell_m > 10'000) {
    throw std::invalid_argument("--cell-m must be from 5 to 10000");
  }
  if (auto t = args.get("at")) {
    r.at = parse_iso8601(*t);
    if (!r.at) {
      throw Error(ErrorCode::invalid_datetime, "--at", "'" + *t + "' is not an ISO 8601 date-time");
    }
  }
  return r;
}

std::vector<LonLat> counted_stations(const Catalog& catalog, const CoverageRequest& request) {
  StationFilter open;
  if (request.at) open.open_at_minute_of_week = shanghai_minute_of_week(*request.at);
  std::vector<LonLat> stations;
  for (const Hit& h : catalog.matching(open, 0, catalog.size()).hits) {
    stations.push_back(catalog.station(h.index).position);
  }
  return stations;
}

void begin_parameters(http::JsonWriter& w, const CoverageRequest& request, const Catalog& catalog) {
  w.key("parameters").begin_object();
  w.key("radius_m").number(request.options.radius_m, 3);
  w.key("cell_m").number(request.options.cell_m, 3);
  w.key("at");
  if (request.at) {
    w.value(format_shanghai(*request.at));
  } else {
    w.null();
  }
  w.field("dataset_version", catalog.version());
}

}  // namespace sf::cli
