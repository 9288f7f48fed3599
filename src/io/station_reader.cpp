#include "io/station_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include <ogrsf_frmts.h>

#include "core/decimal.hpp"
#include "core/errors.hpp"
#include "core/opening_hours.hpp"
#include "core/station_fields.hpp"
#include "core/text.hpp"
#include "io/gdal_handles.hpp"
#include "io/source_crs.hpp"

namespace sf::io {

namespace {

struct FieldSpec {
  std::string field;
  std::vector<std::string> names;     // exact column names, case-insensitive, in priority order
  std::vector<std::string> prefixes;  // then columns starting with one of these
};

const std::vector<FieldSpec>& field_specs() {
  static const std::vector<FieldSpec> specs = {
      {"id", {"id", "station_id", "uid", "sid", "poi_id", "poiid", "编号"}, {}},
      {"name", {"name", "station_name", "title", "名称", "站点名称"}, {}},
      {"lon", {"lon", "lng", "long", "longitude", "x", "经度"}, {"lng", "lon"}},
      {"lat", {"lat", "latitude", "y", "纬度"}, {"lat"}},
      {"host_type", {"host_type", "host", "hosttype"}, {}},
      {"amenities", {"amenities", "services", "facilities", "设施"}, {}},
      {"opening_hours", {"opening_hours", "hours", "open_hours", "营业时间"}, {}},
      {"address", {"address", "addr", "地址"}, {}},
      {"district", {"district", "area", "区县", "行政区", "所属区"}, {}},
      {"phone", {"phone", "telephone", "tel", "电话"}, {}},
      {"updated_at", {"updated_at", "updated", "last_updated", "更新时间"}, {}},
  };
  return specs;
}

std::string trim(std::string s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Field index per canonical field, or -1.
using ColumnMap = std::unordered_map<std::string, int>;

ColumnMap resolve_columns(OGRFeatureDefn& defn, const StationReadOptions& options,
                          StationReadReport& report) {
  std::vector<std::string> names;
  for (int i = 0; i < defn.GetFieldCount(); ++i)
    names.push_back(defn.GetFieldDefn(i)->GetNameRef());
  auto index_of = [&](const std::string& wanted) -> int {
    for (size_t i = 0; i < names.size(); ++i)
      if (equals_ignore_case(names[i], wanted)) return static_cast<int>(i);
    return -1;
  };
  ColumnMap map;
  for (const auto& [field, column] : options.columns) {
    const auto& specs = field_specs();
    const std::string& name = field;  // a structured binding cannot be captured (clang 14)
    if (std::none_of(specs.begin(), specs.end(), [&](auto& s) { return s.field == name; })) {
      throw Error(
          ErrorCode::parameter_invalid, "--map",
          "'" + field + "' is not a station field; fields are " + join(station_field_names()));
    }
    const int idx = index_of(column);
    if (idx < 0) {
      throw Error(ErrorCode::parameter_invalid, "--map",
                  "column '" + column + "' is not in the layer; its columns are: " + join(names));
    }
    map[field] = idx;
  }
  for (const FieldSpec& spec : field_specs()) {
    if (map.count(spec.field)) continue;
    int idx = -1;
    for (const std::string& n : spec.names) {
      if ((idx = index_of(n)) >= 0) break;
    }
    for (size_t i = 0; idx < 0 && i < names.size(); ++i) {
      for (const std::string& p : spec.prefixes) {
        if (to_lower_ascii(names[i]).rfind(p, 0) == 0) {
          idx = static_cast<int>(i);
          break;
        }
      }
    }
    // A column taken for another field is not reused (lon and lng_x, say).
    for (const auto& [other, used] : map) {
      if (used == idx) idx = -1;
    }
    if (idx >= 0) map[spec.field] = idx;
  }
  for (const auto& [field, idx] : map) report.columns_used[field] = names[static_cast<size_t>(idx)];
  return map;
}

int column(const ColumnMap& map, const char* field) {
  auto it = map.find(field);
  return it == map.end() ? -1 : it->second;
}

// The field indexes, looked up once per layer rather than once per row.
struct Columns {
  explicit Columns(const ColumnMap& m)
      : id(column(m, "id")),
        name(column(m, "name")),
        lon(column(m, "lon")),
        lat(column(m, "lat")),
        host_type(column(m, "host_type")),
        amenities(column(m, "amenities")),
        opening_hours(column(m, "opening_hours")),
        address(column(m, "address")),
        district(column(m, "district")),
        phone(column(m, "phone")),
        updated_at(column(m, "updated_at")) {}
  int id, name, lon, lat, host_type, amenities, opening_hours, address, district, phone, updated_at;
};

// GDAL reads date-times in its own "YYYY/MM/DD HH:MM:SS+TZ" form; give ISO 8601 back.
std::string iso8601_of(OGRFeature& f, int idx, OGRFieldType type) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
  float sec = 0;
  if (!f.GetFieldAsDateTime(idx, &y, &mo, &d, &h, &mi, &sec, &tz)) return f.GetFieldAsString(idx);
  char buf[64];
  if (type == OFTDate) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    return buf;
  }
  const int whole = static_cast<int>(sec);
  const int millis = static_cast<int>(std::lround((sec - static_cast<float>(whole)) * 1000));
  if (type == OFTTime) {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, mi, whole);
    return buf;
  }
  std::string out(
      buf, static_cast<size_t>(std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y,
                                             mo, d, h, mi, whole)));
  if (millis > 0) {
    std::snprintf(buf, sizeof buf, ".%03d", millis);
    out += buf;
  }
  if (tz == 100) {
    out += "Z";
  } else if (tz > 1) {  // 100 + n quarter hours east of UTC
    const int minutes = (tz - 100) * 15;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', std::abs(minutes) / 60,
                  std::abs(minutes) % 60);
    out += buf;
  }
  return out;
}

