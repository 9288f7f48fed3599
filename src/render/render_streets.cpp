#include "render/render_streets.hpp"

#include "render/content_types.hpp"
#include "render/json_writer.hpp"

namespace sf {

void write_street_feature(JsonWriter& w, const WalkNetwork& network, uint32_t s, Datum datum,
                          Axes axes) {
  const WalkGraph& g = network.graph();
  const auto [a, b] = g.segment_nodes(s);
  const StreetLabel& label = network.label_of(s);
  w.begin_object().field("type", "Feature").field("id", static_cast<uint64_t>(s));
  w.key("geometry").begin_object().field("type", "LineString").key("coordinates").begin_array();
  for (const uint32_t n : {a, b}) write_position(w, g.node(n), datum, axes, 6);
  w.end_array().end_object();
  w.key("properties").begin_object();
  w.key("class");
  label.street_class.empty() ? w.null() : w.value(label.street_class);
  w.key("name");
  label.name.empty() ? w.null() : w.value(label.name);
  w.key("length_m").number(g.segment_length_m(s), 1);
  w.field("snapped_to", g.snappable(s));
  w.end_object().end_object();
}

std::string render_streets(const WalkNetwork& network, const StreetPage& page, Datum datum,
                           const std::vector<Link>& links) {
  JsonWriter w;
  w.begin_object().field("type", "FeatureCollection");
  w.field("numberMatched", static_cast<uint64_t>(page.total));
  w.field("numberReturned", static_cast<uint64_t>(page.segments.size()));
  w.field("network_version", network.version());
  w.field("crs", datum_name(datum));
  w.key("features").begin_array();
  for (uint32_t s : page.segments) write_street_feature(w, network, s, datum);
  w.end_array();
  w.key("links").begin_array();
  for (const Link& l : links) {
    w.begin_object().field("rel", l.rel).field("href", l.href);
    w.field("type", content_type::kGeoJson).end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace sf
