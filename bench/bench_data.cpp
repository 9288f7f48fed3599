#include "bench/bench_data.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace sf::bench {

namespace {

struct Row {
  long id;
  double lon, lat;
};

std::vector<Row> read_rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path +
                             " (generate it with ../shared/peers/gen_data.py --out DIR)");
  }
  std::vector<Row> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    char* p = line.data();
    Row r{};
    r.id = std::strtol(p, &p, 10);
    r.lon = std::strtod(p + 1, &p);
    r.lat = std::strtod(p + 1, &p);
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

std::string peers_data_dir() {
  const char* work = std::getenv("PEERS_WORK");
  return std::string(work != nullptr && *work != '\0' ? work : "/tmp/peers-work") + "/data";
}

std::vector<Station> load_stations(const std::string& path) {
  static const char* kHours[] = {"24/7", "Mo-Fr 09:00-17:00", "Mo-Su 08:00-22:00",
                                 "Mo-Su 09:00-21:00"};
  std::vector<Station> out;
  for (const Row& r : read_rows(path)) {
    Station s;
    s.id = std::to_string(r.id);
    s.name = "Station " + s.id;
    s.position = {r.lon, r.lat};
    s.host_type = static_cast<HostType>(r.id % kHostTypeCount);
    s.amenities = amenity_bit(Amenity::water) | amenity_bit(Amenity::rest);
    if (r.id % 20 == 0) s.amenities |= amenity_bit(Amenity::toilet);
    s.opening_hours = kHours[r.id % 4];
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<LonLat> load_queries(const std::string& path) {
  std::vector<LonLat> out;
  for (const Row& r : read_rows(path)) out.push_back({r.lon, r.lat});
  return out;
}

}  // namespace sf::bench
