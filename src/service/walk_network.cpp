#include "service/walk_network.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "core/errors.hpp"
#include "core/text.hpp"

namespace sf {

namespace {

// A 64-bit mix over the graph's words (positions and segment ends), as 16 hex digits.
std::string graph_version(const WalkGraph& g) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ g.node_count();
  auto mix = [&h](uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
  };
  for (uint32_t n = 0; n < g.node_count(); ++n) {
    const LonLat p = g.node(n);
    uint64_t a = 0, b = 0;
    std::memcpy(&a, &p.lon, sizeof a);
    std::memcpy(&b, &p.lat, sizeof b);
    mix(a);
    mix(b);
  }
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const auto [a, b] = g.segment_nodes(s);
    mix((uint64_t{a} << 32) | b);
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace

std::shared_ptr<const WalkNetwork> WalkNetwork::load(const NetworkOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  io::Network network = io::read_network(options.path, options.read);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::make_shared<const WalkNetwork>(std::move(network), options.max_snap_m, seconds);
}

WalkNetwork::WalkNetwork(io::Network network, double max_snap_m, double load_seconds)
    : graph_(std::move(network.graph)),
      report_(std::move(network.report)),
      labels_(std::move(network.labels)),
      segment_labels_(std::move(network.segment_labels)),
      max_snap_m_(max_snap_m),
      load_seconds_(load_seconds),
      loaded_at_(now_unix()),
      version_(graph_version(graph_)),
      searches_(graph_) {
  for (uint32_t n = 0; n < graph_.node_count(); ++n) {
    const LonLat p = graph_.node(n);
    if (!bbox_) bbox_ = BBox{p.lon, p.lat, p.lon, p.lat};
    bbox_->west = std::min(bbox_->west, p.lon);
    bbox_->south = std::min(bbox_->south, p.lat);
    bbox_->east = std::max(bbox_->east, p.lon);
    bbox_->north = std::max(bbox_->north, p.lat);
  }
}

double WalkNetwork::largest_part_share() const {
  if (graph_.node_count() == 0 || graph_.part_sizes().empty()) return 0;
  return static_cast<double>(graph_.part_sizes()[0]) / static_cast<double>(graph_.node_count());
}

WalkGraph::Snap WalkNetwork::snap(LonLat p, const std::string& parameter) const {
  if (auto s = graph_.snap(p, max_snap_m_)) return *s;
  throw Error(ErrorCode::not_near_street, parameter,
              "the point is more than " + number_text(max_snap_m_) +
                  " m from any walkable street of the network, so no walk can start there");
}

std::shared_ptr<const WalkStations> WalkStations::place(std::shared_ptr<const WalkNetwork> network,
                                                        const Catalog& catalog,
                                                        const WalkStations* previous) {
  const WalkGraph& g = network->graph();
  const std::shared_ptr<const CatalogLayer>& base_layer = catalog.base();
  const auto base_slots = static_cast<uint32_t>(catalog.base()->size());
  std::shared_ptr<const Snaps> base;
  if (previous != nullptr && previous->network_ == network && previous->base_layer_ == base_layer) {
    base = previous->base_snaps_;
  } else {
    Snaps snaps(base_slots);
    for (uint32_t slot = 0; slot < base_slots; ++slot) {
      snaps[slot] = g.snap(catalog.station(slot).position, network->max_snap_m());
    }
    base = std::make_shared<const Snaps>(std::move(snaps));
  }
  Snaps all(catalog.slot_count());
  for (uint32_t slot = 0; slot < catalog.slot_count(); ++slot) {
    if (!catalog.live(slot)) continue;
    all[slot] = slot < base_slots ? (*base)[slot]
                                  : g.snap(catalog.station(slot).position, network->max_snap_m());
  }
  return std::shared_ptr<const WalkStations>(
      new WalkStations(std::move(network), std::move(base), base_layer, std::move(all), catalog));
}

WalkStations::WalkStations(std::shared_ptr<const WalkNetwork> network,
                           std::shared_ptr<const Snaps> base,
                           std::shared_ptr<const CatalogLayer> base_layer, Snaps all,
                           const Catalog& catalog)
    : network_(std::move(network)),
      base_snaps_(std::move(base)),
      base_layer_(std::move(base_layer)),
      on_network_(network_->graph(), std::move(all)) {
  std::vector<std::string> ids;
  for (uint32_t slot = 0; slot < catalog.slot_count(); ++slot) {
    if (!catalog.live(slot) || on_network_.snap(slot)) continue;
    ++unreachable_;
    ids.emplace_back(catalog.station(slot).id);
  }
  std::sort(ids.begin(), ids.end());
  if (ids.size() > kListedUnreachable) ids.resize(kListedUnreachable);
  unreachable_ids_ = std::move(ids);
}

}  // namespace sf
