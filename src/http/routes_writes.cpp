// Station write routes: POST /v1/stations, PUT|PATCH|DELETE /v1/stations/{id}, the bulk
// upload, and a station's history and restore. Each needs a bearer token; a station is
// validated like an import row and goes through StationWrites (the store's committed
// transaction, the replaced version kept in its history, then a new snapshot); readers keep
// the snapshot they started with.
#include <nlohmann/json.hpp>

#include "core/district.hpp"
#include "core/errors.hpp"
#include "core/opening_hours.hpp"
#include "core/text.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"
#include "io/memory_files.hpp"
#include "io/station_reader.hpp"
#include "io/station_store.hpp"
#include "render/content_types.hpp"
#include "render/render.hpp"
#include "render/render_writes.hpp"
#include "service/geojson_input.hpp"
#include "service/json_body.hpp"
#include "service/query_params.hpp"
#include "service/station_writes.hpp"

namespace sf::http {

namespace {

using nlohmann::json;

std::string text_member(const json& props, const char* name, bool required) {
  if (!props.contains(name) || props[name].is_null()) {
    if (required) {
      throw Error(ErrorCode::invalid_station, std::string("properties.") + name, "is required");
    }
    return "";
  }
  if (!props[name].is_string()) {
    throw Error(ErrorCode::invalid_station, std::string("properties.") + name, "must be a string");
  }
  return props[name].get<std::string>();
}

// A GeoJSON Feature with a Point → a station, checked as an import row is (the id may be
// empty: the caller derives or takes it from the path).
Station station_from_feature(const json& doc, Datum datum) {
  if (!doc.is_object() || string_member(doc, "type") != "Feature") {
    throw Error(ErrorCode::body_invalid, "body", "expected a GeoJSON Feature with a Point");
  }
  static const json kNothing;  // a reference either way: no copy of an untrusted tree
  const json& g = doc.contains("geometry") ? doc["geometry"] : kNothing;
  if (!g.is_object() || string_member(g, "type") != "Point" || !g.contains("coordinates") ||
      !g["coordinates"].is_array() || g["coordinates"].size() < 2 ||
      !g["coordinates"][0].is_number() || !g["coordinates"][1].is_number()) {
    throw Error(ErrorCode::invalid_station, "geometry", "must be a Point [lon, lat]");
  }
  Station s;
  s.position = check_point(g["coordinates"][0].get<double>(), g["coordinates"][1].get<double>(),
                           datum, "geometry.coordinates.");
  const json props = doc.contains("properties") && doc["properties"].is_object() ? doc["properties"]
                                                                                 : json::object();
  // Every stored field is accepted (a GET's answer can be sent back); the server sets
  // district_en (from the district polygons) and updated_at itself.
  for (const auto& [key, value] : props.items()) {
    if (std::find(kStoredFields.begin(), kStoredFields.end(), key) == kStoredFields.end()) {
      throw Error(ErrorCode::invalid_station, "properties." + key,
                  "is not a station field; fields: " + join(kStoredFields) +
                      " (district_en and updated_at are set by the server)");
    }
  }
  s.id = text_member(props, "id", false);
  s.name = text_member(props, "name", true);
  if (s.name.empty()) throw Error(ErrorCode::invalid_station, "properties.name", "is empty");
  if (const std::string host = text_member(props, "host_type", false); !host.empty()) {
    const auto h = parse_host_type(host);
    if (!h) {
      throw Error(ErrorCode::invalid_station, "properties.host_type",
                  "'" + host + "' is not a host type");
    }
    s.host_type = *h;
  }
  if (props.contains("amenities") && !props["amenities"].is_null()) {
    std::vector<std::string> names;
    if (props["amenities"].is_array()) {
      for (const json& a : props["amenities"]) {
        if (!a.is_string()) {
          throw Error(ErrorCode::invalid_station, "properties.amenities", "must hold strings");
        }
        names.push_back(a.get<std::string>());
      }
    } else if (props["amenities"].is_string()) {
      names = split_list(props["amenities"].get<std::string>());
    } else {
      throw Error(ErrorCode::invalid_station, "properties.amenities",
                  "must be an array of amenity names");
    }
    s.amenities = parse_amenity_list(join(names));
  }
  s.opening_hours = text_member(props, "opening_hours", false);
  if (!s.opening_hours.empty() && !OpeningHours::parse(s.opening_hours)) {
    throw Error(ErrorCode::invalid_station, "properties.opening_hours",
                "'" + s.opening_hours + "' is not in the supported opening_hours syntax");
  }
  s.address = text_member(props, "address", false);
  s.district = text_member(props, "district", false);
  s.phone = text_member(props, "phone", false);
  return s;
}

// Writes `s` (or deletes `id` when s is null) through the store and publishes the new snapshot.
WriteOutcome commit(const RouteEnv& env, const std::string& id, const Station* s,
                    const std::string& by, WriteRequest::Expect expect) {
  WriteRequest request;
  request.by = by;
  request.items.push_back({id, s != nullptr ? std::optional<Station>(*s) : std::nullopt, expect});
  return env.writes->write(request);
}

// The station as this write left it: from the catalog the write published, not the served
// one, which may already hold a later change of the same id (a concurrent DELETE).
void answer_station(const WriteOutcome& written, const httplib::Request& req,
                    httplib::Response& res, const std::string& id) {
  const int status = !written.existed.empty() && written.existed.front() ? 200 : 201;
  if (written.written.empty() || !written.written.front()) {
    throw Error(ErrorCode::internal_error, "id", "the write recorded no station");
  }
  const Station& mine = *written.written.front();
  // Usually the published catalog holds exactly this station; when a later request of the
  // same group commit changed or deleted it, the answer comes from a catalog of this one.
  std::optional<Catalog> own;
  const Catalog* cat = written.catalog.get();
  auto index = cat->find(id);
  if (!index || station_hash(cat->station(*index)) != station_hash(StationView::of(mine))) {
    own.emplace(std::vector<Station>{mine}, cat->districts());
    cat = &*own;
    index = cat->find(id);
  }
  res.status = status;
  res.set_header("Location", "/v1/stations/" + id);
  res.set_header("ETag", "\"" + written.version + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(render_single(RenderContext{*cat, Datum::wgs84, now_unix(), std::nullopt,
                                              HitKind::plain, kAllFields, nullptr},
                                Hit{*index, 0, 0}, Format::geojson),
                  content_type::kGeoJson);
  compress_other_json(req, res);
}

Datum body_datum(const httplib::Request& req) {
  const QueryParams q(req.params);
  q.allow_only({"crs"});
  return parse_crs(q);
}

// A bulk body (GeoJSON FeatureCollection or CSV) read by the importer itself, so it is checked
// exactly as `stationfinder import` checks a file. Any unusable row rejects the whole request.
io::StationReadResult read_bulk_body(const httplib::Request& req, Datum datum) {
  std::string type = req.get_header_value("Content-Type");
  type = to_lower_ascii(type.substr(0, type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::string ext;
  if (type == "text/csv") {
    ext = ".csv";
  } else if (type == content_type::kGeoJson || type == content_type::kJson) {
    ext = ".geojson";
  } else {
    throw Error(ErrorCode::body_invalid, "Content-Type",
                "'" + type +
                    "' is not accepted: send application/geo+json (a FeatureCollection) "
                    "or text/csv (lon/lat columns)");
  }
  if (req.body.empty()) throw Error(ErrorCode::body_invalid, "body", "is empty");
  if (ext == ".geojson") check_json_text(req.body);
  io::StationReadOptions options;
  if (datum != Datum::wgs84) options.crs = std::string(datum_name(datum));
  io::StationReadResult read;
  try {
    io::read_in_memory(req.body, "bulk" + ext, "the body",
                       [&](const std::string& path) { read = io::read_stations(path, options); });
  } catch (const Error& e) {
    // A row the reader could not read (or a body shorter than it claims) is an unusable row:
    // the whole upload is refused and nothing changes, as for any other bad row.
    if (e.code() == ErrorCode::data_invalid)
      throw Error(ErrorCode::invalid_station, "body", e.rule());
    throw Error(ErrorCode::body_invalid, "body", e.rule());
  }
  const io::StationReadReport& report = read.report;
  if (!report.rejected.empty()) {
    std::string rule = std::to_string(report.rejected.size()) + " of " +
                       std::to_string(report.rows) + " rows cannot be used; nothing was changed";
    for (size_t i = 0; i < report.rejected.size() && i < 50; ++i) {
      rule += "; row " + std::to_string(report.rejected[i].row) + ": " + report.rejected[i].reason;
    }
    if (report.rejected.size() > 50) rule += "; …";
    throw Error(ErrorCode::invalid_station, "body", rule);
  }
  if (report.rows == 0 || read.stations.empty()) {
    throw Error(ErrorCode::invalid_station, "body", "holds no stations");
  }
  return read;
}

// mode=upsert|replace (after checking the parameters' names).
std::string bulk_mode(const QueryParams& q) {
  q.allow_only({"mode", "crs", "confirm_delete"});
  std::string mode = q.get("mode").value_or("upsert");
  if (mode != "upsert" && mode != "replace") {
    throw Error(ErrorCode::parameter_invalid, "mode", "'" + mode + "' is not upsert or replace");
  }
  return mode;
}

// The write request of a bulk upload: its mode and confirm_delete (items filled by the caller).
WriteRequest bulk_request(const QueryParams& q, const std::string& by, const std::string& mode) {
  WriteRequest request;
  request.by = by;
  request.replace_all = mode == "replace";
  if (q.has("confirm_delete")) {
    if (!request.replace_all) {
      throw Error(ErrorCode::parameter_invalid, "confirm_delete", "goes with mode=replace");
    }
    request.confirm_delete =
        q.integer("confirm_delete", 0, 0, 1'000'000'000, ErrorCode::parameter_invalid);
  }
  return request;
}

void post_bulk(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const std::string by = authorize_write(env, req, res);
  const QueryParams q(req.params);
  const std::string mode = bulk_mode(q);
  const io::StationReadResult read = read_bulk_body(req, parse_crs(q));
  WriteRequest request = bulk_request(q, by, mode);
  request.items.reserve(read.stations.size());
  for (const Station& s : read.stations) {
    request.items.push_back({s.id, s, WriteRequest::Expect::any});
  }
  const WriteOutcome outcome = env.writes->write(request);
  res.set_header("Cache-Control", "no-store");
  res.set_header("ETag", "\"" + outcome.version + "\"");
  res.set_content(render_bulk(mode, read, outcome), content_type::kJson);
  compress_other_json(req, res);
}

void post_station(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const std::string by = authorize_write(env, req, res);
  Station s = station_from_feature(parse_json_body(req.body), body_datum(req));
  if (s.id.empty()) s.id = io::derived_station_id(s.name, s.position, s.address);
  answer_station(commit(env, s.id, &s, by, WriteRequest::Expect::absent), req, res, s.id);
}

void put_station(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const std::string by = authorize_write(env, req, res);
  const std::string id = req.matches[1];
  Station s = station_from_feature(parse_json_body(req.body), body_datum(req));
  if (!s.id.empty() && s.id != id) {
    throw Error(ErrorCode::invalid_station, "properties.id",
                "'" + s.id + "' differs from the id in the path, '" + id + "'");
  }
  s.id = id;
  answer_station(commit(env, id, &s, by, WriteRequest::Expect::any), req, res, id);
}

// The served station as the GeoJSON a merge patch applies to (in the request's datum, without
// the members the server computes).
json patchable_feature(const Catalog& catalog, uint32_t index, Datum datum) {
  json current = json::parse(render_single(
      RenderContext{catalog, datum, now_unix(), std::nullopt, HitKind::plain, kAllFields, nullptr},
      Hit{index, 0, 0}, Format::geojson));
  for (const char* computed : {"open_now", "closes_at", "opens_at", "updated_at", "district_en"}) {
    current["properties"].erase(computed);
  }
  current.erase("crs");
  return current;
}

void patch_station(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const std::string by = authorize_write(env, req, res);
  const std::string id = req.matches[1];
  const Datum datum = body_datum(req);
  const auto snap = env.snapshot();
  const auto index = snap->catalog->find(id);
  if (!index) throw Error(ErrorCode::station_not_found, "id", "no station has id '" + id + "'");
  // RFC 7396 merge patch over the station as GeoJSON.
  json current = patchable_feature(*snap->catalog, *index, datum);
  const json patch = parse_json_body(req.body);
  if (!patch.is_object())
    throw Error(ErrorCode::body_invalid, "body", "a merge patch is an object");
  current.merge_patch(patch);
  Station s = station_from_feature(current, datum);
  if (s.id != id) throw Error(ErrorCode::invalid_station, "properties.id", "the id cannot change");
  answer_station(commit(env, id, &s, by, WriteRequest::Expect::exists), req, res, id);
}

// History and restore are admin reads and writes: they name who changed what.
void get_history(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  authorize_write(env, req, res);
  QueryParams(req.params).allow_only({});
  const std::string id = req.matches[1];
  const std::vector<io::StationStore::Version> versions = env.writes->history(id);
  const bool current = env.snapshot()->catalog->find(id).has_value();
  if (versions.empty() && !current) {
    throw Error(ErrorCode::station_not_found, "id", "no station has or had id '" + id + "'");
  }
  res.set_header("Cache-Control", "no-store");
  res.set_content(render_history(id, current, versions, env.writes->changes_of(id)),
                  content_type::kJson);
}

// The kept version restore= names (the latest without it).
const io::StationStore::Version& chosen_version(
    const QueryParams& q, const std::string& id,
    const std::vector<io::StationStore::Version>& versions) {
  if (versions.empty()) {
    throw Error(ErrorCode::station_not_found, "id", "no kept version of '" + id + "'");
  }
  if (!q.has("version")) return versions.back();
  const auto want = static_cast<int64_t>(
      q.integer("version", 0, 1, 1'000'000'000'000, ErrorCode::parameter_invalid));
  for (const auto& v : versions)
    if (v.version == want) return v;
  throw Error(ErrorCode::parameter_invalid, "version",
              "no version " + std::to_string(want) + " of '" + id + "'; see its history");
}

void post_restore(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const std::string by = authorize_write(env, req, res);
  const QueryParams q(req.params);
  q.allow_only({"version"});
  const std::string id = req.matches[1];
  const std::vector<io::StationStore::Version> versions = env.writes->history(id);
  const Station restored = chosen_version(q, id, versions).station;
  answer_station(commit(env, id, &restored, by, WriteRequest::Expect::any), req, res, id);
}

void delete_station(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const std::string by = authorize_write(env, req, res);
  const std::string id = req.matches[1];
  commit(env, id, nullptr, by, WriteRequest::Expect::exists);
  res.status = 204;
}

}  // namespace

void register_write_routes(Router& router, const RouteEnv& env) {
  router.add({{"POST", "/v1/stations/bulk", post_bulk},
              {"POST", "/v1/stations", post_station},
              {"PUT", "/v1/stations/{id}", put_station},
              {"PATCH", "/v1/stations/{id}", patch_station},
              {"GET", "/v1/stations/{id}/history", get_history},
              {"POST", "/v1/stations/{id}/restore", post_restore},
              {"DELETE", "/v1/stations/{id}", delete_station}},
             env);
}

}  // namespace sf::http
