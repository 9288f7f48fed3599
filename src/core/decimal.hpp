// Numbers from text, in one strict grammar shared by every input (query parameters, CLI flags,
// imported columns): -?digits[.digits][(e|E)[+-]digits]. No hex floats, no leading '+', no
// spaces, no inf or nan: what strtod would also take is refused here.
#pragma once

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace sf {

inline bool is_plain_decimal(std::string_view s) {
  size_t i = 0;
  const auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// The value of a plain decimal, or nullopt for any other text. A value too large for a double
// (1e999) is returned as ±infinity, and the words inf, infinity and nan (any case, with an
// optional '-') as what they name, so callers can tell "not a number" from "not finite".
inline std::optional<double> parse_decimal(std::string_view s) {
  if (s.size() > 64) return std::nullopt;
  if (!is_plain_decimal(s)) {
    std::string_view word = s;
    const bool negative = !word.empty() && word.front() == '-';
    if (negative) word.remove_prefix(1);
    const auto is = [&](std::string_view w) {
      if (word.size() != w.size()) return false;
      for (size_t i = 0; i < w.size(); ++i) {
        if ((word[i] | 0x20) != w[i]) return false;
      }
      return true;
    };
    if (is("inf") || is("infinity")) return negative ? -HUGE_VAL : HUGE_VAL;
    if (is("nan")) return std::nan("");
    return std::nullopt;
  }
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars leaves v unchanged on overflow and underflow alike: tell them apart.
    const size_t e = s.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && s.substr(e + 1, 1) == "-";
    if (tiny) return s.front() == '-' ? -0.0 : 0.0;
    return s.front() == '-' ? -HUGE_VAL : HUGE_VAL;
  }
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace sf
