#include "io/station_store.hpp"
#include "io/gdal_handles.hpp"

#include <cpl_conv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <unordered_set>

#include "core/amenity.hpp"
#include "core/errors.hpp"
#include "core/station_fields.hpp"
#include "core/text.hpp"
#include "io/station_export.hpp"
#include "io/vector_formats.hpp"

namespace sf::io {

namespace {

std::string quoted_sql(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// A station from a feature of the stations or history layer (point geometry, else lon/lat).
Station station_of(OGRFeature& f) {
  Station s;
  auto text = [&f](const char* name) {
    const int i = f.GetFieldIndex(name);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : "";
  };
  for (const StationText& t : kStationTexts) s.*t.owned = text(t.name.data());
  if (auto t = parse_host_type(text("host_type"))) s.host_type = *t;
  for (const std::string& a : split_list(text("amenities"))) {
    if (auto am = parse_amenity(a)) s.amenities |= amenity_bit(*am);
  }
  if (const OGRGeometry* g = f.GetGeometryRef();
      g != nullptr && wkbFlatten(g->getGeometryType()) == wkbPoint) {
    s.position = {g->toPoint()->getX(), g->toPoint()->getY()};
  } else {
    s.position = {f.GetFieldAsDouble("lon"), f.GetFieldAsDouble("lat")};
  }
  return s;
}

}  // namespace

std::string masked_source(const std::string& data) {
  // libpq keyword syntax: password=value or password = 'quoted value'.
  const std::string lower = to_lower_ascii(data);
  std::string out;
  size_t from = 0;
  for (size_t at = lower.find("password"); at != std::string::npos;
       at = lower.find("password", at + 8)) {
    size_t i = at + 8;
    while (i < data.size() && data[i] == ' ') ++i;
    if (i >= data.size() || data[i] != '=') continue;
    ++i;
    while (i < data.size() && data[i] == ' ') ++i;
    size_t end = i;
    if (end < data.size() && data[end] == '\'') {
      end = data.find('\'', end + 1);
      end = end == std::string::npos ? data.size() : end + 1;
    } else {
      while (end < data.size() && data[end] != ' ') ++end;
    }
    out.append(data, from, i - from);
    out += "***";
    from = end;
  }
  out.append(data, from, std::string::npos);
  return out;
}

bool StationStore::writable_source(const std::string& data) {
  return is_postgres(data) || to_lower_ascii(data).ends_with(".gpkg");
}

void StationStore::fail(const std::string& what) const {
  throw Error(ErrorCode::data_source_unreadable, location_, what + ": " + last_gdal_error());
}

StationStore::StationStore(std::string data, DatasetPtr ds, bool postgres)
    : data_(std::move(data)),
      location_(masked_source(data_)),
      ds_(std::move(ds)),
      postgres_(postgres) {}

StationStore::~StationStore() = default;

std::unique_ptr<StationStore> StationStore::open(const std::string& data) {
  ensure_gdal_registered();
  // Every commit reaches the disk before the call returns (GeoPackage: SQLite's FULL sync;
  // PostgreSQL commits durably by default).
  CPLSetConfigOption("OGR_SQLITE_SYNCHRONOUS", "FULL");
  const bool pg = is_postgres(data);
  const char* gpkg[] = {"GPKG", nullptr};
  const char* postgres[] = {"PostgreSQL", nullptr};
  CPLErrorReset();
  DatasetPtr ds(GDALDataset::FromHandle(GDALOpenEx(data.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE,
                                                   pg ? postgres : gpkg, nullptr, nullptr)));
  auto store = std::unique_ptr<StationStore>(new StationStore(data, nullptr, pg));
  if (!ds) {
    store->fail(pg ? "cannot connect to it for writing"
                   : "cannot open it as a GeoPackage for writing");
  }
  store->ds_ = std::move(ds);
  store->stations_ = store->ds_->GetLayerByName("stations");
  if (store->stations_ == nullptr) store->fail("it has no stations layer");
  if (!pg) {
    // Write-ahead log: a commit is one fsync of the log (with synchronous=FULL) instead of
    // the rollback journal's three, and readers in other processes never block the writer.
    // The mode is kept in the file; its -wal and -shm companions belong to it.
    if (OGRLayer* mode = store->ds_->ExecuteSQL("PRAGMA journal_mode=WAL", nullptr, nullptr)) {
      store->ds_->ReleaseResultSet(mode);
    }
  }
  store->ds_->ExecuteSQL("CREATE INDEX IF NOT EXISTS stations_id_idx ON stations(id)", nullptr,
                         nullptr);
  auto table = [&store](const char* name,
                        std::vector<std::pair<const char*, OGRFieldType>> fields) {
    OGRLayer* layer = store->ds_->GetLayerByName(name);
    if (layer != nullptr) return layer;
    layer = store->ds_->CreateLayer(name, nullptr, wkbNone, nullptr);
    if (layer == nullptr) store->fail(std::string("cannot create the ") + name + " table");
    for (const auto& [field, type] : fields) {
      OGRFieldDefn def(field, type);
      if (layer->CreateField(&def) != OGRERR_NONE)
        store->fail(std::string("cannot create ") + name);
    }
    return layer;
  };
  std::vector<std::pair<const char*, OGRFieldType>> history_fields = {
      {"op", OFTString}, {"by_name", OFTString}, {"at", OFTString}};
  for (std::string_view f : kStoredFields) history_fields.emplace_back(f.data(), OFTString);
  history_fields.emplace_back("lon", OFTReal);
  history_fields.emplace_back("lat", OFTReal);
  store->history_ = table("station_history", history_fields);
  store->changes_ =
      table("station_changes",
            {{"id", OFTString}, {"op", OFTString}, {"at", OFTString}, {"by_name", OFTString}});
  if (store->changes_->GetLayerDefn()->GetFieldIndex("by_name") < 0) {  // a store from before
    OGRFieldDefn by("by_name", OFTString);
    if (store->changes_->CreateField(&by) != OGRERR_NONE)
      store->fail("cannot extend station_changes");
  }
  store->ds_->ExecuteSQL("CREATE INDEX IF NOT EXISTS station_history_id_idx ON station_history(id)",
                         nullptr, nullptr);
  return store;
}

std::vector<OGRFeatureUniquePtr> StationStore::rows_of(const std::string& id) {
  stations_->SetAttributeFilter(("id = " + quoted_sql(id)).c_str());
  stations_->ResetReading();
  std::vector<OGRFeatureUniquePtr> rows;
  while (OGRFeatureUniquePtr row{stations_->GetNextFeature()}) rows.push_back(std::move(row));
  stations_->SetAttributeFilter(nullptr);
  return rows;
}

void StationStore::retire(const std::vector<OGRFeatureUniquePtr>& rows, const char* op,
                          const std::string& by, const std::string& at) {
  for (const OGRFeatureUniquePtr& feature : rows) {
    const Station old = station_of(*feature);
    OGRFeature kept(history_->GetLayerDefn());
    kept.SetField("op", op);
    kept.SetField("by_name", by.c_str());
    kept.SetField("at", at.c_str());
    for (const StationText& t : kStationTexts) kept.SetField(t.name.data(), (old.*t.owned).c_str());
    kept.SetField("host_type", std::string(host_type_name(old.host_type)).c_str());
    kept.SetField("amenities", join(amenity_names(old.amenities), ",").c_str());
    kept.SetField("lon", old.position.lon);
    kept.SetField("lat", old.position.lat);
    if (history_->CreateFeature(&kept) != OGRERR_NONE) fail("cannot write history");
    if (stations_->DeleteFeature(feature->GetFID()) != OGRERR_NONE) {
      fail("cannot delete " + old.id);
    }
  }
}

void StationStore::record_change(const std::string& id, const char* op, const std::string& by,
                                 const std::string& at) {
  OGRFeature change(changes_->GetLayerDefn());
  change.SetField("id", id.c_str());
  change.SetField("op", op);
  change.SetField("at", at.c_str());
  change.SetField("by_name", by.c_str());
  if (changes_->CreateFeature(&change) != OGRERR_NONE) fail("cannot record the change");
}

std::vector<StationStore::Applied> StationStore::apply(const std::vector<StoreWrite>& changes,
                                                       const std::string& at) {
  std::vector<Applied> out;
  out.reserve(changes.size());
  if (ds_->StartTransaction() != OGRERR_NONE) fail("cannot start a transaction");
  try {
    if (postgres_) {
      // Writers through every replica take turns, so change sequences commit in order and a
      // replica that polls past one never misses an earlier one still in flight.
      ds_->ExecuteSQL("LOCK TABLE station_changes IN EXCLUSIVE MODE", nullptr, nullptr);
    }
    for (const StoreWrite& c : changes) {
      const std::vector<OGRFeatureUniquePtr> rows = rows_of(c.id);
      const bool was = !rows.empty();
      if (c.expect != StoreWrite::Expect::any && was != (c.expect == StoreWrite::Expect::exists)) {
        out.push_back({was, true});
        continue;
      }
      retire(rows, c.station ? "replaced" : "deleted", c.by, at);
      out.push_back({was, false});
      if (c.station) {
        OGRFeature feature(stations_->GetLayerDefn());
        fill_station_feature(feature, *c.station);
        if (stations_->CreateFeature(&feature) != OGRERR_NONE) fail("cannot write " + c.id);
      }
      if (c.station || was) record_change(c.id, c.station ? "put" : "delete", c.by, at);
    }
    if (ds_->CommitTransaction() != OGRERR_NONE) fail("cannot commit");
    return out;
  } catch (...) {
    ds_->RollbackTransaction();
    throw;
  }
}

std::vector<StationStore::Version> StationStore::history(const std::string& id) {
  std::vector<Version> out;
  history_->SetAttributeFilter(("id = " + quoted_sql(id)).c_str());
  history_->ResetReading();
  for (auto& h : *history_) {
    Version v;
    v.version = h->GetFID();
    v.op = h->GetFieldAsString("op");
    v.by = h->GetFieldAsString("by_name");
    v.at = h->GetFieldAsString("at");
    v.station = station_of(*h);
    out.push_back(std::move(v));
  }
  history_->SetAttributeFilter(nullptr);
  std::sort(out.begin(), out.end(),
            [](const Version& a, const Version& b) { return a.version < b.version; });
  return out;
}

int64_t StationStore::last_sequence() {
  const std::string sql =
      std::string("SELECT MAX(") + changes_->GetFIDColumn() + ") FROM station_changes";
  OGRLayer* result = ds_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (result == nullptr) fail("cannot read the change sequence");
  int64_t last = 0;
  if (auto f = std::unique_ptr<OGRFeature>(result->GetNextFeature());
      f && f->IsFieldSetAndNotNull(0)) {
    last = f->GetFieldAsInteger64(0);
  }
  ds_->ReleaseResultSet(result);
  return last;
}

StationStore::ChangedIds StationStore::changed_since(int64_t sequence) {
  ChangedIds out;
  out.last = sequence;
  changes_->SetAttributeFilter(
      (std::string(changes_->GetFIDColumn()) + " > " + std::to_string(sequence)).c_str());
  changes_->ResetReading();
  std::unordered_set<std::string> seen;
  for (auto& c : *changes_) {
    out.last = std::max<int64_t>(out.last, c->GetFID());
    std::string id = c->GetFieldAsString("id");
    if (seen.insert(id).second) out.ids.push_back(std::move(id));
  }
  changes_->SetAttributeFilter(nullptr);
  return out;
}

std::vector<Station> StationStore::current(const std::vector<std::string>& ids) {
  std::vector<Station> out;
  for (size_t from = 0; from < ids.size(); from += 500) {
    std::string filter = "id IN (";
    for (size_t i = from; i < std::min(ids.size(), from + 500); ++i) {
      if (i > from) filter += ',';
      filter += quoted_sql(ids[i]);
    }
    stations_->SetAttributeFilter((filter + ")").c_str());
    stations_->ResetReading();
    for (auto& f : *stations_) out.push_back(station_of(*f));
  }
  stations_->SetAttributeFilter(nullptr);
  return out;
}

std::vector<StationStore::Change> StationStore::changes_of(const std::string& id) {
  std::vector<Change> out;
  changes_->SetAttributeFilter(("id = " + quoted_sql(id)).c_str());
  changes_->ResetReading();
  for (auto& c : *changes_) {
    out.push_back({c->GetFID(), c->GetFieldAsString("op"), c->GetFieldAsString("by_name"),
                   c->GetFieldAsString("at")});
  }
  changes_->SetAttributeFilter(nullptr);
  std::sort(out.begin(), out.end(),
            [](const Change& a, const Change& b) { return a.sequence < b.sequence; });
  return out;
}

}  // namespace sf::io
