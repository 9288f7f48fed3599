#include "render/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace sf {

namespace {

// 1 for the bytes JSON strings must escape: control characters, quote and backslash.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<size_t>(c)] = true;
  t['"'] = true;
  t['\\'] = true;
  return t;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // Well-formed UTF-8 passes; any other byte becomes U+FFFD, so the output is always
      // valid JSON whatever text reached the writer.
      const size_t n = utf8_sequence_length(s, i);
      if (n > 0) {
        i += n - 1;
        continue;
      }
      out.append(s.data() + run, i - run);
      run = i + 1;
      out += "\\ufffd";
      continue;
    }
    if (!kNeedsEscape[c]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_.push_back('}');
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_.push_back(']');
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  append_json_string(out_, k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(int64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::value(uint64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::number(double v, int decimals) {
  if (!std::isfinite(v)) return null();
  separate();
  static constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (decimals >= 0 && decimals <= 9 && std::abs(v) * kPow10[decimals] < 9e15) {
    // Fast path (the hot one: coordinates, metres, degrees): round to an integer count of
    // the last decimal, print it, and trim trailing zeros. libstdc++'s precision to_chars is
    // several times slower.
    const long long scaled = std::llround(v * kPow10[decimals]);
    unsigned long long mag = static_cast<unsigned long long>(scaled < 0 ? -scaled : scaled);
    char buf[32];
    char* end = buf + sizeof buf;
    char* p = end;
    int frac = decimals;
    while (frac > 0 && mag % 10 == 0) {  // trailing zeros of the fraction are dropped
      mag /= 10;
      --frac;
    }
    for (int i = 0; i < frac; ++i, mag /= 10) *--p = static_cast<char>('0' + mag % 10);
    if (frac > 0) *--p = '.';
    do {
      *--p = static_cast<char>('0' + mag % 10);
      mag /= 10;
    } while (mag > 0);
    if (scaled < 0) *--p = '-';
    out_.append(p, static_cast<size_t>(end - p));
    return *this;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  char* end = r.ptr;
  if (decimals > 0) {
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
  }
  std::string_view text(buf, static_cast<size_t>(end - buf));
  if (text == "-0") text = "0";
  out_.append(text);
  return *this;
}

JsonWriter& JsonWriter::exact(double v) {
  if (!std::isfinite(v)) return null();
  separate();
  char buf[64];
  // Shortest round-trip digits, as d.ddde±x; then laid out in fixed notation while the point
  // falls within 4 places left or 15 right of the digits, else in exponent form.
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  const std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e))
    if (c != '-' && c != '.') digits.push_back(c);
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  if (std::signbit(v)) out_.push_back('-');
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // digits before the point
  if (k <= n && n <= 15) {
    out_ += digits;
    out_.append(static_cast<size_t>(n - k), '0');
    out_ += ".0";
  } else if (0 < n && n <= 15) {
    out_.append(digits, 0, static_cast<size_t>(n));
    out_.push_back('.');
    out_.append(digits, static_cast<size_t>(n));
  } else if (-4 < n && n <= 0) {
    out_ += "0.";
    out_.append(static_cast<size_t>(-n), '0');
    out_ += digits;
  } else {
    out_.push_back(digits[0]);
    if (k > 1) out_.append(".").append(digits, 1);
    const int x = n - 1;
    out_.push_back('e');
    out_.push_back(x < 0 ? '-' : '+');
    if (std::abs(x) < 10) out_.push_back('0');
    out_ += std::to_string(std::abs(x));
  }
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw_members(std::string_view members) {
  if (members.empty()) return *this;
  separate();
  out_.append(members);
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_.append(json);
  return *this;
}

}  // namespace sf
