#include "io/network_writer.hpp"

#include <osmium/builder/attr.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/memory/buffer.hpp>

#include "core/errors.hpp"
#include "io/network_reader.hpp"
#include "io/vector_file_writer.hpp"

namespace sf::io {

namespace {

// What a piece is written with: its class (footway when it has none) and its name.
struct Labelled {
  const StreetLabels& labels;
  const std::vector<uint32_t>& of_segment;
  const StreetLabel& operator()(uint32_t s) const {
    return labels.label(s < of_segment.size() ? of_segment[s] : 0);
  }
  static const char* highway(const StreetLabel& l) {
    return l.street_class.empty() ? "footway" : l.street_class.c_str();
  }
};

void write_osm(const std::string& path, const WalkGraph& graph, const Labelled& label_of) {
  try {
    osmium::io::Header header;
    header.set("generator", "stationfinder");
    osmium::io::Writer writer(path, header, osmium::io::overwrite::allow);
    osmium::memory::Buffer buffer(1 << 20, osmium::memory::Buffer::auto_grow::yes);
    using namespace osmium::builder::attr;  // NOLINT(google-build-using-namespace): the builder DSL
    const auto flush = [&] {
      if (buffer.committed() < (1 << 20) - 4096) return;
      writer(std::move(buffer));
      buffer = osmium::memory::Buffer(1 << 20, osmium::memory::Buffer::auto_grow::yes);
    };
    for (uint32_t n = 0; n < graph.node_count(); ++n) {
      const LonLat p = graph.node(n);
      osmium::builder::add_node(buffer, _id(int64_t{n} + 1), _version(1),
                                _location(osmium::Location(p.lon, p.lat)));
      flush();
    }
    for (uint32_t s = 0; s < graph.segment_count(); ++s) {
      const auto [a, b] = graph.segment_nodes(s);
      const StreetLabel& label = label_of(s);
      if (label.name.empty()) {
        osmium::builder::add_way(buffer, _id(int64_t{s} + 1), _version(1),
                                 _nodes({int64_t{a} + 1, int64_t{b} + 1}),
                                 _tag("highway", Labelled::highway(label)));
      } else {
        osmium::builder::add_way(
            buffer, _id(int64_t{s} + 1), _version(1), _nodes({int64_t{a} + 1, int64_t{b} + 1}),
            _tag("highway", Labelled::highway(label)), _tag("name", label.name));
      }
      flush();
    }
    writer(std::move(buffer));
    writer.close();
  } catch (const std::exception& e) {
    throw Error(ErrorCode::data_source_unreadable, path,
                std::string("cannot write OpenStreetMap: ") + e.what());
  }
}

void write_lines(const std::string& path, const WalkGraph& graph, const Labelled& label_of) {
  VectorFileWriter out(path, "network", GeometryKind::line,
                       {{"id", FieldType::integer},
                        {"source", FieldType::integer},
                        {"target", FieldType::integer},
                        {"cost", FieldType::real},
                        {"reverse_cost", FieldType::real},
                        {"part", FieldType::integer},
                        {"highway", FieldType::text},
                        {"name", FieldType::text}},
                       Datum::wgs84);
  for (uint32_t s = 0; s < graph.segment_count(); ++s) {
    const auto [a, b] = graph.segment_nodes(s);
    const double length = graph.segment_length_m(s);
    const StreetLabel& label = label_of(s);
    out.add_line({graph.node(a), graph.node(b)},
                 {int64_t{s} + 1, int64_t{a} + 1, int64_t{b} + 1, length, length,
                  int64_t{graph.part_of(a)}, std::string(Labelled::highway(label)),
                  label.name.empty() ? FieldValue() : FieldValue(label.name)});
  }
  out.finish();
}

}  // namespace

void write_network(const std::string& path, const WalkGraph& graph, const StreetLabels& labels,
                   const std::vector<uint32_t>& segment_labels) {
  const Labelled label_of{labels, segment_labels};
  if (is_osm_file(path)) {
    write_osm(path, graph, label_of);
  } else {
    write_lines(path, graph, label_of);
  }
}

}  // namespace sf::io
