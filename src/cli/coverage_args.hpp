// What the coverage subcommands (gaps, districts, profile, suggest) share: their flags, parsed
// and checked through the same rules as the HTTP API, the region, the stations that count
// (open at --at, with what-if changes), exclusions and demand, and progress on a terminal.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "core/catalog.hpp"
#include "core/coverage_request.hpp"
#include "core/demand.hpp"
#include "io/coverage_study.hpp"
#include "service/coverage_requests.hpp"

namespace sf::cli {

// --radius-m --walk-minutes --cell-m --min-stations --at --exclude --exclude-crs --demand
// --demand-crs --demand-weight --add --add-crs --remove --crs --distance, and the network flags
std::vector<Flag> coverage_flags();
// --district --bbox --region --region-crs
std::vector<Flag> region_flags();

// Everything a coverage subcommand needs, loaded and checked.
struct CoverageSetup {
  std::unique_ptr<Catalog> catalog;
  std::optional<UnixSeconds> at;
  Datum datum = Datum::wgs84;  // of --bbox and of the outputs
  WhatIf what_if;
  std::unique_ptr<Region> exclusion;
  std::unique_ptr<DemandLayer> demand;
  std::shared_ptr<const WalkNetwork> network;  // --distance walk
  io::CoverageStudyInput input;  // region (when asked for), stations, options, districts…
  CoverageEcho echo;
};

// --format as one of `allowed`, through the same rule as the routes' format=.
Format format_flag(const Args& args, std::initializer_list<Format> allowed, Format fallback);

// Loads the dataset (data_flags) and the layers; `region`: resolve --district/--bbox/--region
// and hold its grid to the cell limit.
CoverageSetup setup_coverage(const Args& args, bool region);

// Stage messages with elapsed time on stderr, only when stderr is a terminal.
class Progress {
 public:
  Progress();
  void stage(const std::string& what);
  void done();

 private:
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  bool open_ = false;
};

}  // namespace sf::cli
