// Coverage by walk: one multi-source Dijkstra from every counted station's snap gives each
// junction the walks from its nearest `labels` (1 or 2) distinct stations (a label-setting
// search: a junction settles at most one label per station and at most `labels` in all). A
// point on the network then takes the best of its segment's two ends and of the stations on
// that segment itself, walked to directly. Every walk is the station's snap leg + along the
// streets + the point's snap leg, as in the nearest-by-walk queries.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/coverage_grid.hpp"
#include "core/walk_graph.hpp"
#include "core/walk_nearest.hpp"

namespace sf {

class WalkCoverage {
 public:
  static constexpr int kMaxLabels = 2;
  // The walks from the nearest distinct stations, ascending; infinity where there is none.
  struct Reach {
    double walk_m[kMaxLabels] = {INFINITY, INFINITY};
    uint32_t station[kMaxLabels] = {UINT32_MAX, UINT32_MAX};
    // How many of them are within radius_m.
    int within(double radius_m) const { return (walk_m[0] <= radius_m) + (walk_m[1] <= radius_m); }
  };

  // labels: 1 (the nearest station) or 2 (the two nearest, for min_stations=2). Walks longer
  // than max_walk_m are not followed (a tile needs only those within the radius): beyond it a
  // junction reads as reached by none.
  WalkCoverage(const WalkGraph& graph, const StationsOnNetwork& stations, int labels,
               double max_walk_m = INFINITY);

  int labels() const { return labels_; }
  // The nearest stations' walks to a snapped point.
  Reach at(const WalkGraph::Snap& snap) const;
  // How many of them are within radius_m.
  int within(const WalkGraph::Snap& snap, double radius_m) const;

 private:
  const WalkGraph& graph_;
  const StationsOnNetwork& stations_;
  int labels_;
  std::vector<double> dist_;      // node * labels_ + k, ascending per node
  std::vector<uint32_t> source_;  // the station of each label
};

// Every cell centre's snap, compact (12 bytes a cell), made once per grid: segment kNone for a
// centre out of the region or farther than max_snap_m from every street.
struct CellSnaps {
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Cell {
    uint32_t segment = kNone;
    float along_m = 0, snap_m = 0;
  };
  std::vector<Cell> cells;
  bool on_network(size_t i) const { return cells[i].segment != kNone; }
};
CellSnaps snap_cells(const CoverageGrid& grid, const WalkGraph& graph, double max_snap_m);

// Adds the region's cells off the network to each zone's summary (by_zone[z]: zone z, 0 for no
// zone; a single entry takes them all).
void add_off_network(const CoverageGrid& grid, const CellSnaps& snaps,
                     std::vector<CoverageSummary>& by_zone);

// Marks the grid by walk (each cell counts the stations within radius_m of walk, at most
// coverage.labels()) and returns each cell's walk to its nearest station (infinity: off the
// network, out of the region, or no station reaches it).
std::vector<float> mark_by_walk(CoverageGrid& grid, const CellSnaps& snaps,
                                const WalkCoverage& coverage, double radius_m, int min_stations);

}  // namespace sf
