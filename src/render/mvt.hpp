// Mapbox Vector Tile 2.1 encoding (protobuf, written with protozero): each layer's features
// with the layer's shared keys and values, zig-zag delta geometry commands.
#pragma once

#include <string>
#include <vector>

#include "core/vector_tile.hpp"

namespace sf {

// The tile's bytes; layers without features are left out (an empty tile is zero bytes).
std::string encode_mvt(const std::vector<MvtLayer>& layers);

}  // namespace sf
