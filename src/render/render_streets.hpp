// GET /v1/network as GeoJSON: one LineString feature per walkable street piece (its two
// junctions), with its class, name, length and whether walks snap to it, and the listing's
// numberMatched, numberReturned, network version and paging links.
#pragma once

#include <string>
#include <vector>

#include "render/render.hpp"
#include "service/street_listing.hpp"

namespace sf {

std::string render_streets(const WalkNetwork& network, const StreetPage& page, Datum datum,
                           const std::vector<Link>& links);

}  // namespace sf
