#include "io/station_store.hpp"

#include <cpl_conv.h>
#include <ogrsf_frmts.h>

#include <algorithm>

#include "core/amenity.hpp"
#include "core/errors.hpp"
#include "io/station_writer.hpp"

namespace sf::io {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw Error(ErrorCode::data_source_unreadable, path, what + ": " + last_gdal_error());
}

std::string quoted_sql(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace

StationStore::StationStore(std::string path, DatasetPtr ds)
    : path_(std::move(path)), ds_(std::move(ds)) {}

StationStore::~StationStore() = default;

std::unique_ptr<StationStore> StationStore::open(const std::string& path) {
  ensure_gdal_registered();
  // Every commit reaches the disk before the call returns.
  CPLSetConfigOption("OGR_SQLITE_SYNCHRONOUS", "FULL");
  const char* drivers[] = {"GPKG", nullptr};
  DatasetPtr ds(GDALDataset::FromHandle(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr)));
  if (!ds) fail(path, "cannot open it as a GeoPackage for writing");
  auto store = std::unique_ptr<StationStore>(new StationStore(path, std::move(ds)));
  store->stations_ = store->ds_->GetLayerByName("stations");
  if (store->stations_ == nullptr) fail(path, "it has no stations layer");
  store->ds_->ExecuteSQL("CREATE INDEX IF NOT EXISTS stations_id_idx ON stations(id)", nullptr,
                         nullptr);
  store->history_ = store->ds_->GetLayerByName("station_history");
  if (store->history_ == nullptr) {
    store->history_ = store->ds_->CreateLayer("station_history", nullptr, wkbNone, nullptr);
    if (store->history_ == nullptr) fail(path, "cannot create the station_history table");
    for (const char* f :
         {"op", "by_name", "at", "id", "name", "host_type", "amenities", "opening_hours", "address",
          "district", "district_en", "phone", "updated_at"}) {
      OGRFieldDefn def(f, OFTString);
      if (store->history_->CreateField(&def) != OGRERR_NONE) fail(path, "cannot create history");
    }
    for (const char* f : {"lon", "lat"}) {
      OGRFieldDefn def(f, OFTReal);
      if (store->history_->CreateField(&def) != OGRERR_NONE) fail(path, "cannot create history");
    }
  }
  return store;
}

bool StationStore::retire(const std::string& id, const char* op, const std::string& by,
                          const std::string& at) {
  stations_->SetAttributeFilter(("id = " + quoted_sql(id)).c_str());
  stations_->ResetReading();
  bool found = false;
  std::vector<GIntBig> fids;
  for (auto& feature : *stations_) {
    found = true;
    fids.push_back(feature->GetFID());
    OGRFeature old(history_->GetLayerDefn());
    old.SetField("op", op);
    old.SetField("by_name", by.c_str());
    old.SetField("at", at.c_str());
    for (const char* f : {"id", "name", "host_type", "amenities", "opening_hours", "address",
                          "district", "district_en", "phone", "updated_at"}) {
      const int i = feature->GetFieldIndex(f);
      if (i >= 0) old.SetField(f, feature->GetFieldAsString(i));
    }
    if (const OGRGeometry* g = feature->GetGeometryRef();
        g != nullptr && wkbFlatten(g->getGeometryType()) == wkbPoint) {
      old.SetField("lon", g->toPoint()->getX());
      old.SetField("lat", g->toPoint()->getY());
    }
    if (history_->CreateFeature(&old) != OGRERR_NONE) fail(path_, "cannot write history");
  }
  stations_->SetAttributeFilter(nullptr);
  for (GIntBig fid : fids) {
    if (stations_->DeleteFeature(fid) != OGRERR_NONE) fail(path_, "cannot delete " + id);
  }
  return found;
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
    Station& s = v.station;
    s.id = h->GetFieldAsString("id");
    s.name = h->GetFieldAsString("name");
    if (auto t = parse_host_type(h->GetFieldAsString("host_type"))) s.host_type = *t;
    for (const std::string& a : split_list(h->GetFieldAsString("amenities"))) {
      if (auto am = parse_amenity(a)) s.amenities |= amenity_bit(*am);
    }
    s.opening_hours = h->GetFieldAsString("opening_hours");
    s.address = h->GetFieldAsString("address");
    s.district = h->GetFieldAsString("district");
    s.district_en = h->GetFieldAsString("district_en");
    s.phone = h->GetFieldAsString("phone");
    s.updated_at = h->GetFieldAsString("updated_at");
    s.position = {h->GetFieldAsDouble("lon"), h->GetFieldAsDouble("lat")};
    out.push_back(std::move(v));
  }
  history_->SetAttributeFilter(nullptr);
  std::sort(out.begin(), out.end(),
            [](const Version& a, const Version& b) { return a.version < b.version; });
  return out;
}

bool StationStore::put(const Station& s, const std::string& by, const std::string& at) {
  if (ds_->StartTransaction() != OGRERR_NONE) fail(path_, "cannot start a transaction");
  try {
    const bool existed = retire(s.id, "replaced", by, at);
    OGRFeature feature(stations_->GetLayerDefn());
    fill_station_feature(feature, s);
    if (stations_->CreateFeature(&feature) != OGRERR_NONE) fail(path_, "cannot write " + s.id);
    if (ds_->CommitTransaction() != OGRERR_NONE) fail(path_, "cannot commit");
    return existed;
  } catch (...) {
    ds_->RollbackTransaction();
    throw;
  }
}

bool StationStore::remove(const std::string& id, const std::string& by, const std::string& at) {
  if (ds_->StartTransaction() != OGRERR_NONE) fail(path_, "cannot start a transaction");
  try {
    const bool existed = retire(id, "deleted", by, at);
    if (ds_->CommitTransaction() != OGRERR_NONE) fail(path_, "cannot commit");
    return existed;
  } catch (...) {
    ds_->RollbackTransaction();
    throw;
  }
}

}  // namespace sf::io
