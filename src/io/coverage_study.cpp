#include "io/coverage_study.hpp"

#include <algorithm>

#include "core/station_index.hpp"
#include "core/walk_coverage.hpp"
#include "io/gap_polygons.hpp"

namespace sf::io {

namespace {

bool by_walk(const CoverageStudyInput& input) {
  return input.options.distance == Distance::walk && input.network != nullptr;
}

// The counted stations on the network and their walks to every junction.
struct WalkReach {
  WalkReach(const CoverageStudyInput& input, std::span<const LonLat> stations)
      : on_network(*input.network, stations, input.max_snap_m),
        coverage(*input.network, on_network, input.options.min_stations, input.max_walk_m) {}
  StationsOnNetwork on_network;
  WalkCoverage coverage;
};

// Per demand point: covered (within radius_m of min_stations stations), by the measure.
std::vector<bool> demand_covered(const CoverageStudyInput& input, std::span<const LonLat> stations,
                                 const WalkReach* walk) {
  const DemandLayer& demand = *input.demand;
  const CoverageOptions& o = input.options;
  std::vector<bool> out(demand.points.size(), false);
  if (walk == nullptr) {
    const StationIndex index(stations, {});
    const std::vector<uint8_t> reach =
        demand_reach(demand.points, index, o.radius_m, o.min_stations);
    for (size_t i = 0; i < out.size(); ++i) out[i] = reach[i] >= o.min_stations;
    return out;
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const auto snap = input.network->snap(demand.points[i], input.max_snap_m);
    out[i] = snap && walk->coverage.within(*snap, o.radius_m) >= o.min_stations;
  }
  return out;
}

}  // namespace

void DemandSummary::add(const DemandSummary& other) {
  points += other.points;
  weight += other.weight;
  covered_weight += other.covered_weight;
  covered_pct = weight > 0 ? 100 * covered_weight / weight : 0;
}

bool in_study_area(const CoverageStudyInput& input, LonLat p) {
  return input.region.contains(p) && (input.exclusion == nullptr || !input.exclusion->contains(p));
}

CoverageStudy study_coverage(const CoverageStudyInput& input) {
  std::vector<const Region*> zones;
  for (const District* d : input.districts) zones.push_back(&d->region);
  CoverageStudy study{
      CoverageGrid::prepare({&input.region, input.exclusion, zones}, input.options.cell_m),
      {},
      {},
      std::nullopt,
      {},
      {},
      {},
      0};
  CoverageGrid& grid = study.grid;
  const bool walk = by_walk(input);
  std::optional<WalkReach> reach;
  std::optional<CellSnaps> snaps;
  if (walk) {
    reach.emplace(input, input.stations);
    study.stations_unreachable = reach->on_network.unreachable();
    snaps = snap_cells(grid, *input.network, input.max_snap_m);
    study.walk_m = mark_by_walk(grid, *snaps, reach->coverage, input.options.radius_m,
                                input.options.min_stations);
  } else {
    grid.mark(input.stations, input.options.radius_m, input.options.min_stations);
  }
  std::vector<CoverageSummary> by_zone = grid.zone_summaries(zones.size());
  if (walk) add_off_network(grid, *snaps, by_zone);
  for (const CoverageSummary& z : by_zone) study.summary.add(z);
  study.districts.assign(by_zone.begin() + 1, by_zone.end());

  // The exact index is built only when something needs it (farthest points by straight line).
  std::optional<StationIndex> index;
  if (input.gaps && !walk) index.emplace(input.stations, std::span<const IndexTag>{});
  GapComponents components;
  if (input.gaps) {
    if (!walk) grid.compute_nearest();
    components = label_gaps(grid, study.walk_m);
  }

  // Demand: each point inside the region (and outside the exclusions) counts once.
  std::vector<double> gap_demand(components.gaps.size(), 0);
  if (input.demand != nullptr) {
    const DemandLayer& demand = *input.demand;
    const std::vector<bool> covered_points =
        demand_covered(input, input.stations, walk ? &*reach : nullptr);
    DemandSummary total;
    study.district_demand.assign(input.districts.size(), {});
    for (size_t i = 0; i < demand.points.size(); ++i) {
      const LonLat p = demand.points[i];
      if (!in_study_area(input, p)) continue;
      const double w = demand.weights[i];
      const bool covered = covered_points[i];
      DemandSummary one{1, w, covered ? w : 0, 0};
      total.add(one);
      for (size_t d = 0; d < input.districts.size(); ++d) {
        if (input.districts[d]->region.contains(p)) {
          study.district_demand[d].add(one);
          break;
        }
      }
      size_t col = 0, row = 0;
      if (!covered && input.gaps && grid.cell_of(grid.projection().forward(p), col, row)) {
        const uint32_t id = components.labels[grid.cell_index(col, row)];
        if (id != 0) gap_demand[id - 1] += w;
      }
    }
    study.demand = total;
  }

  if (input.gaps) {
    std::vector<GapPolygon> outlines = gap_polygons(grid, components);
    study.gaps.reserve(components.gaps.size());
    for (const GapComponent& c : components.gaps) {
      Gap gap;
      gap.id = c.id;
      gap.rings = std::move(outlines[c.id - 1].rings);
      gap.area_m2 = c.area_m2;
      const size_t col = c.farthest_cell % grid.width(), row = c.farthest_cell / grid.width();
      gap.farthest = grid.cell_centre(col, row);
      if (walk) {  // the walk from the cell's centre, as the grid has it
        gap.farthest_m = std::isfinite(c.farthest_m) ? c.farthest_m : -1;
      } else {  // the exact great-circle distance to the nearest counted station
        const auto nearest =
            index->nearest(unit_vector(gap.farthest), 1, nullptr, TagFilter{}, nullptr);
        gap.farthest_m = nearest.empty() ? -1 : distance_for_chord(nearest.front().chord);
      }
      gap.district = c.zone == 0 ? nullptr : input.districts[c.zone - 1];
      gap.uncovered_demand = gap_demand[c.id - 1];
      study.gaps.push_back(std::move(gap));
    }
    const bool by_demand = input.demand != nullptr;
    std::stable_sort(study.gaps.begin(), study.gaps.end(), [&](const Gap& a, const Gap& b) {
      if (by_demand && a.uncovered_demand != b.uncovered_demand)
        return a.uncovered_demand > b.uncovered_demand;
      return a.area_m2 > b.area_m2;
    });
  }
  return study;
}

}  // namespace sf::io

