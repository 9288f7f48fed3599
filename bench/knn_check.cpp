// Checks our k = 5 nearest against the peers' exact numpy answer (expected/knn5_q10k_s10k.csv:
// qid,rank,station_id,dist_m, haversine on R = 6371008.8 m, ties by smaller id).
// Usage: sf_knn_check [PEERS_WORK]; exit 0 when every query agrees.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "bench/bench_data.hpp"
#include "core/catalog.hpp"

int main() {
  using namespace sf;
  const std::string dir = bench::peers_data_dir();
  const Catalog c(bench::load_stations(dir + "/stations_10k.csv"), {});
  const auto queries = bench::load_queries(dir + "/queries_10k.csv");
  std::ifstream in(dir + "/../expected/knn5_q10k_s10k.csv");
  if (!in) {
    std::cerr << "no expected file: run ../shared/peers/bench_brute.sh first\n";
    return 2;
  }
  std::map<std::pair<int, int>, std::pair<std::string, double>> expected;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string qid, rank, id, dist;
    std::getline(row, qid, ',');
    std::getline(row, rank, ',');
    std::getline(row, id, ',');
    std::getline(row, dist, ',');
    expected[{std::stoi(qid), std::stoi(rank)}] = {id, std::stod(dist)};
  }
  size_t wrong_ids = 0, wrong_dist = 0;
  double worst = 0;
  for (size_t q = 0; q < queries.size(); ++q) {
    NearestQuery query;
    query.point = queries[q];
    const Page page = c.nearest(query);
    for (size_t r = 0; r < page.hits.size(); ++r) {
      const auto& want = expected[{static_cast<int>(q + 1), static_cast<int>(r + 1)}];
      if (c.station(page.hits[r].index).id != want.first) ++wrong_ids;
      const double diff = std::abs(page.hits[r].distance_m - want.second);
      worst = std::max(worst, diff);
      if (diff > 0.0015) ++wrong_dist;  // expected is printed to 1 mm
    }
  }
  std::printf(
      "knn check: %zu queries, %zu wrong ids, %zu distances off by > 1.5 mm, worst %.4f m\n",
      queries.size(), wrong_ids, wrong_dist, worst);
  return wrong_ids == 0 && wrong_dist == 0 ? 0 : 1;
}
