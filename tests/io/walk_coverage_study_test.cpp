// Coverage studies by walk on a street grid with a river crossed at one bridge: every cell's
// cover against walks computed apart (a textbook Dijkstra from every station), cells off the
// streets counted apart and uncovered, gaps' farthest points by walk, demand, the two nearest
// stations, the 24-hour profile, and siting whose first pick gains what a new study says.
#include <gtest/gtest.h>

#include <cmath>

#include "core/walk_nearest.hpp"
#include "io/coverage_study.hpp"
#include "service/siting_study.hpp"
#include "walk_reference.hpp"

namespace sf::io {
namespace {

constexpr uint32_t kSize = 16;  // junctions a side, 0.002° apart from (116.35, 39.87)
constexpr uint32_t kRiverRow = 7;

LonLat junction(double col, double row) {
  return {116.35 + col * 0.002, 39.87 + row * 0.002};
}

// Streets on every row and column but the last column's northern half (a block with no street
// for the off-network cells), the river between rows 7 and 8 crossed only at column 2.
WalkGraph river_grid() {
  std::vector<LonLat> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> segments;
  for (uint32_t r = 0; r < kSize; ++r)
    for (uint32_t c = 0; c < kSize; ++c) nodes.push_back(junction(c, r));
  for (uint32_t r = 0; r < kSize; ++r) {
    for (uint32_t c = 0; c < kSize; ++c) {
      const uint32_t i = r * kSize + c;
      if (c + 1 < kSize && !(r > 8 && c + 1 >= kSize - 4)) segments.emplace_back(i, i + 1);
      if (r + 1 < kSize && (r != kRiverRow || c == 2) && !(r >= 8 && c >= kSize - 4))
        segments.emplace_back(i, i + kSize);
    }
  }
  return WalkGraph(std::move(nodes), segments, 10);
}

Region box(LonLat sw, LonLat ne) {
  return Region({{{{sw.lon, sw.lat}, {ne.lon, sw.lat}, {ne.lon, ne.lat}, {sw.lon, ne.lat}}}});
}

CoverageStudyInput walk_input(const WalkGraph& g, std::vector<LonLat> stations, double radius,
                              int min_stations) {
  CoverageStudyInput in;
  in.region = box(junction(0, 0), junction(kSize - 1, kSize - 1));
  in.stations = std::move(stations);
  in.options.radius_m = radius;
  in.options.cell_m = 40;
  in.options.min_stations = min_stations;
  in.options.distance = Distance::walk;
  in.network = &g;
  in.max_snap_m = 120;
  return in;
}

// The reference: walks from every station to every cell centre, sorted.
std::vector<std::vector<double>> reference_walks(const WalkGraph& g, const CoverageStudy& study,
                                                 const CoverageStudyInput& in) {
  std::vector<std::vector<double>> from;
  std::vector<WalkGraph::Snap> snaps;
  for (const LonLat& s : in.stations) {
    const auto snap = g.snap(s, in.max_snap_m);
    if (!snap) continue;
    snaps.push_back(*snap);
    from.push_back(test::dijkstra(g, *snap));
  }
  const CoverageGrid& grid = study.grid;
  std::vector<std::vector<double>> out(grid.width() * grid.height());
  for (size_t row = 0; row < grid.height(); ++row) {
    for (size_t col = 0; col < grid.width(); ++col) {
      const size_t i = grid.cell_index(col, row);
      if (!grid.in_region(i)) continue;
      const auto cell = g.snap(grid.cell_centre(col, row), in.max_snap_m);
      if (!cell) continue;  // off the network: no walk
      for (size_t s = 0; s < snaps.size(); ++s)
        out[i].push_back(test::walk_m(g, from[s], snaps[s], *cell));
      std::sort(out[i].begin(), out[i].end());
    }
  }
  return out;
}

TEST(WalkCoverageStudy, EveryCellIsCoveredAsTheReferenceWalks) {
  const WalkGraph g = river_grid();
  // South of the river near the bridge, north of it far east, one off every street.
  const std::vector<LonLat> stations = {junction(2.3, 6.6),
                                        junction(9.4, 3.2),
                                        junction(8.5, 11.1),
                                        junction(5.1, 13.6),
                                        {116.2, 39.7}};
  for (int min_stations : {1, 2}) {
    const double radius = min_stations == 1 ? 600 : 1500;
    const CoverageStudyInput in = walk_input(g, stations, radius, min_stations);
    const CoverageStudy study = study_coverage(in);
    EXPECT_EQ(study.stations_unreachable, 1u);
    const auto ref = reference_walks(g, study, in);
    const CoverageGrid& grid = study.grid;
    size_t off = 0, covered = 0, near_edge = 0, covered_near_edge = 0;
    for (size_t i = 0; i < ref.size(); ++i) {
      if (!grid.in_region(i)) continue;
      if (ref[i].empty()) {
        ++off;
        EXPECT_FALSE(grid.covered(i));
        EXPECT_TRUE(std::isinf(study.walk_m[i]));
        continue;
      }
      const double walk = ref[i][static_cast<size_t>(min_stations - 1)];
      EXPECT_NEAR(study.walk_m[i], ref[i][0], 1e-2) << i;  // float along and snap legs
      if (std::abs(walk - radius) < 0.05) {
        ++near_edge;  // rounding could fall either way
        covered_near_edge += grid.covered(i);
        continue;
      }
      EXPECT_EQ(grid.covered(i), walk <= radius) << "cell " << i << " walks " << walk;
      covered += walk <= radius;
    }
    EXPECT_GT(off, 100u) << "the block without streets";
    EXPECT_LT(near_edge, 5u);
    EXPECT_EQ(study.summary.off_network_cells, off);
    EXPECT_DOUBLE_EQ(study.summary.off_network_area_m2, off * 40.0 * 40.0);
    EXPECT_EQ(study.summary.covered_cells, covered + covered_near_edge);
    EXPECT_GT(covered, 300u);
    // Gaps' farthest points: the cell of the gap with the longest walk to its nearest station
    // (beyond the radius under single coverage).
    ASSERT_FALSE(study.gaps.empty());
    for (const Gap& gap : study.gaps) {
      if (gap.farthest_m < 0) continue;
      size_t col = 0, row = 0;
      ASSERT_TRUE(grid.cell_of(grid.projection().forward(gap.farthest), col, row));
      EXPECT_NEAR(study.walk_m[grid.cell_index(col, row)], gap.farthest_m, 1e-3);
      if (min_stations == 1) {
        EXPECT_GT(gap.farthest_m, radius - 0.05);
      }
    }
  }
}

TEST(WalkCoverageStudy, TheRiverUncoversWhatTheStraightLineCovers) {
  const WalkGraph g = river_grid();
  // A station just south of the river, far from the bridge: north of it, 200 m away straight,
  // is a walk of kilometres.
  const std::vector<LonLat> stations = {junction(11, 7)};
  CoverageStudyInput in = walk_input(g, stations, 500, 1);
  const LonLat across = junction(11, 8.2);
  in.region = box(junction(9, 6), junction(13, 10));
  const CoverageStudy walk = study_coverage(in);
  in.options.distance = Distance::straight;
  const CoverageStudy straight = study_coverage(in);
  EXPECT_LT(walk.summary.covered_cells * 2, straight.summary.covered_cells);
  size_t col = 0, row = 0;
  ASSERT_TRUE(walk.grid.cell_of(walk.grid.projection().forward(across), col, row));
  EXPECT_FALSE(walk.grid.covered(walk.grid.cell_index(col, row)));
  EXPECT_TRUE(straight.grid.covered(straight.grid.cell_index(col, row)));
  EXPECT_GT(walk.walk_m[walk.grid.cell_index(col, row)], 1500);

  // Demand by walk: a point across the water is not covered, one beside the station is.
  DemandLayer demand;
  demand.points = {across, junction(11.2, 6.9)};
  demand.weights = {3, 2};
  in.options.distance = Distance::walk;
  in.demand = &demand;
  const CoverageStudy with_demand = study_coverage(in);
  ASSERT_TRUE(with_demand.demand);
  EXPECT_DOUBLE_EQ(with_demand.demand->weight, 5);
  EXPECT_DOUBLE_EQ(with_demand.demand->covered_weight, 2);

  // The profile by walk, with the station open only from 08:00.
  const auto hours = coverage_profile(in, 0, [&](int minute_of_week) {
    return minute_of_week % 1440 >= 8 * 60 ? stations : std::vector<LonLat>{};
  });
  ASSERT_EQ(hours.size(), 24u);
  EXPECT_EQ(hours[7].summary.covered_cells, 0u);
  EXPECT_EQ(hours[9].summary.covered_cells, walk.summary.covered_cells);
  EXPECT_DOUBLE_EQ(hours[9].demand->covered_weight, 2);
}

TEST(WalkCoverageStudy, TheFirstSuggestionGainsWhatANewStudySays) {
  const WalkGraph g = river_grid();
  const std::vector<LonLat> stations = {junction(2.3, 6.6), junction(8.5, 11.1)};
  const CoverageStudyInput in = walk_input(g, stations, 500, 1);
  SitingInput s;
  s.coverage = in;
  s.candidates = grid_candidates(in.region, nullptr, 250);
  s.k = 3;
  const SitingResult result = suggest_sites(s);
  ASSERT_EQ(result.picks.size(), 3u);
  const CoverageStudy before = study_coverage(in);
  EXPECT_EQ(result.before.covered_cells, before.summary.covered_cells);
  EXPECT_EQ(result.before.off_network_cells, before.summary.off_network_cells);
  CoverageStudyInput after = in;
  after.stations.push_back(s.candidates[result.picks[0].candidate].position);
  const CoverageStudy one_more = study_coverage(after);
  EXPECT_NEAR(result.picks[0].gain,
              one_more.summary.covered_area_m2 - before.summary.covered_area_m2, 1e-6);
  EXPECT_GT(result.picks[0].gain, 0);
  EXPECT_GE(result.picks[0].gain, result.picks[1].gain);
}

}  // namespace
}  // namespace sf::io
