// An OGR line layer → network lines: every vertex of a line is a node, and lines meet where
// they share a vertex exactly (the same WGS84 coordinates, bit for bit, after the datum or CRS
// conversion). Which lines are walkable: a `walkable` column when the layer has one (0/1,
// yes/no, true/false; empty means walkable), else the walking profile when it has a `highway`
// column (with `foot`, `access` and `sidewalk` when present), else every line.
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include <ogrsf_frmts.h>

#include "core/errors.hpp"
#include "core/walk_profile.hpp"
#include "io/gdal_handles.hpp"
#include "io/network_reader.hpp"
#include "io/source_crs.hpp"

namespace sf::io {

namespace {

constexpr const char* kProfileColumns[] = {
    "highway", "foot", "access", "sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right"};

struct WalkableRule {
  int walkable_field = -1;
  int profile_fields[std::size(kProfileColumns)];
  std::string description;

  explicit WalkableRule(OGRFeatureDefn& defn) {
    walkable_field = defn.GetFieldIndex("walkable");
    for (size_t i = 0; i < std::size(kProfileColumns); ++i) {
      profile_fields[i] = defn.GetFieldIndex(kProfileColumns[i]);
    }
    if (walkable_field >= 0) {
      description = "the walkable column";
    } else if (profile_fields[0] >= 0) {
      description = "the walking profile (highway, foot, access, sidewalk columns)";
    } else {
      description = "every line (no walkable or highway column)";
    }
  }

  bool operator()(OGRFeature& f, const std::string& source, size_t row) const {
    if (walkable_field >= 0) return walkable_value(f, source, row);
    if (profile_fields[0] < 0) return true;
    const auto tag = [&](std::string_view key) -> std::string_view {
      for (size_t i = 0; i < std::size(kProfileColumns); ++i) {
        if (key == kProfileColumns[i]) {
          const int field = profile_fields[i];
          if (field < 0 || !f.IsFieldSetAndNotNull(field)) return {};
          return f.GetFieldAsString(field);
        }
      }
      return {};
    };
    return walkable(tag);
  }

  bool walkable_value(OGRFeature& f, const std::string& source, size_t row) const {
    if (!f.IsFieldSetAndNotNull(walkable_field)) return true;
    std::string v = f.GetFieldAsString(walkable_field);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    if (v == "1" || v == "yes" || v == "true" || v.empty()) return true;
    if (v == "0" || v == "no" || v == "false") return false;
    throw Error(ErrorCode::data_invalid, source,
                "row " + std::to_string(row) +
                    ": walkable must be 0/1, yes/no or true/false, got '" + v.substr(0, 40) + "'");
  }
};

// A text column's value, empty when the layer has no such column or the row leaves it null.
std::string_view text_of(OGRFeature& f, int field) {
  if (field < 0 || !f.IsFieldSetAndNotNull(field)) return {};
  return f.GetFieldAsString(field);
}

// Node index by the exact bit pattern of a WGS84 position.
class NodeTable {
 public:
  explicit NodeTable(std::vector<LonLat>& nodes) : nodes_(nodes) {}
  uint32_t operator()(LonLat p) {
    uint64_t a = 0, b = 0;
    std::memcpy(&a, &p.lon, sizeof a);
    std::memcpy(&b, &p.lat, sizeof b);
    const auto [it, added] = index_.try_emplace(Key{a, b}, static_cast<uint32_t>(nodes_.size()));
    if (added) nodes_.push_back(p);
    return it->second;
  }

 private:
  struct Key {
    uint64_t lon, lat;
    bool operator==(const Key&) const = default;
  };
  struct Hash {
    size_t operator()(const Key& k) const {
      return std::hash<uint64_t>{}(k.lon * 0x9E3779B97F4A7C15ULL ^ k.lat);
    }
  };
  std::vector<LonLat>& nodes_;
  std::unordered_map<Key, uint32_t, Hash> index_;
};

// Adds one line's segments; returns whether it added any.
bool add_line(const OGRLineString& line, const SourceCrs& crs, NodeTable& node_of,
              NetworkLines& lines, uint32_t label, const std::string& source, size_t row) {
  const size_t before = lines.segments.size();
  uint32_t previous = UINT32_MAX;
  for (int i = 0; i < line.getNumPoints(); ++i) {
    LonLat p;
    if (!crs.to_wgs84(line.getX(i), line.getY(i), p) || !is_valid_lonlat(p.lon, p.lat)) {
      throw Error(ErrorCode::data_invalid, source,
                  "row " + std::to_string(row) +
                      ": a vertex cannot be converted to a valid WGS84 position");
    }
    const uint32_t n = node_of(p);
    if (previous != UINT32_MAX && previous != n) {
      lines.segments.emplace_back(previous, n);
      lines.segment_labels.push_back(label);
    }
    previous = n;
  }
  return lines.segments.size() > before;
}

bool add_geometry(const OGRGeometry& g, const SourceCrs& crs, NodeTable& node_of,
                  NetworkLines& lines, uint32_t label, const std::string& source, size_t row) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbLineString:
      return add_line(*g.toLineString(), crs, node_of, lines, label, source, row);
    case wkbMultiLineString: {
      bool any = false;
      for (const OGRLineString* part : *g.toMultiLineString()) {
        any |= add_line(*part, crs, node_of, lines, label, source, row);
      }
      return any;
    }
    default:
      return false;  // points and polygons are not streets
  }
}

}  // namespace

NetworkLines read_ogr_lines(const std::string& path, const NetworkReadOptions& options) {
  DatasetPtr ds = open_vector(path);
  OGRLayer* layer = pick_layer(*ds, path, options.layer, "network");
  const SourceCrs crs = SourceCrs::make(layer->GetSpatialRef(), options.crs);
  const WalkableRule is_walkable(*layer->GetLayerDefn());
  NetworkLines lines;
  lines.report.source = path;
  lines.report.format = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "OGR";
  lines.report.crs = crs.description();
  lines.report.walkable_rule = is_walkable.description;
  NodeTable node_of(lines.nodes);
  const int highway = layer->GetLayerDefn()->GetFieldIndex("highway");
  const int name = layer->GetLayerDefn()->GetFieldIndex("name");
  const GdalErrorTrap trap;
  layer->ResetReading();
  size_t row = 0;
  for (;;) {
    OGRFeatureUniquePtr feature(layer->GetNextFeature());
    if (trap.failed()) {
      throw Error(ErrorCode::data_invalid, path,
                  "row " + std::to_string(row + 1) + " cannot be read (" + trap.failure() + ")");
    }
    if (!feature) break;
    ++row;
    const OGRGeometry* g = feature->GetGeometryRef();
    if (g == nullptr || g->IsEmpty() || !is_walkable(*feature, path, row)) continue;
    const uint32_t label = lines.labels.intern(text_of(*feature, highway), text_of(*feature, name));
    if (add_geometry(*g, crs, node_of, lines, label, path, row)) ++lines.report.lines_walkable;
  }
  lines.report.lines_read = row;
  return lines;
}

}  // namespace sf::io
