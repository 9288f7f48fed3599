#include "service/street_listing.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace sf {

namespace {

// Whether the lon/lat box of a→b meets the bbox (which may cross the antimeridian).
bool meets(const BBox& box, LonLat a, LonLat b) {
  const double south = std::min(a.lat, b.lat), north = std::max(a.lat, b.lat);
  if (north < box.south || south > box.north) return false;
  const double west = std::min(a.lon, b.lon), east = std::max(a.lon, b.lon);
  if (box.crosses_antimeridian()) return east >= box.west || west <= box.east;
  return east >= box.west && west <= box.east;
}

}  // namespace

StreetListingRequest parse_street_listing(const QueryParams& p, const Limits& limits) {
  StreetListingRequest r;
  r.datum = parse_crs(p);
  const auto bbox = p.get("bbox");
  if (!bbox) throw Error(ErrorCode::parameter_missing, "bbox", "give bbox=W,S,E,N");
  r.bbox = parse_bbox(*bbox, r.datum);
  r.window.size = p.integer("limit", limits.network_listing_default, 1, limits.network_listing_max,
                            ErrorCode::limit_out_of_range);
  r.window.offset = p.integer("offset", 0, 0, 1'000'000'000, ErrorCode::offset_out_of_range);
  if (r.window.offset + r.window.size > limits.result_window) {
    throw Error(ErrorCode::result_window_too_large, "offset",
                "offset + limit must not exceed " + std::to_string(limits.result_window) +
                    "; ask for a smaller bbox instead of paging further");
  }
  return r;
}

StreetPage streets_in(const WalkNetwork& network, const StreetListingRequest& r) {
  const WalkGraph& g = network.graph();
  StreetPage page;
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const auto [a, b] = g.segment_nodes(s);
    if (!meets(r.bbox, g.node(a), g.node(b))) continue;
    if (page.total >= r.window.offset && page.segments.size() < r.window.size)
      page.segments.push_back(s);
    ++page.total;
  }
  return page;
}

}  // namespace sf
