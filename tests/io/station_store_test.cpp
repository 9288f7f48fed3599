// The store on a real GeoPackage: a batch is one transaction (all or nothing), history keeps
// what a change replaced, the change sequence lists changed ids once; passwords never leave
// through the store's location.
#include <gtest/gtest.h>

#include <filesystem>

#include <gdal_priv.h>

#include "core/errors.hpp"
#include "io/dataset.hpp"
#include "io/station_export.hpp"
#include "io/station_store.hpp"
#include "test_support.hpp"

namespace sf::io {
namespace {

Station station(const std::string& id, const std::string& name) {
  Station s;
  s.id = id;
  s.name = name;
  s.position = {116.4, 39.9};
  return s;
}

TEST(StationStore, MasksPasswordsInConnectionStrings) {
  EXPECT_EQ(masked_source("PG:host=db dbname=sf user=sf password=s3cret port=5432"),
            "PG:host=db dbname=sf user=sf password=*** port=5432");
  EXPECT_EQ(masked_source("PG:password = 'two words' host=db"), "PG:password = *** host=db");
  EXPECT_EQ(masked_source("PG:host=db PASSWORD=x"), "PG:host=db PASSWORD=***");
  EXPECT_EQ(masked_source("/var/lib/stations.gpkg"), "/var/lib/stations.gpkg");
  EXPECT_TRUE(StationStore::writable_source("PG:dbname=x"));
  EXPECT_TRUE(StationStore::writable_source("/a/b.GPKG"));
  EXPECT_FALSE(StationStore::writable_source("/a/b.csv"));
}

TEST(StationStore, BatchesHistoryAndTheChangeSequence) {
  const auto dir = test::temp_dir("store");
  const std::string path = (dir / "s.gpkg").string();
  write_stations(path, {station("a", "A"), station("b", "B")});
  auto store = StationStore::open(path);
  EXPECT_EQ(store->last_sequence(), 0);
  using Expect = StoreWrite::Expect;
  const auto applied =
      store->apply({{"a", station("a", "A2"), "alice"},
                    {"c", station("c", "C"), "alice", Expect::absent},
                    {"b", std::nullopt, "bob", Expect::exists},
                    {"zz", std::nullopt, "bob"},  // nothing to delete: no change recorded
                    {"a", station("a", "A3"), "carol", Expect::absent},  // refused: a exists
                    {"q", station("q", "Q"), "carol", Expect::exists}},  // refused: no q
                   "2026-11-25T10:00:00+08:00");
  std::vector<bool> existed, refused;
  for (const auto& a : applied) {
    existed.push_back(a.existed);
    refused.push_back(a.refused);
  }
  EXPECT_EQ(existed, (std::vector<bool>{true, false, true, false, true, false}));
  EXPECT_EQ(refused, (std::vector<bool>{false, false, false, false, true, true}));
  EXPECT_EQ(store->last_sequence(), 3);
  const auto changed = store->changed_since(0);
  EXPECT_EQ(changed.ids, (std::vector<std::string>{"a", "c", "b"}));
  EXPECT_EQ(changed.last, 3);
  EXPECT_TRUE(store->changed_since(3).ids.empty());
  const auto now = store->current({"a", "b", "c"});
  ASSERT_EQ(now.size(), 2u);  // b is gone
  const auto history = store->history("a");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].op, "replaced");
  EXPECT_EQ(history[0].by, "alice");
  EXPECT_EQ(history[0].station.name, "A");
  EXPECT_EQ(store->history("b").at(0).op, "deleted");

  // A batch that fails part-way changes nothing: a trigger makes SQLite refuse one insert.
  store.reset();
  {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    ASSERT_TRUE(ds);
    ds->ExecuteSQL(
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON stations WHEN NEW.name = 'boom' "
        "BEGIN SELECT RAISE(ABORT, 'boom refused'); END",
        nullptr, nullptr);
  }
  store = StationStore::open(path);
  EXPECT_THROW(store->apply({{"d", station("d", "D"), "alice"},
                             {"a", std::nullopt, "alice"},
                             {"e", station("e", "boom"), "alice"}},
                            "2026-11-25T11:00:00+08:00"),
               Error);
  EXPECT_EQ(store->last_sequence(), 3);
  EXPECT_TRUE(store->current({"d", "e"}).empty());
  EXPECT_EQ(store->current({"a"}).size(), 1u);
  EXPECT_EQ(store->history("a").size(), 1u);
  store.reset();
  DatasetOptions o;
  o.data = path;
  o.districts = "none";
  EXPECT_EQ(load_dataset(o).stations.size(), 2u);
}

TEST(StationStore, RefusesWhatIsNotAStore) {
  const auto dir = test::temp_dir("store-refuse");
  const std::string csv = (dir / "s.csv").string();
  write_stations(csv, {station("a", "A")});
  EXPECT_THROW(StationStore::open(csv), Error);
  EXPECT_THROW(StationStore::open((dir / "missing.gpkg").string()), Error);
}

}  // namespace
}  // namespace sf::io
