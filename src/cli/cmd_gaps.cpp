// stationfinder gaps: the places in a district, box or polygon farther than the radius from
// any station, with the summary, as JSON/GeoJSON/CSV on stdout and GDAL files on request.
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/coverage_args.hpp"
#include "cli/data_flags.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "io/coverage_files.hpp"
#include "render/render_coverage.hpp"

namespace sf::cli {

int cmd_gaps(int argc, char** argv) {
  std::vector<Flag> flags = region_flags();
  for (Flag& f : coverage_flags()) flags.push_back(std::move(f));
  flags.push_back({"format", "", "FMT",
                   "stdout: json (summary and gap list, default), geojson (with outlines), csv "
                   "(summary row)",
                   ""});
  flags.push_back({"out", "o", "FILE",
                   "write the gap polygons: .geojson, .gpkg, .shp, .shp.zip, .fgb or .csv", ""});
  flags.push_back({"raster", "", "FILE.tif", "write the distance-to-nearest-station GeoTIFF", ""});
  flags.push_back({"summary-csv", "", "FILE", "write the summary (with parameters) as CSV", ""});
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  Args args("gaps",
            "Coverage gaps of a district, a box or a polygon: the uncovered areas (split by "
            "district, each with its farthest point from any station) and the summary, computed "
            "on an equal-area metre grid.",
            flags);
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const Format format =
      format_flag(args, {Format::json, Format::geojson, Format::csv}, Format::json);

  Progress progress;
  progress.stage("loading the dataset and layers");
  CoverageSetup s = setup_coverage(args, true);
  progress.stage(
      "computing coverage of " + std::to_string(s.input.stations.size()) + " stations over " +
      std::to_string(CoverageGrid::cells_for(s.input.region, s.input.options.cell_m)) + " cells");
  const io::CoverageStudy study = io::study_coverage(s.input);
  if (auto out = args.get("out")) {
    progress.stage("writing " + *out);
    io::write_gaps(*out, study.gaps, s.datum);
  }
  if (auto raster = args.get("raster")) {
    progress.stage("writing " + *raster);
    io::write_distance_raster(*raster, study.grid, study.walk_m);
  }
  if (auto csv = args.get("summary-csv")) {
    std::ofstream f(*csv);
    f << render_gaps_summary_csv(s.echo, study);
    if (!f) throw Error(ErrorCode::data_source_unreadable, *csv, "cannot write the summary");
  }
  progress.done();
  if (format == Format::csv) {
    std::cout << render_gaps_summary_csv(s.echo, study);
  } else {
    std::cout << render_gaps(s.echo, study, format) << "\n";
  }
  return 0;
}

}  // namespace sf::cli
