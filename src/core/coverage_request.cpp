#include "core/coverage_request.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace sf {

CoverageOptions checked_coverage_options(std::optional<double> radius_m,
                                         std::optional<double> walk_minutes,
                                         std::optional<double> cell_m,
                                         std::optional<double> min_stations,
                                         const CoverageInputNames& names, const Limits& limits) {
  CoverageOptions o;
  if (radius_m && walk_minutes) {
    throw Error(ErrorCode::parameter_invalid, names.walk,
                std::string("give ") + names.radius + " or " + names.walk + ", not both");
  }
  if (walk_minutes) {
    const double metres_per_minute = limits.walk_metres_per_minute();
    if (!(*walk_minutes > 0) || *walk_minutes * metres_per_minute > limits.coverage_radius_max_m) {
      throw Error(ErrorCode::radius_out_of_range, names.walk,
                  "must be greater than 0 and at most " +
                      number_text(limits.coverage_radius_max_m / metres_per_minute) + " minutes (" +
                      number_text(metres_per_minute) + " m a minute)");
    }
    o.radius_m = *walk_minutes * metres_per_minute;
  } else if (radius_m) {
    if (!(*radius_m > 0) || *radius_m > limits.coverage_radius_max_m) {
      throw Error(
          ErrorCode::radius_out_of_range, names.radius,
          "must be greater than 0 and at most " + number_text(limits.coverage_radius_max_m) + " m");
    }
    o.radius_m = *radius_m;
  }
  if (cell_m) {
    if (!(*cell_m >= limits.cell_min_m) || *cell_m > limits.cell_max_m) {
      throw Error(ErrorCode::parameter_invalid, names.cell,
                  "must be from " + number_text(limits.cell_min_m) + " to " +
                      number_text(limits.cell_max_m) + " m");
    }
    o.cell_m = *cell_m;
  }
  if (min_stations) {
    if (!(*min_stations >= 1 && *min_stations <= limits.min_stations_max) ||
        *min_stations != std::floor(*min_stations)) {
      throw Error(ErrorCode::parameter_invalid, names.min_stations,
                  "must be a whole number from 1 to " + std::to_string(limits.min_stations_max));
    }
    o.min_stations = static_cast<int>(*min_stations);
  }
  return o;
}

std::optional<int> minute_of_week_at(std::optional<UnixSeconds> at) {
  if (!at) return std::nullopt;
  return shanghai_minute_of_week(*at);
}

std::vector<LonLat> counted_stations(const Catalog& catalog, std::optional<int> minute_of_week,
                                     const WhatIf& what_if) {
  std::vector<char> removed(catalog.slot_count(), 0);
  for (const std::string& id : what_if.remove) {
    const auto index = catalog.find(id);
    if (!index) {
      throw Error(ErrorCode::unknown_station_id, "remove",
                  "'" + id + "' is not a station id of dataset " + catalog.version());
    }
    removed[*index] = 1;
  }
  StationFilter open;
  open.open_at_minute_of_week = minute_of_week;
  std::vector<LonLat> out;
  if (open.open_at_minute_of_week) {
    for (uint32_t i = 0; i < catalog.slot_count(); ++i) {
      if (!removed[i] && catalog.accepts(i, open)) out.push_back(catalog.station(i).position);
    }
  } else {
    for (uint32_t i = 0; i < catalog.slot_count(); ++i) {
      if (!removed[i] && catalog.live(i)) out.push_back(catalog.station(i).position);
    }
  }
  out.insert(out.end(), what_if.add.begin(), what_if.add.end());
  return out;
}

}  // namespace sf

namespace sf {

void check_coverage_grid(const Region& region, double cell_m, size_t max_cells,
                         const char* cell_name) {
  if (region.empty()) {
    throw Error(ErrorCode::region_missing, "region",
                "give a district, a bbox or a GeoJSON polygon with an area");
  }
  const BBox& b = region.bbox();
  const double east = b.crosses_antimeridian() ? b.east + 360 : b.east;
  const double mid_lat = (b.south + b.north) / 2;
  const double span_ns = distance_m({b.west, b.south}, {b.west, b.north});
  const double span_ew = distance_m({b.west, mid_lat}, {east, mid_lat});
  if (std::max(span_ns, span_ew) > kMaxRegionSpanM || east - b.west > 20) {
    throw Error(ErrorCode::region_too_large, "region",
                "the region spans " + number_text(std::round(std::max(span_ns, span_ew) / 1000)) +
                    " km; at most " + number_text(kMaxRegionSpanM / 1000) +
                    " km across: split it into smaller regions");
  }
  const size_t cells = CoverageGrid::cells_for(region, cell_m);
  if (cells > max_cells) {
    const double needed = cell_m * std::sqrt(static_cast<double>(cells) / max_cells);
    throw Error(ErrorCode::grid_too_large, cell_name,
                std::to_string(cells) + " cells at " + number_text(cell_m) +
                    " m is over the limit of " + std::to_string(max_cells) + "; use " + cell_name +
                    " of at least " + number_text(std::ceil(needed)) + " or a smaller region");
  }
}

}  // namespace sf
