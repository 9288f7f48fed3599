// The data flags every subcommand shares, and the import report printer.
#pragma once

#include <iosfwd>
#include <vector>

#include "cli/args.hpp"
#include "io/dataset.hpp"

namespace sf::cli {

// --data --layer --map --crs --districts --districts-layer --districts-crs --strict
std::vector<Flag> data_flags(bool with_data_env);
io::DatasetOptions dataset_options(const Args& args);

// Loads, prints the summary (and each rejected row up to `max_rows`) to `out`. With --strict,
// any rejected row makes it throw sf::Error(data_invalid).
io::Dataset load_and_report(const Args& args, std::ostream& out, size_t max_rows);

void print_report(const io::Dataset& ds, std::ostream& out, size_t max_rows);

}  // namespace sf::cli
