#include "io/coverage_study.hpp"

#include <algorithm>

#include "core/station_index.hpp"
#include "io/gap_polygons.hpp"

namespace sf::io {

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
      {}};
  CoverageGrid& grid = study.grid;
  grid.mark(input.stations, input.options.radius_m, input.options.min_stations);
  const std::vector<CoverageSummary> by_zone = grid.zone_summaries(zones.size());
  for (const CoverageSummary& z : by_zone) study.summary.add(z);
  study.districts.assign(by_zone.begin() + 1, by_zone.end());

  // The exact index is built only when something needs it (demand, farthest points).
  std::optional<StationIndex> index;
  if (input.gaps || input.demand != nullptr)
    index.emplace(input.stations, std::span<const IndexTag>{});
  GapComponents components;
  if (input.gaps) {
    grid.compute_nearest();
    components = label_gaps(grid);
  }

  // Demand: each point inside the region (and outside the exclusions) counts once.
  std::vector<double> gap_demand(components.gaps.size(), 0);
  if (input.demand != nullptr) {
    const DemandLayer& demand = *input.demand;
    const std::vector<uint8_t> reach =
        demand_reach(demand.points, *index, input.options.radius_m, input.options.min_stations);
    DemandSummary total;
    study.district_demand.assign(input.districts.size(), {});
    for (size_t i = 0; i < demand.points.size(); ++i) {
      const LonLat p = demand.points[i];
      if (!in_study_area(input, p)) continue;
      const double w = demand.weights[i];
      const bool covered = reach[i] >= input.options.min_stations;
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
      // The exact great-circle distance to the nearest counted station.
      const auto nearest =
          index->nearest(unit_vector(gap.farthest), 1, nullptr, TagFilter{}, nullptr);
      gap.farthest_m = nearest.empty() ? -1 : distance_for_chord(nearest.front().chord);
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
DemandSummary demand_in(const DemandLayer& demand, const CoverageStudyInput& input,
                        std::span<const LonLat> stations) {
  const CoverageOptions& options = input.options;
  const StationIndex index(stations, {});
  const std::vector<uint8_t> reach =
      demand_reach(demand.points, index, options.radius_m, options.min_stations);
  DemandSummary out;
  for (size_t i = 0; i < demand.points.size(); ++i) {
    const LonLat p = demand.points[i];
    if (!in_study_area(input, p)) continue;
    const double w = demand.weights[i];
    out.add({1, w, reach[i] >= options.min_stations ? w : 0, 0});
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
  std::vector<ProfileHour> hours;
  for (int hour = 0; hour < 24; ++hour) {
    const std::vector<LonLat> stations = open_at(weekday * 1440 + hour * 60);
    grid.mark(stations, input.options.radius_m, input.options.min_stations);
    ProfileHour h{hour, 0, grid.summary(), std::nullopt};
    for (const LonLat& s : stations) {
      if (input.region.contains(s)) ++h.stations_open;
    }
    if (input.demand != nullptr) h.demand = demand_in(*input.demand, input, stations);
    hours.push_back(h);
  }
  return hours;
}

}  // namespace sf::io
