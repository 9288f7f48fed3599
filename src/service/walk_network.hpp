// The street network a server walks on (read once from --network, read again on SIGHUP,
// immutable in between) and the stations of one snapshot placed on it. A snapshot holds both;
// a write places only the change layer's stations again, the base layer's snaps are shared.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/time.hpp"
#include "core/walk_graph.hpp"
#include "core/walk_nearest.hpp"
#include "core/walk_search.hpp"
#include "io/network_reader.hpp"

namespace sf {

struct NetworkOptions {
  std::string path;
  io::NetworkReadOptions read;  // crs, layer, min_part_nodes
  double max_snap_m = 300;
};

class WalkNetwork {
 public:
  // Reads and builds the network; throws the reader's Error.
  static std::shared_ptr<const WalkNetwork> load(const NetworkOptions& options);
  WalkNetwork(io::Network network, double max_snap_m, double load_seconds);
  WalkNetwork(const WalkNetwork&) = delete;
  WalkNetwork& operator=(const WalkNetwork&) = delete;

  const WalkGraph& graph() const { return graph_; }
  const io::NetworkReadReport& report() const { return report_; }
  // A segment's class and name (empty when the source gave none).
  const StreetLabel& label_of(uint32_t segment) const {
    return labels_.label(segment < segment_labels_.size() ? segment_labels_[segment] : 0);
  }
  const StreetLabels& labels() const { return labels_; }
  const std::vector<uint32_t>& segment_labels() const { return segment_labels_; }
  double max_snap_m() const { return max_snap_m_; }
  double load_seconds() const { return load_seconds_; }
  UnixSeconds loaded_at() const { return loaded_at_; }
  // A hash of the nodes and segments: equal graphs, equal version.
  const std::string& version() const { return version_; }
  // The lon/lat box of every junction (none for an empty graph), found once at load.
  const std::optional<BBox>& bbox() const { return bbox_; }
  const WalkSearchPool& searches() const { return searches_; }
  // The largest part's share of the nodes.
  double largest_part_share() const;

  // Where p meets the network; Error(not_near_street) naming `parameter` beyond max_snap_m.
  WalkGraph::Snap snap(LonLat p, const std::string& parameter) const;

 private:
  WalkGraph graph_;
  io::NetworkReadReport report_;
  StreetLabels labels_;
  std::vector<uint32_t> segment_labels_;
  double max_snap_m_;
  double load_seconds_;
  UnixSeconds loaded_at_;
  std::string version_;
  std::optional<BBox> bbox_;
  WalkSearchPool searches_;
};

// A catalog's stations on the network, by slot: each live station's snap (none when it is
// farther than max_snap_m from a street: unreachable by walk; it still answers straight-line
// queries), grouped by segment for the walking searches.
class WalkStations {
 public:
  // `previous` (may be null) lends its base-layer snaps when it was placed on the same network
  // and over the same base layer: only the change layer is snapped again.
  static std::shared_ptr<const WalkStations> place(std::shared_ptr<const WalkNetwork> network,
                                                   const Catalog& catalog,
                                                   const WalkStations* previous);

  const WalkNetwork& network() const { return *network_; }
  const StationsOnNetwork& on_network() const { return on_network_; }
  // Live stations that cannot be reached on foot, and the first of their ids (sorted).
  size_t unreachable() const { return unreachable_; }
  const std::vector<std::string>& unreachable_ids() const { return unreachable_ids_; }
  static constexpr size_t kListedUnreachable = 100;
  // Whether both hold the same base-layer snaps (one was placed from the other).
  bool shares_base_snaps(const WalkStations& other) const {
    return base_snaps_ == other.base_snaps_;
  }

 private:
  using Snaps = std::vector<std::optional<WalkGraph::Snap>>;
  WalkStations(std::shared_ptr<const WalkNetwork> network, std::shared_ptr<const Snaps> base,
               std::shared_ptr<const CatalogLayer> base_layer, Snaps all, const Catalog& catalog);
  std::shared_ptr<const WalkNetwork> network_;
  std::shared_ptr<const Snaps> base_snaps_;
  std::shared_ptr<const CatalogLayer> base_layer_;
  StationsOnNetwork on_network_;
  size_t unreachable_ = 0;
  std::vector<std::string> unreachable_ids_;
};

}  // namespace sf
