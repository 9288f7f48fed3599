// The walking profile: which OpenStreetMap ways (or tagged lines) a person may walk along, one
// rule set applied the same way by every reader (README "Walking"):
//   - any highway with foot=yes|designated|permissive is walkable, except construction and
//     proposed ones (and motorways, which are never walkable);
//   - otherwise foot=no, or access=no|private, excludes it;
//   - the walkable classes are primary, secondary, tertiary (and their _link), unclassified,
//     residential, living_street, service, pedestrian, footway, path, steps, track, cycleway,
//     road, bridleway, corridor; trunk and trunk_link only with a sidewalk other than no/none
//     (tagged `sidewalk`, or `sidewalk:both|left|right`).
// `oneway` does not apply to walking.
#pragma once

#include <string_view>

#include "core/function_ref.hpp"

namespace sf {

// A way's tag by key; an empty view when the way has none.
using TagLookup = FunctionRef<std::string_view(std::string_view key)>;

bool walkable(TagLookup tag);

}  // namespace sf
