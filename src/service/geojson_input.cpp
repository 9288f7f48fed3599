#include "service/geojson_input.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "service/json_body.hpp"
#include "service/query_params.hpp"

namespace sf {

namespace {

using nlohmann::json;

// The geometry of a bare geometry, a Feature or a one-feature FeatureCollection.
const json* geometry_of(const json& doc, ErrorCode code) {
  if (!doc.is_object() || !doc.contains("type") || !doc["type"].is_string()) {
    throw Error(code, "body", "expected a GeoJSON object with a \"type\" member");
  }
  const std::string type = doc["type"];
  if (type == "Feature") {
    if (!doc.contains("geometry") || !doc["geometry"].is_object()) {
      throw Error(code, "body.geometry", "the Feature has no geometry");
    }
    return &doc["geometry"];
  }
  if (type == "FeatureCollection") {
    if (!doc.contains("features") || !doc["features"].is_array() || doc["features"].size() != 1) {
      throw Error(code, "body.features", "a FeatureCollection body must hold exactly one feature");
    }
    return geometry_of(doc["features"][0], code);
  }
  return &doc;
}

LonLat position(const json& p, Datum datum, ErrorCode code, const std::string& where) {
  if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
    throw Error(code, where, "a position must be an array [lon, lat] of numbers");
  }
  return check_point(p[0].get<double>(), p[1].get<double>(), datum, where + ".");
}

Ring ring(const json& r, Datum datum, const std::string& where, size_t& budget) {
  if (!r.is_array() || r.size() < 4) {
    throw Error(ErrorCode::body_not_polygon, where,
                "a linear ring needs at least 4 positions, the last equal to the first");
  }
  if (r.size() > budget) {
    throw Error(ErrorCode::route_too_complex, where, "the polygon has too many vertices");
  }
  budget -= r.size();
  Ring out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back(
        position(r[i], datum, ErrorCode::body_not_polygon, where + "[" + std::to_string(i) + "]"));
  }
  if (out.front().lon != out.back().lon || out.front().lat != out.back().lat) {
    throw Error(ErrorCode::body_not_polygon, where, "a linear ring must be closed (last = first)");
  }
  return out;
}

std::vector<Ring> polygon(const json& coords, Datum datum, const std::string& where,
                          size_t& budget) {
  if (!coords.is_array() || coords.empty()) {
    throw Error(ErrorCode::body_not_polygon, where, "a Polygon needs at least one ring");
  }
  std::vector<Ring> rings;
  for (size_t i = 0; i < coords.size(); ++i) {
    rings.push_back(ring(coords[i], datum, where + "[" + std::to_string(i) + "]", budget));
  }
  return rings;
}

// "where.member", or "member" at the top of the body.
std::string member(const std::string& where, const std::string& name) {
  return where.empty() ? name : where + "." + name;
}

// Polygon or MultiPolygon geometry → polygons, appended.
void add_polygons(const json& g, Datum datum, const std::string& where, size_t& budget,
                  std::vector<std::vector<Ring>>& polygons) {
  const std::string type = g.is_object() ? string_member(g, "type") : "";
  if (!g.is_object() || !g.contains("coordinates")) {
    throw Error(ErrorCode::body_not_polygon, where.empty() ? "body" : where,
                "the geometry has no coordinates");
  }
  if (type == "Polygon") {
    polygons.push_back(polygon(g["coordinates"], datum, member(where, "coordinates"), budget));
  } else if (type == "MultiPolygon") {
    const json& c = g["coordinates"];
    if (!c.is_array() || c.empty()) {
      throw Error(ErrorCode::body_not_polygon, member(where, "coordinates"),
                  "a MultiPolygon needs polygons");
    }
    for (size_t i = 0; i < c.size(); ++i) {
      polygons.push_back(
          polygon(c[i], datum, member(where, "coordinates[" + std::to_string(i) + "]"), budget));
    }
  } else {
    throw Error(ErrorCode::body_not_polygon, where.empty() ? "body" : where,
                "geometry type '" + type + "' is not Polygon or MultiPolygon");
  }
}

