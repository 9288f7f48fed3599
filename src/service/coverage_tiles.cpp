#include "service/coverage_tiles.hpp"

#include <algorithm>
#include <cmath>

#include "io/coverage_study.hpp"

namespace sf {

namespace {

// A WGS84 ring in the tile's integer coordinates: repeated points (the closing one too) left
// out, wound as MVT wants (outer rings positive, holes negative); empty when it has no area.
std::vector<MvtPoint> tile_ring(const Ring& ring, const TileFrame& frame, bool outer) {
  std::vector<MvtPoint> out;
  out.reserve(ring.size());
  for (const LonLat& p : ring) {
    const MvtPoint q = frame.point(p);
    if (out.empty() || out.back() != q) out.push_back(q);
  }
  while (out.size() > 1 && out.front() == out.back()) out.pop_back();
  if (out.size() < 3) return {};
  const int64_t area = doubled_area(out);
  if (area == 0) return {};
  if ((area > 0) != outer) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

std::optional<BBox> coverage_extent(const Catalog& catalog) {
  if (auto box = districts_extent(catalog.districts())) return box;
  return catalog.bbox();
}

MvtLayer coverage_layer(const Snapshot& snap, const Region* exclusion, const CoverageQuery& q,
                        const TileFrame& frame, double buffer_fraction) {
  MvtLayer layer{"coverage", frame.extent, {}};
  const Catalog& catalog = *snap.catalog;
  const auto extent = coverage_extent(catalog);
  if (!extent) return layer;
  BBox box = frame.wgs84_box(buffer_fraction);
  box.west = std::max(box.west, extent->west);
  box.south = std::max(box.south, extent->south);
  box.east = std::min(box.east, extent->east);
  box.north = std::min(box.north, extent->north);
  if (box.west >= box.east || box.south >= box.north) return layer;

  io::CoverageStudyInput in;
  in.region = Region({{Ring{{box.west, box.south},
                            {box.east, box.south},
                            {box.east, box.north},
                            {box.west, box.north}}}});
  in.exclusion = q.use_exclusion ? exclusion : nullptr;
  in.options = q.options;
  // The tile's width on the ground at its middle, over the cells across.
  const BBox tile = tile_bounds(frame.tile);
  const double tile_m = deg2rad(tile.east - tile.west) * kEarthRadiusM *
                        std::cos(deg2rad((tile.south + tile.north) / 2));
  const int across =
      q.options.distance == Distance::walk ? kWalkCoverageCellsAcross : kCoverageCellsAcross;
  in.options.cell_m = std::max(1.0, tile_m / across);
  if (q.options.distance == Distance::walk) {
    in.network = &snap.network->graph();
    in.max_snap_m = snap.network->max_snap_m();
    in.max_walk_m = q.options.radius_m;
  }
  StationFilter open;
  open.open_at_minute_of_week = minute_of_week_at(q.at);
  const Page near =
      catalog.in_bbox(box.grown_by_metres(q.options.radius_m), open, 0, catalog.size());
  in.stations.reserve(near.hits.size());
  for (const Hit& h : near.hits) in.stations.push_back(catalog.station(h.index).position);

  const io::CoverageStudy study = io::study_coverage(in);
  for (const io::Gap& gap : study.gaps) {
    MvtFeature f;
    f.id = gap.id;
    f.geometry = MvtGeometry::polygon;
    for (size_t r = 0; r < gap.rings.size(); ++r) {
      std::vector<MvtPoint> ring = tile_ring(gap.rings[r], frame, r == 0);
      if (ring.empty()) {
        if (r == 0) break;  // an outer ring too small to draw takes its holes with it
        continue;
      }
      f.rings.push_back(std::move(ring));
    }
    if (!f.rings.empty()) layer.features.push_back(std::move(f));
  }
  return layer;
}

}  // namespace sf
