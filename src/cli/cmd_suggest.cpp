// stationfinder suggest: where the next k stations should go (greedy maximal covering), and
// optionally the fewest new stations that reach a target coverage (greedy set cover).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/coverage_args.hpp"
#include "cli/data_flags.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "io/coverage_files.hpp"
#include "io/station_reader.hpp"
#include "render/render_coverage.hpp"
#include "service/coverage_requests.hpp"

namespace sf::cli {

int cmd_suggest(int argc, char** argv) {
  std::vector<Flag> flags = region_flags();
  flags.push_back({"k", "k", "N", "how many sites to pick (default 10)", ""});
  flags.push_back({"candidates", "", "FILE",
                   "candidate host sites (any point file: banks, supermarkets, gas stations…); "
                   "default: grid cell centres",
                   ""});
  flags.push_back({"candidates-crs", "", "CRS", "CRS of --candidates when it does not say", ""});
  flags.push_back({"candidate-spacing-m", "", "M",
                   "grid candidates' spacing (default the larger of --cell-m and radius/2)", ""});
  flags.push_back({"target-pct", "", "PCT", "also: the fewest sites to reach PCT % coverage", ""});
  flags.push_back({"format", "", "FMT", "stdout: json (default), geojson or csv", ""});
  flags.push_back({"out", "o", "FILE", "write the picks: .geojson, .gpkg, .csv, .shp…", ""});
  for (Flag& f : coverage_flags()) {
    if (f.name != "min-stations") flags.push_back(std::move(f));
  }
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  Args args("suggest",
            "Siting suggestions: k new sites that cover the most uncovered area (or demand, "
            "with --demand), existing stations counting as built.",
            flags);
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  // The same checks as POST /v1/coverage/suggest.
  const SuggestQuery sq =
      parse_suggest_query(QueryParams(args.params({{"k", "k"}, {"target-pct", "target_pct"}})));
  const Format format =
      format_flag(args, {Format::json, Format::geojson, Format::csv}, Format::json);

  Progress progress;
  progress.stage("loading the dataset and layers");
  CoverageSetup s = setup_coverage(args, true);
  std::vector<Candidate> candidates;
  std::string source = "grid";
  if (auto file = args.get("candidates")) {
    io::StationReadOptions o;
    o.crs = args.get("candidates-crs");
    for (const Station& st : io::read_stations(*file, o).stations) {
      candidates.push_back(
          {st.position, st.id, st.name, std::string(host_type_name(st.host_type))});
    }
    source = *file;
  } else {
    std::optional<double> given;
    if (args.has("candidate-spacing-m")) given = args.number("candidate-spacing-m", 0);
    const double spacing = candidate_spacing(given, s.input.options);
    candidates = grid_candidates(s.input.region, s.input.exclusion, spacing);
  }
  s.echo.region += " (candidates: " + source + ")";
  progress.stage("building the covering problem over " + std::to_string(candidates.size()) +
                 " candidates");
  SitingInput in{s.input, candidates, sq.k, sq.target_pct, 100'000};
  const SitingResult result = suggest_sites(in);
  if (auto out = args.get("out")) {
    progress.stage("writing " + *out);
    io::write_suggestions(*out, result.picks, candidates, s.datum);
  }
  progress.done();
  std::cout << render_suggestions(s.echo, result, candidates, sq.target_pct, format);
  if (format != Format::csv) std::cout << "\n";
  return 0;
}

}  // namespace sf::cli
