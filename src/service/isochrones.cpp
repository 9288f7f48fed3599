#include "service/isochrones.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"
#include "core/isochrone.hpp"
#include "core/text.hpp"
#include "io/gap_polygons.hpp"

namespace sf {

namespace {

// "5,10,15": the comma-separated parts, empty ones included (each must then be a number).
std::vector<std::string_view> comma_parts(std::string_view text) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

// walk_minutes= or walk_m=: one to limits.isochrone_values distinct positive values, each at
// most limits.isochrone_minutes_max minutes of walk; returned ascending, in metres.
void parse_limits(const QueryParams& p, const Limits& limits, IsochroneRequest& r) {
  const auto minutes = p.get("walk_minutes");
  const auto metres = p.get("walk_m");
  if (minutes && metres) {
    throw Error(ErrorCode::parameter_invalid, "walk_m", "give walk_minutes or walk_m, not both");
  }
  if (!minutes && !metres) {
    throw Error(ErrorCode::parameter_missing, "walk_minutes",
                "give walk_minutes (for example 5,10,15) or walk_m (metres of walk)");
  }
  const char* name = minutes ? "walk_minutes" : "walk_m";
  const double unit = minutes ? limits.walk_metres_per_minute() : 1;
  const double max_m = limits.isochrone_minutes_max * limits.walk_metres_per_minute();
  const std::vector<std::string_view> tokens = comma_parts(minutes ? *minutes : *metres);
  if (tokens.size() > limits.isochrone_values) {
    throw Error(ErrorCode::parameter_invalid, name,
                "must list from 1 to " + std::to_string(limits.isochrone_values) +
                    " values, comma-separated");
  }
  std::vector<double> values;
  for (std::string_view token : tokens) {
    const double v = checked_number(name, token);
    if (!(v > 0) || v * unit > max_m) {
      throw Error(ErrorCode::radius_out_of_range, name,
                  "each value must be greater than 0 and at most " +
                      (minutes ? number_text(limits.isochrone_minutes_max) + " minutes"
                               : number_text(max_m) + " metres") +
                      " (" + number_text(limits.isochrone_minutes_max) + " minutes at " +
                      number_text(limits.walk_speed_kmh) + " km/h)");
    }
    values.push_back(v);
  }
  std::sort(values.begin(), values.end());
  if (std::adjacent_find(values.begin(), values.end()) != values.end()) {
    throw Error(ErrorCode::parameter_invalid, name, "each value may be given once");
  }
  for (double v : values) r.limits_m.push_back(v * unit);
  if (minutes) r.minutes = values;
}

IsochroneRequest parse_common(const QueryParams& p, const Limits& limits) {
  IsochroneRequest r;
  r.datum = parse_crs(p);
  r.format = parse_format(p, {Format::geojson, Format::json}, Format::geojson);
  parse_limits(p, limits, r);
  r.walk_speed_kmh = limits.walk_speed_kmh;
  r.cell_m = limits.isochrone_cell_default_m;
  if (const auto cell = p.optional_number("cell_m")) {
    if (!(*cell >= limits.cell_min_m) || *cell > limits.cell_max_m) {
      throw Error(ErrorCode::parameter_invalid, "cell_m",
                  "must be from " + number_text(limits.cell_min_m) + " to " +
                      number_text(limits.cell_max_m) + " m");
    }
    r.cell_m = *cell;
  }
  const size_t cells = walk_field_cells(r.limits_m.back(), r.cell_m);
  if (cells > limits.coverage_cells) {
    throw Error(ErrorCode::grid_too_large, "cell_m",
                "a walk of " + number_text(r.limits_m.back()) +
                    " m at cell_m=" + number_text(r.cell_m) + " needs " + std::to_string(cells) +
                    " cells, over the limit of " + std::to_string(limits.coverage_cells) +
                    "; use larger cells");
  }
  return r;
}

Isochrone isochrone_from(const WalkNetwork& network, LonLat origin, const WalkGraph::Snap& from,
                         const IsochroneRequest& r) {
  const WalkSearchPool::Lease lease = network.searches().acquire();
  const WalkField field = walk_field(*lease, network.graph(), origin, from, r.limits_m.back(),
                                     r.cell_m, network.max_snap_m());
  Isochrone iso;
  iso.origin = origin;
  iso.snap_m = from.snap_m;
  iso.cell_m = r.cell_m;
  iso.walk_speed_kmh = r.walk_speed_kmh;
  iso.network_version = network.version();
  for (size_t i = 0; i < r.limits_m.size(); ++i) {
    const Contour cells = contour_within(field, r.limits_m[i]);
    IsochroneContour& c = iso.contours.emplace_back();
    c.limit_m = r.limits_m[i];
    if (!r.minutes.empty()) c.minutes = r.minutes[i];
    c.cells = cells.cells;
    c.area_m2 = cells.area_m2;
    if (r.format != Format::geojson) continue;
    for (io::LabelPolygon& p : io::label_polygons(field.grid, cells.labels)) {
      c.polygons.push_back(std::move(p.rings));
    }
  }
  return iso;
}

}  // namespace

IsochroneRequest parse_isochrone(const QueryParams& p, const Limits& limits) {
  IsochroneRequest r = parse_common(p, limits);
  r.point = parse_point(p, r.datum);
  return r;
}

IsochroneRequest parse_catchment(const QueryParams& p, const Limits& limits) {
  return parse_common(p, limits);
}

Isochrone isochrone_at(const WalkNetwork& network, const IsochroneRequest& r) {
  const WalkGraph::Snap from = network.snap(*r.point, "lon");
  return isochrone_from(network, *r.point, from, r);
}

Isochrone catchment_of(const Catalog& catalog, const WalkStations& stations, std::string_view id,
                       const IsochroneRequest& r) {
  const auto slot = catalog.find(id);
  if (!slot) {
    throw Error(ErrorCode::station_not_found, "id", "no station has id '" + std::string(id) + "'");
  }
  const auto& snap = stations.on_network().snap(*slot);
  if (!snap) {
    throw Error(ErrorCode::not_near_street, "id",
                "station '" + std::string(id) + "' is farther than " +
                    number_text(stations.network().max_snap_m()) +
                    " m from every walkable street: it cannot be reached on foot");
  }
  Isochrone iso = isochrone_from(stations.network(), catalog.station(*slot).position, *snap, r);
  iso.station_id = std::string(id);
  return iso;
}

}  // namespace sf
