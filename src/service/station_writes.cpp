#include "service/station_writes.hpp"

#include <malloc.h>

#include <exception>
#include <iostream>
#include <unordered_set>

#include "core/district.hpp"
#include "core/errors.hpp"
#include "core/replace_guard.hpp"
#include "core/time.hpp"

namespace sf {

namespace {

// The answer when a station that should be absent exists, or one that should exist does not.
Error expectation_error(const std::string& id, WriteRequest::Expect expect) {
  if (expect == WriteRequest::Expect::absent) {
    return Error(ErrorCode::station_exists, "properties.id",
                 "'" + id + "' exists; PUT /v1/stations/" + id + " replaces it");
  }
  return Error(ErrorCode::station_not_found, "id", "no station has id '" + id + "'");
}

}  // namespace

struct StationWrites::Pending {
  const WriteRequest* request;
  WriteOutcome outcome;
  std::exception_ptr error;
  bool done = false;
};

StationWrites::StationWrites(
    std::function<std::shared_ptr<const Snapshot>()> current, std::function<void(Snapshot)> publish,
    WriteCounters* counters,
    std::function<std::shared_ptr<const RenderCache>(const Catalog&)> cache_for)
    : current_(std::move(current)),
      publish_(std::move(publish)),
      counters_(counters),
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

namespace {

// A group commit as it is put together: the store writes of the requests accepted so far, and
// the state they leave over the snapshot.
struct BatchPlan {
  explicit BatchPlan(const Catalog& c) : catalog(c) {}
  const Catalog& catalog;
  Catalog::Changes net;
  std::vector<io::StoreWrite> writes;
  bool exists(const std::string& id) const {
    auto it = net.find(id);
    return it != net.end() ? it->second.has_value() : catalog.find(id).has_value();
  }
};

// The stations served after the plan so far that `named` leaves out; `served` counts them all.
std::vector<std::string> unnamed_ids(const BatchPlan& plan,
                                     const std::unordered_set<std::string_view>& named,
                                     size_t& served) {
  std::vector<std::string> out;
  served = 0;
  for (uint32_t i = 0; i < plan.catalog.slot_count(); ++i) {
    if (!plan.catalog.live(i)) continue;
    std::string id(plan.catalog.station(i).id);
    if (!plan.exists(id)) continue;
    ++served;
    if (!named.contains(id)) out.push_back(std::move(id));
  }
  for (const auto& [id, station] : plan.net) {
    if (!station || plan.catalog.find(id)) continue;
    ++served;
    if (!named.contains(id)) out.push_back(id);
  }
  return out;
}

// Adds one request's writes to the plan, all or none (what refuses it is thrown and leaves the
// plan as it was): its puts stamped `at` and placed in their districts, its deletes and, for a
// replace, the deletion of every station it does not name. Returns that last count.
size_t plan_request(BatchPlan& plan, const WriteRequest& r, const std::string& at) {
  std::vector<Station> puts;
  std::unordered_set<std::string_view> named;
  for (const WriteRequest::Item& item : r.items) {
    named.insert(item.id);
    if (item.expect != WriteRequest::Expect::any &&
        plan.exists(item.id) != (item.expect == WriteRequest::Expect::exists)) {
      throw expectation_error(item.id, item.expect);
    }
    if (item.station) {
      puts.push_back(*item.station);
      puts.back().updated_at = at;
    }
  }
  assign_districts(puts, plan.catalog.districts());
  std::vector<io::StoreWrite> writes;
  size_t next_put = 0;
  for (const WriteRequest::Item& item : r.items) {
    std::optional<Station> station;
    if (item.station) station = std::move(puts[next_put++]);
    writes.push_back({item.id, std::move(station), r.by, item.expect});
  }
  size_t unnamed = 0;
  if (r.replace_all) {
    size_t served = 0;
    std::vector<std::string> doomed = unnamed_ids(plan, named, served);
    check_replace_deletions(doomed.size(), served, r.confirm_delete, "confirm_delete");
    for (std::string& id : doomed) writes.push_back({std::move(id), std::nullopt, r.by});
    unnamed = doomed.size();
  }
  for (io::StoreWrite& w : writes) {
    plan.net[w.id] = w.station;
    plan.writes.push_back(std::move(w));
  }
  return unnamed;
}

}  // namespace

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
  BatchPlan plan(catalog);
  struct Span {
    Pending* pending;
    size_t first, count, unnamed;
  };
  std::vector<Span> accepted;
  for (Pending* p : batch) {
    try {
      const size_t first = plan.writes.size();
      const size_t unnamed = plan_request(plan, *p->request, at);
      accepted.push_back({p, first, plan.writes.size() - first, unnamed});
    } catch (...) {
      p->error = std::current_exception();
    }
  }
  std::vector<io::StoreWrite>& changes = plan.writes;
  Catalog::Changes& net = plan.net;
  if (changes.empty()) {
    for (const Span& s : accepted) {
      s.pending->outcome.version = catalog.version();
      s.pending->outcome.catalog = snap->catalog;
    }
    return;
  }
  std::vector<io::StationStore::Applied> applied;
  try {
    applied = store_->apply(changes, at);
  } catch (...) {
    if (counters_ != nullptr) counters_->failed_writes.fetch_add(accepted.size());
    for (const Span& s : accepted) s.pending->error = std::current_exception();
    return;
  }
  // The store checks each single write's expectation again: another replica may have created
  // or deleted the station since this snapshot. A refused request changed nothing; the
  // snapshot follows what was written, and the next poll brings the other replica's change.
  size_t refused = 0;
  for (const Span& s : accepted) {
    for (size_t i = s.first; i < s.first + s.count; ++i) {
      if (applied[i].refused && !s.pending->error) {
        s.pending->error =
            std::make_exception_ptr(expectation_error(changes[i].id, changes[i].expect));
        ++refused;
      }
    }
  }
  if (refused > 0) {
    net.clear();
    for (const Span& s : accepted) {
      if (s.pending->error) continue;
      for (size_t i = s.first; i < s.first + s.count; ++i) net[changes[i].id] = changes[i].station;
    }
    std::erase_if(accepted, [](const Span& s) { return s.pending->error != nullptr; });
    if (counters_ != nullptr) counters_->failed_writes.fetch_add(refused);
  }
  Catalog next = catalog.with_changes(net);
  const std::string version = next.version();
  const auto published = publish_changes(*snap, std::move(next), net);
  if (counters_ != nullptr) {
    counters_->write_commits.fetch_add(1);
    counters_->stations_written.fetch_add(changes.size());
  }
  for (const Span& s : accepted) {
    for (size_t i = s.first; i < s.first + s.count - s.unnamed; ++i) {
      s.pending->outcome.existed.push_back(applied[i].existed);
      s.pending->outcome.written.push_back(changes[i].station);
    }
    s.pending->outcome.deleted_unnamed = s.unnamed;
    s.pending->outcome.version = version;
    s.pending->outcome.catalog = published;
  }
}

std::shared_ptr<const Catalog> StationWrites::publish_changes(const Snapshot& from, Catalog catalog,
                                                              const Catalog::Changes& net) {
  if (merging_) {
    for (const auto& [id, station] : net) merge_log_[id] = station;
  }
  Snapshot next;
  next.source = from.source;
  next.loaded_at = now_unix();
  next.network = from.network;
  next.catalog = std::make_shared<const Catalog>(std::move(catalog));
  const auto published = next.catalog;
  publish_(std::move(next));
  maybe_merge(published);
  return published;
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
  s.network = snap->network;
  publish_(std::move(s));
  if (counters_ != nullptr) counters_->merges.fetch_add(1);
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
  Catalog::Changes net;
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
  if (counters_ != nullptr) counters_->replicated_changes.fetch_add(net.size());
  return net.size();
}

}  // namespace sf
