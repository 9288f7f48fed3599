// OGC API - Features (Part 1 Core) over the snapshot: the collections served under /ogc, the
// items request every collection's /items route parses (bbox, limit, the id cursor `after`,
// datetime, the queryables as query parameters, f), and the pages those requests get. One
// parser and checker; render/render_ogc writes the documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/limits.hpp"
#include "service/query_params.hpp"
#include "service/snapshot.hpp"

namespace sf {

// coverage has tiles only: the uncovered areas of a coverage question, tile by tile.
enum class OgcCollection { stations, districts, streets, coverage };

// The collections of a snapshot: streets only when it walks on a network.
std::vector<OgcCollection> ogc_collections(const Snapshot& snap);
std::string_view ogc_collection_id(OgcCollection c);
// The collection named `id`; Error(collection_not_found, "collectionId") otherwise.
OgcCollection find_ogc_collection(const Snapshot& snap, std::string_view id);
// The same for the routes of items and queryables, which coverage (tiles only) has not.
OgcCollection find_items_collection(const Snapshot& snap, std::string_view id);

// The CRS of these routes (Part 2), each by the URI it is asked for: CRS84 (WGS84 longitude,
// latitude: the default and the storage CRS), EPSG:4326 (latitude first), EPSG:3857 (Web
// Mercator metres), and GCJ-02 and BD-09 (longitude, latitude), which have no registered URI:
// the project's own URNs stand for them.
enum class OgcCrs { crs84, epsg4326, epsg3857, gcj02, bd09 };
inline constexpr std::string_view kCrs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
const std::vector<OgcCrs>& ogc_crs_all();
std::string_view ogc_crs_uri(OgcCrs crs);
// The CRS `uri` names; Error(unknown_crs, parameter) listing the URIs (the v1 API's short names
// such as gcj02 are refused with a pointer to their URI).
OgcCrs parse_ogc_crs(std::string_view uri, const std::string& parameter);
// The datum a CRS puts positions in (WGS84 for CRS84, EPSG:4326 and EPSG:3857).
Datum ogc_crs_datum(OgcCrs crs);
// crs= (default CRS84).
OgcCrs parse_output_crs(const QueryParams& p);

enum class OgcFormat { json, html };

struct ItemsRequest {
  OgcCollection collection = OgcCollection::stations;
  std::optional<BBox> bbox;          // CRS84; west > east crosses the antimeridian
  size_t limit = 100;                // limits.ogc_limit_default, at most limits.ogc_limit_max
  std::optional<std::string> after;  // the cursor: items whose ids come after this one
  StationFilter filter;              // stations: queryables and datetime (on updated_at)
  UnixSeconds at = 0;                // the instant of open_now and the answer's open_now
  bool at_given = false;
  OgcFormat format = OgcFormat::json;
  OgcCrs crs = OgcCrs::crs84;  // of the answer's geometries
};

// bbox (4 or 6 numbers, in bbox-crs: any of ogc_crs_all()), crs, limit, after, datetime (an instant
// or an interval with open ends, stations only), f=json|html; for stations also host_type (any of),
// amenities (all of), district, open_now and at. Any other parameter is parameter_unknown.
ItemsRequest parse_items(const QueryParams& p, OgcCollection collection, const Limits& limits,
                         const Catalog& catalog);
// The stations' queryables as query parameters, for items and station tiles alike: host_type
// (any of, comma-separated), amenities (all of), district, datetime (on updated_at) and
// open_now at `at` (else now), added to `filter`. Returns the instant and whether it was given
// (without it an answer with open_now depends on the clock).
struct QueryInstant {
  UnixSeconds at = 0;
  bool given = false;
};
QueryInstant parse_station_queryables(const QueryParams& p, const Catalog& catalog,
                                      StationFilter& filter);
// f= of the other /ogc documents (json or html; default json).
OgcFormat parse_ogc_format(const QueryParams& p);

// A page of items: stations and districts by their index (a catalog slot or an index into
// catalog.districts()), streets by segment; each list is in id order.
struct ItemsPage {
  std::vector<uint32_t> items;
  size_t matched = 0;                     // every item that passes bbox, datetime and the filters
  std::optional<std::string> next_after;  // the cursor of the next page; none after the last
};
ItemsPage ogc_items(const Snapshot& snap, const ItemsRequest& r);

// The id a district is served under: its code, or its name when it has none.
std::string district_feature_id(const District& d);
// One item by its id; Error(feature_not_found, "featureId") when there is none.
uint32_t find_ogc_item(const Snapshot& snap, OgcCollection c, std::string_view id);

}  // namespace sf
