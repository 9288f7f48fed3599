// Bearer tokens for writes: "name:token" entries (comma- or line-separated, '#' starts a
// comment), each token with a name that changes are recorded under. Lookups compare against
// every token in constant time, so timing reveals neither a token nor how much of one matched.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sf::http {

class TokenStore {
 public:
  TokenStore() = default;
  // Throws sf::Error(data_invalid) naming `source` and the entry for a malformed entry (no
  // colon, empty name or token, token under 16 characters) or a token given twice.
  static TokenStore parse(std::string_view text, const std::string& source);

  // The name of the entry holding `token`, if any.
  std::optional<std::string> name_for(std::string_view token) const;
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string name, token;
  };
  std::vector<Entry> entries_;
};

}  // namespace sf::http
