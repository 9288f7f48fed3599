#include "render/render_ogc.hpp"

#include <algorithm>
#include <cmath>

#include "core/station_queryables.hpp"
#include "core/text.hpp"
#include "render/content_types.hpp"
#include "render/json_writer.hpp"
#include "render/render.hpp"
#include "render/render_streets.hpp"
#include "service/vector_tiles.hpp"

namespace sf {

namespace {

constexpr const char* kHtmlLink = "text/html";  // a link's type: the media type alone
constexpr const char* kOpenApiType = "application/vnd.oai.openapi+json;version=3.0";
constexpr const char* kTrs = "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian";
constexpr size_t kPieceBytes = 64 * 1024;

struct OgcLink {
  std::string rel, type, href, title;
};

void write_links(JsonWriter& w, const std::vector<OgcLink>& links) {
  w.key("links").begin_array();
  for (const OgcLink& l : links) {
    w.begin_object().field("rel", l.rel).field("type", l.type).field("href", l.href);
    if (!l.title.empty()) w.field("title", l.title);
    w.end_object();
  }
  w.end_array();
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_page(std::string_view title, const std::string& body) {
  std::string out = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
  out += html_escape(title);
  out +=
      "</title><style>body{font:15px system-ui,sans-serif;margin:2em;max-width:70em}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;"
      "text-align:left}</style></head><body><h1>";
  out += html_escape(title);
  out += "</h1>\n" + body + "</body></html>\n";
  return out;
}

std::string html_links(const std::vector<OgcLink>& links) {
  std::string out = "<ul>";
  for (const OgcLink& l : links) {
    out += "<li><a href=\"" + html_escape(l.href) + "\">" +
           html_escape(l.title.empty() ? l.rel : l.title) + "</a> (" + html_escape(l.rel) + ", " +
           html_escape(l.type) + ")</li>";
  }
  return out + "</ul>\n";
}

std::string collection_url(const OgcContext& ctx, OgcCollection c) {
  return ctx.base + "/ogc/collections/" + std::string(ogc_collection_id(c));
}

const char* collection_title(OgcCollection c) {
  switch (c) {
    case OgcCollection::stations:
      return "Rest stations for outdoor workers";
    case OgcCollection::districts:
      return "Districts with their station counts";
    case OgcCollection::streets:
      return "Walkable streets";
    case OgcCollection::coverage:
      return "Coverage gaps";
  }
  return "";
}

const char* collection_description(OgcCollection c) {
  switch (c) {
    case OgcCollection::stations:
      return "Every station with its host, amenities, opening hours and whether it is open "
             "now; updated_at is the temporal property.";
    case OgcCollection::districts:
      return "District outlines and how many stations each holds.";
    case OgcCollection::streets:
      return "The walkable street pieces every walk runs on, with class, name and length.";
    case OgcCollection::coverage:
      return "The areas farther than radius_m (or walk_minutes, distance=walk) from the "
             "stations, as vector tiles only: each tile is a coverage question of its own, its "
             "parameters those of /v1/gaps (radius_m, walk_minutes, distance, min_stations, at, "
             "exclude).";
  }
  return "";
}

std::optional<BBox> collection_bbox(const OgcContext& ctx, OgcCollection c) {
  switch (c) {
    case OgcCollection::stations:
    case OgcCollection::streets:
    case OgcCollection::coverage:
      return tile_extent(ctx.snapshot, c);
    case OgcCollection::districts:
      return districts_extent(ctx.snapshot.catalog->districts());
  }
  return std::nullopt;
}

std::string utc_text(UnixSeconds t) {
  // Asia/Shanghai text, as every time the API gives, is an RFC 3339 date-time too.
  return format_shanghai(t);
}

void write_collection(JsonWriter& w, const OgcContext& ctx, OgcCollection c) {
  const std::string url = collection_url(ctx, c);
  const bool items = c != OgcCollection::coverage;
  w.begin_object();
  w.field("id", ogc_collection_id(c));
  w.field("title", collection_title(c));
  w.field("description", collection_description(c));
  if (items) {
    w.field("itemType", "feature");
    w.key("crs").begin_array();
    for (OgcCrs crs : ogc_crs_all()) w.value(ogc_crs_uri(crs));
    w.end_array();
    w.field("storageCrs", kCrs84);
  } else {
    w.field("dataType", "vector");
  }
  w.key("extent").begin_object();
  w.key("spatial").begin_object().key("bbox").begin_array();
  if (const auto b = collection_bbox(ctx, c)) {
    w.begin_array().number(b->west, 7).number(b->south, 7).number(b->east, 7).number(b->north, 7);
    w.end_array();
  }
  w.end_array().field("crs", kCrs84).end_object();
  if (c == OgcCollection::stations) {
    w.key("temporal").begin_object().key("interval").begin_array().begin_array();
    if (ctx.stations_time) {
      w.value(utc_text(ctx.stations_time->first)).value(utc_text(ctx.stations_time->last));
    } else {
      w.null().null();
    }
    w.end_array().end_array().field("trs", kTrs).end_object();
  }
  w.end_object();
  std::vector<OgcLink> links = {{"self", content_type::kJson, url, "this collection"},
                                {"alternate", kHtmlLink, url + "?f=html", "as HTML"}};
  if (items) {
    links.push_back({"http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
                     url + "/queryables", "the queryables"});
    links.push_back({"items", content_type::kGeoJson, url + "/items", "the items"});
    links.push_back({"items", kHtmlLink, url + "/items?f=html", "the items as HTML"});
  }
  if (c != OgcCollection::districts) {
    links.push_back({"http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", content_type::kJson,
                     url + "/tiles", "the vector tilesets"});
  }
  write_links(w, links);
  w.end_object();
}

std::string collection_html(const OgcContext& ctx, OgcCollection c) {
  const std::string url = collection_url(ctx, c);
  std::string body = "<p>" + html_escape(collection_description(c)) + "</p>";
  if (c != OgcCollection::coverage) {
    body += "<p><a href=\"" + html_escape(url + "/items?f=html") + "\">Browse the items</a> · " +
            "<a href=\"" + html_escape(url + "/items") + "\">GeoJSON</a></p>";
  }
  if (c != OgcCollection::districts) {
    body += "<p><a href=\"" + html_escape(url + "/tiles/WebMercatorQuad/tilejson.json") +
            "\">Vector tiles (TileJSON)</a></p>";
  }
  if (const auto b = collection_bbox(ctx, c)) {
    body += "<p>Extent: " + number_text(b->west) + ", " + number_text(b->south) + ", " +
            number_text(b->east) + ", " + number_text(b->north) + " (CRS84)</p>";
  }
  return body;
}

// The HTML row of one item: its id (linked) and its main text.
std::string item_row(const OgcContext& ctx, OgcCollection c, uint32_t item) {
  const std::string url = collection_url(ctx, c) + "/items/";
  std::string id, what;
  switch (c) {
    case OgcCollection::stations: {
      const StationView s = ctx.snapshot.catalog->station(item);
      id = std::string(s.id);
      what = std::string(s.name) + " · " + std::string(host_type_name(s.host_type)) + " · " +
             std::string(s.address);
      break;
    }
    case OgcCollection::districts: {
      const District& d = ctx.snapshot.catalog->districts()[item];
      id = district_feature_id(d);
      what = d.name + " · " + d.name_en + " · " +
             std::to_string(ctx.snapshot.catalog->stations_in_district(d.name)) + " stations";
      break;
    }
    case OgcCollection::streets: {
      id = std::to_string(item);
      const StreetLabel& label = ctx.snapshot.network->label_of(item);
      what = (label.name.empty() ? "(no name)" : label.name) + " · " +
             (label.street_class.empty() ? "(no class)" : label.street_class);
      break;
    }
    case OgcCollection::coverage:
      break;  // tiles only
  }
  return "<tr><td><a href=\"" + html_escape(url + percent_encode(id) + "?f=html") + "\">" +
         html_escape(id) + "</a></td><td>" + html_escape(what) + "</td></tr>";
}

// The axes a CRS writes positions in.
Axes axes_of(OgcCrs crs) {
  return crs == OgcCrs::epsg4326   ? Axes::lat_lon
         : crs == OgcCrs::epsg3857 ? Axes::web_mercator
                                   : Axes::lon_lat;
}

void write_item_feature(JsonWriter& w, const OgcContext& ctx, OgcCollection c, uint32_t item,
                        const RenderContext& stations) {
  switch (c) {
    case OgcCollection::stations:
      write_feature(w, stations, Hit{item, 0, 0});
      return;
    case OgcCollection::districts: {
      const District& d = ctx.snapshot.catalog->districts()[item];
      const std::string id = district_feature_id(d);
      write_district_feature(w, *ctx.snapshot.catalog, d, stations.datum, &id, stations.axes);
      return;
    }
    case OgcCollection::streets:
      write_street_feature(w, *ctx.snapshot.network, item, stations.datum, stations.axes);
      return;
    case OgcCollection::coverage:
      return;  // tiles only
  }
}

// How every item is written: stations through the v1 renderer (its cache where it applies),
// districts and streets in the same datum and axes.
RenderContext station_context(const OgcContext& ctx, UnixSeconds at, OgcCrs crs) {
  RenderContext r{*ctx.snapshot.catalog,
                  ogc_crs_datum(crs),
                  at,
                  std::nullopt,
                  HitKind::plain,
                  kAllFields,
                  ctx.snapshot.render_cache.get()};
  r.axes = axes_of(crs);
  return r;
}

void write_items_html(const OgcContext& ctx, const ItemsRequest& r, const ItemsPage& page,
                      const ItemsLinks& links, const std::function<void(std::string_view)>& sink) {
  std::string body = "<p>" + std::to_string(page.items.size()) + " of " +
                     std::to_string(page.matched) + " matching items. <a href=\"" +
                     html_escape(links.self) + "\">GeoJSON</a>";
  if (!links.next.empty()) body += " · <a href=\"" + html_escape(links.next) + "\">next page</a>";
  body += "</p><table><tr><th>id</th><th>item</th></tr>";
  for (uint32_t item : page.items) body += item_row(ctx, r.collection, item);
  body += "</table>";
  sink(html_page(std::string(ogc_collection_id(r.collection)) + " items", body));
}

// One OpenAPI parameter object.
void write_parameter(JsonWriter& w, std::string_view name, std::string_view in,
                     std::string_view description, bool required,
                     const std::function<void(JsonWriter&)>& schema, bool explode = true) {
  w.begin_object().field("name", name).field("in", in).field("description", description);
  w.field("required", required);
  if (!explode) w.field("style", "form").field("explode", false);
  w.key("schema").begin_object();
  schema(w);
  w.end_object().end_object();
}

void write_response(JsonWriter& w, std::string_view status, std::string_view description,
                    std::initializer_list<const char*> types) {
  w.key(status).begin_object().field("description", description);
  w.key("content").begin_object();
  for (const char* t : types)
    w.key(t)
        .begin_object()
        .key("schema")
        .begin_object()
        .field("type", "object")
        .end_object()
        .end_object();
  w.end_object().end_object();
}

void write_problem_responses(JsonWriter& w) {
  write_response(w, "400", "A parameter is invalid (problem+json names it and the rule)",
                 {content_type::kProblemJson});
  write_response(w, "404", "No such collection, item or tile zoom", {content_type::kProblemJson});
}

void write_plain_get(JsonWriter& w, std::string_view path, std::string_view id,
                     std::string_view summary, bool with_collection, bool with_feature) {
  w.key(path).begin_object().key("get").begin_object();
  w.field("operationId", id).field("summary", summary);
  w.key("parameters").begin_array();
  if (with_collection) {
    write_parameter(w, "collectionId", "path", "stations, districts or streets", true,
                    [](JsonWriter& s) { s.field("type", "string"); });
  }
  if (with_feature) {
    write_parameter(w, "featureId", "path", "the item's id", true,
                    [](JsonWriter& s) { s.field("type", "string"); });
    w.begin_object().field("$ref", "#/components/parameters/crs").end_object();
  }
  w.begin_object().field("$ref", "#/components/parameters/f").end_object();
  w.end_array();
  w.key("responses").begin_object();
  write_response(
      w, "200", summary,
      {with_feature ? content_type::kGeoJson : content_type::kJson, content_type::kHtml});
  write_problem_responses(w);
  w.end_object().end_object().end_object();
}

// The tiles routes: the tilesets list, the tileset, its TileJSON, and one tile (z/y/x of
// WebMercatorQuad); each takes crs, and coverage's the coverage question.
void write_tile_paths(JsonWriter& w) {
  const std::string base = "/collections/{collectionId}/tiles";
  const auto path_parameter = [&w](const char* name, const char* what) {
    write_parameter(w, name, "path", what, true, [name](JsonWriter& s) {
      if (std::string_view(name) == "collectionId") {
        s.field("type", "string");
      } else {
        s.field("type", "integer").field("minimum", 0);
      }
    });
  };
  // The query parameters every tile route takes: crs for all, the queryables for stations,
  // the coverage question for coverage.
  struct QueryParameter {
    const char* name;
    const char* what;
    const char* type;
  };
  static constexpr QueryParameter kQuery[] = {
      {"crs",
       "the datum the features are drawn in: wgs84 (default), gcj02 or bd09 (or their URIs), "
       "for basemaps in those datums",
       "string"},
      {"radius_m", "coverage: the radius of a station's reach in metres", "number"},
      {"walk_minutes", "coverage: the reach as minutes of walking", "number"},
      {"distance", "coverage: straight (default) or walk", "string"},
      {"min_stations", "coverage: covered means within reach of this many", "integer"},
      {"at",
       "stations: the instant of open_now; coverage: only stations open at this instant count",
       "string"},
      {"host_type", "stations: any of these host types (comma-separated)", "string"},
      {"amenities", "stations: all of these amenities (comma-separated)", "string"},
      {"district", "stations: only this district's", "string"},
      {"datetime", "stations: updated_at in this instant or interval", "string"},
      {"open_now", "stations: only those open now (or at at)", "boolean"},
      {"exclude", "coverage: leave out the server's excluded areas (default true)", "boolean"},
  };
  for (const char* which : {"tilesets", "tileset", "tilejson", "tile"}) {
    const std::string what(which);
    w.key(base + (what == "tilesets"   ? ""
                  : what == "tileset"  ? "/WebMercatorQuad"
                  : what == "tilejson" ? "/WebMercatorQuad/tilejson.json"
                                       : "/WebMercatorQuad/{z}/{y}/{x}"));
    w.begin_object().key("get").begin_object();
    w.field("operationId", "get_" + what);
    w.key("parameters").begin_array();
    path_parameter("collectionId", "stations, coverage, or streets with a network");
    if (what == "tile") {
      path_parameter("z", "the zoom (tile matrix), 0 to 24");
      path_parameter("y", "the row, 0 to 2^z - 1");
      path_parameter("x", "the column, 0 to 2^z - 1");
    }
    for (const QueryParameter& p : kQuery) {
      write_parameter(w, p.name, "query", p.what, false,
                      [&p](JsonWriter& s) { s.field("type", p.type); });
    }
    w.end_array();
    w.key("responses").begin_object();
    if (what == "tile") {
      write_response(w, "200",
                     "A Mapbox Vector Tile (empty inside the extent when nothing is there)",
                     {content_type::kMvt});
      w.key("204").begin_object().field("description",
                                        "The tile lies outside the collection's extent");
      w.end_object();
    } else {
      write_response(w, "200",
                     what == "tilesets"  ? "The tilesets (OGC API - Tiles)"
                     : what == "tileset" ? "The tileset (OGC API - Tiles)"
                                         : "TileJSON 3.0",
                     {content_type::kJson});
    }
    write_problem_responses(w);
    w.end_object().end_object().end_object();
  }
}

void write_items_path(JsonWriter& w, OgcCollection c, const Limits& limits) {
  const std::string id(ogc_collection_id(c));
  w.key("/collections/" + id + "/items").begin_object().key("get").begin_object();
  w.field("operationId", "get" + id + "Items");
  w.field("summary", "The " + id + ", a page at a time (next links carry the cursor)");
  w.key("parameters").begin_array();
  for (const char* p : {"bbox", "bbox-crs", "crs", "limit", "after", "f"}) {
    w.begin_object().field("$ref", std::string("#/components/parameters/") + p).end_object();
  }
  for (const char* p : {"filter", "filter-lang", "filter-crs"}) {
    w.begin_object().field("$ref", std::string("#/components/parameters/") + p).end_object();
  }
  if (c == OgcCollection::stations) {
    w.begin_object().field("$ref", "#/components/parameters/datetime").end_object();
    write_parameter(
        w, "host_type", "query", "any of these host types, comma-separated", false,
        [](JsonWriter& s) {
          s.field("type", "array").key("items").begin_object().field("type", "string");
          s.end_object();
        },
        false);
    write_parameter(
        w, "amenities", "query", "all of these amenities, comma-separated", false,
        [](JsonWriter& s) {
          s.field("type", "array").key("items").begin_object().field("type", "string");
          s.end_object();
        },
        false);
    write_parameter(w, "district", "query", "a district's name, English name or code", false,
                    [](JsonWriter& s) { s.field("type", "string"); });
    write_parameter(w, "open_now", "query", "only stations open at `at` (default now)", false,
                    [](JsonWriter& s) { s.field("type", "boolean"); });
    write_parameter(w, "at", "query", "the instant of open_now (RFC 3339)", false,
                    [](JsonWriter& s) { s.field("type", "string").field("format", "date-time"); });
  }
  w.end_array();
  w.key("responses").begin_object();
  write_response(w, "200", "A GeoJSON FeatureCollection with numberMatched and links",
                 {content_type::kGeoJson, content_type::kHtml});
  write_problem_responses(w);
  w.end_object().end_object().end_object();
  (void)limits;
}

void write_components(JsonWriter& w, const Limits& limits) {
  w.key("components").begin_object().key("parameters").begin_object();
  const auto named = [&w](const char* key, auto&& body) {
    w.key(key);
    body();
  };
  named("f", [&] {
    write_parameter(w, "f", "query", "json (default) or html", false, [](JsonWriter& s) {
      s.field("type", "string").key("enum").begin_array().value("json").value("html").end_array();
      s.field("default", "json");
    });
  });
  named("bbox", [&] {
    write_parameter(
        w, "bbox", "query",
        "minLon,minLat,maxLon,maxLat (or six numbers with heights), CRS84; west > "
        "east crosses the antimeridian",
        false,
        [](JsonWriter& s) {
          s.field("type", "array").field("minItems", 4).field("maxItems", 6);
          s.key("items").begin_object().field("type", "number").end_object();
        },
        false);
  });
  const auto crs_enum = [](JsonWriter& s) {
    s.field("type", "string").field("format", "uri").key("enum").begin_array();
    for (OgcCrs crs : ogc_crs_all()) s.value(ogc_crs_uri(crs));
    s.end_array().field("default", kCrs84);
  };
  named("bbox-crs", [&] {
    write_parameter(w, "bbox-crs", "query", "the CRS of bbox (default CRS84)", false, crs_enum);
  });
  named("crs", [&] {
    write_parameter(w, "crs", "query",
                    "the CRS of the answer's geometries (default CRS84; the Content-Crs header "
                    "names it)",
                    false, crs_enum);
  });
  named("limit", [&] {
    write_parameter(w, "limit", "query", "items a page", false, [&limits](JsonWriter& s) {
      s.field("type", "integer").field("minimum", 1);
      s.field("maximum", limits.ogc_limit_max).field("default", limits.ogc_limit_default);
    });
  });
  named("after", [&] {
    write_parameter(w, "after", "query",
                    "the cursor: items whose ids come after this id (next links carry it)", false,
                    [](JsonWriter& s) { s.field("type", "string"); });
  });
  named("filter", [&] {
    write_parameter(w, "filter", "query",
                    "a CQL2 filter over the collection's queryables (stations only)", false,
                    [](JsonWriter& s) { s.field("type", "string"); });
  });
  named("filter-lang", [&] {
    write_parameter(w, "filter-lang", "query", "the filter's encoding", false, [](JsonWriter& s) {
      s.field("type", "string").key("enum").begin_array().value("cql2-text").value("cql2-json");
      s.end_array().field("default", "cql2-text");
    });
  });
  named("filter-crs", [&] {
    write_parameter(w, "filter-crs", "query", "the CRS of the filter's geometries: CRS84 only",
                    false, [](JsonWriter& s) {
                      s.field("type", "string").field("format", "uri");
                      s.key("enum").begin_array().value(kCrs84).end_array();
                    });
  });
  named("datetime", [&] {
    write_parameter(w, "datetime", "query",
                    "updated_at at an instant or in an interval (start/end, ../end, start/..)",
                    false, [](JsonWriter& s) { s.field("type", "string"); });
  });
  w.end_object().end_object();
}

}  // namespace

const std::vector<std::string_view>& ogc_conformance_classes() {
  static const std::vector<std::string_view> classes = {
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
      "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
      "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
      "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
      "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
      "http://www.opengis.net/spec/cql2/1.0/conf/array-functions",
      "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
  };
  return classes;
}

std::optional<TimeExtent> station_time_extent(const Catalog& catalog) {
  std::optional<TimeExtent> out;
  for (uint32_t slot = 0; slot < catalog.slot_count(); ++slot) {
    if (!catalog.live(slot)) continue;
    const auto t = parse_iso8601(catalog.station(slot).updated_at);
    if (!t) continue;
    if (!out) {
      out = TimeExtent{*t, *t};
    } else {
      out->first = std::min(out->first, *t);
      out->last = std::max(out->last, *t);
    }
  }
  return out;
}

std::string render_ogc_landing(const OgcContext& ctx, OgcFormat format) {
  const std::string root = ctx.base + "/ogc";
  const std::vector<OgcLink> links = {
      {"self", content_type::kJson, root, "this document"},
      {"alternate", kHtmlLink, root + "?f=html", "this document as HTML"},
      {"service-desc", kOpenApiType, root + "/api", "the API definition (OpenAPI 3.0)"},
      {"service-doc", kHtmlLink, root + "/api?f=html", "the API documentation"},
      {"conformance", content_type::kJson, root + "/conformance", "conformance classes"},
      {"data", content_type::kJson, root + "/collections", "the collections"},
      {"http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", content_type::kJson,
       root + "/tileMatrixSets", "the tile matrix sets"},
  };
  const char* description =
      "Rest stations for outdoor workers, their districts, the walkable streets and the "
      "coverage gaps, as OGC API - Features and vector tiles (OGC API - Tiles) "
      "(stationfinder).";
  if (format == OgcFormat::html) {
    return html_page("stationfinder",
                     "<p>" + html_escape(description) + "</p>" + html_links(links));
  }
  JsonWriter w;
  w.begin_object().field("title", "stationfinder").field("description", description);
  write_links(w, links);
  w.end_object();
  return w.take();
}

std::string render_ogc_conformance(const OgcContext& ctx, OgcFormat format) {
  if (format == OgcFormat::html) {
    std::string body = "<ul>";
    for (std::string_view c : ogc_conformance_classes()) body += "<li>" + html_escape(c) + "</li>";
    return html_page("Conformance", body + "</ul>");
  }
  JsonWriter w;
  w.begin_object().key("conformsTo").begin_array();
  for (std::string_view c : ogc_conformance_classes()) w.value(c);
  w.end_array();
  write_links(w, {{"self", content_type::kJson, ctx.base + "/ogc/conformance", "this document"}});
  w.end_object();
  return w.take();
}

std::string render_ogc_collections(const OgcContext& ctx, OgcFormat format) {
  const std::vector<OgcCollection> all = ogc_collections(ctx.snapshot);
  if (format == OgcFormat::html) {
    std::string body = "<ul>";
    for (OgcCollection c : all) {
      body += "<li><a href=\"" + html_escape(collection_url(ctx, c) + "?f=html") + "\">" +
              html_escape(ogc_collection_id(c)) + "</a>: " + html_escape(collection_title(c)) +
              "</li>";
    }
    return html_page("Collections", body + "</ul>");
  }
  JsonWriter w;
  w.begin_object();
  write_links(w, {{"self", content_type::kJson, ctx.base + "/ogc/collections", "this document"},
                  {"alternate", kHtmlLink, ctx.base + "/ogc/collections?f=html", "as HTML"}});
  w.key("collections").begin_array();
  for (OgcCollection c : all) write_collection(w, ctx, c);
  w.end_array().end_object();
  return w.take();
}

std::string render_ogc_collection(const OgcContext& ctx, OgcCollection c, OgcFormat format) {
  if (format == OgcFormat::html) return html_page(collection_title(c), collection_html(ctx, c));
  JsonWriter w;
  write_collection(w, ctx, c);
  return w.take();
}

namespace {

constexpr const char* kWebMercatorQuadUri =
    "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
constexpr const char* kTilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
constexpr int kMaxTileZoom = 22;

std::string tiles_url(const OgcContext& ctx, OgcCollection c) {
  return collection_url(ctx, c) + "/tiles/WebMercatorQuad";
}

std::string tiling_scheme_url(const OgcContext& ctx) {
  return ctx.base + "/ogc/tileMatrixSets/WebMercatorQuad";
}

int geometry_dimension(OgcCollection c) {
  return c == OgcCollection::streets ? 1 : c == OgcCollection::coverage ? 2 : 0;
}

// The fields of the collection's one layer, as TileJSON names their types.
void write_tile_fields(JsonWriter& w, OgcCollection c) {
  w.key("fields").begin_object();
  if (c == OgcCollection::stations) {
    for (const char* f : {"id", "name", "host_type", "amenities", "opening_hours", "district"})
      w.field(f, "String");
    w.field("cluster", "Boolean").field("count", "Number");
  } else if (c == OgcCollection::streets) {
    w.field("class", "String").field("name", "String").field("length_m", "Number");
  }
  w.end_object();
}

// The tileset's description (OGC Two Dimensional Tile Matrix Set and Tile Set Metadata 2.0),
// whole or as an entry of the tilesets list.
void write_tileset(JsonWriter& w, const OgcContext& ctx, OgcCollection c, const std::string& query,
                   bool whole) {
  const std::string url = tiles_url(ctx, c);
  w.begin_object();
  w.field("title", std::string(ogc_collection_id(c)) + " vector tiles");
  w.field("dataType", "vector");
  w.field("tileMatrixSetURI", kWebMercatorQuadUri);
  w.field("crs", "http://www.opengis.net/def/crs/EPSG/0/3857");
  if (whole) {
    w.key("layers").begin_array().begin_object();
    w.field("id", ogc_collection_id(c)).field("dataType", "vector");
    w.field("geometryDimension", geometry_dimension(c));
    w.field("minTileMatrix", std::to_string(tile_min_zoom(c)));
    w.field("maxTileMatrix", std::to_string(kMaxTileZoom));
    w.end_object().end_array();
    // The rows and columns that hold the collection's extent, zoom by zoom.
    if (const auto b = tile_extent(ctx.snapshot, c)) {
      w.key("tileMatrixSetLimits").begin_array();
      for (int z = tile_min_zoom(c); z <= kMaxTileZoom; ++z) {
        const TileId nw = tile_containing(LonLat{b->west, b->north}, z);
        const TileId se = tile_containing(LonLat{b->east, b->south}, z);
        w.begin_object().field("tileMatrix", std::to_string(z));
        w.field("minTileRow", static_cast<uint64_t>(nw.y));
        w.field("maxTileRow", static_cast<uint64_t>(se.y));
        w.field("minTileCol", static_cast<uint64_t>(nw.x));
        w.field("maxTileCol", static_cast<uint64_t>(se.x)).end_object();
      }
      w.end_array();
    }
  }
  write_links(w,
              {{"self", content_type::kJson, url + query, "this tileset"},
               {kTilingSchemeRel, content_type::kJson, tiling_scheme_url(ctx),
                "the WebMercatorQuad tile matrix set"},
               {"item", content_type::kMvt, url + "/{tileMatrix}/{tileRow}/{tileCol}" + query,
                "a tile (templated)"},
               {"describedby", content_type::kJson, url + "/tilejson.json" + query, "TileJSON"}});
  w.end_object();
}

}  // namespace

std::string render_tilesets(const OgcContext& ctx, OgcCollection c, const std::string& query) {
  JsonWriter w;
  w.begin_object().key("tilesets").begin_array();
  write_tileset(w, ctx, c, query, false);
  w.end_array();
  write_links(
      w, {{"self", content_type::kJson, collection_url(ctx, c) + "/tiles" + query, "the tilesets"},
          {"collection", content_type::kJson, collection_url(ctx, c), "the collection"}});
  w.end_object();
  return w.take();
}

std::string render_tileset(const OgcContext& ctx, OgcCollection c, const std::string& query) {
  JsonWriter w;
  write_tileset(w, ctx, c, query, true);
  return w.take();
}

std::string render_tilejson(const OgcContext& ctx, OgcCollection c, const std::string& query) {
  JsonWriter w;
  w.begin_object().field("tilejson", "3.0.0");
  w.field("name", ogc_collection_id(c));
  w.key("tiles").begin_array().value(tiles_url(ctx, c) + "/{z}/{y}/{x}" + query).end_array();
  w.field("minzoom", tile_min_zoom(c)).field("maxzoom", kMaxTileZoom);
  if (const auto b = tile_extent(ctx.snapshot, c)) {
    w.key("bounds").begin_array().number(b->west, 6).number(b->south, 6).number(b->east, 6);
    w.number(b->north, 6).end_array();
  }
  w.key("vector_layers").begin_array().begin_object().field("id", ogc_collection_id(c));
  write_tile_fields(w, c);
  w.field("minzoom", tile_min_zoom(c)).field("maxzoom", kMaxTileZoom).end_object().end_array();
  w.end_object();
  return w.take();
}

std::string render_tile_matrix_sets(const OgcContext& ctx) {
  JsonWriter w;
  w.begin_object().key("tileMatrixSets").begin_array().begin_object();
  w.field("id", "WebMercatorQuad").field("title", "Google Maps Compatible for the World");
  w.field("uri", kWebMercatorQuadUri);
  write_links(w, {{"self", content_type::kJson, tiling_scheme_url(ctx), "WebMercatorQuad"}});
  w.end_object().end_array();
  write_links(
      w, {{"self", content_type::kJson, ctx.base + "/ogc/tileMatrixSets", "the tile matrix sets"}});
  w.end_object();
  return w.take();
}

std::string render_web_mercator_quad(const OgcContext& ctx) {
  // OGC 17-083r4 Annex D.1: 256-pixel tiles, 0.28 mm pixels, the square world of EPSG:3857.
  constexpr double kHalfWorldM = 20037508.3427892;
  JsonWriter w;
  w.begin_object().field("id", "WebMercatorQuad");
  w.field("title", "Google Maps Compatible for the World").field("uri", kWebMercatorQuadUri);
  w.field("crs", "http://www.opengis.net/def/crs/EPSG/0/3857");
  w.key("orderedAxes").begin_array().value("E").value("N").end_array();
  w.field("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
  w.key("tileMatrices").begin_array();
  for (int z = 0; z <= kMaxTileZoom; ++z) {
    const double n = std::ldexp(1.0, z);
    const double cell = 2 * kHalfWorldM / 256 / n;
    w.begin_object().field("id", std::to_string(z));
    w.key("scaleDenominator").number(cell / 0.00028, 10);
    w.key("cellSize").number(cell, 10);
    w.field("cornerOfOrigin", "topLeft");
    w.key("pointOfOrigin").begin_array().number(-kHalfWorldM, 7).number(kHalfWorldM, 7);
    w.end_array();
    w.field("tileWidth", 256).field("tileHeight", 256);
    w.field("matrixWidth", static_cast<uint64_t>(n))
        .field("matrixHeight", static_cast<uint64_t>(n));
    w.end_object();
  }
  w.end_array();
  write_links(w, {{"self", content_type::kJson, tiling_scheme_url(ctx), "this tile matrix set"}});
  w.end_object();
  return w.take();
}

std::string render_ogc_queryables(const OgcContext& ctx, OgcCollection c, OgcFormat format) {
  const std::string url = collection_url(ctx, c) + "/queryables";
  static const std::vector<cql2::Queryable> none;
  const auto& all = c == OgcCollection::stations ? station_queryables() : none;
  if (format == OgcFormat::html) {
    std::string body = "<table><tr><th>name</th><th>what</th></tr>";
    for (const auto& q : all) {
      body += "<tr><td>" + html_escape(q.name) + "</td><td>" + html_escape(q.description) +
              "</td></tr>";
    }
    return html_page(std::string(ogc_collection_id(c)) + " queryables", body + "</table>");
  }
  JsonWriter w;
  w.begin_object();
  w.field("$schema", "https://json-schema.org/draft/2020-12/schema");
  w.field("$id", url);
  w.field("type", "object");
  w.field("title", std::string(ogc_collection_id(c)) + " queryables");
  w.key("properties").begin_object();
  for (const auto& q : all) {
    w.key(q.name).begin_object().field("description", q.description);
    switch (q.type) {
      case cql2::Type::string:
        w.field("type", "string");
        break;
      case cql2::Type::number:
        w.field("type", "number");
        break;
      case cql2::Type::boolean:
        w.field("type", "boolean");
        break;
      case cql2::Type::instant:
        w.field("type", "string").field("format", "date-time");
        break;
      case cql2::Type::strings:
        w.field("type", "array").key("items").begin_object().field("type", "string").end_object();
        break;
      case cql2::Type::point:
        w.field("format", "geometry-point");
        w.field("$ref", "https://geojson.org/schema/Point.json");
        break;
    }
    w.end_object();
  }
  w.end_object();
  w.field("additionalProperties", false);
  w.end_object();
  return w.take();
}

std::string render_ogc_openapi(const OgcContext& ctx, const Limits& limits) {
  JsonWriter w;
  w.begin_object().field("openapi", "3.0.3");
  w.key("info").begin_object().field("title", "stationfinder OGC API - Features");
  w.field("version", "1.0.0");
  w.field("description",
          "Stations, districts and walkable streets as OGC API - Features Part 1 (Core, "
          "GeoJSON, HTML, OpenAPI 3.0), and vector tiles of stations, streets and coverage "
          "gaps (OGC API - Tiles). Paging follows next links, which carry an id cursor.");
  w.end_object();
  w.key("servers").begin_array().begin_object().field("url", ctx.base + "/ogc").end_object();
  w.end_array();
  w.key("paths").begin_object();
  write_plain_get(w, "/", "getLandingPage", "The landing page", false, false);
  write_plain_get(w, "/conformance", "getConformance", "The conformance classes", false, false);
  write_plain_get(w, "/api", "getApi", "This API definition", false, false);
  write_plain_get(w, "/collections", "getCollections", "The collections", false, false);
  write_plain_get(w, "/collections/{collectionId}", "getCollection", "One collection", true, false);
  write_plain_get(w, "/collections/{collectionId}/queryables", "getQueryables",
                  "The queryables (JSON Schema)", true, false);
  for (OgcCollection c : ogc_collections(ctx.snapshot)) {
    if (c != OgcCollection::coverage) write_items_path(w, c, limits);
  }
  write_tile_paths(w);
  write_plain_get(w, "/tileMatrixSets", "getTileMatrixSets", "The tile matrix sets", false, false);
  write_plain_get(w, "/tileMatrixSets/WebMercatorQuad", "getWebMercatorQuad",
                  "The WebMercatorQuad tile matrix set", false, false);
  write_plain_get(w, "/collections/{collectionId}/items/{featureId}", "getFeature", "One item",
                  true, true);
  w.end_object();
  write_components(w, limits);
  w.end_object();
  return w.take();
}

void write_ogc_items(const OgcContext& ctx, const ItemsRequest& r, const ItemsPage& page,
                     const ItemsLinks& links, const std::function<void(std::string_view)>& sink) {
  if (r.format == OgcFormat::html) {
    write_items_html(ctx, r, page, links, sink);
    return;
  }
  const RenderContext stations = station_context(ctx, r.at, r.crs);
  JsonWriter w;
  w.begin_object().field("type", "FeatureCollection").key("features").begin_array();
  for (uint32_t item : page.items) {
    write_item_feature(w, ctx, r.collection, item, stations);
    if (w.str().size() >= kPieceBytes) sink(w.drain());
  }
  w.end_array();
  w.field("numberMatched", static_cast<uint64_t>(page.matched));
  w.field("numberReturned", static_cast<uint64_t>(page.items.size()));
  w.field("timeStamp", format_shanghai(now_unix()));
  std::vector<OgcLink> all = {{"self", content_type::kGeoJson, links.self, "this page"},
                              {"alternate", kHtmlLink, links.alternate, "as HTML"}};
  if (!links.next.empty()) all.push_back({"next", content_type::kGeoJson, links.next, "next page"});
  all.push_back({"collection", content_type::kJson, links.collection, "the collection"});
  write_links(w, all);
  w.end_object();
  sink(w.drain());
}

std::string render_ogc_item(const OgcContext& ctx, OgcCollection c, uint32_t item, UnixSeconds at,
                            OgcCrs crs, OgcFormat format) {
  const std::string collection = collection_url(ctx, c);
  if (format == OgcFormat::html) {
    return html_page(std::string(ogc_collection_id(c)) + " item",
                     "<table>" + item_row(ctx, c, item) + "</table><p><a href=\"" +
                         html_escape(collection + "?f=html") + "\">the collection</a></p>");
  }
  JsonWriter w;
  write_item_feature(w, ctx, c, item, station_context(ctx, at, crs));
  std::string feature = w.take();
  feature.pop_back();  // the Feature's closing brace: its links follow
  JsonWriter links;
  links.begin_object();
  std::string id;
  switch (c) {
    case OgcCollection::stations:
      id = std::string(ctx.snapshot.catalog->station(item).id);
      break;
    case OgcCollection::districts:
      id = district_feature_id(ctx.snapshot.catalog->districts()[item]);
      break;
    case OgcCollection::streets:
      id = std::to_string(item);
      break;
    case OgcCollection::coverage:
      break;  // tiles only
  }
  write_links(links, {{"self", content_type::kGeoJson, collection + "/items/" + percent_encode(id),
                       "this item"},
                      {"collection", content_type::kJson, collection, "the collection"}});
  links.end_object();
  const std::string members = links.take();  // {"links":[…]}
  return feature + "," + members.substr(1);
}

}  // namespace sf
