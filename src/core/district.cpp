#include "core/district.hpp"

namespace sf {

size_t assign_districts(std::vector<Station>& stations, const std::vector<District>& districts) {
  size_t assigned = 0;
  for (Station& s : stations) {
    if (s.district.empty()) {
      for (const District& d : districts) {
        if (d.region.contains(s.position)) {
          s.district = d.name;
          ++assigned;
          break;
        }
      }
    }
    if (s.district_en.empty() && !s.district.empty()) {
      for (const District& d : districts) {
        if (d.name == s.district) {
          s.district_en = d.name_en;
          break;
        }
      }
    }
  }
  return assigned;
}

}  // namespace sf
