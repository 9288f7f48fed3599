// The peers' deterministic data (../shared/peers/gen_data.py): stations_10k.csv,
// stations_1m.csv (id,lon,lat) and queries_10k.csv (qid,lon,lat) under $PEERS_WORK/data.
#pragma once

#include <string>
#include <vector>

#include "core/station.hpp"

namespace sf::bench {

std::string peers_data_dir();  // $PEERS_WORK/data, default /tmp/peers-work/data

// Stations with synthetic attributes for the filter benchmarks: exactly the ids divisible by
// 20 have a toilet (a filter that 1 station in 20 passes); hosts and hours vary by id.
std::vector<Station> load_stations(const std::string& path);
std::vector<LonLat> load_queries(const std::string& path);

}  // namespace sf::bench