// A bare Polygon/MultiPolygon, a Feature, or a FeatureCollection of them → one region.
Region region_of(const json& doc, Datum datum, size_t max_vertices, const std::string& where) {
  size_t budget = max_vertices;
  std::vector<std::vector<Ring>> polygons;
  if (doc.is_object() && string_member(doc, "type") == "FeatureCollection") {
    if (!doc.contains("features") || !doc["features"].is_array() || doc["features"].empty()) {
      throw Error(ErrorCode::body_not_polygon, member(where, "features"),
                  "the FeatureCollection holds no features");
    }
    const json& features = doc["features"];
    for (size_t i = 0; i < features.size(); ++i) {
      const std::string at = member(where, "features[" + std::to_string(i) + "]");
      add_polygons(*geometry_of(features[i], ErrorCode::body_not_polygon), datum, at, budget,
                   polygons);
    }
  } else {
    add_polygons(*geometry_of(doc, ErrorCode::body_not_polygon), datum, where, budget, polygons);
  }
  return Region(std::move(polygons));
}

// [[lon, lat], …], a MultiPoint or a FeatureCollection of Points; each with its properties.
std::vector<std::pair<LonLat, const json*>> points_of(const json& doc, Datum datum,
                                                      size_t max_points, const std::string& where) {
  std::vector<std::pair<const json*, const json*>> positions;  // coordinates, properties
  if (doc.is_array()) {
    for (const json& p : doc) positions.push_back({&p, nullptr});
  } else if (doc.is_object() && string_member(doc, "type") == "MultiPoint" &&
             doc.contains("coordinates") && doc["coordinates"].is_array()) {
    for (const json& p : doc["coordinates"]) positions.push_back({&p, nullptr});
  } else if (doc.is_object() && string_member(doc, "type") == "FeatureCollection" &&
             doc.contains("features") && doc["features"].is_array()) {
    for (const json& f : doc["features"]) {
      if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object() ||
          string_member(f["geometry"], "type") != "Point" ||
          !f["geometry"].contains("coordinates")) {
        throw Error(ErrorCode::body_invalid, where + ".features", "every feature must be a Point");
      }
      const json* props =
          f.contains("properties") && f["properties"].is_object() ? &f["properties"] : nullptr;
      positions.push_back({&f["geometry"]["coordinates"], props});
    }
  } else {
    throw Error(ErrorCode::body_invalid, where,
                "expected [[lon, lat], …], a MultiPoint or a FeatureCollection of Points");
  }
  if (positions.size() > max_points) {
    throw Error(ErrorCode::too_many_points, where,
                "at most " + std::to_string(max_points) + " points per request");
  }
  std::vector<std::pair<LonLat, const json*>> out;
  for (size_t i = 0; i < positions.size(); ++i) {
    out.push_back({position(*positions[i].first, datum, ErrorCode::body_invalid,
                            where + "[" + std::to_string(i) + "]"),
                   positions[i].second});
  }
  return out;
}

std::string text_property(const json* props, const char* name) {
  if (props == nullptr || !props->contains(name)) return "";
  const json& v = (*props)[name];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

}  // namespace

Region parse_polygon_body(std::string_view body, Datum datum, size_t max_vertices) {
  return region_of(parse_json_body(body), datum, max_vertices, "");
}

CoverageBody parse_coverage_body(std::string_view body, Datum datum,
                                 const CoverageBodyLimits& limits) {
  CoverageBody out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  const json doc = parse_json_body(body);
  if (!doc.is_object()) {
    throw Error(ErrorCode::body_invalid, "body", "expected a JSON object");
  }
  static const std::vector<std::string> geojson_types = {
      "Polygon",    "MultiPolygon", "Feature",         "FeatureCollection", "Point",
      "MultiPoint", "LineString",   "MultiLineString", "GeometryCollection"};
  if (doc.contains("type") && doc["type"].is_string() &&
      std::find(geojson_types.begin(), geojson_types.end(), doc["type"].get<std::string>()) !=
          geojson_types.end()) {
    out.region = region_of(doc, datum, limits.max_vertices, "");
    return out;
  }
  for (const auto& [key, value] : doc.items()) {
    if (key == "region") {
      out.region = region_of(value, datum, limits.max_vertices, "region");
    } else if (key == "exclude") {
      out.exclude = region_of(value, datum, limits.max_vertices, "exclude");
    } else if (key == "add") {
      for (const auto& [p, props] : points_of(value, datum, limits.max_points, "add"))
        out.what_if.add.push_back(p);
    } else if (key == "remove") {
      if (!value.is_array())
        throw Error(ErrorCode::body_invalid, "remove", "must be an array of station ids");
      for (const json& id : value) {
        if (!id.is_string())
          throw Error(ErrorCode::body_invalid, "remove", "every id must be a string");
        out.what_if.remove.push_back(id.get<std::string>());
      }
    } else if (key == "candidates" && limits.allow_candidates) {
      for (const auto& [p, props] : points_of(value, datum, limits.max_candidates, "candidates")) {
        out.candidates.push_back({p, text_property(props, "id"), text_property(props, "name"),
                                  text_property(props, "host_type")});
      }
    } else {
      throw Error(ErrorCode::body_invalid, key,
                  std::string("unknown member; expected region, exclude, add, remove") +
                      (limits.allow_candidates ? ", candidates" : "") +
                      ", or a bare GeoJSON region");
    }
  }
  return out;
}

