// GET /v1/network as GeoJSON: one LineString feature per walkable street piece (its two
// junctions), with its class, name, length and whether walks snap to it, and the listing's
// numberMatched, numberReturned, network version and paging links.
#pragma once

#include <string>
#include <vector>

#include "render/render.hpp"
#include "service/street_listing.hpp"

namespace sf {

// One street piece as a GeoJSON LineString Feature with its segment id, class, name, length.
void write_street_feature(JsonWriter& w, const WalkNetwork& network, uint32_t segment, Datum datum,
                          Axes axes = Axes::lon_lat);

std::string render_streets(const WalkNetwork& network, const StreetPage& page, Datum datum,
                           const std::vector<Link>& links);

}  // namespace sf
