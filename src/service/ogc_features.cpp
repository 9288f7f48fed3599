#include "service/ogc_features.hpp"

#include <algorithm>
#include <charconv>

#include "core/datum.hpp"
#include "core/errors.hpp"
#include "core/station_queryables.hpp"
#include "core/text.hpp"
#include "service/cql2_json.hpp"
#include "service/station_requests.hpp"

namespace sf {

namespace {

constexpr std::string_view kCollectionIds[] = {"stations", "districts", "streets", "coverage"};

constexpr std::pair<OgcCrs, std::string_view> kCrsUris[] = {
    {OgcCrs::crs84, kCrs84},
    {OgcCrs::epsg4326, "http://www.opengis.net/def/crs/EPSG/0/4326"},
    {OgcCrs::epsg3857, "http://www.opengis.net/def/crs/EPSG/0/3857"},
    {OgcCrs::gcj02, "urn:stationfinder:def:crs:GCJ-02"},
    {OgcCrs::bd09, "urn:stationfinder:def:crs:BD-09"},
};

// A number as a bbox part of CRS84 text, exact enough to read back.
std::string degrees_text(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.10f", v);
  return b;
}

// "4 or 6 numbers" in `crs`: the 6-number form's heights are dropped (every item lies on the
// ground); EPSG:4326 gives latitudes first, EPSG:3857 metres. Returned in WGS84 lon/lat.
BBox parse_ogc_bbox(const std::string& text, OgcCrs crs) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t comma = text.find(',', start);
    parts.push_back(std::string_view(text).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (parts.size() == 6) parts = {parts[0], parts[1], parts[3], parts[4]};
  if (parts.size() != 4) {
    throw Error(ErrorCode::bbox_invalid, "bbox",
                "must be four numbers (minLon,minLat,maxLon,maxLat in CRS84) or six with heights");
  }
  if (crs == OgcCrs::crs84 || crs == OgcCrs::gcj02 || crs == OgcCrs::bd09) {
    const std::string four = std::string(parts[0]) + "," + std::string(parts[1]) + "," +
                             std::string(parts[2]) + "," + std::string(parts[3]);
    return parse_bbox(four, crs == OgcCrs::gcj02  ? Datum::gcj02
                            : crs == OgcCrs::bd09 ? Datum::bd09
                                                  : Datum::wgs84);
  }
  double v[4];
  for (int i = 0; i < 4; ++i) v[i] = checked_number("bbox", parts[i]);
  if (crs == OgcCrs::epsg4326) {  // minLat,minLon,maxLat,maxLon
    return parse_bbox(degrees_text(v[1]) + "," + degrees_text(v[0]) + "," + degrees_text(v[3]) +
                          "," + degrees_text(v[2]),
                      Datum::wgs84);
  }
  constexpr double kEdge = 20037508.342789244;  // Web Mercator's half width
  for (double x : v) {
    if (!(std::abs(x) <= kEdge)) {
      throw Error(ErrorCode::bbox_invalid, "bbox", "EPSG:3857 metres lie within ±20037508.34");
    }
  }
  const LonLat sw = from_web_mercator(v[0], v[1]), ne = from_web_mercator(v[2], v[3]);
  return parse_bbox(degrees_text(sw.lon) + "," + degrees_text(sw.lat) + "," + degrees_text(ne.lon) +
                        "," + degrees_text(ne.lat),
                    Datum::wgs84);
}

// One end of a datetime interval: a date-time, or open ("" or "..").
std::optional<UnixSeconds> interval_end(std::string_view text) {
  if (text.empty() || text == "..") return std::nullopt;
  const auto t = parse_iso8601(text);
  if (!t) {
    throw Error(ErrorCode::invalid_datetime, "datetime",
                quoted(text) +
                    " is not an RFC 3339 date-time (2026-05-01T08:00:00Z or with an offset); "
                    "give an instant, start/end, ../end or start/..");
  }
  return t;
}

// datetime=instant | start/end (either end open), on updated_at.
void parse_datetime(const std::string& text, StationFilter& filter) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos) {
    if (text.empty() || text == "..") {
      throw Error(ErrorCode::invalid_datetime, "datetime", "an instant cannot be open");
    }
    filter.updated_from = filter.updated_to = interval_end(text);
    return;
  }
  if (text.find('/', slash + 1) != std::string::npos) {
    throw Error(ErrorCode::invalid_datetime, "datetime", "an interval has one '/'");
  }
  filter.updated_from = interval_end(std::string_view(text).substr(0, slash));
  filter.updated_to = interval_end(std::string_view(text).substr(slash + 1));
  if (!filter.updated_from && !filter.updated_to) {
    throw Error(ErrorCode::invalid_datetime, "datetime",
                "an interval needs at least one end (../.. is every time: leave datetime out)");
  }
  if (filter.updated_from && filter.updated_to && *filter.updated_from > *filter.updated_to) {
    throw Error(ErrorCode::invalid_datetime, "datetime", "the start must not be after the end");
  }
}

