// Isochrones and catchments (GET /v1/isochrone, GET /v1/stations/{id}/catchment,
// `stationfinder isochrone`): the area reachable on foot within each of up to
// limits.isochrone_values walks from a point or a station, as polygons (core/isochrone.hpp
// defines a cell's walk). One parser and checker for both front-ends; the work itself runs on
// the coverage pool of the server.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/limits.hpp"
#include "core/region.hpp"
#include "service/query_params.hpp"
#include "service/walk_network.hpp"

namespace sf {

struct IsochroneRequest {
  Datum datum = Datum::wgs84;    // of lon/lat and of the polygons
  std::optional<LonLat> point;   // the isochrone's start (WGS84); a catchment's is its station
  std::vector<double> limits_m;  // ascending, at most limits.isochrone_values
  std::vector<double> minutes;   // the limits as given in walk_minutes (empty: walk_m given)
  double cell_m = 25;
  double walk_speed_kmh = 4.5;      // what walk_minutes were taken at (limits.walk_speed_kmh)
  Format format = Format::geojson;  // geojson or json (the contours without their polygons)
};

// lon, lat, walk_minutes (comma-separated) or walk_m, cell_m, crs, format.
IsochroneRequest parse_isochrone(const QueryParams& p, const Limits& limits);
// The same without lon and lat: the station gives the start.
IsochroneRequest parse_catchment(const QueryParams& p, const Limits& limits);

struct IsochroneContour {
  double limit_m = 0;
  std::optional<double> minutes;  // when the request gave minutes
  size_t cells = 0;
  double area_m2 = 0;                       // cells × cell_m², on the ground
  std::vector<std::vector<Ring>> polygons;  // each: outer ring, then holes (WGS84)
};

struct Isochrone {
  LonLat origin;           // the point or the station (WGS84)
  double snap_m = 0;       // its straight leg to the nearest street
  std::string station_id;  // a catchment's station; empty for a point
  double cell_m = 0;
  double walk_speed_kmh = 0;
  std::string network_version;
  std::vector<IsochroneContour> contours;  // in the order of limits_m
};

// The isochrone from r.point; Error(not_near_street, "lon") when it is off the streets.
Isochrone isochrone_at(const WalkNetwork& network, const IsochroneRequest& r);
// The catchment of station `id`: Error(station_not_found, "id") for an unknown id,
// Error(not_near_street, "id") for a station that cannot be reached on foot.
Isochrone catchment_of(const Catalog& catalog, const WalkStations& stations, std::string_view id,
                       const IsochroneRequest& r);

}  // namespace sf
