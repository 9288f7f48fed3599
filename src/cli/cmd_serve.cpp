// stationfinder serve: loads the data and layers, starts the HTTP server, and keeps it
// current: SIGHUP reloads data, layers and tokens; a store is polled for other replicas' writes;
// SIGINT and SIGTERM stop.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/data_flags.hpp"
#include "cli/network_flags.hpp"
#include "core/catalog.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "http/server.hpp"
#include "io/area_reader.hpp"
#include "io/demand_reader.hpp"
#include "io/station_reader.hpp"
#include "io/station_store.hpp"
#include "service/station_writes.hpp"

namespace sf::cli {

namespace {

// What the server shows the web: the demo page and its libraries, tiles, public links.
std::vector<Flag> web_flags() {
  return {
      {"web-root", "", "DIR",
       "the demo page and widget served at / (default: api/web of the checkout)",
       "STATIONFINDER_WEB_ROOT"},
      {"maplibre-dir", "", "DIR",
       "MapLibre GL JS's dist files served at /vendor/maplibre/ for the demo page (default: "
       "api/web/node_modules/maplibre-gl/dist of the checkout, from npm ci --prefix api/web)",
       "STATIONFINDER_MAPLIBRE_DIR"},
      {"leaflet-dir", "", "DIR",
       "Leaflet's files served at /vendor/leaflet/ (default /usr/share/javascript/leaflet)",
       "STATIONFINDER_LEAFLET_DIR"},
      {"tile-cache-mb", "", "MB",
       "memory for encoded vector tiles, least recently used first out (default 64; 0 keeps "
       "none)",
       "STATIONFINDER_TILE_CACHE_MB"},
      {"public-url", "", "URL",
       "the address clients reach the server at, for the absolute links of /ogc (default: "
       "from each request's X-Forwarded-Proto/-Host/-Prefix or Host header)",
       "STATIONFINDER_PUBLIC_URL"},
  };
}

std::vector<Flag> serve_flags() {
  std::vector<Flag> flags = {
      {"host", "", "ADDR", "address to listen on (default 127.0.0.1)", "STATIONFINDER_HOST"},
      {"port", "", "PORT", "port to listen on, 0 for any free port (default 8080)",
       "STATIONFINDER_PORT"},
      {"threads", "", "N",
       "worker threads; each open keep-alive connection holds one (default 512)",
       "STATIONFINDER_THREADS"},
      {"max-body-bytes", "", "N",
       "largest request body accepted (default " + std::to_string(kDefaultLimits.body_bytes) + ")",
       "STATIONFINDER_MAX_BODY_BYTES"},
      {"max-bulk-bytes", "", "N",
       "largest body of POST /v1/stations/bulk (default " +
           std::to_string(kDefaultLimits.bulk_body_bytes) + ")",
       "STATIONFINDER_MAX_BULK_BYTES"},
      {"poll-interval", "", "SECONDS",
       "how often the store is polled for changes other replicas or processes made, deletes "
       "included (default 1; 0 turns polling off)",
       "STATIONFINDER_POLL_INTERVAL"},
      {"merge-threshold", "", "N",
       "recent changes kept in the small change layer before a background merge packs a new "
       "index (default 2048)",
       "STATIONFINDER_MERGE_THRESHOLD"},
      {"render-cache-max", "", "N",
       "pre-render station JSON when the catalog has at most N stations, about 400 bytes each "
       "(default 250000; 0 turns it off)",
       "STATIONFINDER_RENDER_CACHE_MAX"},
      {"coverage-threads", "", "N",
       "threads for coverage work (gaps, reports, suggestions); default: half the cores",
       "STATIONFINDER_COVERAGE_THREADS"},
      {"coverage-queue", "", "N",
       "coverage jobs that may wait for a thread; beyond that 503 (default 4)",
       "STATIONFINDER_COVERAGE_QUEUE"},
      {"max-coverage-cells", "", "N",
       "largest coverage grid (default " + std::to_string(kDefaultLimits.coverage_cells) + ")",
       "STATIONFINDER_MAX_COVERAGE_CELLS"},
      {"exclude", "", "FILE", "polygons left out of every coverage region (water, parks…)",
       "STATIONFINDER_EXCLUDE"},
      {"exclude-crs", "", "CRS", "CRS of --exclude when it does not say", ""},
      {"demand", "", "FILE", "demand points (optionally weighted); private, never served back",
       "STATIONFINDER_DEMAND"},
      {"demand-crs", "", "CRS", "CRS of --demand when it does not say", ""},
      {"demand-weight", "", "COLUMN", "the demand weight column (default: detect)", ""},
      {"access-log", "", "FILE",
       "one JSON line per request ('-' for standard error; query strings never logged)",
       "STATIONFINDER_ACCESS_LOG"},
      {"state-dir", "", "DIR",
       "without --data: the bundled dataset is copied here on first start and takes the "
       "writes (default $XDG_DATA_HOME/stationfinder or ~/.local/share/stationfinder)",
       "STATIONFINDER_STATE_DIR"},
      {"tokens-file", "", "FILE",
       "bearer tokens for writes, name:token entries (comma- or line-separated); reloaded on "
       "SIGHUP. STATIONFINDER_TOKENS holds entries directly. None: every write is refused",
       ""},
      {"candidates", "", "FILE", "candidate host sites for /v1/coverage/suggest",
       "STATIONFINDER_CANDIDATES"},
      {"candidates-crs", "", "CRS", "CRS of --candidates when it does not say", ""},
  };
  for (Flag& f : web_flags()) flags.push_back(std::move(f));
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  for (Flag& f : network_flags(true, true)) flags.push_back(std::move(f));
  flags.push_back(walk_speed_flag(true));
  return flags;
}

// An integer flag in [min, max].
long ranged(const Args& args, const std::string& name, long fallback, long min, long max,
            const std::string& rule) {
  const long v = args.integer(name, fallback);
  if (v < min || v > max) throw Error(ErrorCode::parameter_invalid, "--" + name, rule);
  return v;
}

// What the flags say beside the data: the server's configuration, the store's polling and
// merging.
struct ServeOptions {
  http::ServerConfig config;
  double poll_interval = 1.0;
  size_t merge_threshold = 2048;
};

ServeOptions serve_options(const Args& args) {
  ServeOptions o;
  http::ServerConfig& c = o.config;
  c.limits = walking_limits(args);
  c.host = args.get_or("host", "127.0.0.1");
  c.port = static_cast<int>(ranged(args, "port", 8080, 0, 65535, "must be from 0 to 65535"));
  c.threads = static_cast<size_t>(ranged(args, "threads", 512, 1, 10000, "must be 1 to 10000"));
  c.limits.body_bytes = static_cast<size_t>(
      ranged(args, "max-body-bytes", static_cast<long>(kDefaultLimits.body_bytes), 1024,
             std::numeric_limits<long>::max(), "must be at least 1024"));
  c.limits.bulk_body_bytes = static_cast<size_t>(
      ranged(args, "max-bulk-bytes", static_cast<long>(kDefaultLimits.bulk_body_bytes), 1024,
             std::numeric_limits<long>::max(), "must be at least 1024"));
  o.poll_interval = args.number("poll-interval", 1.0);
  if (!(o.poll_interval >= 0 && o.poll_interval <= 86400))
    throw Error(ErrorCode::parameter_invalid, "--poll-interval", "must be 0 to 86400 seconds");
  o.merge_threshold = static_cast<size_t>(ranged(
      args, "merge-threshold", 2048, 1, std::numeric_limits<long>::max(), "must be at least 1"));
  c.render_cache_max_stations =
      static_cast<size_t>(ranged(args, "render-cache-max", 250'000, 0,
                                 std::numeric_limits<long>::max(), "must not be negative"));
  const long cores = std::max(1L, static_cast<long>(std::thread::hardware_concurrency()));
  c.coverage_threads = static_cast<size_t>(
      ranged(args, "coverage-threads", std::max(1L, cores / 2), 1, 256, "must be 1 to 256"));
  c.coverage_queue =
      static_cast<size_t>(ranged(args, "coverage-queue", 4, 0, 10000, "must be 0 to 10000"));
  c.limits.coverage_cells = static_cast<size_t>(
      ranged(args, "max-coverage-cells", static_cast<long>(kDefaultLimits.coverage_cells), 1000,
             std::numeric_limits<long>::max(), "must be at least 1000"));
  c.access_log = args.get_or("access-log", "");
  c.tile_cache_bytes =
      static_cast<size_t>(ranged(args, "tile-cache-mb", 64, 0, 100'000, "must be 0 to 100000"))
      << 20;
  c.public_url = args.get_or("public-url", "");
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  if (!c.public_url.empty()) {
    const bool scheme =
        c.public_url.rfind("http://", 0) == 0 || c.public_url.rfind("https://", 0) == 0;
    const bool plain = std::all_of(c.public_url.begin(), c.public_url.end(), [](unsigned char ch) {
      return ch > 0x20 && ch < 0x7f && ch != '"' && ch != '<' && ch != '>' && ch != '\\' &&
             ch != '?' && ch != '#';
    });
    if (!scheme || !plain || c.public_url.size() <= 8) {
      throw Error(ErrorCode::parameter_invalid, "--public-url",
                  "must be an absolute http:// or https:// address without a query, such as "
                  "https://maps.example.org/stations");
    }
  }
  c.web_root = args.get_or("web-root", io::project_path("api/web", ""));
  c.api_dir = io::project_path("api/openapi.yaml", "");
  if (!c.api_dir.empty()) c.api_dir = std::filesystem::path(c.api_dir).parent_path().string();
  c.maplibre_dir =
      args.get_or("maplibre-dir", io::project_path("api/web/node_modules/maplibre-gl/dist", ""));
  if (!std::filesystem::exists(c.maplibre_dir + "/maplibre-gl.js")) {
    std::cerr << "stationfinder: no MapLibre GL JS in "
              << (c.maplibre_dir.empty() ? "api/web/node_modules" : c.maplibre_dir)
              << " (npm ci --prefix api/web): the demo page will show no map\n";
  }
  c.leaflet_dir = args.get_or("leaflet-dir", "/usr/share/javascript/leaflet");
  if (!std::filesystem::exists(c.leaflet_dir + "/leaflet.js")) {
    std::cerr << "stationfinder: no Leaflet in " << c.leaflet_dir
              << " (apt-get install libjs-leaflet): the demo page will show no map\n";
  }
  return o;
}

// --exclude, --demand, --candidates.
CoverageLayers coverage_layers(const Args& args) {
  CoverageLayers layers;
  if (auto file = args.get("exclude")) {
    io::AreaReadOptions o;
    o.crs = args.get("exclude-crs");
    layers.exclusion = std::make_shared<const Region>(io::read_area(*file, o));
    layers.exclusion_source = *file;
  }
  if (auto file = args.get("demand")) {
    io::DemandReadOptions o;
    o.crs = args.get("demand-crs");
    o.weight_column = args.get_or("demand-weight", "");
    io::DemandReadResult read = io::read_demand(*file, o);
    std::cerr << "stationfinder: demand " << read.layer.points.size() << " points from " << *file
              << " (" << read.report.rejected << " rows left out)\n";
    layers.demand = std::make_shared<const DemandLayer>(std::move(read.layer));
    layers.demand_loaded_at = now_unix();
  }
  if (auto file = args.get("candidates")) {
    io::StationReadOptions o;
    o.crs = args.get("candidates-crs");
    auto sites = std::make_shared<std::vector<Candidate>>();
    for (const Station& st : io::read_stations(*file, o).stations)
      sites->push_back({st.position, st.id, st.name, std::string(host_type_name(st.host_type))});
    std::cerr << "stationfinder: " << sites->size() << " candidate sites from " << *file << "\n";
    layers.candidates = std::move(sites);
    layers.candidates_source = *file;
  }
  return layers;
}

// Write tokens: the file (re-read on SIGHUP) and the environment variable, together.
http::TokenStore load_tokens(const std::optional<std::string>& tokens_file) {
  const char* tokens_env = std::getenv("STATIONFINDER_TOKENS");
  std::string text = tokens_env != nullptr ? std::string(tokens_env) + "\n" : "";
  if (tokens_file) {
    std::ifstream in(*tokens_file);
    if (!in) {
      throw Error(ErrorCode::data_source_unreadable, *tokens_file, "cannot read the tokens file");
    }
    std::ostringstream file_text;
    file_text << in.rdbuf();
    text += file_text.str();
  }
  return http::TokenStore::parse(
      text, tokens_file ? *tokens_file + " / STATIONFINDER_TOKENS" : "STATIONFINDER_TOKENS");
}

void tune_process() {
  // Memory a burst of large answers took goes back: glibc's mmap threshold otherwise rises to
  // the largest block freed (up to 32 MiB), after which such blocks come from arenas shared by
  // hundreds of worker threads and RSS stays at its peak. Fixed thresholds keep big blocks
  // mapped (freed at once) and trim the heap tops.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1 << 20);
  // Every connection is a file: take the hard limit (bursts of thousands of connects).
  if (rlimit files{}; getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
}

// Where writes go: a GeoPackage given as --data; without --data a copy of the bundled dataset
// in the state directory (never the files under geodata/). Other sources are read-only.
io::DatasetOptions writable_data(const Args& args) {
  io::DatasetOptions data = dataset_options(args);
  if (data.data.empty()) {
    namespace fs = std::filesystem;
    std::string dir = args.get_or("state-dir", "");
    if (dir.empty()) {
      const char* xdg = std::getenv("XDG_DATA_HOME");
      const char* home = std::getenv("HOME");
      dir = xdg != nullptr && *xdg != '\0' ? std::string(xdg) + "/stationfinder"
            : home != nullptr              ? std::string(home) + "/.local/share/stationfinder"
                                           : "";
    }
    std::error_code ec;
    const fs::path copy = fs::path(dir) / "stations.gpkg";
    if (!dir.empty() && !fs::exists(copy, ec)) {
      fs::create_directories(dir, ec);
      fs::copy_file(io::bundled_dataset_path(), copy, ec);
      if (!ec) std::cerr << "stationfinder: copied the bundled dataset to " << copy << "\n";
    }
    if (!dir.empty() && fs::exists(copy, ec)) {
      data.data = copy.string();
    } else {
      std::cerr << "stationfinder: no state directory (" << dir
                << "): serving the bundled dataset read-only\n";
    }
  }
  return data;
}

// A source that fails, rejects every row, or (with --strict) any row is not published: at
// start the server does not start, on SIGHUP the old snapshot keeps serving.
void check_rows(const io::StationReadReport& report, size_t kept, bool strict) {
  if (strict && !report.rejected.empty()) {
    throw Error(ErrorCode::data_invalid, report.source,
                std::to_string(report.rejected.size()) + " rows rejected (--strict)");
  }
  if (kept == 0 && report.rows > 0) {
    throw Error(ErrorCode::data_invalid, report.source,
                "every one of its " + std::to_string(report.rows) + " rows was rejected");
  }
}

// The store (a GeoPackage or PostGIS --data) and its change sequence, read before the data so
// that no change made meanwhile is missed (one seen twice is harmless).
struct Store {
  std::unique_ptr<io::StationStore> store;
  int64_t sequence = 0;
};

Store open_store(const std::string& source) {
  if (source.empty() || !io::StationStore::writable_source(source)) return {};
  try {
    Store s;
    s.store = io::StationStore::open(source);
    s.sequence = s.store->last_sequence();
    return s;
  } catch (const std::exception& e) {
    std::cerr << "stationfinder: " << io::masked_source(source) << " is read-only: " << e.what()
              << "\n";
    return {};
  }
}

Snapshot first_snapshot(const io::DatasetOptions& data, bool strict) {
  Snapshot snapshot;
  io::Dataset ds = io::load_dataset(data);
  print_report(ds, std::cerr, 20);
  check_rows(ds.report, ds.stations.size(), strict);
  snapshot.source = io::masked_source(ds.source);  // never a password in /v1/meta
  snapshot.loaded_at = now_unix();
  snapshot.catalog =
      std::make_shared<const Catalog>(std::move(ds.stations), std::move(ds.districts));
  return snapshot;
}

// What runs the server: its data, its tokens, the store it writes to and its street network.
struct Serving {
  io::DatasetOptions data;
  std::optional<std::string> tokens_file;
  bool strict = false;
  std::optional<NetworkOptions> network;
};

// The street network read again on SIGHUP; the one served is kept when it cannot be read.
std::shared_ptr<const WalkNetwork> reload_network(const Serving& s,
                                                  std::shared_ptr<const WalkNetwork> current) {
  if (!s.network) return nullptr;
  try {
    auto next = WalkNetwork::load(*s.network);
    std::cerr << "stationfinder: SIGHUP, network " << next->graph().node_count() << " nodes, "
              << next->graph().segment_count() << " segments (version " << next->version()
              << ") in " << next->load_seconds() << " s\n";
    return next;
  } catch (const std::exception& e) {
    std::cerr << "stationfinder: SIGHUP, network kept as it was: " << e.what() << "\n";
    return current;
  }
}

// SIGHUP: the tokens and the data again, streamed against the served catalog (only what
// changed is kept, and the new snapshot shares the packed base).
void reload(http::Server& server, const Serving& s) {
  try {
    http::TokenStore next = load_tokens(s.tokens_file);
    std::cerr << "stationfinder: SIGHUP, " << next.size() << " write token(s) loaded\n";
    server.set_tokens(std::move(next));
  } catch (const std::exception& e) {
    std::cerr << "stationfinder: SIGHUP, tokens kept as they were: " << e.what() << "\n";
  }
  try {
    Store next_store = open_store(s.data.data);  // the file may have been replaced
    io::Reloaded r = io::reload_dataset(s.data, server.snapshot()->catalog);
    const size_t rejected = r.report.rejected.size();
    for (size_t i = 0; i < rejected && i < 5; ++i) {
      std::cerr << "  rejected row " << r.report.rejected[i].row << ": "
                << r.report.rejected[i].reason << "\n";
    }
    check_rows(r.report, r.catalog->size(), s.strict);
    Snapshot next;
    next.source = io::masked_source(r.report.source);
    next.loaded_at = now_unix();
    next.catalog = r.catalog;
    next.network = reload_network(s, server.snapshot()->network);
    std::cerr << "stationfinder: SIGHUP, reloaded " << next.catalog->size() << " stations (dataset "
              << next.catalog->version() << "): " << r.added << " added, " << r.changed
              << " changed, " << r.removed << " removed, " << rejected << " rows rejected"
              << (r.repacked ? ", index packed anew" : ", index shared") << "\n";
    server.reload(std::move(next), std::move(next_store.store), next_store.sequence);
    server.record_reload();
    malloc_trim(0);  // the old snapshot's pages go back once its last reader is done
  } catch (const std::exception& e) {
    std::cerr << "stationfinder: SIGHUP, reload failed, still serving dataset "
              << server.snapshot()->catalog->version() << " read-only: " << e.what() << "\n";
    server.set_store(nullptr);  // never write where the served data did not come from
  }
}

// Waits for the blocked signals: SIGHUP reloads, SIGINT and SIGTERM stop the server.
void handle_signals(http::Server& server, const Serving& s, const sigset_t& signals) {
  while (true) {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig == SIGHUP) {
      reload(server, s);
      continue;
    }
    std::cerr << "stationfinder: signal " << sig << ", shutting down\n";
    server.stop();
    return;
  }
}

// Changes other replicas (or processes) committed to the store, picked up every interval; a
// store that stopped answering is reopened. Runs until `stopping`.
class StorePoller {
 public:
  StorePoller(http::Server& server, std::string source, double interval_s)
      : server_(server), source_(std::move(source)) {
    if (interval_s <= 0) return;
    thread_ = std::thread([this, interval_s] { run(interval_s); });
  }
  ~StorePoller() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run(double interval_s) {
    const auto interval = std::chrono::milliseconds(static_cast<long>(interval_s * 1000));
    std::string last_problem;
    std::unique_lock lock(mutex_);
    while (!cv_.wait_for(lock, interval, [&] { return stopping_; })) {
      lock.unlock();
      try {
        const size_t changed = server_.poll_store();
        if (changed > 0) {
          std::cerr << "stationfinder: picked up " << changed
                    << " station change(s) from the store\n";
        }
        last_problem.clear();
      } catch (const std::exception& e) {
        if (last_problem != e.what()) {
          std::cerr << "stationfinder: polling the store failed: " << e.what() << "\n";
          last_problem = e.what();
        }
        Store again = open_store(source_);
        if (again.store) server_.set_store(std::move(again.store));
      }
      lock.lock();
    }
  }
  http::Server& server_;
  std::string source_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

void announce(const http::ServerConfig& config, int port, const Catalog& catalog) {
  const std::string base = "http://" + config.host + ":" + std::to_string(port);
  std::cout << "stationfinder: serving " << catalog.size() << " stations (dataset "
            << catalog.version() << ") at " << base << "/\n"
            << "  try: curl '" << base
            << "/v1/stations/nearest?lon=116.397&lat=39.908&k=5&amenities=toilet'\n"
            << std::flush;
}

}  // namespace

int cmd_serve(int argc, char** argv) {
  Args args("serve", "Serve the stationfinder HTTP API over the given (or the bundled) data.",
            serve_flags());
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const ServeOptions options = serve_options(args);
  CoverageLayers layers = coverage_layers(args);
  const Serving serving{writable_data(args), args.get("tokens-file"), args.has("strict"),
                        network_options(args, std::nullopt, !args.get("data"))};
  http::TokenStore tokens = load_tokens(serving.tokens_file);
  tune_process();
  // Block the signals before any thread starts, so one thread can wait for them.
  sigset_t signals;
  sigemptyset(&signals);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, sig);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Store store = open_store(serving.data.data);
  Snapshot snapshot = first_snapshot(serving.data, serving.strict);
  if (serving.network) snapshot.network = load_network(*serving.network, std::cerr);
  malloc_trim(0);  // what loading freed (the read records) goes back to the system
  const std::shared_ptr<const Catalog> catalog = snapshot.catalog;
  http::Server server(options.config, snapshot);
  server.writes().set_merge_threshold(options.merge_threshold);
  if (store.store) std::cerr << "stationfinder: writes go to " << store.store->location() << "\n";
  server.reload(std::move(snapshot), std::move(store.store), store.sequence);
  if (const auto& walk = server.snapshot()->walk_stations) {
    std::cerr << "stationfinder: " << walk->unreachable() << " of " << catalog->size()
              << " stations are unreachable by walk (farther than " << walk->network().max_snap_m()
              << " m from a walkable street)\n";
  }
  server.publish_layers(std::move(layers));
  std::cerr << "stationfinder: " << tokens.size() << " write token(s)"
            << (tokens.empty() ? ": writes are refused" : "") << "\n";
  server.set_tokens(std::move(tokens));
  announce(options.config, server.bind(), *catalog);

  std::thread waiter([&] { handle_signals(server, serving, signals); });
  {
    StorePoller poller(server, serving.data.data, options.poll_interval);
    server.run();
    // run() also returns if listening fails; make sure the waiter ends.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
  return 0;
}

}  // namespace sf::cli
