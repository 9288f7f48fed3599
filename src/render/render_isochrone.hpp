// Isochrones and catchments as answers: a GeoJSON FeatureCollection with one MultiPolygon
// feature per contour (geojson), or the contours' figures without polygons (json); both echo
// the parameters (start, its snap, speed, cell, datum, the network's version). Shared by the
// HTTP routes and the CLI.
#pragma once

#include <string>

#include "service/isochrones.hpp"

namespace sf {

std::string render_isochrone(const Isochrone& iso, Datum datum, Format format);

}  // namespace sf
