// A polygonal region in lon/lat (a GeoJSON Polygon or MultiPolygon, holes included), and
// lon/lat bounding boxes. Edges are straight in lon/lat, as GeoJSON draws them.
#pragma once

#include <cstddef>
#include <vector>

#include "core/geodesy.hpp"

namespace sf {

struct BBox {
  double west = 0, south = 0, east = 0, north = 0;  // west > east crosses the antimeridian
  bool crosses_antimeridian() const { return west > east; }
  bool contains(LonLat p) const;
  // Whether the straight lon/lat segment a→b touches the box (a segment across the
  // antimeridian is not expected: network segments are short).
  bool meets_segment(LonLat a, LonLat b) const;
  // The box grown by `m` metres on every side (a little more, never less; the whole width of
  // the world near a pole), within ±180° and ±90°.
  BBox grown_by_metres(double m) const;
};

using Ring = std::vector<LonLat>;  // closed or not; the closing edge is implied

class Region {
 public:
  Region() = default;
  // Each polygon is an outer ring followed by its holes.
  explicit Region(std::vector<std::vector<Ring>> polygons);

  // Even-odd rule over every ring: inside an outer ring and outside its holes.
  bool contains(LonLat p) const;
  // Whether the region and the box share a point (a ring's edge crossing it, a vertex in it,
  // or the box inside the region).
  bool meets(const BBox& box) const;
  const BBox& bbox() const { return bbox_; }
  bool empty() const { return polygons_.empty(); }
  const std::vector<std::vector<Ring>>& polygons() const { return polygons_; }
  size_t vertex_count() const;

 private:
  std::vector<std::vector<Ring>> polygons_;
  std::vector<BBox> polygon_boxes_;
  BBox bbox_;
};

}  // namespace sf
