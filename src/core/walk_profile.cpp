#include "core/walk_profile.hpp"

#include <algorithm>
#include <array>

namespace sf {

namespace {

constexpr std::array<std::string_view, 19> kWalkableClasses = {
    "primary",       "primary_link", "secondary",   "secondary_link", "tertiary",
    "tertiary_link", "unclassified", "residential", "living_street",  "service",
    "pedestrian",    "footway",      "path",        "steps",          "track",
    "cycleway",      "road",         "bridleway",   "corridor"};

// A sidewalk tagged on the way itself, or on either side of it.
bool has_sidewalk(TagLookup tag) {
  for (std::string_view key : {"sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right"}) {
    const std::string_view v = tag(key);
    if (!v.empty() && v != "no" && v != "none") return true;
  }
  return false;
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> values) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

bool walkable(TagLookup tag) {
  const std::string_view highway = tag("highway");
  if (highway.empty()) return false;
  if (one_of(highway, {"motorway", "motorway_link", "construction", "proposed"})) return false;
  const std::string_view foot = tag("foot");
  if (one_of(foot, {"yes", "designated", "permissive"})) return true;
  if (foot == "no" || one_of(tag("access"), {"no", "private"})) return false;
  if (highway == "trunk" || highway == "trunk_link") {
    return has_sidewalk(tag);
  }
  return std::find(kWalkableClasses.begin(), kWalkableClasses.end(), highway) !=
         kWalkableClasses.end();
}

}  // namespace sf
