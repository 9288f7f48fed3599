// stationfinder districts: the coverage report per district, and for all of them together.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/coverage_args.hpp"
#include "cli/data_flags.hpp"
#include "core/errors.hpp"
#include "render/render_coverage.hpp"

namespace sf::cli {

int cmd_districts(int argc, char** argv) {
  std::vector<Flag> flags = coverage_flags();
  flags.push_back({"format", "", "FMT", "json (default) or csv", ""});
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  Args args("districts",
            "Coverage per district: area, stations, stations per km², covered %, uncovered km², "
            "demand covered % with --demand, and the same for all districts together.",
            flags);
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const Format format = format_flag(args, {Format::json, Format::csv}, Format::json);
  Progress progress;
  progress.stage("loading the dataset and layers");
  CoverageSetup s = setup_coverage(args, false);
  if (s.input.districts.empty()) {
    throw Error(ErrorCode::unknown_district, "--districts", "the dataset has no district layer");
  }
  s.echo.region = "all districts";
  progress.stage("computing coverage of " + std::to_string(s.input.districts.size()) +
                 " districts");
  const auto rows = io::district_report(s.input);
  progress.done();
  std::cout << render_district_report(s.echo, rows, format);
  if (format == Format::json) std::cout << "\n";
  return 0;
}

}  // namespace sf::cli