std::string text_of(OGRFeature& f, int idx) {
  if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return {};
  const OGRFieldType type = f.GetFieldDefnRef(idx)->GetType();
  if (type == OFTDateTime || type == OFTDate || type == OFTTime) return iso8601_of(f, idx, type);
  if (type == OFTStringList) {
    std::string joined;
    char** list = f.GetFieldAsStringList(idx);
    for (int i = 0; list != nullptr && list[i] != nullptr; ++i) {
      if (!joined.empty()) joined += ',';
      joined += list[i];
    }
    return joined;
  }
  return trim(f.GetFieldAsString(idx));
}

// Strict number parsing: the whole text must be a number.
enum class NumberParse { ok, empty, not_a_number, not_finite };
NumberParse parse_number(const std::string& text, double& out) {
  if (text.empty()) return NumberParse::empty;
  const std::optional<double> v = parse_decimal(text);
  if (!v) return NumberParse::not_a_number;
  out = *v;
  if (!std::isfinite(out)) return NumberParse::not_finite;
  return NumberParse::ok;
}

std::string format_coord(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.7f", v);
  return buf;
}

// The feature's position in source coordinates, or an error reason.
std::optional<std::string> source_position(OGRFeature& f, const Columns& columns, double& x,
                                           double& y, std::string& warning) {
  const OGRGeometry* g = f.GetGeometryRef();
  if (g != nullptr && !g->IsEmpty()) {
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPoint) {
      x = g->toPoint()->getX();
      y = g->toPoint()->getY();
    } else if (type == wkbMultiPoint) {
      const OGRMultiPoint* mp = g->toMultiPoint();
      if (mp->getNumGeometries() != 1) {
        return "MultiPoint with " + std::to_string(mp->getNumGeometries()) +
               " points (one point per station)";
      }
      x = mp->getGeometryRef(0)->getX();
      y = mp->getGeometryRef(0)->getY();
    } else if (type == wkbPolygon || type == wkbMultiPolygon || type == wkbCurvePolygon ||
               type == wkbMultiSurface) {
      OGRPoint centroid;
      if (g->Centroid(&centroid) != OGRERR_NONE || centroid.IsEmpty()) {
        return std::string("polygon whose centroid cannot be computed");
      }
      x = centroid.getX();
      y = centroid.getY();
      warning = std::string(OGRGeometryTypeToName(g->getGeometryType())) +
                " geometry: its centroid is used as the station position";
    } else {
      return "geometry type " + std::string(OGRGeometryTypeToName(g->getGeometryType())) +
             " is not a point";
    }
    if (!std::isfinite(x) || !std::isfinite(y)) return std::string("coordinates are not finite");
    return std::nullopt;
  }
  const int lon_col = columns.lon, lat_col = columns.lat;
  if (lon_col < 0 || lat_col < 0) return std::string("no geometry and no lon/lat columns");
  const std::string lon_text = text_of(f, lon_col), lat_text = text_of(f, lat_col);
  for (auto [name, text, out] :
       {std::tuple{"lon", &lon_text, &x}, std::tuple{"lat", &lat_text, &y}}) {
    switch (parse_number(*text, *out)) {
      case NumberParse::ok:
        break;
      case NumberParse::empty:
        return std::string(name) + " is empty (no geometry)";
      case NumberParse::not_a_number:
        return std::string(name) + " '" + *text + "' is not a number";
      case NumberParse::not_finite:
        return std::string(name) + " '" + *text + "' is not finite";
    }
  }
  return std::nullopt;
}