// The station queryables given as parameters.
// filter= in cql2-text (default) or cql2-json (filter-lang), positions in CRS84 (filter-crs).
void parse_filter(const QueryParams& p, OgcCollection collection, ItemsRequest& r) {
  const auto filter = p.get("filter");
  const auto lang = p.get("filter-lang");
  if (auto crs = p.get("filter-crs"); crs && *crs != kCrs84) {
    throw Error(ErrorCode::unknown_crs, "filter-crs",
                "this server takes filters in " + std::string(kCrs84) + " only");
  }
  if (!filter) {
    if (lang || p.has("filter-crs")) {
      throw Error(ErrorCode::parameter_invalid, lang ? "filter-lang" : "filter-crs",
                  "applies to a filter: give filter=");
    }
    return;
  }
  if (collection != OgcCollection::stations) {
    throw Error(ErrorCode::parameter_invalid, "filter",
                "filters apply to the stations collection (its queryables)");
  }
  if (lang && *lang != "cql2-text" && *lang != "cql2-json") {
    throw Error(ErrorCode::parameter_invalid, "filter-lang", "must be cql2-text or cql2-json");
  }
  r.filter.cql = std::make_shared<const cql2::Filter>(
      lang && *lang == "cql2-json" ? parse_cql2_json(*filter, station_queryables())
                                   : cql2::parse_text(*filter, station_queryables()));
}

// Whether a district, by its outline, meets the box.
bool district_meets(const District& d, const std::optional<BBox>& box) {
  return !box || d.region.meets(*box);
}

// Districts in id order (their feature ids), with their catalog indexes.
std::vector<std::pair<std::string, uint32_t>> districts_by_id(const Catalog& catalog) {
  std::vector<std::pair<std::string, uint32_t>> out;
  const auto& all = catalog.districts();
  for (uint32_t i = 0; i < all.size(); ++i) out.emplace_back(district_feature_id(all[i]), i);
  std::sort(out.begin(), out.end());
  return out;
}

ItemsPage district_items(const Catalog& catalog, const ItemsRequest& r) {
  ItemsPage page;
  const auto& all = catalog.districts();
  for (const auto& [id, index] : districts_by_id(catalog)) {
    if (!district_meets(all[index], r.bbox)) continue;
    ++page.matched;
    if (r.after && id <= *r.after) continue;
    if (page.items.size() == r.limit) {
      page.next_after = district_feature_id(all[page.items.back()]);
      continue;
    }
    page.items.push_back(index);
  }
  return page;
}

// A segment id as the cursor text, and back; a cursor that is not one is a 400.
uint32_t segment_cursor(const std::string& text) {
  uint32_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw Error(ErrorCode::parameter_invalid, "after",
                "a streets cursor is a segment id (a whole number), as the next link gives it");
  }
  return v;
}

ItemsPage street_items(const WalkNetwork& network, const ItemsRequest& r) {
  const WalkGraph& g = network.graph();
  ItemsPage page;
  const uint32_t first = r.after ? segment_cursor(*r.after) + 1 : 0;  // wraps only past 2^32
  if (!r.bbox) {  // every segment matches: the page starts at the cursor
    page.matched = g.segment_count();
    if (r.after && first == 0) return page;
    for (uint32_t s = first; s < g.segment_count(); ++s) {
      if (page.items.size() == r.limit) {
        page.next_after = std::to_string(page.items.back());
        break;
      }
      page.items.push_back(s);
    }
    return page;
  }
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const auto [a, b] = g.segment_nodes(s);
    if (r.bbox && !r.bbox->meets_segment(g.node(a), g.node(b))) continue;
    ++page.matched;
    if (s < first || (r.after && first == 0)) continue;
    if (page.items.size() == r.limit) {
      if (!page.next_after) page.next_after = std::to_string(page.items.back());
      continue;
    }
    page.items.push_back(s);
  }
  return page;
}

