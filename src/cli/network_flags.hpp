// The street-network flags `serve`, `nearest` and `network` share (--network, --network-crs,
// --network-layer, --max-snap-m, --min-part-nodes), the walking speed every command that takes
// minutes of walk shares (--walk-speed-kmh), and the network summary they print.
#pragma once

#include <iosfwd>
#include <optional>
#include <vector>

#include "cli/args.hpp"
#include "core/limits.hpp"
#include "service/walk_network.hpp"

namespace sf::cli {

// with_file: --network FILE (env STATIONFINDER_NETWORK when with_env) is among them; the
// `network` command takes the file as its argument instead.
std::vector<Flag> network_flags(bool with_file, bool with_env);
// The options for `path` (or --network's), checked; none when no network is asked for. With
// `bundled_data` (no --data: the bundled dataset is served), no --network means the bundled
// network beside it.
std::optional<NetworkOptions> network_options(const Args& args,
                                              std::optional<std::string> path = std::nullopt,
                                              bool bundled_data = false);

// --walk-speed-kmh (env STATIONFINDER_WALK_SPEED_KMH when with_env): the speed walk_minutes
// are taken at and walk_m is turned into minutes at.
Flag walk_speed_flag(bool with_env);
// kDefaultLimits with --walk-speed-kmh's speed (checked: parameter_invalid naming the flag).
Limits walking_limits(const Args& args);

// Loads the network and prints its summary to `out` (errors are thrown, not printed).
std::shared_ptr<const WalkNetwork> load_network(const NetworkOptions& options, std::ostream& out);
void print_network_summary(const WalkNetwork& network, std::ostream& out);

}  // namespace sf::cli