// Keeps the first station of each id and reports the others as rejected rows. Sorting 64-bit
// hashes of the ids finds candidates far faster than a hash table of a million strings.
void reject_duplicate_ids(std::vector<Station>& stations, const std::vector<size_t>& rows,
                          StationReadReport& report) {
  struct Entry {
    uint64_t hash;
    uint32_t index;
  };
  std::vector<Entry> entries(stations.size());
  for (uint32_t i = 0; i < entries.size(); ++i) {
    entries[i] = {std::hash<std::string>{}(stations[i].id), i};
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.index < b.index;
  });
  std::vector<bool> drop(stations.size(), false);
  std::vector<RowIssue> duplicates;
  for (size_t start = 0; start < entries.size();) {
    size_t end = start + 1;
    while (end < entries.size() && entries[end].hash == entries[start].hash) ++end;
    // Within one hash, each station is a duplicate of the first earlier one with its id.
    for (size_t i = start + 1; i < end; ++i) {
      for (size_t j = start; j < i; ++j) {
        const Station& a = stations[entries[j].index];
        if (!drop[entries[j].index] && a.id == stations[entries[i].index].id) {
          drop[entries[i].index] = true;
          duplicates.push_back(
              {rows[entries[i].index], "duplicate id '" + a.id + "' (first seen at row " +
                                           std::to_string(rows[entries[j].index]) + ")"});
          break;
        }
      }
    }
    start = end;
  }
  if (duplicates.empty()) return;
  size_t kept = 0;
  for (size_t i = 0; i < stations.size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) stations[kept] = std::move(stations[i]);
    ++kept;
  }
  stations.resize(kept);
  // A rejected row keeps no warnings: it is not imported.
  std::vector<size_t> dropped_rows;
  for (const RowIssue& d : duplicates) dropped_rows.push_back(d.row);
  std::sort(dropped_rows.begin(), dropped_rows.end());
  std::erase_if(report.warnings, [&](const RowIssue& w) {
    return std::binary_search(dropped_rows.begin(), dropped_rows.end(), w.row);
  });
  report.rejected.insert(report.rejected.end(), duplicates.begin(), duplicates.end());
  std::sort(report.rejected.begin(), report.rejected.end(),
            [](const RowIssue& a, const RowIssue& b) { return a.row < b.row; });
}

}  // namespace

const std::vector<std::string>& station_field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& s : field_specs()) out.push_back(s.field);
    return out;
  }();
  return names;
}

