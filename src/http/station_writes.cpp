#include "http/station_writes.hpp"

#include <malloc.h>

#include <exception>
#include <iostream>
#include <unordered_set>

#include "core/district.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "http/metrics.hpp"

namespace sf::http {

struct StationWrites::Pending {
  const WriteRequest* request;
  WriteOutcome outcome;
  std::exception_ptr error;
  bool done = false;
};

StationWrites::StationWrites(
    std::function<std::shared_ptr<const Snapshot>()> current, std::function<void(Snapshot)> publish,
    Metrics* metrics, std::function<std::shared_ptr<const RenderCache>(const Catalog&)> cache_for)
    : current_(std::move(current)),
      publish_(std::move(publish)),
      metrics_(metrics),
      cache_for_(std::move(cache_for)) {}

StationWrites::~StationWrites() {
  wait_for_merge();
}

void StationWrites::wait_for_merge() {
  std::thread finished;
  {
    std::lock_guard lock(store_mutex_);
    finished = std::move(merge_thread_);
  }
  if (finished.joinable()) finished.join();
}

void StationWrites::replace(Snapshot snapshot, std::unique_ptr<io::StationStore> store,
                            int64_t sequence) {
  std::lock_guard lock(store_mutex_);
  ++generation_;
  publish_(std::move(snapshot));
  store_ = std::move(store);
  sequence_ = sequence;
}

void StationWrites::set_store(std::unique_ptr<io::StationStore> store) {
  std::lock_guard lock(store_mutex_);
  store_ = std::move(store);
  store_problem_.clear();
}

bool StationWrites::has_store() {
  std::lock_guard lock(store_mutex_);
  return store_ != nullptr;
}

std::vector<io::StationStore::Version> StationWrites::history(const std::string& id) {
  std::lock_guard lock(store_mutex_);
  if (!store_) throw Error(ErrorCode::data_read_only, "", "no store: no history");
  return store_->history(id);
}

std::vector<io::StationStore::Change> StationWrites::changes_of(const std::string& id) {
  std::lock_guard lock(store_mutex_);
  if (!store_) throw Error(ErrorCode::data_read_only, "", "no store: no history");
  return store_->changes_of(id);
}

WriteOutcome StationWrites::write(const WriteRequest& request) {
  Pending mine{&request, {}, nullptr, false};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&mine);
  queue_cv_.wait(lock, [&] { return mine.done || !committing_; });
  if (!mine.done) {
    // The leader: commit everything queued so far (this request included) in one go.
    committing_ = true;
    std::vector<Pending*> batch;
    batch.swap(queue_);
    lock.unlock();
    try {
      commit_batch(batch);
    } catch (...) {  // commit_batch answers each request; this is a last resort
      for (Pending* p : batch) {
        if (!p->error && p->outcome.version.empty()) p->error = std::current_exception();
      }
    }
    lock.lock();
    for (Pending* p : batch) p->done = true;
    committing_ = false;
    queue_cv_.notify_all();
  }
  if (mine.error) std::rethrow_exception(mine.error);
  return mine.outcome;
}

void StationWrites::commit_batch(const std::vector<Pending*>& batch) {
  std::lock_guard lock(store_mutex_);
  if (!store_) {
    for (Pending* p : batch) {
      p->error = std::make_exception_ptr(
          Error(ErrorCode::data_read_only, "",
                "the served data is not a GeoPackage or PostGIS store; import it into one "
                "(stationfinder import SRC --out data.gpkg) and serve --data data.gpkg"));
    }
    return;
  }
  const auto snap = current_();
  const Catalog& catalog = *snap->catalog;
  const std::string at = format_shanghai(now_unix());
  // The state after the requests accepted so far in this batch, over the snapshot.
  Catalog::NetChanges net;
  auto exists = [&](const std::string& id) {
    auto it = net.find(id);
    return it != net.end() ? it->second.has_value() : catalog.find(id).has_value();
  };
  std::vector<io::StationChange> changes;
  struct Span {
    Pending* pending;
    size_t first, count, unnamed;
  };
  std::vector<Span> accepted;
  for (Pending* p : batch) {
    const WriteRequest& r = *p->request;
    try {
      std::vector<Station> puts;
      std::unordered_set<std::string_view> named;
      for (const WriteRequest::Item& item : r.items) {
        named.insert(item.id);
        const bool there = exists(item.id);
        if (item.expect == WriteRequest::Expect::absent && there) {
          throw Error(ErrorCode::station_exists, "properties.id",
                      "'" + item.id + "' exists; PUT /v1/stations/" + item.id + " replaces it");
        }
        if (item.expect == WriteRequest::Expect::exists && !there) {
          throw Error(ErrorCode::station_not_found, "id", "no station has id '" + item.id + "'");
        }
        if (item.station) {
          puts.push_back(*item.station);
          puts.back().updated_at = at;
        }
      }
      assign_districts(puts, catalog.districts());
      const size_t first = changes.size();
      size_t next_put = 0;
      for (const WriteRequest::Item& item : r.items) {
        if (item.station) {
          changes.push_back({item.id, std::move(puts[next_put++]), r.by});
        } else {
          changes.push_back({item.id, std::nullopt, r.by});
        }
      }
      size_t unnamed = 0;
      if (r.replace_all) {
        for (uint32_t i = 0; i < catalog.slot_count(); ++i) {
          if (!catalog.live(i)) continue;
          const std::string id(catalog.station(i).id);
          if (!named.contains(id) && exists(id)) {
            changes.push_back({id, std::nullopt, r.by});
            ++unnamed;
          }
        }
        for (const auto& [id, station] : net) {
          if (station && !named.contains(id) && !catalog.find(id)) {
            changes.push_back({id, std::nullopt, r.by});
            ++unnamed;
          }
        }
      }
      for (size_t i = first; i < changes.size(); ++i) net[changes[i].id] = changes[i].station;
      accepted.push_back({p, first, changes.size() - first, unnamed});
    } catch (...) {
      p->error = std::current_exception();
    }
  }
  if (changes.empty()) {
    for (const Span& s : accepted) s.pending->outcome.version = catalog.version();
    return;
  }
  std::vector<bool> existed;
  try {
    existed = store_->apply(changes, at);
  } catch (...) {
    if (metrics_ != nullptr) metrics_->failed_writes.fetch_add(accepted.size());
    for (const Span& s : accepted) s.pending->error = std::current_exception();
    return;
  }
  Catalog next = catalog.with_changes(net);
  const std::string version = next.version();
  publish_changes(*snap, std::move(next), net);
  if (metrics_ != nullptr) {
    metrics_->write_commits.fetch_add(1);
    metrics_->stations_written.fetch_add(changes.size());
  }
  for (const Span& s : accepted) {
    s.pending->outcome.existed.assign(
        existed.begin() + static_cast<long>(s.first),
        existed.begin() + static_cast<long>(s.first + s.count - s.unnamed));
    s.pending->outcome.deleted_unnamed = s.unnamed;
    s.pending->outcome.version = version;
  }
}

