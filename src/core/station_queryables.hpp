// The properties a CQL2 filter may name for stations (the queryables of OGC API - Features
// Part 3), each with its type, and a station's value of each.
#pragma once

#include <vector>

#include "core/cql2.hpp"
#include "core/station.hpp"

namespace sf {

const std::vector<cql2::Queryable>& station_queryables();
// The value of station_queryables()[property] for `s` (views into the station's text).
cql2::Value station_value(const StationView& s, uint32_t property);

}  // namespace sf
