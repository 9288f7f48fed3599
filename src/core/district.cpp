#include "core/district.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace sf {

size_t assign_districts(std::vector<Station>& stations, const std::vector<District>& districts) {
  size_t assigned = 0;
  for (Station& s : stations) assigned += assign_district(s, districts) ? 1 : 0;
  return assigned;
}

bool assign_district(Station& s, const std::vector<District>& districts) {
  bool assigned = false;
  {
    if (s.district.empty()) {
      for (const District& d : districts) {
        if (d.region.contains(s.position)) {
          s.district = d.name;
          assigned = true;
          break;
        }
      }
    }
    if (!s.district.empty()) {
      // Match the source's own name to the layer's: exact, English, or a short form such as
      // 朝阳 for 朝阳区. The layer's spelling wins, so filters see one name per district.
      for (const District& d : districts) {
        const bool same = d.name == s.district ||
                          (!d.name_en.empty() && equals_ignore_case(d.name_en, s.district));
        const bool short_form = s.district.size() >= 6 && d.name.rfind(s.district, 0) == 0;
        if (same || short_form) {
          s.district = d.name;
          if (s.district_en.empty()) s.district_en = d.name_en;
          break;
        }
      }
    }
  }
  return assigned;
}

std::optional<BBox> districts_extent(const std::vector<District>& districts) {
  std::optional<BBox> box;
  for (const District& d : districts) {
    if (d.region.empty()) continue;
    const BBox& b = d.region.bbox();
    if (!box) {
      box = b;
      continue;
    }
    box->west = std::min(box->west, b.west);
    box->south = std::min(box->south, b.south);
    box->east = std::max(box->east, b.east);
    box->north = std::max(box->north, b.north);
  }
  return box;
}

}  // namespace sf
