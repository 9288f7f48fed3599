// The guard on replaces (bulk mode=replace, import --replace): a replace deletes every station
// its source does not name, so a truncated file deletes most of the network. One that would
// delete more than a tenth of the served stations goes through only when the caller states
// that exact number; a stated number that differs from what would be deleted always refuses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/limits.hpp"

namespace sf {

inline constexpr double kReplaceDeleteShare = kDefaultLimits.replace_delete_share;

// Throws Error(replace_needs_confirmation) naming `parameter` (confirm_delete or
// --confirm-delete) unless the deletions are few or confirmed.
void check_replace_deletions(size_t deletions, size_t served, std::optional<size_t> confirmed,
                             const std::string& parameter);

}  // namespace sf