ItemsPage station_items(const Catalog& catalog, const ItemsRequest& r) {
  const std::optional<std::string_view> after =
      r.after ? std::optional<std::string_view>(*r.after) : std::nullopt;
  const Page found = catalog.after_id(after, r.bbox, r.filter, r.limit + 1);
  ItemsPage page;
  page.matched = found.total;
  for (size_t i = 0; i < found.hits.size() && i < r.limit; ++i)
    page.items.push_back(found.hits[i].index);
  if (found.hits.size() > r.limit) {
    page.next_after = std::string(catalog.station(page.items.back()).id);
  }
  return page;
}

}  // namespace

std::vector<OgcCollection> ogc_collections(const Snapshot& snap) {
  std::vector<OgcCollection> out{OgcCollection::stations, OgcCollection::districts};
  if (snap.network) out.push_back(OgcCollection::streets);
  out.push_back(OgcCollection::coverage);
  return out;
}

std::string_view ogc_collection_id(OgcCollection c) {
  return kCollectionIds[static_cast<int>(c)];
}

OgcCollection find_ogc_collection(const Snapshot& snap, std::string_view id) {
  for (OgcCollection c : ogc_collections(snap)) {
    if (ogc_collection_id(c) == id) return c;
  }
  std::string known;
  for (OgcCollection c : ogc_collections(snap)) {
    known += known.empty() ? "" : ", ";
    known += ogc_collection_id(c);
  }
  throw Error(ErrorCode::collection_not_found, "collectionId",
              "no collection " + quoted(id) + "; the collections are " + known +
                  (snap.network ? "" : " (streets needs a server started with --network)"));
}

OgcCollection find_items_collection(const Snapshot& snap, std::string_view id) {
  const OgcCollection c = find_ogc_collection(snap, id);
  if (c == OgcCollection::coverage) {
    throw Error(ErrorCode::collection_not_found, "collectionId",
                "the coverage collection has tiles only (/ogc/collections/coverage/tiles), no "
                "items or queryables; /v1/gaps gives the gaps as features");
  }
  return c;
}

const std::vector<OgcCrs>& ogc_crs_all() {
  static const std::vector<OgcCrs> all = {OgcCrs::crs84, OgcCrs::epsg4326, OgcCrs::epsg3857,
                                          OgcCrs::gcj02, OgcCrs::bd09};
  return all;
}

std::string_view ogc_crs_uri(OgcCrs crs) {
  for (const auto& [c, uri] : kCrsUris)
    if (c == crs) return uri;
  return kCrs84;
}

OgcCrs parse_ogc_crs(std::string_view uri, const std::string& parameter) {
  for (const auto& [c, u] : kCrsUris)
    if (u == uri) return c;
  std::string known;
  for (const auto& [c, u] : kCrsUris) known += (known.empty() ? "" : ", ") + std::string(u);
  std::string hint;
  const std::string lower = to_lower_ascii(uri);
  if (lower == "gcj02" || lower == "bd09" || lower == "wgs84" || lower.rfind("epsg:", 0) == 0)
    hint = " (short names are the v1 API's; under /ogc a CRS is named by its URI)";
  throw Error(ErrorCode::unknown_crs, parameter, "must be one of " + known + hint);
}

Datum ogc_crs_datum(OgcCrs crs) {
  return crs == OgcCrs::gcj02 ? Datum::gcj02 : crs == OgcCrs::bd09 ? Datum::bd09 : Datum::wgs84;
}

OgcCrs parse_output_crs(const QueryParams& p) {
  const auto crs = p.get("crs");
  return crs ? parse_ogc_crs(*crs, "crs") : OgcCrs::crs84;
}

