// The write path: station changes go through the store in committed transactions, then a new
// snapshot is published (readers never wait: they keep the snapshot they started with).
//
// - Group commit: requests that arrive while a commit is in progress wait and are committed
//   together in the next transaction (one fsync), each checked and answered on its own.
// - A write shares the big base layer of the catalog and rebuilds only the small change layer;
//   when the change layer grows past merge_threshold, a background thread packs a new base
//   and publishes it with the changes committed meanwhile replayed on top.
// - Replicas: poll() reads the store's change sequence and applies changes other processes
//   made, deletes included.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "io/station_store.hpp"
#include "service/snapshot.hpp"
#include "service/write_counters.hpp"

namespace sf {

struct WriteRequest {
  using Expect = io::StoreWrite::Expect;
  struct Item {
    std::string id;
    std::optional<Station> station;  // none: delete
    Expect expect = Expect::any;
  };
  std::vector<Item> items;
  // Bulk mode=replace: every station the request does not name is deleted.
  bool replace_all = false;
  // With replace_all: the number of deletions the caller expects (see core/replace_guard).
  std::optional<size_t> confirm_delete;
  std::string by;  // the token's name
};

struct WriteOutcome {
  std::vector<bool> existed;   // per item: whether the id had a station before
  size_t deleted_unnamed = 0;  // replace_all: stations deleted for not being named
  std::string version;         // the dataset version that includes the write
  // Per item, the station as committed (updated_at and district set; none for a delete), and
  // the catalog published with it: answers render what this request wrote, even when a later
  // request (in the same group commit, or after it) changed or deleted the same id.
  std::vector<std::optional<Station>> written;
  std::shared_ptr<const Catalog> catalog;
};

class StationWrites {
 public:
  // `cache_for` builds what a new base layer needs beside it (the pre-rendered JSON), so a
  // merge does that work before it takes the writers' lock.
  StationWrites(std::function<std::shared_ptr<const Snapshot>()> current,
                std::function<void(Snapshot)> publish, WriteCounters* counters,
                std::function<std::shared_ptr<const RenderCache>(const Catalog&)> cache_for);
  ~StationWrites();  // waits for a background merge

  // Publishes a freshly loaded snapshot and the store it came from (null: read-only), with
  // the store's change sequence read before the data was loaded. Writes and merges in flight
  // finish against the old data first; a merge started before is dropped.
  void replace(Snapshot snapshot, std::unique_ptr<io::StationStore> store, int64_t sequence);
  void set_store(std::unique_ptr<io::StationStore> store);

  // Checks, commits and publishes; throws Error (data_read_only, station_exists,
  // station_not_found, or the store's failure). Returns once the change is durable and served.
  WriteOutcome write(const WriteRequest& request);

  std::vector<io::StationStore::Version> history(const std::string& id);
  std::vector<io::StationStore::Change> changes_of(const std::string& id);

  // Applies changes committed by other processes since the last poll; returns how many
  // stations changed here.
  size_t poll();
  // Why the last poll failed ("" when it did not): /readyz reports it.
  std::string store_problem();

  // Pending changes (change-layer stations plus hidden base entries) that start a merge.
  void set_merge_threshold(size_t n) { merge_threshold_ = n; }
  // Waits until no background merge is running (tests, shutdown).
  void wait_for_merge();

 private:
  struct Pending;
  void commit_batch(const std::vector<Pending*>& batch);
  // Publishes `catalog` (derived from `from`), records the net changes for a running merge,
  // and returns what it published.
  std::shared_ptr<const Catalog> publish_changes(const Snapshot& from, Catalog catalog,
                                                 const Catalog::Changes& net);
  void maybe_merge(const std::shared_ptr<const Catalog>& catalog);
  // The background merge: packs `catalog`'s stations into a new base, then publishes it with
  // the changes committed meanwhile (unless the data was reloaded: `generation` moved).
  void merge(std::shared_ptr<const Catalog> catalog, uint64_t generation);

  std::function<std::shared_ptr<const Snapshot>()> current_;
  std::function<void(Snapshot)> publish_;
  WriteCounters* counters_;
  std::function<std::shared_ptr<const RenderCache>(const Catalog&)> cache_for_;

  // Group commit: one leader commits what has queued up while the others wait.
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::vector<Pending*> queue_;
  bool committing_ = false;

  // Held while the store is used and a snapshot is derived and published.
  std::mutex store_mutex_;
  std::unique_ptr<io::StationStore> store_;
  int64_t sequence_ = 0;     // the last change sequence applied from the store
  uint64_t generation_ = 0;  // bumped by replace(): merges started before are dropped
  std::string store_problem_;

  size_t merge_threshold_ = 2048;
  bool merging_ = false;
  Catalog::Changes merge_log_;  // net changes since the merge began
  std::thread merge_thread_;
};

}  // namespace sf
