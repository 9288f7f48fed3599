#include "service/cql2_json.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "service/json_body.hpp"

namespace sf {

namespace {

using cql2::Node;
using cql2::Op;
using cql2::Operand;
using cql2::Type;
using nlohmann::json;

class JsonReader {
 public:
  JsonReader(const std::vector<cql2::Queryable>& queryables, const std::string& parameter)
      : queryables_(queryables), parameter_(parameter) {}

  std::unique_ptr<Node> expression(const json& j, const std::string& path) {
    if (j.is_boolean()) {
      auto n = std::make_unique<Node>();
      n->op = Op::literal;
      n->truth = j.get<bool>();
      return n;
    }
    if (!j.is_object() || !j.contains("op") || !j["op"].is_string() || !j.contains("args") ||
        !j["args"].is_array())
      fail(path, "a filter is true, false or {\"op\": …, \"args\": […]}");
    const std::string name = j["op"].get<std::string>();
    const json& args = j["args"];
    const std::string lower = to_lower_ascii(name);
    auto n = std::make_unique<Node>();
    if (lower == "and" || lower == "or" || lower == "not") {
      n->op = lower == "and" ? Op::and_ : lower == "or" ? Op::or_ : Op::not_;
      if (n->op == Op::not_ ? args.size() != 1 : args.size() < 2)
        fail(path, name + (n->op == Op::not_ ? " takes one argument" : " takes two or more"));
      for (size_t i = 0; i < args.size(); ++i)
        n->kids.push_back(expression(args[i], path + "/args/" + std::to_string(i)));
      return n;
    }
    if (lower == "isnull") {
      n->op = Op::is_null;
    } else if (!cql2::op_by_name(name, n->op)) {
      fail(path + "/op", "no operator " + sf::quoted(name));
    }
    predicate(*n, args, path);
    cql2::check_predicate(*n, parameter_, "at " + path);
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& rule) const {
    throw Error(ErrorCode::parameter_invalid, parameter_,
                "at " + (path.empty() ? "/" : path) + ": " + rule);
  }

  void predicate(Node& n, const json& args, const std::string& path) {
    const auto arg = [&](size_t i) { return path + "/args/" + std::to_string(i); };
    const size_t want = n.op == Op::is_null ? 1 : n.op == Op::between ? 3 : 2;
    if (args.size() != want)
      fail(path + "/args", "takes " + std::to_string(want) + " argument" + (want > 1 ? "s" : ""));
    if (n.op == Op::in) {
      n.args.push_back(scalar(args[0], arg(0)));
      if (!args[1].is_array() || args[1].empty()) fail(arg(1), "IN takes a list of values");
      for (size_t i = 0; i < args[1].size(); ++i)
        n.args.push_back(scalar(args[1][i], arg(1) + "/" + std::to_string(i)));
      return;
    }
    for (size_t i = 0; i < args.size(); ++i) {
      if (n.op == Op::s_intersects) {
        n.args.push_back(spatial(args[i], arg(i)));
      } else if (n.op >= Op::a_equals && n.op <= Op::a_overlaps && args[i].is_array()) {
        n.args.push_back(array(args[i], arg(i)));
      } else {
        n.args.push_back(scalar(args[i], arg(i)));
      }
    }
  }

  Operand literal(Type t) const {
    Operand o;
    o.type = t;
    o.literal.null = false;
    o.literal.type = t;
    return o;
  }

  Operand property(const json& j, const std::string& path) const {
    if (!j["property"].is_string()) fail(path, "a property is {\"property\": \"name\"}");
    return cql2::property_operand(j["property"].get<std::string>(), queryables_, parameter_,
                                  "at " + (path.empty() ? std::string("/") : path));
  }

  cql2::Interval instant(const json& j, const std::string& path) const {
    if (j.is_object() && j.size() == 1 && j.contains("timestamp") && j["timestamp"].is_string())
      return cql2::timestamp_literal(j["timestamp"].get<std::string>(), parameter_, "at " + path);
    if (j.is_object() && j.size() == 1 && j.contains("date") && j["date"].is_string())
      return cql2::date_literal(j["date"].get<std::string>(), parameter_, "at " + path);
    fail(path, "expected {\"timestamp\": \"…\"} or {\"date\": \"…\"}");
  }

  Operand scalar(const json& j, const std::string& path) {
    if (j.is_string()) {
      Operand o = literal(Type::string);
      o.owned = j.get<std::string>();
      return o;
    }
    if (j.is_boolean()) {
      Operand o = literal(Type::boolean);
      o.literal.boolean = j.get<bool>();
      return o;
    }
    if (j.is_number()) {
      Operand o = literal(Type::number);
      o.literal.number = j.get<double>();
      if (!std::isfinite(o.literal.number)) fail(path, "a number must be finite");
      return o;
    }
    if (j.is_object() && j.contains("property")) return property(j, path);
    if (j.is_object() && (j.contains("timestamp") || j.contains("date"))) {
      Operand o = literal(Type::instant);
      o.literal.time = instant(j, path);
      return o;
    }
    if (j.is_object() && j.contains("interval")) {
      const json& v = j["interval"];
      if (!v.is_array() || v.size() != 2) fail(path, "an interval is [start, end]");
      Operand o = literal(Type::instant);
      double* ends[2] = {&o.literal.time.start, &o.literal.time.end};
      for (int i = 0; i < 2; ++i) {
        const std::string at = path + "/interval/" + std::to_string(i);
        if (v[i].is_string() && v[i].get<std::string>() == "..") continue;
        cql2::Interval t;
        if (v[i].is_string()) {
          const std::string s = v[i].get<std::string>();
          t = s.size() == 10 ? cql2::date_literal(s, parameter_, "at " + at)
                             : cql2::timestamp_literal(s, parameter_, "at " + at);
        } else {
          t = instant(v[i], at);
        }
        *ends[i] = i == 0 ? t.start : t.end;
      }
      if (o.literal.time.start > o.literal.time.end)
        fail(path, "the interval ends before it starts");
      return o;
    }
    fail(path,
         "expected a property, a string, a number, a boolean, a timestamp, a date or an interval");
  }

