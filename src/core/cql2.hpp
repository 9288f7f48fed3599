// CQL2 (OGC 21-065, the filter language of OGC API - Features Part 3): a parsed filter over
// typed queryables, evaluated on one record at a time with SQL's three-valued logic (a
// comparison with a missing value is unknown; only a true filter keeps the record). The text
// encoding is parsed here; cql2-json is turned into the same tree by service/cql2_json.
// Conformance classes covered whole: Basic CQL2, Advanced Comparison Operators (LIKE, BETWEEN,
// IN), Basic Spatial Functions (S_INTERSECTS with a point or a box, and polygons beside
// them), Array Functions (A_EQUALS, A_CONTAINS, A_CONTAINEDBY, A_OVERLAPS) and Temporal
// Functions (every T_*, on instants and intervals with open ends).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/function_ref.hpp"
#include "core/geodesy.hpp"
#include "core/region.hpp"

namespace sf::cql2 {

enum class Type { string, number, boolean, instant, strings, point };

struct Queryable {
  std::string name;
  Type type;
  std::string description;
};

// A closed time span in Unix seconds; an instant has start == end; open ends are infinite.
struct Interval {
  double start = -INFINITY, end = INFINITY;
};

// A literal geometry: points (POINT, MULTIPOINT), a box, or polygons (POLYGON, MULTIPOLYGON).
struct Geometry {
  enum class Kind { points, box, polygons };
  Kind kind = Kind::points;
  std::vector<LonLat> points;
  BBox box;
  Region polygons;
  bool meets(LonLat p) const;
};

// One value: of a record's property (views into the record) or of a literal.
struct Value {
  bool null = true;
  Type type = Type::string;
  std::string_view text;
  double number = 0;
  bool boolean = false;
  Interval time;
  std::vector<std::string_view> strings;
  LonLat point;
};

// A record's value of queryable number `property` (its index in the queryables list).
using Lookup = FunctionRef<Value(uint32_t property)>;

struct Node;

// A parsed, type-checked filter.
class Filter {
 public:
  Filter();
  explicit Filter(std::unique_ptr<Node> root);
  Filter(Filter&&) noexcept;
  Filter& operator=(Filter&&) noexcept;
  ~Filter();
  // Whether the record passes (true; false and unknown do not).
  bool matches(Lookup record) const;
  const Node& root() const { return *root_; }

 private:
  std::unique_ptr<Node> root_;
};

// The longest LIKE pattern (bytes), as the v1 API's q= text.
inline constexpr size_t kLikePatternBytes = 200;

// cql2-text. Throws Error(parameter_invalid, `parameter`) naming the character position (from
// 1) and the rule: an unknown property, a comparison of different types, a syntax error.
Filter parse_text(std::string_view text, const std::vector<Queryable>& queryables,
                  const std::string& parameter = "filter");

// --- the tree, for the JSON reader and the tests -----------------------------------------

enum class Op {
  and_,
  or_,
  not_,
  literal,  // a TRUE or FALSE predicate
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  like,
  between,
  in,
  is_null,
  s_intersects,
  a_equals,
  a_contains,
  a_containedby,
  a_overlaps,
  t_after,
  t_before,
  t_contains,
  t_disjoint,
  t_during,
  t_equals,
  t_finishedby,
  t_finishes,
  t_intersects,
  t_meets,
  t_metby,
  t_overlappedby,
  t_overlaps,
  t_startedby,
  t_starts,
};

// An operand: a property (by index) or a literal value (owning its text).
struct Operand {
  bool is_property = false;
  uint32_t property = 0;
  Type type = Type::string;
  Value literal;
  std::string owned;                       // a literal's text
  std::vector<std::string> owned_strings;  // an array literal's elements
  Geometry geometry;                       // a spatial literal
};

struct Node {
  Op op;
  std::vector<std::unique_ptr<Node>> kids;  // and, or, not
  std::vector<Operand> args;                // predicates (IN: the value, then the list)
  bool negated = false;                     // NOT LIKE, NOT BETWEEN, NOT IN, IS NOT NULL
  bool truth = false;                       // a literal predicate
};

// Checks the operand types of one predicate; throws Error(parameter_invalid, parameter) with
// `where` (the position) and the rule. The JSON reader calls it as the text parser does.
void check_predicate(const Node& n, const std::string& parameter, const std::string& where);
// The operand naming queryable `name`; Error(parameter_invalid, parameter) listing the
// queryables when there is none.
Operand property_operand(std::string_view name, const std::vector<Queryable>& queryables,
                         const std::string& parameter, const std::string& where);
// The operator of a function or comparison name (any case: "T_AFTER", "a_contains", "<=");
// false when it names none.
bool op_by_name(std::string_view name, Op& op);
// Timestamps and dates of literals: RFC 3339 date-times, and dates (midnight UTC to the end of
// the day). Throws Error(parameter_invalid, parameter) otherwise.
Interval timestamp_literal(std::string_view text, const std::string& parameter,
                           const std::string& where);
Interval date_literal(std::string_view text, const std::string& parameter,
                      const std::string& where);

}  // namespace sf::cql2
