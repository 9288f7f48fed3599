// stationfinder import: reads any station source, prints the report, and writes a new file
// (--out) or the changes into a store (--into, with --replace and its guard, --dry-run).
#include <iostream>
#include <map>
#include <optional>

#include "cli/commands.hpp"
#include "cli/data_flags.hpp"
#include "core/catalog_layer.hpp"
#include "core/errors.hpp"
#include "core/replace_guard.hpp"
#include "core/time.hpp"
#include "io/station_export.hpp"
#include "io/station_store.hpp"

namespace sf::cli {

namespace {

// Content equality for a diff: everything but updated_at (the store stamps it on each write).
bool same_content(Station a, Station b) {
  a.updated_at.clear();
  b.updated_at.clear();
  return station_hash(StationView::of(a)) == station_hash(StationView::of(b));
}

void print_ids(const char* what, const std::vector<std::string>& ids, size_t max_rows) {
  for (size_t i = 0; i < ids.size() && i < max_rows; ++i)
    std::cout << "  " << what << " " << ids[i] << "\n";
  if (ids.size() > max_rows) std::cout << "  … and " << ids.size() - max_rows << " more\n";
}

// What a file would do to a store: the ids it adds, changes, leaves and (with --replace)
// removes, and the changes to apply.
struct ImportPlan {
  std::vector<std::string> added, changed, unchanged, removed;
  std::vector<io::StoreWrite> changes;
};

ImportPlan plan_import(const io::Dataset& file, const io::Dataset& current, const std::string& by,
                       bool replace) {
  std::map<std::string, const Station*> now;
  for (const Station& s : current.stations) now[s.id] = &s;
  ImportPlan plan;
  std::map<std::string, bool> named;
  for (const Station& s : file.stations) {
    named[s.id] = true;
    auto it = now.find(s.id);
    if (it == now.end()) {
      plan.added.push_back(s.id);
    } else if (!same_content(*it->second, s)) {
      plan.changed.push_back(s.id);
    } else {
      plan.unchanged.push_back(s.id);
      continue;
    }
    plan.changes.push_back({s.id, s, by});
    plan.changes.back().station->updated_at = format_shanghai(now_unix());
  }
  for (const auto& [id, s] : now) {
    if (named.count(id) == 0) plan.removed.push_back(id);
  }
  if (replace) {
    for (const std::string& id : plan.removed) plan.changes.push_back({id, std::nullopt, by});
  }
  return plan;
}

void print_plan(const ImportPlan& plan, const std::string& location, size_t stations_now,
                bool dry_run, bool replace, size_t max_rows) {
  std::cout << (dry_run ? "dry run:   " : "into:      ") << location << " (" << stations_now
            << " stations now)\n"
            << "  add:       " << plan.added.size() << "\n"
            << "  change:    " << plan.changed.size() << "\n"
            << "  unchanged: " << plan.unchanged.size() << "\n"
            << "  remove:    " << (replace ? plan.removed.size() : 0)
            << (replace ? ""
                        : " (" + std::to_string(plan.removed.size()) +
                              " stations the file does not name stay; --replace removes them)")
            << "\n";
  print_ids("add", plan.added, max_rows);
  print_ids("change", plan.changed, max_rows);
  if (replace) print_ids("remove", plan.removed, max_rows);
}

// --confirm-delete N (with --replace only).
std::optional<size_t> confirmed_deletions(const Args& args, bool replace) {
  if (!args.has("confirm-delete")) return std::nullopt;
  if (!replace)
    throw Error(ErrorCode::parameter_invalid, "--confirm-delete", "goes with --replace");
  const long n = args.integer("confirm-delete", 0);
  if (n < 0) throw Error(ErrorCode::parameter_invalid, "--confirm-delete", "must not be negative");
  return static_cast<size_t>(n);
}

// --into: what the file would add, change and remove in a store, and (without --dry-run) the
// change itself, in one transaction with the history kept.
int import_into(const Args& args, const io::Dataset& file, size_t max_rows) {
  const std::string into = *args.get("into");
  if (!io::StationStore::writable_source(into)) {
    throw Error(ErrorCode::parameter_invalid, "--into",
                "must be a GeoPackage (.gpkg) or PostGIS (PG:…) store");
  }
  const bool replace = args.has("replace");
  const bool dry_run = args.has("dry-run");
  auto store = io::StationStore::open(into);  // checks it is a store before anything else
  io::DatasetOptions current_options;
  current_options.data = into;
  const io::Dataset current = io::load_dataset(current_options);
  const ImportPlan plan = plan_import(file, current, args.get_or("by", "import"), replace);
  print_plan(plan, store->location(), current.stations.size(), dry_run, replace, max_rows);
  const std::optional<size_t> confirmed = confirmed_deletions(args, replace);
  if (dry_run) {
    if (replace) {
      try {
        check_replace_deletions(plan.removed.size(), current.stations.size(), confirmed,
                                "--confirm-delete");
      } catch (const Error& e) {
        std::cout << "note:      without --dry-run this would be refused: " << e.rule() << "\n";
      }
    }
    std::cout << "nothing written (--dry-run)\n";
    return 0;
  }
  if (replace) {
    check_replace_deletions(plan.removed.size(), current.stations.size(), confirmed,
                            "--confirm-delete");
  }
  if (!plan.changes.empty()) store->apply(plan.changes, format_shanghai(now_unix()));
  std::cout << "applied:   " << plan.changes.size()
            << " changes in one transaction (old versions kept in station_history); running "
               "servers pick them up at their next poll\n";
  return 0;
}

}  // namespace

int cmd_import(int argc, char** argv) {
  std::vector<Flag> flags;
  for (Flag& f : data_flags(false)) {
    if (f.name != "data") flags.push_back(std::move(f));
  }
  flags.push_back({"out", "o", "FILE",
                   "write the stations (.gpkg with a districts layer, .geojson, .csv, .fgb)", ""});
  flags.push_back({"into", "", "STORE",
                   "apply the file to a store (.gpkg or PG:…) as an upsert, in one transaction, "
                   "keeping history; with --dry-run only print what it would add, change and "
                   "remove",
                   ""});
  flags.push_back({"dry-run", "n", "", "with --into: print the changes, write nothing", ""});
  flags.push_back(
      {"replace", "", "", "with --into: also remove the stations the file does not name", ""});
  flags.push_back({"confirm-delete", "", "N",
                   "with --replace: the number of stations it removes, required when that is "
                   "more than 10 % of the store (a truncated file looks like a big removal)",
                   ""});
  flags.push_back(
      {"by", "", "NAME", "with --into: the name recorded in history (default import)", ""});
  flags.push_back(
      {"max-rows", "", "N", "list at most N rejected rows, warnings and ids (default 50)", ""});
  Args args("import",
            "Read a station file from any OGR source, convert it to WGS84, report every row "
            "that cannot be used (with its number and reason), and write the result.",
            flags, "SRC");
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  if (args.positional().size() != 1) {
    throw Error(ErrorCode::parameter_invalid, "SRC",
                "give exactly one source; see stationfinder import --help");
  }
  const auto out = args.get("out");
  const bool into = args.has("into");
  if (!out && !into)
    throw Error(ErrorCode::parameter_missing, "--out", "--out FILE or --into STORE is required");
  if (out && into)
    throw Error(ErrorCode::parameter_invalid, "--into", "give --out or --into, not both");
  if (!into && (args.has("dry-run") || args.has("replace") || args.has("by") ||
                args.has("confirm-delete"))) {
    throw Error(ErrorCode::parameter_invalid, "--into",
                "--dry-run, --replace, --confirm-delete and --by go with --into");
  }
  const long max_rows = args.integer("max-rows", 50);
  if (max_rows < 0) throw Error(ErrorCode::parameter_invalid, "--max-rows", "must not be negative");

  io::DatasetOptions options = dataset_options(args);
  options.data = args.positional()[0];
  io::Dataset ds = io::load_dataset(options);
  print_report(ds, std::cout, static_cast<size_t>(max_rows));
  if (args.has("strict") && !ds.report.rejected.empty()) {
    std::cerr << "stationfinder import: --strict: " << ds.report.rejected.size()
              << " rows rejected; nothing written\n";
    return 2;
  }
  if (into) return import_into(args, ds, static_cast<size_t>(max_rows));
  io::write_stations(*out, ds.stations, ds.districts);
  std::cout << "wrote:     " << ds.stations.size() << " stations to " << *out << "\n";
  return 0;
}

}  // namespace sf::cli
