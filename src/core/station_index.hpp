// The spatial index: a packed Boost.Geometry R-tree over the stations' 3D unit vectors.
// Chord length between unit vectors is a monotone function of great-circle distance, so a
// cartesian nearest search ranks exactly on the sphere. Built once, never mutated.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/function_ref.hpp"
#include "core/geodesy.hpp"

namespace sf {

struct Box3 {
  Vec3 lo, hi;
};

struct IndexCandidate {
  uint32_t index;  // position in the catalog's station vector
  double chord;    // chord length on the unit sphere from the query point
};

class StationIndex {
 public:
  StationIndex();
  explicit StationIndex(std::span<const LonLat> positions);
  ~StationIndex();
  StationIndex(StationIndex&&) noexcept;
  StationIndex& operator=(StationIndex&&) noexcept;
  StationIndex(const StationIndex&) = delete;
  StationIndex& operator=(const StationIndex&) = delete;

  size_t size() const;

  using Accept = FunctionRef<bool(uint32_t)>;

  // Up to `count` stations nearest to q that `accept` takes (nullptr: all), restricted to
  // those whose unit vector lies in `bounds` when given, in no particular order. The
  // filter runs inside the traversal.
  std::vector<IndexCandidate> nearest(Vec3 q, size_t count, const Box3* bounds,
                                      const Accept* accept) const;

  // Calls visit(index) for every station whose unit vector lies in the box.
  void visit_box(const Box3& box, FunctionRef<void(uint32_t)> visit) const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

// Boxes in unit-vector space that enclose sets on the sphere.
Box3 box_around(Vec3 center, double chord);        // every point within `chord` of center
Box3 box_of_lonlat_rect(double west, double south, double east, double north);  // west <= east

}  // namespace sf
