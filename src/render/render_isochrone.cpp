#include "render/render_isochrone.hpp"

#include "render/json_writer.hpp"

namespace sf {

namespace {

void write_position(JsonWriter& w, LonLat p, Datum datum) {
  const LonLat q = from_wgs84(p, datum);
  w.begin_array().number(q.lon, 6).number(q.lat, 6).end_array();
}

void write_parameters(JsonWriter& w, const Isochrone& iso, Datum datum) {
  w.key("parameters").begin_object();
  w.key("origin");
  write_position(w, iso.origin, datum);
  w.key("station_id");
  iso.station_id.empty() ? w.null() : w.value(iso.station_id);
  w.key("snap_m").number(iso.snap_m, 1);
  w.field("distance", "walk");
  w.key("walk_speed_kmh").number(iso.walk_speed_kmh, 3);
  w.key("cell_m").number(iso.cell_m, 3);
  w.field("crs", datum_name(datum));
  w.field("network_version", iso.network_version);
  w.end_object();
}

void write_figures(JsonWriter& w, const IsochroneContour& c) {
  w.key("walk_m").number(c.limit_m, 3);
  w.key("walk_minutes");
  c.minutes ? w.number(*c.minutes, 3) : w.null();
  w.key("area_m2").number(c.area_m2, 0);
  w.field("cells", static_cast<uint64_t>(c.cells));
}

void write_multipolygon(JsonWriter& w, const IsochroneContour& c, Datum datum) {
  w.begin_object().field("type", "MultiPolygon").key("coordinates").begin_array();
  for (const std::vector<Ring>& polygon : c.polygons) {
    w.begin_array();
    for (const Ring& ring : polygon) {
      w.begin_array();
      for (const LonLat& p : ring) write_position(w, p, datum);
      w.end_array();
    }
    w.end_array();
  }
  w.end_array().end_object();
}

}  // namespace

std::string render_isochrone(const Isochrone& iso, Datum datum, Format format) {
  const bool geojson = format == Format::geojson;
  JsonWriter w;
  w.begin_object();
  if (geojson) w.field("type", "FeatureCollection");
  write_parameters(w, iso, datum);
  w.key(geojson ? "features" : "contours").begin_array();
  for (const IsochroneContour& c : iso.contours) {
    w.begin_object();
    if (geojson) {
      w.field("type", "Feature");
      w.key("geometry");
      write_multipolygon(w, c, datum);
      w.key("properties").begin_object();
    }
    write_figures(w, c);
    if (geojson) w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace sf
