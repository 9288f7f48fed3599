// Small text helpers shared across the project: ASCII case folding, joining names, and the
// UTF-8 check every text from outside passes (parameters, paths, bodies, imported fields).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sf {

// ASCII letters folded to lower case; other bytes (UTF-8 Chinese, say) unchanged. Locale-free.
inline char fold_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

inline std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = fold_ascii(c);
  return out;
}

inline bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (fold_ascii(a[i]) != fold_ascii(b[i])) return false;
  }
  return true;
}

// "a, b, c" from any range of things convertible to std::string_view.
template <typename Range>
std::string join(const Range& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += std::string_view(item);
  }
  return out;
}

// The length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
inline size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

// Where the text stops being usable (well-formed UTF-8 without NUL), or npos when it is.
inline size_t first_invalid_text_byte(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\0') return i;
    const size_t n = utf8_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

// Well-formed UTF-8 with no NUL: what every text taken from outside must be.
inline bool is_clean_text(std::string_view s) {
  return first_invalid_text_byte(s) == std::string_view::npos;
}

// Why a text is not clean, for error messages (never echoing the bytes themselves).
inline std::string unclean_text_reason(std::string_view s) {
  const size_t at = first_invalid_text_byte(s);
  if (at == std::string_view::npos) return "";
  return std::string(s[at] == '\0' ? "holds a NUL character" : "is not valid UTF-8") + " (byte " +
         std::to_string(at + 1) + ")";
}

// A value as a message quotes it: 'value'.
inline std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('\'');
  out.append(s);
  out.push_back('\'');
  return out;
}

// Percent-encoding for a URL's query value or path segment: letters, digits and -_.~,: stay,
// every other byte becomes %XX (RFC 3986).
inline std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// A number as people write it in a message: 50000, 0.5 (up to six decimals, no trailing zeros).
inline std::string number_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace sf
