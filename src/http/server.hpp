// The HTTP front-end: cpp-httplib set-up (threads, keep-alive, limits, CORS, gzip, errors)
// over an immutable catalog snapshot that can be swapped whole.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/catalog.hpp"
#include "core/demand.hpp"
#include "core/limits.hpp"
#include "core/region.hpp"
#include "core/time.hpp"
#include "http/connection_limits.hpp"
#include "http/tokens.hpp"
#include "service/snapshot.hpp"

namespace sf::io {
class StationStore;
}

namespace sf {
class StationWrites;
}

namespace sf::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;       // 0: any free port
  size_t threads = 512;  // each keep-alive connection holds a thread
  Limits limits;         // every limit a request is held to (core/limits.hpp)
  int keep_alive_seconds = 5;
  // Backlog, head budget, idle and read timeouts of each connection (http/connection.hpp);
  // its idle_timeout_ms is keep_alive_seconds.
  ConnectionLimits connection;
  size_t render_cache_max_stations = 250'000;  // ≈ 400 B each: 100 MB at most
  // Coverage work (gaps, reports, suggestions) runs on a pool of its own.
  size_t coverage_threads = 1;
  size_t coverage_queue = 4;  // waiting jobs beyond the running ones; more get 503
  int coverage_retry_after_s = 2;
  // The demo map page and widget (api/web) served at / and /web/, MapLibre GL JS (the page's)
  // at /vendor/maplibre/, Leaflet (the widget's) at /vendor/leaflet/, the API description at
  // /v1/openapi.yaml and .json (api/). Empty: not served.
  std::string web_root;
  std::string maplibre_dir;
  std::string leaflet_dir;
  std::string api_dir;
  // The absolute address clients reach the server at ("https://maps.example.org/sf"), for the
  // links of /ogc; empty: taken from each request's X-Forwarded-Proto/-Host/-Prefix or Host.
  std::string public_url;
  // Encoded vector tiles kept in memory (LRU); 0 keeps none.
  size_t tile_cache_bytes = 64u << 20;
  // Access log: "" none, "-" standard error, else a file appended to.
  std::string access_log;
};

class Server {
 public:
  Server(ServerConfig config, Snapshot snapshot);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the configured host and port (0 picks a free one); returns the port. Throws
  // Error(parameter_invalid, --port) when the address cannot be bound.
  int bind();
  // Serves until stop(); call after bind().
  void run();
  void stop();
  bool running() const;

  // Readers keep the snapshot they started with; new requests see the new one.
  void publish(Snapshot snapshot);
  std::shared_ptr<const Snapshot> snapshot() const;

  void publish_layers(CoverageLayers layers);
  // The bearer tokens every write needs (stations, bulk, restore, the demand layer); none:
  // every write is refused (403). Swapped whole on SIGHUP.
  void set_tokens(TokenStore tokens);
  // Counts a reload of the data source in /metrics (publish() is also used by writes).
  void record_reload();
  // The store that takes station writes (GeoPackage or PostGIS); none: the data is read-only
  // (409 on writes).
  void set_store(std::unique_ptr<io::StationStore> store);
  // A reloaded snapshot and its store, published in step with the writers; `sequence` is the
  // store's change sequence read before the data was loaded.
  void reload(Snapshot snapshot, std::unique_ptr<io::StationStore> store, int64_t sequence);
  // Picks up changes other replicas made to the store; returns how many stations changed.
  size_t poll_store();
  StationWrites& writes();
  // The bytes of one connection served from memory (no socket); returns what was written.
  // Call without bind() or run(): for the fuzzer of whole requests.
  std::string serve_bytes(std::string_view bytes);
  std::shared_ptr<const CoverageLayers> layers() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sf::http
