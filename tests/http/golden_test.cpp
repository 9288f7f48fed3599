// The golden corpus: every answer the HTTP API gives, byte for byte. tests/golden/requests.jsonl
// (written by tests/golden/make_requests.py) holds 400+ raw requests over every route, every
// format, both datums and every error code a request can produce; tests/golden/answers.jsonl
// holds what the server answered when they were recorded. This test starts the servers the
// corpus names, sends each request in order and requires the same status, the same headers
// (but Date) and the same body. A refactoring that changes any answer fails here.
//
// What cannot repeat is masked in both, before comparing: the temporary directory, the build's
// git hash, the network's load time, load and write times (any timestamp within two days of
// now), the day a zipped Shapefile's .dbf was written (zip answers are compared entry by
// entry, inflated), and on the server
// that takes the writes the dataset version (it hashes those times; the test asks /v1/meta
// before and after each write). GeoPackages get a fixed OGR_CURRENT_DATE. gzip bodies are
// compared decompressed; Content-Length is checked against the body, then recorded as the
// masked body's length. `compare: head` leaves out the body (/metrics counts the corpus).
//
// Recording: SF_GOLDEN_RECORD=1 runs the corpus twice on fresh servers, fails on any answer
// that differs between the two runs (a mask is missing), and writes answers.jsonl.
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "raw_http.hpp"
#include "serve_process.hpp"
#include "test_networks.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

using nlohmann::json;
using test::ServeProcess;
constexpr const char* kToken = "golden-corpus-token-0123456789";
constexpr size_t kInlineBody = 8192;  // longer bodies are kept as length and hash

std::string corpus_path(const char* name) {
  return std::string(SF_SOURCE_DIR) + "/tests/golden/" + name;
}

std::vector<json> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(json::parse(line));
  }
  return out;
}

std::string fnv1a64(const std::string& bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// window_bits: 16 + MAX_WBITS for gzip, -MAX_WBITS for a raw deflate stream (a zip entry).
std::string inflated(const std::string& in, int window_bits) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return "<not deflate>";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : "<broken deflate>";
}

std::string gunzip(const std::string& in) {
  return inflated(in, 16 + MAX_WBITS);
}

uint32_t little_endian(const std::string& s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(s[at + i]);
  return v;
}

// A zipped Shapefile's .dbf header holds the day it was written (bytes 1-3): the zip's
// entries, inflated, as "name\n" + contents, with that date zeroed. Read by the central
// directory (the local headers may leave the sizes to a data descriptor).
std::string zip_entries_masked(const std::string& zip) {
  const size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos || end + 22 > zip.size()) return "<not zip>";
  const uint32_t entries = little_endian(zip, end + 10, 2);
  size_t at = little_endian(zip, end + 16, 4);
  std::string out;
  for (uint32_t e = 0; e < entries; ++e) {
    if (at + 46 > zip.size() || zip.compare(at, 4, std::string("PK\x01\x02", 4)) != 0)
      return "<broken zip>";
    const uint32_t method = little_endian(zip, at + 10, 2);
    const uint32_t packed = little_endian(zip, at + 20, 4);
    const uint32_t name_len = little_endian(zip, at + 28, 2);
    const uint32_t extra_len = little_endian(zip, at + 30, 2);
    const uint32_t comment_len = little_endian(zip, at + 32, 2);
    const uint32_t local = little_endian(zip, at + 42, 4);
    const std::string name = zip.substr(at + 46, name_len);
    at += 46 + name_len + extra_len + comment_len;
    if (local + 30 > zip.size()) return "<broken zip>";
    const size_t data =
        local + 30 + little_endian(zip, local + 26, 2) + little_endian(zip, local + 28, 2);
    if (data + packed > zip.size()) return "<broken zip>";
    std::string content = zip.substr(data, packed);
    if (method == 8) content = inflated(content, -MAX_WBITS);
    if (name.ends_with(".dbf") && content.size() > 4) content.replace(1, 3, 3, '\0');
    out += name + "\n" + content;
  }
  return out;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// `"key":"…"` → `"key":"<what>"`.
