#include "render/render_writes.hpp"

#include "core/amenity.hpp"
#include "render/json_writer.hpp"

namespace sf {

std::string render_bulk(const std::string& mode, const io::StationReadResult& read,
                        const WriteOutcome& outcome) {
  size_t replaced = 0;
  for (bool e : outcome.existed) replaced += e ? 1 : 0;
  const uint64_t received = read.stations.size();
  JsonWriter w;
  w.begin_object();
  w.field("added", received - replaced);
  w.field("dataset_version", outcome.version);
  w.field("deleted", static_cast<uint64_t>(outcome.deleted_unnamed));
  w.field("mode", mode);
  w.field("received", received);
  w.field("replaced", static_cast<uint64_t>(replaced));
  w.key("warnings").begin_array();
  for (const io::RowIssue& issue : read.report.warnings) {
    w.begin_object();
    w.field("reason", issue.reason);
    w.field("row", static_cast<uint64_t>(issue.row));
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

namespace {

void write_version(JsonWriter& w, const io::StationStore::Version& v) {
  const Station& st = v.station;
  w.begin_object();
  w.field("at", v.at).field("by", v.by);
  w.key("lat").exact(st.position.lat);
  w.key("lon").exact(st.position.lon);
  w.field("op", v.op);
  w.key("properties").begin_object();
  w.field("address", st.address);
  w.key("amenities").begin_array();
  for (std::string_view a : amenity_names(st.amenities)) w.value(a);
  w.end_array();
  w.field("district", st.district);
  w.field("host_type", host_type_name(st.host_type));
  w.field("name", st.name);
  w.field("opening_hours", st.opening_hours);
  w.field("phone", st.phone);
  w.field("updated_at", st.updated_at);
  w.end_object();
  w.field("version", v.version);
  w.end_object();
}

}  // namespace

std::string render_history(const std::string& id, bool current,
                           const std::vector<io::StationStore::Version>& versions,
                           const std::vector<io::StationStore::Change>& changes) {
  JsonWriter w;
  w.begin_object();
  w.key("changes").begin_array();
  for (const io::StationStore::Change& c : changes) {
    w.begin_object().field("at", c.at).field("by", c.by).field("op", c.op);
    w.field("sequence", c.sequence).end_object();
  }
  w.end_array();
  w.field("current", current);
  w.field("id", id);
  w.key("versions").begin_array();
  for (const io::StationStore::Version& v : versions) write_version(w, v);
  w.end_array().end_object();
  return w.take();
}

}  // namespace sf
