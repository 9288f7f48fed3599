#include "core/replace_guard.hpp"

#include "core/errors.hpp"

namespace sf {

void check_replace_deletions(size_t deletions, size_t served, std::optional<size_t> confirmed,
                             const std::string& parameter) {
  const std::string counts = "this replace would delete " + std::to_string(deletions) + " of " +
                             std::to_string(served) + " stations";
  if (confirmed) {
    if (*confirmed == deletions) return;
    throw Error(ErrorCode::replace_needs_confirmation, parameter,
                counts + ", not the " + std::to_string(*confirmed) + " confirmed; nothing changed");
  }
  if (static_cast<double>(deletions) <= kReplaceDeleteShare * static_cast<double>(served)) return;
  throw Error(ErrorCode::replace_needs_confirmation, parameter,
              counts +
                  " (more than 10 %), which is what a truncated or wrong file looks like; "
                  "nothing changed. If that is meant, repeat it with " +
                  parameter + (parameter.rfind("--", 0) == 0 ? " " : "=") +
                  std::to_string(deletions));
}

}  // namespace sf
