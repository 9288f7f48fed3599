// The walk field of an isochrone against walks computed apart (tests/walk_reference.hpp): every
// cell centre's walk is the textbook Dijkstra's through the snap rule (to 0.1 mm: float street
// lengths summed in another order), never under the straight
// line, and the contours count exactly the cells within each limit.
#include "core/isochrone.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/street_grid.hpp"
#include "walk_reference.hpp"

namespace sf {
namespace {

TEST(Isochrone, EveryCellWalksAsTheReferenceSays) {
  const WalkGraph g = test::street_grid(7, 25, 0.25);
  WalkSearch search(g);
  const LonLat origin{116.373, 39.903};
  const double max_snap_m = 120, max_m = 1200, cell_m = 40;
  const auto from = g.snap(origin, max_snap_m);
  ASSERT_TRUE(from);
  const WalkField field = walk_field(search, g, origin, *from, max_m, cell_m, max_snap_m);
  const std::vector<double> d = test::dijkstra(g, *from);
  const CoverageGrid& grid = field.grid;
  ASSERT_EQ(field.walk_m.size(), grid.width() * grid.height());
  EXPECT_EQ(field.walk_m.size(), walk_field_cells(max_m, cell_m));
  EXPECT_GE(grid.width() * cell_m, 2 * max_m);
  size_t reached = 0, checked = 0;
  for (size_t row = 0; row < grid.height(); ++row) {
    for (size_t col = 0; col < grid.width(); ++col) {
      const LonLat centre = grid.cell_centre(col, row);
      const auto to = g.snap(centre, max_snap_m);
      const double expected = to ? test::walk_m(g, d, *from, *to) : INFINITY;
      const double got = field.walk_m[grid.cell_index(col, row)];
      if (expected <= max_m) {
        ++reached;
        EXPECT_NEAR(got, expected, 1e-4) << "cell " << col << "," << row;
        EXPECT_GE(got + 1e-6, distance_m(origin, centre));
      } else if (std::abs(expected - max_m) > 1e-4) {
        EXPECT_TRUE(std::isinf(got)) << "cell " << col << "," << row << " walks " << expected;
      }
      ++checked;
    }
  }
  EXPECT_GT(reached, 200u);
  EXPECT_LT(reached, checked / 2) << "a walk of 1200 m must reach less than the square";
  EXPECT_GT(field.nodes_settled, 0u);

  size_t previous = 0;
  for (double limit : {300.0, 600.0, 1200.0}) {
    const Contour c = contour_within(field, limit);
    size_t expected = 0;
    for (double w : field.walk_m) expected += w <= limit;
    EXPECT_EQ(c.cells, expected);
    EXPECT_DOUBLE_EQ(c.area_m2, static_cast<double>(expected) * cell_m * cell_m);
    EXPECT_GT(c.cells, previous);
    previous = c.cells;
    size_t labelled = 0;
    for (uint32_t l : c.labels) labelled += l;
    EXPECT_EQ(labelled, c.cells);
  }
}

TEST(Isochrone, AStartFartherFromTheStreetsThanTheWalkReachesNothing) {
  const WalkGraph g = test::street_grid(7, 10, 0.0);
  WalkSearch search(g);
  const LonLat origin{116.3605, 39.8805};
  const auto from = g.snap(origin, 300);
  ASSERT_TRUE(from);
  ASSERT_GT(from->snap_m, 5);
  const WalkField field = walk_field(search, g, origin, *from, from->snap_m / 2, 5, 300);
  for (double w : field.walk_m) EXPECT_TRUE(std::isinf(w));
  EXPECT_EQ(contour_within(field, from->snap_m / 2).cells, 0u);
}

TEST(CoverageGrid, AroundIsCentredOnItsPoint) {
  const LonLat centre{116.4, 39.9};
  const CoverageGrid grid = CoverageGrid::around(centre, 1000, 30);
  EXPECT_EQ(grid.width(), grid.height());
  EXPECT_EQ(grid.width() * grid.height(), CoverageGrid::cells_around(1000, 30));
  EXPECT_EQ(grid.width() % 2, 0u);
  const size_t mid = grid.width() / 2;
  // The four cells around the centre are equally far from it.
  const double d = distance_m(centre, grid.cell_centre(mid, mid));
  EXPECT_NEAR(d, 15 * std::sqrt(2.0), 0.01);
  EXPECT_NEAR(distance_m(centre, grid.cell_centre(mid - 1, mid - 1)), d, 0.01);
  for (size_t i = 0; i < grid.width() * grid.height(); ++i) ASSERT_TRUE(grid.in_region(i));
}

}  // namespace
}  // namespace sf
