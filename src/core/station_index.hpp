// The spatial index: a packed Boost.Geometry R-tree over the stations' 3D unit vectors.
// Chord length between unit vectors is a monotone function of great-circle distance, so a
// cartesian nearest search ranks exactly on the sphere. Built once, never mutated.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/amenity.hpp"
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

// What the tree stores beside each position, so the commonest filters need no lookup.
struct IndexTag {
  AmenitySet amenities = 0;
  HostTypeSet host_bit = 0;
};

// Amenities (all of) and host types (any of; 0 = any), tested on the tree's own values.
struct TagFilter {
  AmenitySet all_amenities = 0;
  HostTypeSet any_host = 0;
  bool accepts(const IndexTag& t) const {
    return (t.amenities & all_amenities) == all_amenities &&
           (any_host == 0 || (t.host_bit & any_host) != 0);
  }
  bool trivial() const { return all_amenities == 0 && any_host == 0; }
};

class StationIndex {
 public:
  StationIndex();
  // tags may be empty (no tag filtering) or hold one tag per position.
  StationIndex(std::span<const LonLat> positions, std::span<const IndexTag> tags);
  ~StationIndex();
  StationIndex(StationIndex&&) noexcept;
  StationIndex& operator=(StationIndex&&) noexcept;
  StationIndex(const StationIndex&) = delete;
  StationIndex& operator=(const StationIndex&) = delete;

  size_t size() const;

  using Accept = FunctionRef<bool(uint32_t)>;

  // Up to `count` stations nearest to q that pass `tags` and `accept` (nullptr: no further
  // test), restricted to unit vectors in `bounds` when given; in no particular order. The
  // filters run inside the traversal, so `count` matches come back whenever they exist.
  std::vector<IndexCandidate> nearest(Vec3 q, size_t count, const Box3* bounds,
                                      const TagFilter& tags, const Accept* accept) const;

  // Calls visit(index) for every station whose unit vector lies in the box.
  void visit_box(const Box3& box, FunctionRef<void(uint32_t)> visit) const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

// Boxes in unit-vector space that enclose sets on the sphere.
Box3 box_around(Vec3 center, double chord);  // every point within `chord` of center
Box3 box_of_lonlat_rect(double west, double south, double east, double north);  // west <= east

// Chord length between two unit vectors, computed the one way the index and its callers share.
double chord_between(Vec3 a, Vec3 b);

}  // namespace sf