namespace sf::io {

namespace {

// Demand within reach of `stations`, for the points in the study area.
DemandSummary demand_in(const CoverageStudyInput& input, std::span<const LonLat> stations,
                        const WalkReach* walk) {
  const DemandLayer& demand = *input.demand;
  const std::vector<bool> covered = demand_covered(input, stations, walk);
  DemandSummary out;
  for (size_t i = 0; i < demand.points.size(); ++i) {
    const LonLat p = demand.points[i];
    if (!in_study_area(input, p)) continue;
    const double w = demand.weights[i];
    out.add({1, w, covered[i] ? w : 0, 0});
  }
  return out;
}

}  // namespace

std::vector<DistrictRow> district_report(const CoverageStudyInput& input) {
  CoverageStudyInput all = input;
  std::vector<std::vector<Ring>> polygons;
  for (const District* d : input.districts) {
    for (const auto& p : d->region.polygons()) polygons.push_back(p);
  }
  all.region = Region(std::move(polygons));
  all.gaps = false;
  const CoverageStudy study = study_coverage(all);
  std::vector<DistrictRow> rows;
  DistrictRow total{"all", "all", 0, study.summary, study.demand};
  for (size_t i = 0; i < input.districts.size(); ++i) {
    const District& d = *input.districts[i];
    DistrictRow row{d.name, d.name_en, 0, study.districts[i], std::nullopt};
    for (const LonLat& s : input.stations) {
      if (d.region.contains(s)) ++row.stations;
    }
    if (study.demand) row.demand = study.district_demand[i];
    total.stations += row.stations;
    rows.push_back(std::move(row));
  }
  rows.push_back(std::move(total));
  return rows;
}

std::vector<ProfileHour> coverage_profile(
    const CoverageStudyInput& input, int weekday,
    const std::function<std::vector<LonLat>(int minute_of_week)>& open_at) {
  CoverageGrid grid =
      CoverageGrid::prepare({&input.region, input.exclusion, {}}, input.options.cell_m);
  const bool walk = by_walk(input);
  std::optional<CellSnaps> snaps;  // the cells meet the streets once; the stations every hour
  if (walk) snaps = snap_cells(grid, *input.network, input.max_snap_m);
  std::vector<ProfileHour> hours;
  for (int hour = 0; hour < 24; ++hour) {
    const std::vector<LonLat> stations = open_at(weekday * 1440 + hour * 60);
    std::optional<WalkReach> reach;
    std::vector<CoverageSummary> summary(1);
    if (walk) {
      reach.emplace(input, stations);
      mark_by_walk(grid, *snaps, reach->coverage, input.options.radius_m,
                   input.options.min_stations);
      summary[0] = grid.summary();
      add_off_network(grid, *snaps, summary);
    } else {
      grid.mark(stations, input.options.radius_m, input.options.min_stations);
      summary[0] = grid.summary();
    }
    ProfileHour h{hour, 0, summary[0], std::nullopt};
    for (const LonLat& s : stations) {
      if (input.region.contains(s)) ++h.stations_open;
    }
    if (input.demand != nullptr) h.demand = demand_in(input, stations, walk ? &*reach : nullptr);
    hours.push_back(h);
  }
  return hours;
}

}  // namespace sf::io
