// A small streaming JSON writer for responses: appends to one string, no intermediate tree.
// Commas are placed automatically; the caller keeps objects and arrays balanced.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sf {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(4096); }

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(int64_t v);
  JsonWriter& value(uint64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  // A number with at most `decimals` digits after the point (trailing zeros trimmed).
  // Non-finite numbers become null: JSON has no NaN.
  JsonWriter& number(double v, int decimals);
  // The shortest digits that read back as exactly v, always with a point or an exponent
  // (116.0, 0.0001, 1e-05, 1.5e+16): a stored value given back as it is.
  JsonWriter& exact(double v);
  JsonWriter& null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& raw(std::string_view json);
  // Inserts already-serialised members ("a":1,"b":2) into the open object.
  JsonWriter& raw_members(std::string_view members);

  template <typename T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }
  // What was written since the last drain, handed out; the writer goes on where it was (an
  // answer streamed in pieces).
  std::string drain() {
    std::string piece;
    piece.swap(out_);
    out_.reserve(piece.capacity());
    return piece;
  }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

void append_json_string(std::string& out, std::string_view s);

}  // namespace sf