std::string derived_station_id(const std::string& name, LonLat position,
                               const std::string& address) {
  uint64_t h = 1469598103934665603ull;
  auto add = [&](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;
    h *= 1099511628211ull;
  };
  add(name);
  add(format_coord(position.lon));
  add(format_coord(position.lat));
  add(address);
  char buf[24];
  std::snprintf(buf, sizeof buf, "h%015llx", static_cast<unsigned long long>(h >> 4));
  return buf;
}

StationReadResult read_stations(const std::string& source, const StationReadOptions& options) {
  StationReadResult result;
  std::vector<size_t> rows;  // the source row of each station kept
  result.report = for_each_station(
      source, options,
      [&](Station&& s, size_t row) {
        result.stations.push_back(std::move(s));
        rows.push_back(row);
      },
      [&](const StationReadReport&, size_t count) {
        // Sized once: growing by doubling would hold the old and the new array at once.
        result.stations.reserve(count);
        rows.reserve(count);
      });
  reject_duplicate_ids(result.stations, rows, result.report);
  return result;
}

StationReadReport for_each_station(
    const std::string& source, const StationReadOptions& options,
    const std::function<void(Station&&, size_t row)>& emit,
    const std::function<void(const StationReadReport&, size_t count)>& begin) {
  DatasetPtr ds = open_vector(source);
  OGRLayer* layer = pick_layer(*ds, source, options.layer, "stations");
  StationReadReport report;
  report.source = source;
  report.layer = layer->GetName();
  for (int i = 0; i < ds->GetLayerCount(); ++i)
    report.source_layers.push_back(ds->GetLayer(i)->GetName());
  const ColumnMap columns = resolve_columns(*layer->GetLayerDefn(), options, report);
  const SourceCrs crs = SourceCrs::make(layer->GetSpatialRef(), options.crs);
  report.crs = crs.description();
  for (const char* f : {"id", "host_type", "amenities", "opening_hours", "district"}) {
    if (column(columns, f) < 0) {
      std::string note = std::string("no ") + f + " column";
      if (std::string(f) == "id") note += ": ids are derived from name, position and address";
      if (std::string(f) == "host_type") note += ": every station's host_type is 'other'";
      if (std::string(f) == "amenities") note += ": no station lists amenities";
      if (std::string(f) == "opening_hours") note += ": open_now is null for every station";
      if (std::string(f) == "district") note += ": districts come from the district polygons";
      report.notes.push_back(note);
    }
  }

  const Columns cols(columns);
  std::unordered_map<std::string, bool> hours_parse;  // hours texts repeat: parse each once
  // A driver that cannot read a row reports a failure and may end the layer there as if it
  // were complete (GDAL's CSV reader at a field over its size limit): any failure, or fewer
  // rows than the source says it holds, fails the whole read, so a truncated file can never
  // pass for a smaller one (and a replace never deletes what it did not read).
  const GdalErrorTrap trap;
  GdalErrorTrap counting;
  GIntBig count = layer->GetFeatureCount(FALSE);  // -1 when the driver cannot say cheaply
  if (counting.failed()) count = -1;              // the read below names the row that fails
  counting.release();
  if (begin) begin(report, count > 0 ? static_cast<size_t>(count) : 0);
  // A store (GeoPackage, PostGIS) may take a write between the count and the read, so only a
  // file that nothing writes is held to its count; a store's truncation is a driver error.
  const std::string driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
  const bool live_store = driver == "GPKG" || driver == "PostgreSQL" || driver == "SQLite";
  const GIntBig expected = live_store ? -1 : count;
  layer->ResetReading();
  size_t row = 0;
  for (;;) {
    OGRFeatureUniquePtr feature(layer->GetNextFeature());
    if (trap.failed()) {
      throw Error(ErrorCode::data_invalid, source,
                  "row " + std::to_string(row + 1) + " cannot be read (" + trap.failure() +
                      "); reading stopped there, so nothing of this source was used");
    }
    if (!feature) break;
    ++row;
    OGRFeature& f = *feature;
    auto reject = [&](std::string reason) { report.rejected.push_back({row, std::move(reason)}); };
    double x = 0, y = 0;
    std::string geometry_warning;
    if (auto problem = source_position(f, cols, x, y, geometry_warning)) {
      reject(*problem);
      continue;
    }
    Station s;
    if (!crs.to_wgs84(x, y, s.position)) {
      reject("coordinates (" + format_coord(x) + ", " + format_coord(y) +
             ") cannot be transformed to WGS84");
      continue;
    }
    if (!is_valid_lonlat(s.position.lon, s.position.lat)) {
      reject("coordinates out of range: lon " + format_coord(s.position.lon) + ", lat " +
             format_coord(s.position.lat) + " (lon must be in [-180, 180], lat in [-90, 90])");
      continue;
    }
    s.name = text_of(f, cols.name);
    s.address = text_of(f, cols.address);
    s.district = text_of(f, cols.district);
    s.phone = text_of(f, cols.phone);
    s.updated_at = text_of(f, cols.updated_at);
    s.opening_hours = text_of(f, cols.opening_hours);
    s.id = text_of(f, cols.id);
    const std::string host = text_of(f, cols.host_type);
    const std::string amenities = text_of(f, cols.amenities);
    // Every text is well-formed UTF-8 without NUL, or the row is not imported: one bad byte
    // would make every answer that names the station invalid JSON.
    std::string unclean;
    using Text = std::pair<std::string_view, const std::string*>;
    std::array<Text, kStationTexts.size() + 2> texts;
    for (size_t i = 0; i < kStationTexts.size(); ++i)
      texts[i] = {kStationTexts[i].name, &(s.*kStationTexts[i].owned)};
    texts[kStationTexts.size()] = {"host_type", &host};
    texts[kStationTexts.size() + 1] = {"amenities", &amenities};
    for (const auto& [field, text] : texts) {
      if (const std::string why = unclean_text_reason(*text); !why.empty()) {
        unclean = std::string(field) + " " + why;
        break;
      }
    }
    if (!unclean.empty()) {
      reject(unclean);
      continue;
    }

    if (!host.empty()) {
      auto h = parse_host_type(host);
      if (!h) {
        reject("unknown host_type '" + host + "'");
        continue;
      }
      s.host_type = *h;
    }
    bool bad_amenity = false;
    for (const std::string& token : split_list(amenities)) {
      auto a = parse_amenity(token);
      if (!a) {
        reject("unknown amenity '" + token + "'");
        bad_amenity = true;
        break;
      }
      s.amenities |= amenity_bit(*a);
    }
    if (bad_amenity) continue;

    if (s.id.empty()) {
      s.id = derived_station_id(s.name, s.position, s.address);
      if (cols.id >= 0) {
        report.warnings.push_back({row, "empty id: derived id " + s.id + " is used"});
      }
    }
    if (!geometry_warning.empty()) report.warnings.push_back({row, geometry_warning});
    bool hours_ok = true;
    if (!s.opening_hours.empty()) {
      auto [cached, fresh] = hours_parse.emplace(s.opening_hours, true);
      if (fresh) cached->second = OpeningHours::parse(s.opening_hours).has_value();
      hours_ok = cached->second;
    }
    if (!hours_ok) {
      report.warnings.push_back(
          {row, "opening_hours '" + s.opening_hours + "' not understood: open_now will be null"});
    }
    emit(std::move(s), row);
  }
  if (expected >= 0 && static_cast<size_t>(expected) != row) {
    throw Error(ErrorCode::data_invalid, source,
                "the layer says it holds " + std::to_string(expected) + " rows but " +
                    std::to_string(row) + " were read; nothing of this source was used");
  }
  for (const std::string& w : trap.warnings()) report.notes.push_back("GDAL: " + w);
  report.rows = row;
  return report;
}

}  // namespace sf::io