void mask_member(std::string& s, const std::string& key, const std::string& what) {
  const std::string open = "\"" + key + "\":\"";
  for (size_t at = s.find(open); at != std::string::npos; at = s.find(open, at + 1)) {
    const size_t start = at + open.size(), end = s.find('"', start);
    if (end == std::string::npos) return;
    s.replace(start, end - start, "<" + what + ">");
  }
}

// `"key":number` → `"key":"<what>"` (a measured time).
void mask_number_member(std::string& s, const std::string& key, const std::string& what) {
  const std::string open = "\"" + key + "\":";
  for (size_t at = s.find(open); at != std::string::npos; at = s.find(open, at + 1)) {
    const size_t start = at + open.size();
    const size_t end = s.find_first_not_of("0123456789.e-", start);
    if (end == std::string::npos || end == start) return;
    s.replace(start, end - start, "\"<" + what + ">\"");
  }
}

bool digits(const std::string& s, size_t at, size_t n) {
  if (at + n > s.size()) return false;
  for (size_t i = 0; i < n; ++i)
    if (s[at + i] < '0' || s[at + i] > '9') return false;
  return true;
}

// Every YYYY-MM-DDTHH:MM:SS (or with a space) within two days of now becomes X's of the same
// length: write times and load times. Fixed times (`at=`, the data's updated_at) stay.
void mask_recent_times(std::string& s) {
  const std::time_t now = std::time(nullptr);
  for (size_t at = 0; at + 19 <= s.size(); ++at) {
    if (!(digits(s, at, 4) && s[at + 4] == '-' && digits(s, at + 5, 2) && s[at + 7] == '-' &&
          digits(s, at + 8, 2) && (s[at + 10] == 'T' || s[at + 10] == ' ') &&
          digits(s, at + 11, 2) && s[at + 13] == ':' && digits(s, at + 14, 2) &&
          s[at + 16] == ':' && digits(s, at + 17, 2)))
      continue;
    std::tm tm{};
    tm.tm_year = std::stoi(s.substr(at, 4)) - 1900;
    tm.tm_mon = std::stoi(s.substr(at + 5, 2)) - 1;
    tm.tm_mday = std::stoi(s.substr(at + 8, 2));
    tm.tm_hour = 12;
    const std::time_t t = timegm(&tm);
    if (std::abs(std::difftime(t, now)) > 2 * 86400.0) continue;
    for (size_t i = at; i < at + 19; ++i)
      if (s[i] >= '0' && s[i] <= '9') s[i] = 'X';
    at += 18;
  }
}

// Whether a path fits a documented route path: segment by segment, "{name}" fits any one
// non-empty segment.
bool path_matches(const std::string& pattern, const std::string& path) {
  size_t p = 0, q = 0;
  while (p <= pattern.size() && q <= path.size()) {
    const size_t pe = std::min(pattern.find('/', p), pattern.size());
    const size_t qe = std::min(path.find('/', q), path.size());
    const std::string_view want(pattern.data() + p, pe - p), got(path.data() + q, qe - q);
    const bool any = want.size() > 2 && want.front() == '{' && want.back() == '}';
    if (any ? got.empty() : want != got) return false;
    if (pe == pattern.size() || qe == path.size()) return pe == pattern.size() && qe == path.size();
    p = pe + 1;
    q = qe + 1;
  }
  return false;
}

struct Context {
  std::string dir;                    // the test's temporary directory, as it appears in answers
  std::vector<std::string> versions;  // the writes server's dataset versions around the request
};

