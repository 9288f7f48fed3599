#include "http/tokens.hpp"

#include "core/errors.hpp"

namespace sf::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Equal length and content, in time that depends only on the lengths.
bool same(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

}  // namespace

TokenStore TokenStore::parse(std::string_view text, const std::string& source) {
  TokenStore store;
  size_t line = 1;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t end = rest.find_first_of(",\n");
    std::string_view entry = rest.substr(0, end);
    const bool newline = end != std::string_view::npos && rest[end] == '\n';
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (const size_t hash = entry.find('#'); hash != std::string_view::npos)
      entry = entry.substr(0, hash);
    entry = trim(entry);
    const size_t this_line = line;
    if (newline) ++line;
    if (entry.empty()) continue;
    const size_t colon = entry.find(':');
    const std::string where = source + ", line " + std::to_string(this_line);
    if (colon == std::string_view::npos) {
      throw Error(ErrorCode::data_invalid, where, "a token entry is name:token");
    }
    const std::string name(trim(entry.substr(0, colon)));
    const std::string token(trim(entry.substr(colon + 1)));
    if (name.empty() || token.empty()) {
      throw Error(ErrorCode::data_invalid, where, "both the name and the token must be given");
    }
    if (token.size() < 16) {
      throw Error(ErrorCode::data_invalid, where,
                  "the token for '" + name + "' is shorter than 16 characters");
    }
    for (const Entry& e : store.entries_) {
      if (e.token == token) {
        throw Error(ErrorCode::data_invalid, where,
                    "the token for '" + name + "' is already the token for '" + e.name + "'");
      }
    }
    store.entries_.push_back({name, token});
  }
  return store;
}

std::optional<std::string> TokenStore::name_for(std::string_view token) const {
  const Entry* found = nullptr;
  for (const Entry& e : entries_) {
    if (same(e.token, token) && found == nullptr) found = &e;
  }
  if (found == nullptr) return std::nullopt;
  return found->name;
}

}  // namespace sf::http
