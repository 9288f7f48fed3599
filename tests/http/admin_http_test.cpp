// Station writes against a real server over a GeoPackage store (a temp copy of the bundled
// data): auth, create/replace/patch/delete with their statuses, validation, history kept in
// the store, durability on reopening, and a read-only source.
#include <atomic>
#include <filesystem>
#include <thread>

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include "http/server.hpp"
#include "io/dataset.hpp"
#include "io/gdal_handles.hpp"
#include "service/station_writes.hpp"
#include "test_support.hpp"

namespace sf::http {
namespace {

using nlohmann::json;
constexpr const char* kToken = "admin-test-token-0123456789";

struct AdminServer {
  std::filesystem::path dir;
  std::string store;
  std::unique_ptr<Server> server;
  int port = 0;
  std::thread thread;

  // `shared_store`: serve (and write to) this store instead of a fresh copy.
  explicit AdminServer(bool writable, const std::string& shared_store = "")
      : dir(test::temp_dir(shared_store.empty() ? "admin" : "admin-replica")),
        store((dir / "stations.gpkg").string()) {
    if (shared_store.empty()) {
      std::filesystem::copy_file(std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg", store);
    } else {
      store = shared_store;
    }
    io::DatasetOptions o;
    o.data = store;
    io::Dataset ds = io::load_dataset(o);
    ServerConfig config;
    config.port = 0;
    config.threads = 8;
    Snapshot snap;
    snap.source = store;
    snap.catalog = std::make_shared<const Catalog>(std::move(ds.stations), std::move(ds.districts));
    server = std::make_unique<Server>(config, snap);
    server->set_tokens(TokenStore::parse(std::string("ops:") + kToken, "test"));
    if (writable) server->set_store(io::StationStore::open(store));
    port = server->bind();
    thread = std::thread([this] { server->run(); });
    for (int i = 0; i < 200 && !server->running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~AdminServer() {
    server->stop();
    thread.join();
  }
  httplib::Client client(bool with_token = true) const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    if (with_token) c.set_bearer_token_auth(kToken);
    return c;
  }
};

std::string feature(const std::string& props, double lon = 116.3975, double lat = 39.9087) {
  return R"({"type":"Feature","geometry":{"type":"Point","coordinates":[)" + std::to_string(lon) +
         "," + std::to_string(lat) + R"(]},"properties":)" + props + "}";
}

std::string code_of(const httplib::Result& res) {
  return json::parse(res->body).value("code", "");
}

TEST(AdminApi, CreateReplacePatchDeleteWithHistory) {
  AdminServer s(true);
  const size_t before = s.server->snapshot()->catalog->size();
  const std::string version0 = s.server->snapshot()->catalog->version();
  auto anon =
      s.client(false).Post("/v1/stations", feature(R"({"name":"x"})"), "application/geo+json");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->status, 401);

  auto created = s.client().Post(
      "/v1/stations",
      feature(
          R"({"id":"new-1","name":"新站","host_type":"bank","amenities":["water","toilet"],"opening_hours":"Mo-Fr 09:00-17:00"})"),
      "application/geo+json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(created->get_header_value("Location"), "/v1/stations/new-1");
  const json f = json::parse(created->body);
  EXPECT_EQ(f["properties"]["district"], "东城区");  // placed by point-in-polygon
  EXPECT_FALSE(f["properties"]["updated_at"].get<std::string>().empty());
  EXPECT_EQ(s.server->snapshot()->catalog->size(), before + 1);
  EXPECT_NE(s.server->snapshot()->catalog->version(), version0);
  // Readers see it at once, nearest included.
  auto near = s.client(false).Get("/v1/stations/nearest?lon=116.3975&lat=39.9087&k=1");
  EXPECT_EQ(json::parse(near->body)["items"][0]["id"], "new-1");

  auto again = s.client().Post("/v1/stations", feature(R"({"id":"new-1","name":"dup"})"),
                               "application/geo+json");
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(code_of(again), "station_exists");
  auto bad = s.client().Post("/v1/stations", feature(R"({"name":"x","host_type":"castle"})"),
                             "application/geo+json");
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(code_of(bad), "invalid_station");
  auto unknown = s.client().Post("/v1/stations", feature(R"({"name":"x","colour":"red"})"),
                                 "application/geo+json");
  EXPECT_EQ(unknown->status, 422);
  EXPECT_EQ(json::parse(unknown->body)["parameter"], "properties.colour");
  EXPECT_NE(json::parse(unknown->body)["rule"].get<std::string>().find(
                "fields: id, name, host_type, amenities, opening_hours, address, district, "
                "district_en, phone, updated_at"),
            std::string::npos)
      << unknown->body;
  auto bad_hours =
      s.client().Post("/v1/stations", feature(R"({"name":"x","opening_hours":"whenever"})"),
                      "application/geo+json");
  EXPECT_EQ(bad_hours->status, 422);
  auto bad_point = s.client().Post("/v1/stations", feature(R"({"name":"x"})", 116.4, 95),
                                   "application/geo+json");
  EXPECT_EQ(bad_point->status, 400);

  auto replaced = s.client().Put("/v1/stations/new-1",
                                 feature(R"({"name":"改名站","host_type":"supermarket"})"),
                                 "application/geo+json");
  ASSERT_EQ(replaced->status, 200) << replaced->body;
  EXPECT_EQ(json::parse(replaced->body)["properties"]["name"], "改名站");
  EXPECT_TRUE(json::parse(replaced->body)["properties"]["amenities"].empty());  // PUT replaces
  auto patched =
      s.client().Patch("/v1/stations/new-1", R"({"properties":{"opening_hours":"24/7"}})",
                       "application/merge-patch+json");
  ASSERT_EQ(patched->status, 200) << patched->body;
  const json p = json::parse(patched->body);
  EXPECT_EQ(p["properties"]["opening_hours"], "24/7");
  EXPECT_EQ(p["properties"]["name"], "改名站");  // kept
  EXPECT_EQ(p["properties"]["host_type"], "supermarket");
  auto missing = s.client().Patch("/v1/stations/nope", "{}", "application/merge-patch+json");
  EXPECT_EQ(missing->status, 404);

  auto gone = s.client().Delete("/v1/stations/new-1");
  EXPECT_EQ(gone->status, 204);
  EXPECT_EQ(s.client(false).Get("/v1/stations/new-1")->status, 404);
  EXPECT_EQ(s.client().Delete("/v1/stations/new-1")->status, 404);
  EXPECT_EQ(s.server->snapshot()->catalog->size(), before);

  // The store: the station is gone, the replaced/patched/deleted versions are in history.
  io::DatasetOptions o;
  o.data = s.store;
  EXPECT_EQ(io::load_dataset(o).stations.size(), before);
  io::DatasetPtr ds(GDALDataset::Open(s.store.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  OGRLayer* history = ds->GetLayerByName("station_history");
  ASSERT_NE(history, nullptr);
  std::vector<std::string> ops;
  for (auto& h : *history) {
    EXPECT_EQ(std::string(h->GetFieldAsString("by_name")), "ops");
    ops.push_back(h->GetFieldAsString("op"));
  }
  EXPECT_EQ(ops, (std::vector<std::string>{"replaced", "replaced", "deleted"}));

  // History over HTTP (an admin read), then undo the delete and go back to the first version.
  EXPECT_EQ(s.client(false).Get("/v1/stations/new-1/history")->status, 401);
  auto kept = s.client().Get("/v1/stations/new-1/history");
  ASSERT_EQ(kept->status, 200) << kept->body;
  const json h = json::parse(kept->body);
  EXPECT_EQ(h["current"], false);
  ASSERT_EQ(h["versions"].size(), 3u);
  EXPECT_EQ(h["versions"][0]["properties"]["name"], "新站");
  EXPECT_EQ(h["versions"][2]["op"], "deleted");
  EXPECT_EQ(h["versions"][2]["by"], "ops");
  // Every change is on record with who and when: created, replaced, patched, deleted.
  ASSERT_EQ(h["changes"].size(), 4u);
  EXPECT_EQ(h["changes"][0]["op"], "put");
  EXPECT_EQ(h["changes"][3]["op"], "delete");
  EXPECT_EQ(h["changes"][0]["by"], "ops");
  EXPECT_LT(h["changes"][0]["sequence"].get<int64_t>(), h["changes"][3]["sequence"].get<int64_t>());
  auto undone = s.client().Post("/v1/stations/new-1/restore", "", "application/json");
  ASSERT_EQ(undone->status, 201) << undone->body;  // it was gone: restored anew
  EXPECT_EQ(json::parse(undone->body)["properties"]["opening_hours"], "24/7");
  const std::string first = std::to_string(h["versions"][0]["version"].get<int64_t>());
  auto back =
      s.client().Post("/v1/stations/new-1/restore?version=" + first, "", "application/json");
  ASSERT_EQ(back->status, 200) << back->body;
  const json b = json::parse(back->body);
  EXPECT_EQ(b["properties"]["name"], "新站");
  EXPECT_EQ(b["properties"]["amenities"], json::array({"water", "toilet"}));
  EXPECT_EQ(
      s.client().Post("/v1/stations/new-1/restore?version=999999", "", "application/json")->status,
      400);
  EXPECT_EQ(json::parse(s.client().Get("/v1/stations/new-1/history")->body)["versions"].size(), 4u);
}

TEST(AdminApi, WritesSurviveARestartAndReadOnlySourcesRefuse) {
  std::string store;
  {
    AdminServer s(true);
    store = s.store;
    auto created = s.client().Post("/v1/stations", feature(R"({"id":"kept","name":"Kept"})"),
                                   "application/geo+json");
    ASSERT_EQ(created->status, 201);
  }
  io::DatasetOptions o;
  o.data = store;
  bool found = false;
  for (const Station& st : io::load_dataset(o).stations) found = found || st.id == "kept";
  EXPECT_TRUE(found);

  AdminServer read_only(false);
  auto refused =
      read_only.client().Post("/v1/stations", feature(R"({"name":"x"})"), "application/geo+json");
  EXPECT_EQ(refused->status, 409);
  EXPECT_EQ(code_of(refused), "data_read_only");
}

std::string served_version_of(const std::string& store) {
  io::DatasetOptions o;
  o.data = store;
  io::Dataset ds = io::load_dataset(o);
  return Catalog(std::move(ds.stations), std::move(ds.districts)).version();
}

TEST(AdminApi, BulkUpsertIsAllOrNothingAndReplaceDeletesTheRest) {
  AdminServer s(true);
  const auto snap0 = s.server->snapshot();
  const size_t before = snap0->catalog->size();
  const std::string existing(snap0->catalog->station(0).id);
  const std::string body =
      R"({"type":"FeatureCollection","features":[)" +
      feature(R"({"id":")" + existing + R"(","name":"Renamed"})") + "," +
      feature(R"({"id":"bulk-1","name":"Bulk one","amenities":"water"})", 116.40, 39.91) + "," +
      feature(R"({"id":"bulk-2","name":"Bulk two"})", 116.41, 39.92) + "]}";
  EXPECT_EQ(s.client(false).Post("/v1/stations/bulk", body, "application/geo+json")->status, 401);
  auto res = s.client().Post("/v1/stations/bulk", body, "application/geo+json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json out = json::parse(res->body);
  EXPECT_EQ(out["received"], 3);
  EXPECT_EQ(out["added"], 2);
  EXPECT_EQ(out["replaced"], 1);
  EXPECT_EQ(out["deleted"], 0);
  const auto snap1 = s.server->snapshot();
  EXPECT_EQ(snap1->catalog->size(), before + 2);
  EXPECT_EQ(snap1->catalog->station(*snap1->catalog->find(existing)).name, "Renamed");
  EXPECT_EQ(out["dataset_version"], snap1->catalog->version());
  EXPECT_EQ(served_version_of(s.store), snap1->catalog->version());

  // One bad row (latitude 95) rejects the whole request, naming the row; nothing changes.
  const std::string bad = R"({"type":"FeatureCollection","features":[)" +
                          feature(R"({"id":"bulk-3","name":"Fine"})") + "," +
                          feature(R"({"id":"bulk-4","name":"Off the map"})", 116.4, 95) + "]}";
  auto refused = s.client().Post("/v1/stations/bulk", bad, "application/geo+json");
  ASSERT_EQ(refused->status, 422) << refused->body;
  EXPECT_EQ(code_of(refused), "invalid_station");
  EXPECT_NE(json::parse(refused->body)["rule"].get<std::string>().find("row 2"), std::string::npos);
  EXPECT_EQ(s.server->snapshot()->catalog->version(), snap1->catalog->version());
  EXPECT_FALSE(s.server->snapshot()->catalog->find("bulk-3"));
  EXPECT_EQ(s.client().Post("/v1/stations/bulk", "id,name\n", "text/plain")->status, 400);

  // CSV, the importer's columns; then mode=replace keeps only what it names.
  const std::string csv =
      "id,name,lon,lat,amenities\nbulk-5,Five,116.42,39.93,toilet\n"
      "bulk-1,One again,116.40,39.91,water\n";
  // Deleting more than a tenth of the stations needs the exact count stated.
  auto unconfirmed = s.client().Post("/v1/stations/bulk?mode=replace", csv, "text/csv");
  ASSERT_EQ(unconfirmed->status, 422) << unconfirmed->body;
  EXPECT_EQ(code_of(unconfirmed), "replace_needs_confirmation");
  EXPECT_EQ(json::parse(unconfirmed->body)["parameter"], "confirm_delete");
  EXPECT_NE(json::parse(unconfirmed->body)["rule"].get<std::string>().find(
                "delete " + std::to_string(before + 1) + " of " + std::to_string(before + 2)),
            std::string::npos);
  auto miscounted =
      s.client().Post("/v1/stations/bulk?mode=replace&confirm_delete=5", csv, "text/csv");
  EXPECT_EQ(miscounted->status, 422);
  EXPECT_EQ(s.server->snapshot()->catalog->version(), snap1->catalog->version());
  EXPECT_EQ(served_version_of(s.store), snap1->catalog->version());
  auto replaced =
      s.client().Post("/v1/stations/bulk?mode=replace&confirm_delete=" + std::to_string(before + 1),
                      csv, "text/csv");
  ASSERT_EQ(replaced->status, 200) << replaced->body;
  out = json::parse(replaced->body);
  EXPECT_EQ(out["added"], 1);
  EXPECT_EQ(out["replaced"], 1);
  EXPECT_EQ(out["deleted"], before + 1);  // everything else, the renamed station included
  const auto snap2 = s.server->snapshot();
  EXPECT_EQ(snap2->catalog->size(), 2u);
  EXPECT_TRUE(snap2->catalog->find("bulk-5"));
  EXPECT_EQ(served_version_of(s.store), snap2->catalog->version());
  EXPECT_EQ(s.client().Post("/v1/stations/bulk?mode=merge", csv, "text/csv")->status, 400);
  // The share counts, however small the store: 1 of 2 is half. At most a tenth needs no
  // confirmation.
  auto small = s.client().Post("/v1/stations/bulk?mode=replace",
                               "id,name,lon,lat\nbulk-5,Five,116.42,39.93\n", "text/csv");
  ASSERT_EQ(small->status, 422) << small->body;  // 1 of 2 is half
  const std::string many = [] {
    std::string c = "id,name,lon,lat\n";
    for (int i = 0; i < 20; ++i) {
      c.append("m").append(std::to_string(i)).append(",M,116.4");
      c.append(std::to_string(i)).append(",39.9\n");
    }
    return c;
  }();
  ASSERT_EQ(
      s.client().Post("/v1/stations/bulk?mode=replace&confirm_delete=2", many, "text/csv")->status,
      200);
  auto few = s.client().Post("/v1/stations/bulk?mode=replace", many.substr(0, many.rfind("m19,")),
                             "text/csv");
  ASSERT_EQ(few->status, 200) << few->body;  // 1 of 20 deleted
  EXPECT_EQ(json::parse(few->body)["deleted"], 1);
}

// A reader that stops early (GDAL's CSV reader at a field over its size limit) must not pass
// for a short file: the bulk upload is refused naming the row, and a replace deletes nothing.
TEST(AdminApi, ABulkBodyTheReaderCannotFinishChangesNothing) {
  AdminServer s(true);
  const auto snap0 = s.server->snapshot();
  std::string csv = "id,name,lon,lat\n";
  for (int i = 1; i <= 201; ++i) {
    csv.append("t").append(std::to_string(i)).append(",");
    if (i == 101) {
      csv.append(10 << 20, 'x');
    } else {
      csv.append("station ").append(std::to_string(i));
    }
    csv.append(",116.4").append(std::to_string(i)).append(",39.9\n");
  }
  for (const char* mode : {"upsert", "replace"}) {
    auto res = s.client().Post(std::string("/v1/stations/bulk?mode=") + mode, csv, "text/csv");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 422) << res->body.substr(0, 500);
    EXPECT_EQ(code_of(res), "invalid_station");
    EXPECT_NE(json::parse(res->body)["rule"].get<std::string>().find("row 101"), std::string::npos)
        << res->body;
    EXPECT_EQ(s.server->snapshot()->catalog->version(), snap0->catalog->version());
    EXPECT_EQ(served_version_of(s.store), snap0->catalog->version());
  }
  // Invalid UTF-8 or a NUL in a row's text rejects the row (and with it the upload).
  auto bad_text =
      s.client().Post("/v1/stations/bulk",
                      std::string("id,name,lon,lat\nu1,bad\xff name,116.4,39.9\n"), "text/csv");
  ASSERT_EQ(bad_text->status, 422) << bad_text->body;
  EXPECT_NE(bad_text->body.find("name is not valid UTF-8"), std::string::npos) << bad_text->body;
  EXPECT_EQ(s.server->snapshot()->catalog->version(), snap0->catalog->version());
}

// Found by the soak: a PUT answered from the served snapshot after a concurrent DELETE of the
// same id had landed (often in the same group commit) found no station and answered 500. Each
// write now answers with the station as it wrote it.
TEST(AdminApi, WritesRacingOnOneIdEachAnswerWhatTheyWrote) {
  AdminServer s(true);
  std::atomic<int> server_errors{0}, wrong_bodies{0}, written{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      httplib::Client c = s.client();
      const std::string name = "Racer " + std::to_string(t);
      for (int i = 0; i < 40; ++i) {
        auto put = c.Put("/v1/stations/race", feature(R"({"name":")" + name + R"("})"),
                         "application/geo+json");
        auto del = c.Delete("/v1/stations/race");
        auto patch = c.Patch("/v1/stations/race", R"({"properties":{"phone":"110"}})",
                             "application/merge-patch+json");
        for (const auto* r : {&put, &del, &patch}) {
          if (!*r || (*r)->status >= 500) ++server_errors;
        }
        if (put && (put->status == 200 || put->status == 201)) {
          ++written;
          if (json::parse(put->body)["properties"]["name"] != name) ++wrong_bodies;
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(server_errors.load(), 0);
  EXPECT_EQ(wrong_bodies.load(), 0);
  EXPECT_EQ(written.load(), 8 * 40);  // a PUT never fails its own check
}

TEST(AdminApi, ConcurrentWritesAreGroupCommittedAndMergedInTheBackground) {
  AdminServer s(true);
  s.server->writes().set_merge_threshold(40);  // several merges during the run
  const size_t before = s.server->snapshot()->catalog->size();
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> writers;
  std::atomic<int> created{0};
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      auto c = s.client();
      for (int i = 0; i < kEach; ++i) {
        std::string id = "c";
        id += std::to_string(t);
        id += "-";
        id += std::to_string(i);
        auto r = c.Post("/v1/stations",
                        feature(R"({"id":")" + id + R"(","name":"Concurrent"})", 116.3 + t * 0.01,
                                39.9 + i * 0.001),
                        "application/geo+json");
        if (r && r->status == 201) created.fetch_add(1);
        if (i % 5 == 4) {  // and delete some right away
          auto d = c.Delete("/v1/stations/" + id);
          if (d && d->status == 204) created.fetch_sub(1);
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  s.server->writes().wait_for_merge();
  EXPECT_EQ(created.load(), kThreads * kEach * 4 / 5);
  const auto snap = s.server->snapshot();
  EXPECT_EQ(snap->catalog->size(), before + static_cast<size_t>(created.load()));
  EXPECT_TRUE(snap->catalog->find("c3-3"));
  EXPECT_FALSE(snap->catalog->find("c3-4"));
  // What is served is exactly what the store holds, merges and all.
  EXPECT_EQ(served_version_of(s.store), snap->catalog->version());
  const std::string metrics = s.client(false).Get("/metrics")->body;
  EXPECT_NE(metrics.find("stationfinder_merges_total"), std::string::npos);
  EXPECT_EQ(metrics.find("stationfinder_merges_total 0\n"), std::string::npos) << metrics;
}

TEST(AdminApi, AReplicaOnTheSameStorePicksUpWritesAndDeletes) {
  AdminServer a(true);
  AdminServer b(true, a.store);
  auto created = a.client().Post("/v1/stations", feature(R"({"id":"shared","name":"Shared"})"),
                                 "application/geo+json");
  ASSERT_EQ(created->status, 201);
  EXPECT_FALSE(b.server->snapshot()->catalog->find("shared"));
  EXPECT_EQ(b.server->poll_store(), 1u);
  EXPECT_EQ(b.client(false).Get("/v1/stations/shared")->status, 200);
  EXPECT_EQ(b.server->poll_store(), 0u);  // nothing new
  ASSERT_EQ(a.client().Delete("/v1/stations/shared")->status, 204);
  EXPECT_EQ(b.server->poll_store(), 1u);
  EXPECT_EQ(b.client(false).Get("/v1/stations/shared")->status, 404);
  EXPECT_EQ(a.server->snapshot()->catalog->version(), b.server->snapshot()->catalog->version());

  // Races between replicas are settled by the store, not by a replica's snapshot: B has not
  // polled yet, so its snapshot lacks "race"; its POST must not replace A's station.
  ASSERT_EQ(
      a.client()
          .Post("/v1/stations", feature(R"({"id":"race","name":"A's"})"), "application/geo+json")
          ->status,
      201);
  auto second = b.client().Post("/v1/stations", feature(R"({"id":"race","name":"B's"})"),
                                "application/geo+json");
  EXPECT_EQ(second->status, 409) << second->body;
  EXPECT_EQ(code_of(second), "station_exists");
  EXPECT_EQ(b.server->poll_store(), 1u);
  EXPECT_EQ(json::parse(b.client(false).Get("/v1/stations/race")->body)["name"], "A's");
  // A deletes it; B, not polled, still serves it, but its PATCH must not bring it back.
  ASSERT_EQ(a.client().Delete("/v1/stations/race")->status, 204);
  auto patch = b.client().Patch("/v1/stations/race", R"({"properties":{"name":"B's edit"}})",
                                "application/merge-patch+json");
  EXPECT_EQ(patch->status, 404) << patch->body;
  EXPECT_EQ(b.server->poll_store(), 1u);
  EXPECT_EQ(b.client(false).Get("/v1/stations/race")->status, 404);
  EXPECT_EQ(a.client(false).Get("/v1/stations/race")->status, 404);
}

}  // namespace
}  // namespace sf::http
