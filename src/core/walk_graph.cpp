#include "core/walk_graph.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "core/errors.hpp"

namespace sf {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<float, 3, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Value = std::pair<Box, uint32_t>;  // 28 bytes: the box in floats and the segment
using RTree = bgi::rtree<Value, bgi::rstar<16, 4>>;

// A box around the great-circle arc a→b in unit-vector space, rounded outward: the arc bulges
// past its chord by 1 - cos(θ/2), and floats round by a few 1e-8.
Box arc_box(Vec3 a, Vec3 b) {
  const double chord =
      std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
  const double half_angle = std::asin(std::min(1.0, chord / 2));
  const double pad = (1 - std::cos(half_angle)) + 4e-7;
  auto lo = [pad](double u, double v) { return static_cast<float>(std::min(u, v) - pad); };
  auto hi = [pad](double u, double v) { return static_cast<float>(std::max(u, v) + pad); };
  return Box(Point(lo(a.x, b.x), lo(a.y, b.y), lo(a.z, b.z)),
             Point(hi(a.x, b.x), hi(a.y, b.y), hi(a.z, b.z)));
}

// Euclidean distance from q to the box (0 inside), a lower bound of the chord to any point in it.
double box_chord(const Box& box, Vec3 q) {
  auto gap = [](double v, float lo, float hi) { return v < lo ? lo - v : (v > hi ? v - hi : 0.0); };
  const double dx = gap(q.x, bg::get<bg::min_corner, 0>(box), bg::get<bg::max_corner, 0>(box));
  const double dy = gap(q.y, bg::get<bg::min_corner, 1>(box), bg::get<bg::max_corner, 1>(box));
  const double dz = gap(q.z, bg::get<bg::min_corner, 2>(box), bg::get<bg::max_corner, 2>(box));
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

}  // namespace

struct WalkGraph::Index {
  RTree tree;
};

WalkGraph::WalkGraph() = default;
WalkGraph::~WalkGraph() = default;
WalkGraph::WalkGraph(WalkGraph&&) noexcept = default;
WalkGraph& WalkGraph::operator=(WalkGraph&&) noexcept = default;

WalkGraph::WalkGraph(std::vector<LonLat> nodes,
                     const std::vector<std::pair<uint32_t, uint32_t>>& segments,
                     size_t min_part_nodes)
    : nodes_(std::move(nodes)) {
  for (const LonLat& p : nodes_) {
    if (!is_valid_lonlat(p.lon, p.lat)) {
      throw Error(ErrorCode::data_invalid, "network", "a node is not a valid WGS84 position");
    }
  }
  const auto n = static_cast<uint32_t>(nodes_.size());
  for (auto [a, b] : segments) {
    if (a >= n || b >= n) {
      throw Error(ErrorCode::data_invalid, "network", "a segment names a node that is not there");
    }
    if (a != b) segment_nodes_.emplace_back(std::min(a, b), std::max(a, b));
  }
  std::sort(segment_nodes_.begin(), segment_nodes_.end());
  segment_nodes_.erase(std::unique(segment_nodes_.begin(), segment_nodes_.end()),
                       segment_nodes_.end());

  // CSR adjacency, each segment both ways.
  offsets_.assign(n + 1, 0);
  for (auto [a, b] : segment_nodes_) {
    ++offsets_[a + 1];
    ++offsets_[b + 1];
  }
  std::partial_sum(offsets_.begin(), offsets_.end(), offsets_.begin());
  edges_.resize(offsets_[n]);
  std::vector<uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  segment_length_.reserve(segment_nodes_.size());
  for (uint32_t s = 0; s < segment_nodes_.size(); ++s) {
    const auto [a, b] = segment_nodes_[s];
    const double length = distance_m(nodes_[a], nodes_[b]);
    segment_length_.push_back(static_cast<float>(length));
    total_m_ += length;
    edges_[fill[a]++] = {b, static_cast<float>(length), s};
    edges_[fill[b]++] = {a, static_cast<float>(length), s};
  }

  // Connected parts by breadth-first search, then numbered largest first (ties: the part of
  // the lower node first).
  constexpr uint32_t kNone = UINT32_MAX;
  part_.assign(n, kNone);
  std::vector<uint32_t> sizes, queue;
  for (uint32_t start = 0; start < n; ++start) {
    if (part_[start] != kNone) continue;
    const auto id = static_cast<uint32_t>(sizes.size());
    queue.assign(1, start);
    part_[start] = id;
    for (size_t i = 0; i < queue.size(); ++i) {
      for (const Edge& e : edges_from(queue[i])) {
        if (part_[e.to] == kNone) {
          part_[e.to] = id;
          queue.push_back(e.to);
        }
      }
    }
    sizes.push_back(static_cast<uint32_t>(queue.size()));
  }
  std::vector<uint32_t> order(sizes.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&sizes](uint32_t x, uint32_t y) { return sizes[x] > sizes[y]; });
  std::vector<uint32_t> rank(sizes.size());
  for (uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    part_sizes_.push_back(sizes[order[r]]);
    if (sizes[order[r]] >= min_part_nodes) snappable_parts_ = r + 1;
  }
  for (uint32_t& p : part_) p = rank[p];

