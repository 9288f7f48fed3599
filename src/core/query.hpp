// Query inputs and results of the catalog: plain structs, validated before they get here.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/amenity.hpp"
#include "core/cql2.hpp"
#include "core/geodesy.hpp"
#include "core/time.hpp"

namespace sf {

struct StationFilter {
  AmenitySet amenities = 0;    // every one of these
  HostTypeSet host_types = 0;  // any of these; 0 means any host
  std::string text;            // case-insensitive substring of name or address; empty: any
  std::optional<int> open_at_minute_of_week;  // only stations known to be open then
  std::optional<std::string> district;        // only stations of this district (its name)
  // Only stations whose updated_at lies in [updated_from, updated_to] (either end open).
  std::optional<UnixSeconds> updated_from;
  std::optional<UnixSeconds> updated_to;
  // A CQL2 filter over station_queryables() (OGC API - Features Part 3); none: no filter.
  std::shared_ptr<const cql2::Filter> cql;

  bool updated_bounded() const { return updated_from || updated_to; }
  // Tested per station, not per class of stations that share amenities, host, hours, district.
  bool per_station() const { return !text.empty() || updated_bounded() || cql != nullptr; }
  bool empty() const {
    return amenities == 0 && host_types == 0 && text.empty() && !open_at_minute_of_week &&
           !district && !updated_bounded() && cql == nullptr;
  }
};

struct NearestQuery {
  LonLat point;
  size_t k = 5;
  size_t offset = 0;
  double max_distance_m = std::numeric_limits<double>::infinity();
  StationFilter filter;
};

struct Hit {
  uint32_t index;             // position in the catalog
  double distance_m = 0;      // from the query point (or from the route)
  double route_offset_m = 0;  // along-route only: metres from the route's start
  double walk_m = -1;         // by walk only: snap legs + along the streets (else negative)
};

struct Page {
  std::vector<Hit> hits;
  size_t total = 0;  // matches before paging
  // False when the search stopped before counting every match (nearest by walk stops at
  // offset + k + 1): `total` then only says whether a next page exists.
  bool total_known = true;
  std::vector<std::vector<LonLat>> paths;  // per hit, when walking paths were asked for
};

}  // namespace sf