  Operand array(const json& j, const std::string& path) const {
    Operand o = literal(Type::strings);
    for (size_t i = 0; i < j.size(); ++i) {
      if (!j[i].is_string()) fail(path + "/" + std::to_string(i), "an array holds strings here");
      o.owned_strings.push_back(j[i].get<std::string>());
    }
    return o;
  }

  LonLat position(const json& p, const std::string& path) const {
    if (!p.is_array() || p.size() < 2 || p.size() > 3 || !p[0].is_number() || !p[1].is_number())
      fail(path, "a position is [longitude, latitude]");
    const double lon = p[0].get<double>(), lat = p[1].get<double>();
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
      fail(path, "a position is longitude latitude (CRS84), within ±180 and ±90");
    return {lon, lat};
  }
  std::vector<Ring> polygon(const json& rings, const std::string& path) const {
    if (!rings.is_array() || rings.empty()) fail(path, "a polygon is a list of rings");
    std::vector<Ring> out;
    for (size_t r = 0; r < rings.size(); ++r) {
      const std::string at = path + "/" + std::to_string(r);
      if (!rings[r].is_array() || rings[r].size() < 4)
        fail(at, "a ring has at least four positions");
      Ring ring;
      for (size_t i = 0; i < rings[r].size(); ++i)
        ring.push_back(position(rings[r][i], at + "/" + std::to_string(i)));
      out.push_back(std::move(ring));
    }
    return out;
  }

  Operand spatial(const json& j, const std::string& path) {
    if (j.is_object() && j.contains("property")) return property(j, path);
    Operand o = literal(Type::point);
    cql2::Geometry& g = o.geometry;
    if (j.is_object() && j.contains("bbox")) {
      const json& b = j["bbox"];
      if (!b.is_array() || (b.size() != 4 && b.size() != 6))
        fail(path, "a bbox has 4 or 6 numbers");
      for (const json& v : b)
        if (!v.is_number()) fail(path, "a bbox has 4 or 6 numbers");
      const size_t h = b.size() == 6 ? 1 : 0;
      g.kind = cql2::Geometry::Kind::box;
      g.box = BBox{b[0].get<double>(), b[1].get<double>(), b[2 + h].get<double>(),
                   b[3 + h].get<double>()};
      if (!(g.box.south <= g.box.north)) fail(path, "a bbox's south edge is above its north edge");
      return o;
    }
    if (!j.is_object() || !j.contains("type") || !j["type"].is_string() ||
        !j.contains("coordinates"))
      fail(path, "a spatial literal is a GeoJSON geometry or {\"bbox\": […]}");
    const std::string type = j["type"].get<std::string>();
    const json& c = j["coordinates"];
    const std::string at = path + "/coordinates";
    if (type == "Point") {
      g.points.push_back(position(c, at));
    } else if (type == "MultiPoint") {
      if (!c.is_array() || c.empty()) fail(at, "a MultiPoint lists positions");
      for (size_t i = 0; i < c.size(); ++i)
        g.points.push_back(position(c[i], at + "/" + std::to_string(i)));
    } else if (type == "Polygon" || type == "MultiPolygon") {
      g.kind = cql2::Geometry::Kind::polygons;
      std::vector<std::vector<Ring>> polygons;
      if (type == "Polygon") {
        polygons.push_back(polygon(c, at));
      } else {
        if (!c.is_array() || c.empty()) fail(at, "a MultiPolygon lists polygons");
        for (size_t i = 0; i < c.size(); ++i)
          polygons.push_back(polygon(c[i], at + "/" + std::to_string(i)));
      }
      g.polygons = Region(std::move(polygons));
    } else {
      fail(path + "/type",
           "S_INTERSECTS takes Point, MultiPoint, Polygon, MultiPolygon or a bbox here");
    }
    return o;
  }

  const std::vector<cql2::Queryable>& queryables_;
  const std::string& parameter_;
};

}  // namespace

cql2::Filter parse_cql2_json(std::string_view text, const std::vector<cql2::Queryable>& queryables,
                             const std::string& parameter) {
  try {
    check_json_text(text, parameter);
  } catch (const Error& e) {
    throw Error(e.code(), parameter, e.rule());
  }
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Error(ErrorCode::parameter_invalid, parameter, "is not JSON");
  return cql2::Filter(JsonReader(queryables, parameter).expression(j, ""));
}

}  // namespace sf
