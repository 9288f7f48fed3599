// GET /v1/network: the walkable street pieces in a box, with their class and name, paged like
// the station listings (limit, offset within the result window), for a map to draw the streets
// every walk runs on.
#pragma once

#include <cstdint>
#include <vector>

#include "core/limits.hpp"
#include "service/query_params.hpp"
#include "service/station_requests.hpp"
#include "service/walk_network.hpp"

namespace sf {

struct StreetListingRequest {
  BBox bbox;
  PageWindow window;
  Datum datum = Datum::wgs84;
};
// bbox (required), limit (default limits.network_listing_default, at most
// limits.network_listing_max), offset, crs.
StreetListingRequest parse_street_listing(const QueryParams& p, const Limits& limits);

struct StreetPage {
  std::vector<uint32_t> segments;  // the page, in the graph's segment order
  size_t total = 0;                // every segment whose box meets the bbox
};
StreetPage streets_in(const WalkNetwork& network, const StreetListingRequest& r);

}  // namespace sf