std::vector<LonLat> parse_linestring_body(std::string_view body, Datum datum, size_t max_vertices) {
  const json doc = parse_json_body(body);
  const json& g = *geometry_of(doc, ErrorCode::body_not_linestring);
  const std::string type = string_member(g, "type");
  if (type != "LineString") {
    throw Error(ErrorCode::body_not_linestring, "body",
                "geometry type '" + type + "' is not LineString");
  }
  static const json kNothing;  // a reference either way: no copy of an untrusted tree
  const json& c = g.contains("coordinates") ? g["coordinates"] : kNothing;
  if (!c.is_array() || c.size() < 2) {
    throw Error(ErrorCode::body_not_linestring, "coordinates",
                "a LineString needs at least 2 positions");
  }
  if (c.size() > max_vertices) {
    throw Error(ErrorCode::route_too_complex, "coordinates",
                "at most " + std::to_string(max_vertices) + " vertices per route");
  }
  std::vector<LonLat> line;
  line.reserve(c.size());
  for (size_t i = 0; i < c.size(); ++i) {
    line.push_back(position(c[i], datum, ErrorCode::body_not_linestring,
                            "coordinates[" + std::to_string(i) + "]"));
  }
  return line;
}

std::vector<LonLat> parse_points_body(std::string_view body, Datum datum, size_t max_points) {
  const json doc = parse_json_body(body);
  if (!doc.is_object()) {
    throw Error(ErrorCode::body_invalid, "body",
                "expected {\"points\": [[lon, lat], …]}, a MultiPoint or a FeatureCollection");
  }
  std::vector<const json*> positions;
  std::string where = "points";
  if (doc.contains("points")) {
    if (!doc["points"].is_array()) {
      throw Error(ErrorCode::body_invalid, "points", "must be an array of [lon, lat]");
    }
    for (const json& p : doc["points"]) positions.push_back(&p);
  } else if (string_member(doc, "type") == "MultiPoint" && doc.contains("coordinates") &&
             doc["coordinates"].is_array()) {
    where = "coordinates";
    for (const json& p : doc["coordinates"]) positions.push_back(&p);
  } else if (string_member(doc, "type") == "FeatureCollection" && doc.contains("features") &&
             doc["features"].is_array()) {
    where = "features";
    for (const json& f : doc["features"]) {
      if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object() ||
          string_member(f["geometry"], "type") != "Point" ||
          !f["geometry"].contains("coordinates")) {
        throw Error(ErrorCode::body_invalid, "features", "every feature must be a Point");
      }
      positions.push_back(&f["geometry"]["coordinates"]);
    }
  } else {
    throw Error(ErrorCode::body_invalid, "body",
                "expected {\"points\": [[lon, lat], …]}, a MultiPoint or a FeatureCollection");
  }
  if (positions.empty()) throw Error(ErrorCode::body_invalid, where, "holds no points");
  if (positions.size() > max_points) {
    throw Error(ErrorCode::too_many_points, where,
                "at most " + std::to_string(max_points) + " points per request");
  }
  std::vector<LonLat> out;
  out.reserve(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    out.push_back(position(*positions[i], datum, ErrorCode::body_invalid,
                           where + "[" + std::to_string(i) + "]"));
  }
  return out;
}

}  // namespace sf
