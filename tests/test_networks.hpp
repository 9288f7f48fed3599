// Street networks the server tests walk on, written as files a test hands to `serve --network`.
#pragma once

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace sf::test {

// A street grid over central Beijing (116.38-116.42, 39.89-39.93, 0.001° apart) as GeoJSON
// lines meeting at shared vertices, with a river along 39.9105 crossed only at 116.39 and
// 116.41: the walking requests' network.
inline std::string central_grid_geojson() {
  std::string s = R"({"type":"FeatureCollection","features":[)";
  bool first = true;
  auto line = [&](const std::vector<std::pair<int, int>>& cells) {
    s += first ? "" : ",";
    first = false;
    s += R"({"type":"Feature","properties":{"highway":"residential"},"geometry":)"
         R"({"type":"LineString","coordinates":[)";
    for (size_t i = 0; i < cells.size(); ++i) {
      char p[64];
      std::snprintf(p, sizeof p, "%s[%.3f,%.3f]", i ? "," : "", 116.38 + cells[i].first * 0.001,
                    39.89 + cells[i].second * 0.001);
      s += p;
    }
    s += "]}}";
  };
  for (int r = 0; r <= 40; ++r) {
    std::vector<std::pair<int, int>> row;
    for (int c = 0; c <= 40; ++c) row.emplace_back(c, r);
    line(row);
  }
  for (int c = 0; c <= 40; ++c) {
    std::vector<std::pair<int, int>> south, north;
    for (int r = 0; r <= 40; ++r) (r <= 20 ? south : north).emplace_back(c, r);
    if (c == 10 || c == 30) {
      south.insert(south.end(), north.begin(), north.end());
      line(south);
    } else {
      line(south);
      line(north);
    }
  }
  return s + "]}";
}

}  // namespace sf::test