  std::vector<Value> values;
  for (uint32_t s = 0; s < segment_nodes_.size(); ++s) {
    if (!snappable(s)) continue;
    const auto [a, b] = segment_nodes_[s];
    values.emplace_back(arc_box(unit_vector(nodes_[a]), unit_vector(nodes_[b])), s);
  }
  index_ = std::make_unique<Index>(Index{RTree(values.begin(), values.end())});
}

std::optional<uint32_t> WalkGraph::find_segment(uint32_t a, uint32_t b) const {
  const std::pair<uint32_t, uint32_t> key(std::min(a, b), std::max(a, b));
  const auto it = std::lower_bound(segment_nodes_.begin(), segment_nodes_.end(), key);
  if (it == segment_nodes_.end() || *it != key) return std::nullopt;
  return static_cast<uint32_t>(it - segment_nodes_.begin());
}

bool WalkGraph::snappable(uint32_t segment) const {
  return part_[segment_nodes_[segment].first] < snappable_parts_;
}

std::optional<WalkGraph::Snap> WalkGraph::snap(LonLat p, double max_m) const {
  if (!index_ || index_->tree.empty()) return std::nullopt;
  const Vec3 q = unit_vector(p);
  const Point qp(static_cast<float>(q.x), static_cast<float>(q.y), static_cast<float>(q.z));
  std::optional<Snap> best;
  // Boxes come nearest first (by the tree's float distance, so a small slack); the search ends
  // when a box's lower bound is beyond the best snap found, or beyond max_m. The tree's nearest
  // query holds k candidates, so k starts small and doubles only while every one of them
  // could still hold a nearer segment.
  const size_t total = index_->tree.size();
  for (size_t k = 16;; k = std::min(total, k * 4)) {
    bool ended = false;
    for (auto it = index_->tree.qbegin(bgi::nearest(qp, static_cast<unsigned>(k)));
         it != index_->tree.qend(); ++it) {
      const double bound_m = distance_for_chord(std::max(0.0, box_chord(it->first, q) - 1e-6));
      if (bound_m > max_m || (best && bound_m > best->snap_m)) {
        ended = true;
        break;
      }
      const uint32_t s = it->second;
      const auto [a, b] = segment_nodes_[s];
      const ArcProjection on = project_on_arc(p, nodes_[a], nodes_[b]);
      if (on.distance_m > max_m) continue;
      if (!best || on.distance_m < best->snap_m ||
          (on.distance_m == best->snap_m && s < best->segment)) {
        best = Snap{s, on.along_m, on.distance_m};
      }
    }
    if (ended || k >= total) return best;
  }
}

LonLat WalkGraph::point_at(const Snap& snap) const {
  const auto [a, b] = segment_nodes_[snap.segment];
  const double length = distance_m(nodes_[a], nodes_[b]);
  if (!(length > 0) || snap.along_m <= 0) return nodes_[a];
  if (snap.along_m >= length) return nodes_[b];
  const Vec3 va = unit_vector(nodes_[a]), vb = unit_vector(nodes_[b]);
  const double theta = length / kEarthRadiusM, f = snap.along_m / length;
  const double wa = std::sin((1 - f) * theta) / std::sin(theta);
  const double wb = std::sin(f * theta) / std::sin(theta);
  return to_lonlat({wa * va.x + wb * vb.x, wa * va.y + wb * vb.y, wa * va.z + wb * vb.z});
}

size_t WalkGraph::bytes() const {
  size_t b = nodes_.capacity() * sizeof(LonLat) + offsets_.capacity() * sizeof(uint32_t) +
             edges_.capacity() * sizeof(Edge) +
             segment_nodes_.capacity() * sizeof(std::pair<uint32_t, uint32_t>) +
             segment_length_.capacity() * sizeof(float) + part_.capacity() * sizeof(uint32_t) +
             part_sizes_.capacity() * sizeof(uint32_t);
  // The packed tree's leaves hold 16 values in 17 slots; its inner nodes (a sixteenth as many)
  // 17 boxes with their pointers.
  if (index_) {
    const size_t leaves = (index_->tree.size() + 15) / 16;
    b += leaves * 17 * sizeof(Value) + (leaves / 15 + 1) * 17 * (sizeof(Box) + sizeof(void*));
  }
  return b;
}

}  // namespace sf
