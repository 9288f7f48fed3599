#include "core/station_index.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

namespace sf {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<double, 3, bg::cs::cartesian>;
using Box = bg::model::box<Point>;

struct Value {
  Point point;
  uint32_t index;
  IndexTag tag;
  bool operator==(const Value& o) const { return index == o.index; }
};

struct ValueIndexable {
  using result_type = Point;
  const Point& operator()(const Value& v) const { return v.point; }
};

using RTree = bgi::rtree<Value, bgi::rstar<16, 4>, ValueIndexable>;

Point to_point(Vec3 v) {
  return Point(v.x, v.y, v.z);
}
Box to_box(const Box3& b) {
  return Box(to_point(b.lo), to_point(b.hi));
}

// Range of cos and sin over an angle interval [a, b] (radians, b - a < 2π).
std::pair<double, double> cos_range(double a, double b) {
  double lo = std::min(std::cos(a), std::cos(b)), hi = std::max(std::cos(a), std::cos(b));
  for (double k = std::ceil(a / kPi); k * kPi <= b; k += 1) {
    const double v = std::cos(k * kPi);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  return {lo, hi};
}

std::pair<double, double> sin_range(double a, double b) {
  return cos_range(a - kPi / 2, b - kPi / 2);
}

std::pair<double, double> product_range(std::pair<double, double> p, std::pair<double, double> q) {
  const double c[4] = {p.first * q.first, p.first * q.second, p.second * q.first,
                       p.second * q.second};
  return {*std::min_element(c, c + 4), *std::max_element(c, c + 4)};
}

}  // namespace

struct StationIndex::Tree {
  RTree rtree;
};

StationIndex::StationIndex() : tree_(std::make_unique<Tree>()) {}

StationIndex::StationIndex(std::span<const LonLat> positions, std::span<const IndexTag> tags) {
  std::vector<Value> values;
  values.reserve(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    values.push_back({to_point(unit_vector(positions[i])), static_cast<uint32_t>(i),
                      tags.empty() ? IndexTag{} : tags[i]});
  }
  // The range constructor packs the tree (STR-like bulk loading).
  tree_ = std::make_unique<Tree>(Tree{RTree(values.begin(), values.end())});
}

StationIndex::~StationIndex() = default;
StationIndex::StationIndex(StationIndex&&) noexcept = default;
StationIndex& StationIndex::operator=(StationIndex&&) noexcept = default;

size_t StationIndex::size() const {
  return tree_->rtree.size();
}

std::vector<IndexCandidate> StationIndex::nearest(Vec3 q, size_t count, const Box3* bounds,
                                                  const TagFilter& tags,
                                                  const Accept* accept) const {
  std::vector<IndexCandidate> out;
  if (count == 0 || tree_->rtree.empty()) return out;
  out.reserve(std::min(count, tree_->rtree.size()));
  const Point qp = to_point(q);
  auto emit = [&](const Value& v) {
    out.push_back({v.index, chord_between(q, {bg::get<0>(v.point), bg::get<1>(v.point),
                                              bg::get<2>(v.point)})});
  };
  const unsigned k = static_cast<unsigned>(std::min<size_t>(count, tree_->rtree.size()));
  // query() collects the k best without the incremental iterator's bookkeeping; the order of
  // its output is unspecified, so callers sort.
  auto sink = boost::make_function_output_iterator(emit);
  if (accept == nullptr && tags.trivial()) {
    if (bounds != nullptr) {
      tree_->rtree.query(bgi::nearest(qp, k) && bgi::intersects(to_box(*bounds)), sink);
    } else {
      tree_->rtree.query(bgi::nearest(qp, k), sink);
    }
    return out;
  }
  auto pred = bgi::satisfies([&tags, accept](const Value& v) {
    return tags.accepts(v.tag) && (accept == nullptr || (*accept)(v.index));
  });
  if (bounds != nullptr) {
    tree_->rtree.query(bgi::nearest(qp, k) && bgi::intersects(to_box(*bounds)) && pred, sink);
  } else {
    tree_->rtree.query(bgi::nearest(qp, k) && pred, sink);
  }
  return out;
}

void StationIndex::visit_box(const Box3& box, FunctionRef<void(uint32_t)> visit) const {
  tree_->rtree.query(bgi::intersects(to_box(box)),
                     boost::make_function_output_iterator([&](const Value& v) { visit(v.index); }));
}

double chord_between(Vec3 a, Vec3 b) {
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

Box3 box_around(Vec3 c, double chord) {
  const double r = chord + 1e-12;
  return {{c.x - r, c.y - r, c.z - r}, {c.x + r, c.y + r, c.z + r}};
}

Box3 box_of_lonlat_rect(double west, double south, double east, double north) {
  const auto lat_cos = cos_range(deg2rad(south), deg2rad(north));
  const auto lat_sin = sin_range(deg2rad(south), deg2rad(north));
  const auto lon_cos = cos_range(deg2rad(west), deg2rad(east));
  const auto lon_sin = sin_range(deg2rad(west), deg2rad(east));
  const auto x = product_range(lat_cos, lon_cos);
  const auto y = product_range(lat_cos, lon_sin);
  constexpr double pad = 1e-12;
  return {{x.first - pad, y.first - pad, lat_sin.first - pad},
          {x.second + pad, y.second + pad, lat_sin.second + pad}};
}

}  // namespace sf
