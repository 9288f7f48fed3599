// A walkable street network as compact arrays, built once and never mutated: node positions,
// CSR adjacency (every segment walkable both ways: `oneway` does not apply on foot), lengths
// in metres on the 6,371,008.8 m sphere, connected parts, and a packed R-tree of segment boxes
// in unit-vector space for snapping a point to the nearest street exactly.
//
// Snapping follows one rule (docs/STREET_NETWORK.md): the nearest point on the nearest
// segment of a part with at least `min_part_nodes` nodes; smaller parts (usually mapping gaps)
// are kept and counted but never snapped to.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "core/geodesy.hpp"

namespace sf {

class WalkGraph {
 public:
  struct Edge {
    uint32_t to;
    float length_m;
    uint32_t segment;
  };
  // Where a point meets the network: on `segment` (from its node a to node b), `along_m`
  // metres from a, `snap_m` metres straight from the point.
  struct Snap {
    uint32_t segment;
    double along_m;
    double snap_m;
  };

  WalkGraph();
  // Segments join nodes by index; a segment from a node to itself is dropped, and so is a
  // repeated one (the same two nodes). Throws Error(data_invalid) for a node index out of range
  // or a position that is not valid WGS84.
  WalkGraph(std::vector<LonLat> nodes, const std::vector<std::pair<uint32_t, uint32_t>>& segments,
            size_t min_part_nodes = 500);
  ~WalkGraph();
  WalkGraph(WalkGraph&&) noexcept;
  WalkGraph& operator=(WalkGraph&&) noexcept;
  WalkGraph(const WalkGraph&) = delete;
  WalkGraph& operator=(const WalkGraph&) = delete;

  size_t node_count() const { return nodes_.size(); }
  size_t segment_count() const { return segment_nodes_.size(); }
  size_t directed_edge_count() const { return edges_.size(); }
  LonLat node(uint32_t n) const { return nodes_[n]; }
  std::span<const Edge> edges_from(uint32_t n) const {
    return {edges_.data() + offsets_[n], edges_.data() + offsets_[n + 1]};
  }
  std::pair<uint32_t, uint32_t> segment_nodes(uint32_t s) const { return segment_nodes_[s]; }
  // The segment between two nodes (either order), if the graph has one.
  std::optional<uint32_t> find_segment(uint32_t a, uint32_t b) const;
  double segment_length_m(uint32_t s) const { return segment_length_[s]; }
  // Total length of the segments, in kilometres.
  double total_km() const { return total_m_ / 1000; }

  // Connected parts, largest first: part_sizes()[part_of(n)] is the size of n's part.
  uint32_t part_of(uint32_t n) const { return part_[n]; }
  const std::vector<uint32_t>& part_sizes() const { return part_sizes_; }
  // Whether the segment's part is large enough to snap to.
  bool snappable(uint32_t segment) const;

  // The snap of p within max_m metres, or none.
  std::optional<Snap> snap(LonLat p, double max_m) const;

  // The point a snap lies at: along its segment's great-circle arc, along_m from node a.
  LonLat point_at(const Snap& snap) const;

  // Bytes held by the graph and its index.
  size_t bytes() const;

 private:
  struct Index;
  std::vector<LonLat> nodes_;
  std::vector<uint32_t> offsets_;  // node_count + 1
  std::vector<Edge> edges_;
  std::vector<std::pair<uint32_t, uint32_t>> segment_nodes_;
  std::vector<float> segment_length_;
  std::vector<uint32_t> part_;
  std::vector<uint32_t> part_sizes_;
  uint32_t snappable_parts_ = 0;  // parts [0, snappable_parts_) are large enough
  double total_m_ = 0;
  std::unique_ptr<Index> index_;
};

}  // namespace sf
