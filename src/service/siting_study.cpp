#include "service/siting_study.hpp"

#include "core/station_index.hpp"

namespace sf {

std::vector<Candidate> grid_candidates(const Region& region, const Region* exclusion,
                                       double spacing_m) {
  const CoverageGrid grid = CoverageGrid::prepare({&region, exclusion, {}}, spacing_m);
  std::vector<Candidate> out;
  for (size_t row = 0; row < grid.height(); ++row) {
    for (size_t col = 0; col < grid.width(); ++col) {
      if (grid.in_region(grid.cell_index(col, row)))
        out.push_back({grid.cell_centre(col, row), {}, {}, {}});
    }
  }
  return out;
}

SitingResult suggest_sites(const SitingInput& input) {
  const io::CoverageStudyInput& in = input.coverage;
  SitingResult result;
  CoverageGrid grid = CoverageGrid::prepare({&in.region, in.exclusion, {}}, in.options.cell_m);
  grid.mark(in.stations, in.options.radius_m, 1);
  result.before = grid.summary();
  SitingProblem& p = result.problem;
  p.covers.resize(input.candidates.size());

  if (in.demand != nullptr) {
    // Universe: the demand points in the region that no station reaches yet.
    result.by_demand = true;
    const StationIndex stations(in.stations, {});
    const std::vector<uint8_t> reach =
        demand_reach(in.demand->points, stations, in.options.radius_m, 1);
    std::vector<LonLat> open_points;
    for (size_t i = 0; i < in.demand->points.size(); ++i) {
      const LonLat q = in.demand->points[i];
      if (!io::in_study_area(in, q)) continue;
      const double w = in.demand->weights[i];
      p.total += w;
      if (reach[i] > 0) {
        p.covered_before += w;
      } else {
        open_points.push_back(q);
        p.weight.push_back(w);
      }
    }
    const StationIndex open_index(open_points, {});
    const double chord = chord_for_distance(in.options.radius_m);
    for (size_t c = 0; c < input.candidates.size(); ++c) {
      const Vec3 q = unit_vector(input.candidates[c].position);
      open_index.visit_box(box_around(q, chord), [&](uint32_t e) {
        if (chord_between(q, unit_vector(open_points[e])) <= chord) p.covers[c].push_back(e);
      });
    }
  } else {
    // Universe: the region's uncovered cells, each weighing its area.
    const double cell_area = in.options.cell_m * in.options.cell_m;
    std::vector<uint32_t> element(grid.width() * grid.height(), UINT32_MAX);
    for (size_t i = 0; i < element.size(); ++i) {
      if (!grid.gap(i)) continue;
      element[i] = static_cast<uint32_t>(p.weight.size());
      p.weight.push_back(cell_area);
    }
    p.covered_before = result.before.covered_area_m2;
    p.total = result.before.region_area_m2;
    for (size_t c = 0; c < input.candidates.size(); ++c) {
      grid.for_each_in_reach(input.candidates[c].position, [&](size_t i) {
        if (element[i] != UINT32_MAX) p.covers[c].push_back(element[i]);
      });
    }
  }
  result.picks = greedy_max_cover(p, input.k);
  if (input.target_pct) {
    result.set_cover = greedy_set_cover(p, *input.target_pct, input.max_picks);
    result.target_reached =
        p.total > 0 &&
        (result.set_cover.empty() ? 100 * p.covered_before / p.total >= *input.target_pct
                                  : result.set_cover.back().cumulative_pct >= *input.target_pct);
  }
  return result;
}

}  // namespace sf