void StationWrites::publish_changes(const Snapshot& from, Catalog catalog,
                                    const Catalog::NetChanges& net) {
  if (merging_) {
    for (const auto& [id, station] : net) merge_log_[id] = station;
  }
  Snapshot next;
  next.source = from.source;
  next.loaded_at = now_unix();
  next.catalog = std::make_shared<const Catalog>(std::move(catalog));
  const auto published = next.catalog;
  publish_(std::move(next));
  maybe_merge(published);
}

void StationWrites::maybe_merge(const std::shared_ptr<const Catalog>& catalog) {
  if (merging_ || catalog->pending_changes() < merge_threshold_) return;
  if (merge_thread_.joinable()) merge_thread_.join();  // the last merge has left its lock
  merging_ = true;
  merge_log_.clear();
  const uint64_t generation = generation_;
  merge_thread_ = std::thread([this, catalog, generation]() mutable {
    merge(std::move(catalog), generation);
    // The old base is freed once its last reader is done; hand the pages back to the system
    // (glibc keeps freed arenas otherwise, and RSS would climb merge after merge).
    malloc_trim(0);
  });
}

void StationWrites::merge(std::shared_ptr<const Catalog> catalog, uint64_t generation) {
  // Packing happens outside the lock: writes and queries go on meanwhile.
  Catalog merged = catalog->merged();
  catalog.reset();
  const auto cache = cache_for_ ? cache_for_(merged) : nullptr;  // valid for the same base
  std::lock_guard lock(store_mutex_);
  merging_ = false;
  const auto snap = current_();
  if (generation != generation_) return;  // the data was reloaded meanwhile
  Catalog next = merged.with_changes(merge_log_);
  merge_log_.clear();
  if (next.version() != snap->catalog->version()) {
    std::cerr << "stationfinder: merge dropped: it does not match the served dataset "
              << snap->catalog->version() << "\n";
    return;
  }
  Snapshot s;
  s.source = snap->source;
  s.loaded_at = snap->loaded_at;
  s.catalog = std::make_shared<const Catalog>(std::move(next));
  s.render_cache = cache;
  publish_(std::move(s));
  if (metrics_ != nullptr) metrics_->merges.fetch_add(1);
}

std::string StationWrites::store_problem() {
  std::lock_guard lock(store_mutex_);
  return store_problem_;
}

size_t StationWrites::poll() {
  std::lock_guard lock(store_mutex_);
  if (!store_) return 0;
  io::StationStore::ChangedIds changed;
  std::vector<Station> now;
  try {
    changed = store_->changed_since(sequence_);
    if (!changed.ids.empty()) now = store_->current(changed.ids);
    store_problem_.clear();
  } catch (const std::exception& e) {
    store_problem_ = e.what();
    throw;
  }
  if (changed.ids.empty()) return 0;
  const auto snap = current_();
  const Catalog& catalog = *snap->catalog;
  Catalog::NetChanges net;
  for (const std::string& id : changed.ids) net[id] = std::nullopt;
  for (Station& s : now) {
    assign_district(s, catalog.districts());  // as a write through this replica would
    net[s.id] = std::move(s);
  }
  std::erase_if(net, [&](const auto& change) {
    const auto& [id, station] = change;
    // What this replica already serves (its own writes, read back) changes nothing.
    const auto slot = catalog.find(id);
    return station ? slot && station_hash(catalog.station(*slot)) ==
                                 station_hash(StationView::of(*station))
                   : !slot;
  });
  sequence_ = changed.last;
  if (net.empty()) return 0;
  publish_changes(*snap, catalog.with_changes(net), net);
  if (metrics_ != nullptr) metrics_->replicated_changes.fetch_add(net.size());
  return net.size();
}

}  // namespace sf::http
