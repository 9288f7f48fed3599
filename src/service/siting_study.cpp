#include "service/siting_study.hpp"

#include "core/station_index.hpp"
#include "core/walk_coverage.hpp"
#include "core/walk_search.hpp"

namespace sf {

namespace {

// By walk: which elements (snapped onto the network, grouped by segment) each candidate
// reaches within radius_m of walk (its snap leg + the streets + the element's snap leg).
void covers_by_walk(const WalkGraph& graph, const std::vector<Candidate>& candidates,
                    const StationsOnNetwork& elements, double radius_m, double max_snap_m,
                    std::vector<std::vector<uint32_t>>& covers) {
  WalkSearch search(graph);
  std::vector<uint32_t> seen(elements.size(), UINT32_MAX);  // the last candidate that met it
  for (uint32_t c = 0; c < candidates.size(); ++c) {
    const auto from = graph.snap(candidates[c].position, std::min(max_snap_m, radius_m));
    if (!from) continue;
    search.run(*from, radius_m - from->snap_m);
    auto visit = [&](uint32_t segment) {
      for (const StationsOnNetwork::OnSegment& e : elements.on_segment(segment)) {
        if (seen[e.station] == c) continue;
        const double along = search.to_snap({segment, e.along_m, e.snap_m});
        if (along == WalkSearch::kUnreached || from->snap_m + along + e.snap_m > radius_m) continue;
        seen[e.station] = c;
        covers[c].push_back(e.station);
      }
    };
    visit(from->segment);
    for (uint32_t node : search.settled()) {
      for (const WalkGraph::Edge& edge : graph.edges_from(node)) visit(edge.segment);
    }
    std::sort(covers[c].begin(), covers[c].end());
  }
}

}  // namespace

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

namespace {

// The greedy picks for k sites, and the set cover for the target share.
void solve(const SitingInput& input, SitingResult& result) {
  const SitingProblem& p = result.problem;
  result.picks = greedy_max_cover(p, input.k);
  if (input.target_pct) {
    result.set_cover = greedy_set_cover(p, *input.target_pct, input.max_picks);
    result.target_reached =
        p.total > 0 &&
        (result.set_cover.empty() ? 100 * p.covered_before / p.total >= *input.target_pct
                                  : result.set_cover.back().cumulative_pct >= *input.target_pct);
  }
}

// suggest_sites by walk: the same universe (uncovered demand, else uncovered cells, by walk
// from the existing stations) and each candidate's cover by a bounded search from its snap.
SitingResult suggest_sites_by_walk(const SitingInput& input) {
  const io::CoverageStudyInput& in = input.coverage;
  const WalkGraph& graph = *in.network;
  const double radius = in.options.radius_m;
  SitingResult result;
  CoverageGrid grid = CoverageGrid::prepare({&in.region, in.exclusion, {}}, in.options.cell_m);
  const StationsOnNetwork existing(graph, in.stations, in.max_snap_m);
  const WalkCoverage coverage(graph, existing, 1);
  const CellSnaps cells = snap_cells(grid, graph, in.max_snap_m);
  mark_by_walk(grid, cells, coverage, radius, 1);
  std::vector<CoverageSummary> before{grid.summary()};
  add_off_network(grid, cells, before);
  result.before = before.front();
  const double cell_area = in.options.cell_m * in.options.cell_m;
  SitingProblem& p = result.problem;
  p.covers.resize(input.candidates.size());
  std::vector<std::optional<WalkGraph::Snap>> element_snaps;  // elements off the streets: none
  if (in.demand != nullptr) {
    result.by_demand = true;
    for (size_t i = 0; i < in.demand->points.size(); ++i) {
      const LonLat q = in.demand->points[i];
      if (!io::in_study_area(in, q)) continue;
      const double w = in.demand->weights[i];
      p.total += w;
      const auto snap = graph.snap(q, in.max_snap_m);
      if (snap && coverage.within(*snap, radius) > 0) {
        p.covered_before += w;
      } else {
        p.weight.push_back(w);
        element_snaps.push_back(snap);
      }
    }
  } else {
    for (size_t i = 0; i < cells.cells.size(); ++i) {
      if (!grid.gap(i)) continue;
      p.weight.push_back(cell_area);
      const CellSnaps::Cell& c = cells.cells[i];
      element_snaps.push_back(
          c.segment == CellSnaps::kNone
              ? std::nullopt
              : std::optional<WalkGraph::Snap>(WalkGraph::Snap{c.segment, c.along_m, c.snap_m}));
    }
    p.covered_before = result.before.covered_area_m2;
    p.total = result.before.region_area_m2;
  }
  const StationsOnNetwork elements(graph, std::move(element_snaps));
  covers_by_walk(graph, input.candidates, elements, radius, in.max_snap_m, p.covers);
  return result;
}

}  // namespace

SitingResult suggest_sites(const SitingInput& input) {
  const io::CoverageStudyInput& in = input.coverage;
  if (in.options.distance == Distance::walk && in.network != nullptr) {
    SitingResult result = suggest_sites_by_walk(input);
    solve(input, result);
    return result;
  }
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
  solve(input, result);
  return result;
}

}  // namespace sf
