// stationfinder profile: covered % of a district for each hour of a weekday, counting the
// stations open at the top of each hour.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/coverage_args.hpp"
#include "cli/data_flags.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "render/render_coverage.hpp"

namespace sf::cli {

int cmd_profile(int argc, char** argv) {
  std::vector<Flag> flags = region_flags();
  flags.push_back({"weekday", "", "DAY", "mon, tue, wed, thu, fri, sat or sun (or 1-7)", ""});
  flags.push_back({"format", "", "FMT", "json (default) or csv", ""});
  for (Flag& f : coverage_flags()) {
    if (f.name != "at") flags.push_back(std::move(f));
  }
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  Args args("profile",
            "The 24-hour coverage profile of a district (or box, or polygon) on a weekday: "
            "covered % and stations open for each hour.",
            flags);
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const Format format = format_flag(args, {Format::json, Format::csv}, Format::json);
  std::string weekday_label;
  const int weekday =
      parse_weekday(QueryParams(args.params({{"weekday", "weekday"}})), weekday_label);
  Progress progress;
  progress.stage("loading the dataset and layers");
  CoverageSetup s = setup_coverage(args, true);
  const auto hours = io::coverage_profile(s.input, weekday, [&](int minute_of_week) {
    progress.stage("hour " + std::to_string((minute_of_week % 1440) / 60 + 1) + "/24");
    return counted_stations(*s.catalog, minute_of_week, s.what_if);
  });
  progress.done();
  std::cout << render_profile(s.echo, s.echo.region, weekday_label, hours, format);
  if (format == Format::json) std::cout << "\n";
  return 0;
}

}  // namespace sf::cli