QueryInstant parse_station_queryables(const QueryParams& p, const Catalog& catalog,
                                      StationFilter& filter) {
  QueryInstant at{now_unix(), false};
  if (auto given = parse_at(p)) at = {*given, true};
  if (p.boolean("open_now", false)) filter.open_at_minute_of_week = shanghai_minute_of_week(at.at);
  if (auto h = p.get("host_type")) {
    try {
      filter.host_types = parse_host_type_list(*h);
    } catch (const Error& e) {  // the list parser names the v1 API's host_types
      throw Error(e.code(), "host_type", e.rule());
    }
  }
  if (auto a = p.get("amenities")) filter.amenities = parse_amenity_list(*a);
  if (auto d = p.get("district")) resolve_district(catalog, *d, filter);
  if (auto d = p.get("datetime")) parse_datetime(*d, filter);
  return at;
}

OgcFormat parse_ogc_format(const QueryParams& p) {
  const auto f = p.get("f");
  if (!f || *f == "json") return OgcFormat::json;
  if (*f == "html") return OgcFormat::html;
  throw Error(ErrorCode::unknown_format, "f", "must be json or html");
}

ItemsRequest parse_items(const QueryParams& p, OgcCollection collection, const Limits& limits,
                         const Catalog& catalog) {
  if (collection == OgcCollection::stations) {
    p.allow_only({"bbox", "bbox-crs", "crs", "limit", "after", "datetime", "f", "host_type",
                  "amenities", "district", "open_now", "at", "filter", "filter-lang",
                  "filter-crs"});
  } else {
    p.allow_only({"bbox", "bbox-crs", "crs", "limit", "after", "datetime", "f", "filter",
                  "filter-lang", "filter-crs"});
  }
  ItemsRequest r;
  r.collection = collection;
  r.format = parse_ogc_format(p);
  r.crs = parse_output_crs(p);
  const auto bbox_crs = p.get("bbox-crs");
  const OgcCrs box_crs = bbox_crs ? parse_ogc_crs(*bbox_crs, "bbox-crs") : OgcCrs::crs84;
  if (auto box = p.get("bbox")) r.bbox = parse_ogc_bbox(*box, box_crs);
  r.limit = p.integer("limit", limits.ogc_limit_default, 1, limits.ogc_limit_max,
                      ErrorCode::limit_out_of_range);
  r.after = p.get("after");
  parse_filter(p, collection, r);
  if (collection == OgcCollection::stations) {
    const QueryInstant at = parse_station_queryables(p, catalog, r.filter);
    r.at = at.at;
    r.at_given = at.given;
  } else if (p.has("datetime")) {
    throw Error(ErrorCode::parameter_invalid, "datetime",
                "the " + std::string(ogc_collection_id(collection)) +
                    " collection has no temporal property (stations have updated_at)");
  }
  return r;
}

ItemsPage ogc_items(const Snapshot& snap, const ItemsRequest& r) {
  switch (r.collection) {
    case OgcCollection::stations:
      return station_items(*snap.catalog, r);
    case OgcCollection::districts:
      return district_items(*snap.catalog, r);
    case OgcCollection::streets:
      return street_items(*snap.network, r);
    case OgcCollection::coverage:
      break;  // tiles only (find_items_collection)
  }
  return {};
}

std::string district_feature_id(const District& d) {
  return d.code.empty() ? d.name : d.code;
}

uint32_t find_ogc_item(const Snapshot& snap, OgcCollection c, std::string_view id) {
  const auto missing = [&] {
    return Error(
        ErrorCode::feature_not_found, "featureId",
        "the " + std::string(ogc_collection_id(c)) + " collection has no item " + quoted(id));
  };
  switch (c) {
    case OgcCollection::stations:
      if (const auto slot = snap.catalog->find(id)) return *slot;
      break;
    case OgcCollection::districts: {
      const auto& all = snap.catalog->districts();
      for (uint32_t i = 0; i < all.size(); ++i)
        if (district_feature_id(all[i]) == id) return i;
      break;
    }
    case OgcCollection::streets: {
      uint32_t s = 0;
      const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), s);
      if (ec == std::errc() && end == id.data() + id.size() &&
          s < snap.network->graph().segment_count())
        return s;
      break;
    }
    case OgcCollection::coverage:
      break;
  }
  throw missing();
}

}  // namespace sf