// One answer as the corpus keeps it.
json normalized(const json& request, const test::RawAnswer& a, const Context& ctx) {
  json out;
  out["name"] = request["name"];
  out["status"] = a.status();
  const bool head_only = request["compare"] == "head";
  const bool is_head = request["raw"].get<std::string>().rfind("HEAD ", 0) == 0;
  std::string body = a.body();
  bool gzip = false;
  std::vector<std::string> headers;
  std::istringstream lines(a.head());
  std::string line;
  std::getline(lines, line);  // the status line
  out["status_line"] = line.substr(0, line.find('\r'));
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line.rfind("Date: ", 0) == 0) continue;
    if (line == "Content-Encoding: gzip") gzip = true;
    headers.push_back(line);
  }
  if (gzip) body = gunzip(body);
  for (const std::string& h : headers)
    if (h == "Content-Type: application/zip") body = zip_entries_masked(body);
  replace_all(body, ctx.dir, "<dir>");
  mask_member(body, "git", "git");
  mask_member(body, "loaded_at", "time");
  mask_number_member(body, "load_seconds", "seconds");
  for (const std::string& v : ctx.versions) replace_all(body, v, "<version>");
  mask_recent_times(body);
  for (std::string& h : headers) {
    if (h.rfind("Content-Length: ", 0) == 0) {
      if (head_only)
        h = "Content-Length: <any>";
      else if (!is_head)
        h = "Content-Length: " + std::to_string(body.size());
    }
    replace_all(h, ctx.dir, "<dir>");
    for (const std::string& v : ctx.versions) replace_all(h, v, "<version>");
  }
  out["headers"] = headers;
  if (head_only || is_head) return out;
  if (body.size() <= kInlineBody && is_clean_text(body)) {
    out["body"] = body;
  } else {
    out["body_length"] = body.size();
    out["body_fnv1a64"] = fnv1a64(body);
    if (is_clean_text(body.substr(0, 200))) out["body_start"] = body.substr(0, 200);
  }
  return out;
}

// The servers the corpus names, each on its own copy of the data.
class Servers {
 public:
  explicit Servers(const std::filesystem::path& dir) {
    // GDAL stamps GeoPackages with the time they are written, unless told a fixed one.
    ::setenv("OGR_CURRENT_DATE", "2026-01-01T00:00:00.000Z", 1);
    const std::string tokens = (dir / "tokens.txt").string();
    test::write_file(tokens, std::string("golden:") + kToken + "\n");
    const std::string bundled = std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg";
    const std::string main_store = (dir / "main.gpkg").string();
    const std::string writes_store = (dir / "writes.gpkg").string();
    std::filesystem::copy_file(bundled, main_store);
    std::filesystem::copy_file(bundled, writes_store);
    const std::string csv = (dir / "stations.csv").string();
    test::write_file(csv, "id,name,lon,lat\nr1,Read only,116.40,39.90\nr2,Two,116.41,39.91\n");
    const std::string exclude = (dir / "water.geojson").string();
    test::write_file(
        exclude, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
                 R"({"name":"lake"},"geometry":{"type":"Polygon","coordinates":[[[116.39,39.92],)"
                 R"([116.40,39.92],[116.40,39.93],[116.39,39.93],[116.39,39.92]]]}}]})");
    const std::string candidates = (dir / "candidates.geojson").string();
    test::write_file(
        candidates,
        R"({"type":"FeatureCollection","features":[)"
        R"({"type":"Feature","properties":{"id":"k1","name":"Bank","host_type":"bank"},)"
        R"("geometry":{"type":"Point","coordinates":[116.40,39.92]}},)"
        R"({"type":"Feature","properties":{"id":"k2","name":"Shop","host_type":)"
        R"("supermarket"},"geometry":{"type":"Point","coordinates":[116.42,39.90]}},)"
        R"({"type":"Feature","properties":{"id":"k3","name":"Fuel","host_type":)"
        R"("gas_station"},"geometry":{"type":"Point","coordinates":[116.38,39.88]}}]})");
    const std::string network = (dir / "streets.geojson").string();
    test::write_file(network, test::central_grid_geojson());
    const std::vector<std::string> common = {"--threads",        "16", "--coverage-threads", "2",
                                             "--coverage-queue", "8"};
    auto with = [&](std::vector<std::string> args) {
      args.insert(args.end(), common.begin(), common.end());
      return args;
    };
    servers_.emplace("main",
                     std::make_unique<ServeProcess>(
                         dir, "main",
                         with({"--data", main_store, "--tokens-file", tokens, "--exclude", exclude,
                               "--candidates", candidates, "--network", network})));
    servers_.emplace("writes",
                     std::make_unique<ServeProcess>(dir, "writes",
                                                    with({"--data", writes_store, "--tokens-file",
                                                          tokens, "--network", network})));
    servers_.emplace("read_only",
                     std::make_unique<ServeProcess>(
                         dir, "read_only", with({"--data", csv, "--tokens-file", tokens})));
    servers_.emplace("no_tokens",
                     std::make_unique<ServeProcess>(dir, "no_tokens", with({"--data", csv})));
  }
  const ServeProcess& operator[](const std::string& name) const { return *servers_.at(name); }
  bool started() const {
    for (const auto& [name, s] : servers_)
      if (s->port() <= 0) return false;
    return true;
  }

