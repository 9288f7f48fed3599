// Coverage answers as files through GDAL: gap polygons and siting picks (any VectorFileWriter
// format), the distance-to-nearest-station raster as a GeoTIFF.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/coverage_grid.hpp"
#include "core/datum.hpp"
#include "core/siting.hpp"
#include "io/coverage_study.hpp"

namespace sf::io {

// Fields: gap_id, area_m2, district, far_lon, far_lat, far_dist_m, unc_demand (names short
// enough for a Shapefile).
void write_gaps(const std::string& path, const std::vector<Gap>& gaps, Datum datum);

// The k picks as points: rank, candidate_id, name, host_type, gain, cumulative, cum_pct.
void write_suggestions(const std::string& path, const std::vector<SitingPick>& picks,
                       const std::vector<Candidate>& candidates, Datum datum);

// Float32 metres from each cell's centre to its nearest station, in the grid's own Lambert
// azimuthal equal-area frame (north up); cells outside the region are nodata (-1). The grid
// needs its nearest field (CoverageGrid::compute_nearest), unless `walk_m` (one entry a cell)
// gives the walks instead (infinite: nodata too).
void write_distance_raster(const std::string& path, const CoverageGrid& grid,
                           std::span<const float> walk_m = {});

}  // namespace sf::io
