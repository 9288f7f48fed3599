#include "render/mvt.hpp"

#include <map>

#include <protozero/pbf_writer.hpp>

namespace sf {

namespace {

// Tags of vector_tile.proto (MVT 2.1).
enum : protozero::pbf_tag_type {
  kTileLayers = 3,
  kLayerVersion = 15,
  kLayerName = 1,
  kLayerFeatures = 2,
  kLayerKeys = 3,
  kLayerValues = 4,
  kLayerExtent = 5,
  kFeatureId = 1,
  kFeatureTags = 2,
  kFeatureType = 3,
  kFeatureGeometry = 4,
  kValueString = 1,
  kValueDouble = 3,
  kValueInt = 4,
  kValueBool = 7,
};
enum : uint32_t { kPoint = 1, kLineString = 2, kPolygon = 3 };

uint32_t command(uint32_t id, uint32_t count) {
  return (id & 0x7) | (count << 3);
}
uint32_t zigzag(int32_t v) {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}

std::vector<uint32_t> geometry(const MvtFeature& f) {
  std::vector<uint32_t> g;
  int32_t cx = 0, cy = 0;
  auto delta = [&](MvtPoint p) {
    g.push_back(zigzag(p.first - cx));
    g.push_back(zigzag(p.second - cy));
    cx = p.first;
    cy = p.second;
  };
  switch (f.geometry) {
    case MvtGeometry::point:  // one MoveTo per point (a multipoint when several)
      g.push_back(command(1, static_cast<uint32_t>(f.points.size())));
      for (const auto& p : f.points) delta(p);
      break;
    case MvtGeometry::line:
      g.push_back(command(1, 1));
      delta(f.points[0]);
      g.push_back(command(2, static_cast<uint32_t>(f.points.size() - 1)));
      for (size_t i = 1; i < f.points.size(); ++i) delta(f.points[i]);
      break;
    case MvtGeometry::polygon:
      for (const std::vector<MvtPoint>& ring : f.rings) {
        g.push_back(command(1, 1));
        delta(ring[0]);
        g.push_back(command(2, static_cast<uint32_t>(ring.size() - 1)));
        for (size_t i = 1; i < ring.size(); ++i) delta(ring[i]);
        g.push_back(command(7, 1));  // ClosePath
      }
      break;
  }
  return g;
}

// Whether the feature has a geometry MVT can carry (rings were cleaned by the caller).
bool drawable(const MvtFeature& f) {
  switch (f.geometry) {
    case MvtGeometry::point:
      return !f.points.empty();
    case MvtGeometry::line:
      return f.points.size() >= 2;
    case MvtGeometry::polygon:
      return !f.rings.empty() && doubled_area(f.rings[0]) > 0;
  }
  return false;
}

uint32_t type_of(const MvtFeature& f) {
  return f.geometry == MvtGeometry::point  ? kPoint
         : f.geometry == MvtGeometry::line ? kLineString
                                           : kPolygon;
}

void write_value(protozero::pbf_writer& values, const MvtValue& v) {
  protozero::pbf_writer value(values, kLayerValues);
  if (const auto* s = std::get_if<std::string>(&v))
    value.add_string(kValueString, *s);
  else if (const auto* d = std::get_if<double>(&v))
    value.add_double(kValueDouble, *d);
  else if (const auto* i = std::get_if<int64_t>(&v))
    value.add_int64(kValueInt, *i);
  else
    value.add_bool(kValueBool, std::get<bool>(v));
}

void write_layer(protozero::pbf_writer& tile, const MvtLayer& l) {
  protozero::pbf_writer layer(tile, kTileLayers);
  layer.add_uint32(kLayerVersion, 2);
  layer.add_string(kLayerName, l.name);
  std::map<std::string, uint32_t> keys;
  std::vector<const std::string*> key_order;
  std::map<MvtValue, uint32_t> values;
  std::vector<const MvtValue*> value_order;
  for (const MvtFeature& f : l.features) {
    if (!drawable(f)) continue;
    std::vector<uint32_t> tags;
    for (const auto& [k, v] : f.properties) {
      auto [ki, knew] = keys.emplace(k, static_cast<uint32_t>(keys.size()));
      if (knew) key_order.push_back(&ki->first);
      auto [vi, vnew] = values.emplace(v, static_cast<uint32_t>(values.size()));
      if (vnew) value_order.push_back(&vi->first);
      tags.push_back(ki->second);
      tags.push_back(vi->second);
    }
    protozero::pbf_writer feature(layer, kLayerFeatures);
    feature.add_uint64(kFeatureId, f.id);
    feature.add_packed_uint32(kFeatureTags, tags.begin(), tags.end());
    feature.add_enum(kFeatureType, type_of(f));
    const std::vector<uint32_t> g = geometry(f);
    feature.add_packed_uint32(kFeatureGeometry, g.begin(), g.end());
  }
  for (const std::string* k : key_order) layer.add_string(kLayerKeys, *k);
  for (const MvtValue* v : value_order) write_value(layer, *v);
  layer.add_uint32(kLayerExtent, l.extent);
}

}  // namespace

std::string encode_mvt(const std::vector<MvtLayer>& layers) {
  std::string out;
  protozero::pbf_writer tile(out);
  for (const MvtLayer& l : layers) {
    if (!l.features.empty()) write_layer(tile, l);
  }
  return out;
}

}  // namespace sf