 private:
  std::map<std::string, std::unique_ptr<ServeProcess>> servers_;
};

std::string dataset_version(int port) {
  const test::RawAnswer a = test::raw_exchange(
      port, "GET /v1/meta HTTP/1.1\r\nHost: golden\r\nConnection: close\r\n\r\n");
  const json meta = json::parse(a.body(), nullptr, false);
  return meta.is_object() ? meta.value("dataset_version", "") : "";
}

// Sends the corpus in order to fresh servers; the answers, normalized.
std::vector<json> run_corpus(const std::vector<json>& requests, const std::string& label) {
  const auto dir = test::temp_dir("golden_" + label);
  Servers servers(dir);
  EXPECT_TRUE(servers.started()) << "a server did not start; see " << dir;
  if (!servers.started()) return {};
  Context ctx{dir.string(), {}};
  std::vector<json> answers;
  for (const json& r : requests) {
    const ServeProcess& s = servers[r["server"].get<std::string>()];
    const std::string raw = r["raw"];
    // A write's answer names the dataset version before or after it; both hash write times.
    const bool writes = r["server"] == "writes";
    ctx.versions.clear();
    if (writes) ctx.versions.push_back(dataset_version(s.port()));
    const test::RawAnswer a = test::raw_exchange(s.port(), raw, 60);
    if (writes) ctx.versions.push_back(dataset_version(s.port()));
    const bool is_head = raw.rfind("HEAD ", 0) == 0;
    EXPECT_TRUE(is_head || a.status() == 204 || a.status() == 304 || a.complete())
        << r["name"] << ": the body is not as long as its Content-Length";
    answers.push_back(normalized(r, a, ctx));
    EXPECT_TRUE(s.alive()) << r["name"] << " killed the server";
  }
  return answers;
}

std::string describe(const json& j) {
  std::string s = j.dump(2, ' ', false, json::error_handler_t::replace);
  return s.size() > 3000 ? s.substr(0, 3000) + "…" : s;
}

TEST(GoldenCorpus, EveryAnswerIsTheRecordedOne) {
  const std::vector<json> requests = read_lines(corpus_path("requests.jsonl"));
  ASSERT_GE(requests.size(), 300u) << "the corpus holds at least 300 requests";

  if (const char* r = std::getenv("SF_GOLDEN_RECORD"); r != nullptr && *r == '1') {
    const std::vector<json> first = run_corpus(requests, "a");
    const std::vector<json> second = run_corpus(requests, "b");
    ASSERT_EQ(first.size(), requests.size());
    ASSERT_EQ(second.size(), requests.size());
    for (size_t i = 0; i < first.size(); ++i) {
      EXPECT_EQ(first[i], second[i]) << "differs between two runs (a mask is missing):\n"
                                     << describe(first[i]) << "\n---\n"
                                     << describe(second[i]);
    }
    if (testing::Test::HasFailure()) return;
    std::ofstream out(corpus_path("answers.jsonl"));
    for (const json& a : first)
      out << a.dump(-1, ' ', false, json::error_handler_t::strict) << "\n";
    std::cout << "recorded " << first.size() << " answers\n";
    return;
  }

  const std::vector<json> recorded = read_lines(corpus_path("answers.jsonl"));
  ASSERT_EQ(recorded.size(), requests.size())
      << "answers.jsonl is not the record of requests.jsonl: record again";
  const std::vector<json> answers = run_corpus(requests, "replay");
  ASSERT_EQ(answers.size(), requests.size());
  size_t differing = 0;
  for (size_t i = 0; i < answers.size(); ++i) {
    ASSERT_EQ(recorded[i]["name"], requests[i]["name"]) << "record again";
    if (answers[i] != recorded[i]) {
      ++differing;
      ADD_FAILURE() << requests[i]["name"] << " answers differently.\nrecorded:\n"
                    << describe(recorded[i]) << "\nnow:\n"
                    << describe(answers[i]);
    }
  }
  std::cout << answers.size() << " answers replayed, " << differing << " differ\n";
}

// The corpus reaches what it says it reaches: every route of /v1/meta, both datums, every
// error code a request can produce (but coverage_busy, which needs a race: the hostile table
// has it), every format.
TEST(GoldenCorpus, CoversEveryRouteAndErrorCode) {
  const std::vector<json> requests = read_lines(corpus_path("requests.jsonl"));
  const std::vector<json> recorded = read_lines(corpus_path("answers.jsonl"));
  ASSERT_EQ(recorded.size(), requests.size());
  std::set<std::string> codes;
  std::vector<std::string> targets;
  for (size_t i = 0; i < recorded.size(); ++i) {
    const json& a = recorded[i];
    const std::string raw = requests[i]["raw"];
    targets.push_back(raw.substr(0, raw.find(" HTTP/")));
    if (a.contains("body")) {
      const json problem = json::parse(a["body"].get<std::string>(), nullptr, false);
      if (!problem.is_discarded() && problem.is_object() && problem.contains("code") &&
          problem.contains("status")) {
        EXPECT_EQ(problem["status"], a["status"]) << a["name"];
        codes.insert(problem["code"].get<std::string>());
      }
    }
  }
  for (int c = 0; c <= static_cast<int>(ErrorCode::internal_error); ++c) {
    const auto code = static_cast<ErrorCode>(c);
    if (code == ErrorCode::data_source_unreadable || code == ErrorCode::data_invalid ||
        code == ErrorCode::internal_error || code == ErrorCode::coverage_busy)
      continue;
    EXPECT_TRUE(codes.count(std::string(error_info(code).name)))
        << error_info(code).name << " has no answer in the corpus";
  }
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (const std::string& t : targets) n += t.find(needle) != std::string::npos;
    return n;
  };
  for (const char* needle :
       {"crs=gcj02", "crs=bd09", "format=geojson", "format=json", "format=csv", "format=gpkg",
        "format=shp", "format=tiff", "format=fgb", "at=2026-11-25"}) {
    EXPECT_GE(count(needle), 3u) << needle << " appears in fewer than 3 requests";
  }
  // Every route, as /v1/meta lists it, by method and path pattern.
  const json* meta = nullptr;
  for (const json& a : recorded)
    if (a["name"] == "meta") meta = &a;
  ASSERT_NE(meta, nullptr);
  const json meta_body = json::parse((*meta)["body"].get<std::string>());
  for (const auto& route : meta_body["routes"]) {
    const std::string r = route;
    const std::string method = r.substr(0, r.find(' ')), pattern = r.substr(r.find(' ') + 1);
    size_t n = 0;
    for (const std::string& t : targets) {
      if (t.rfind(method + " ", 0) != 0) continue;
      const std::string path = t.substr(method.size() + 1, t.find('?') - method.size() - 1);
      n += path_matches(pattern, path);
    }
    EXPECT_GE(n, 3u) << r << " has fewer than 3 requests in the corpus";
  }
  std::cout << requests.size() << " requests, " << codes.size() << " error codes\n";
}

}  // namespace
}  // namespace sf
