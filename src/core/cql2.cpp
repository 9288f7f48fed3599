#include "core/cql2.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/decimal.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace sf::cql2 {

namespace {

enum class Tri { no, yes, unknown };

Tri tri(bool b) {
  return b ? Tri::yes : Tri::no;
}

const char* type_name(Type t) {
  switch (t) {
    case Type::string:
      return "a string";
    case Type::number:
      return "a number";
    case Type::boolean:
      return "a boolean";
    case Type::instant:
      return "a timestamp";
    case Type::strings:
      return "an array";
    case Type::point:
      return "a geometry";
  }
  return "";
}

struct OpName {
  const char* name;
  Op op;
};
constexpr OpName kOps[] = {
    {"=", Op::eq},
    {"<>", Op::ne},
    {"<", Op::lt},
    {"<=", Op::le},
    {">", Op::gt},
    {">=", Op::ge},
    {"like", Op::like},
    {"between", Op::between},
    {"in", Op::in},
    {"isnull", Op::is_null},
    {"s_intersects", Op::s_intersects},
    {"a_equals", Op::a_equals},
    {"a_contains", Op::a_contains},
    {"a_containedby", Op::a_containedby},
    {"a_overlaps", Op::a_overlaps},
    {"t_after", Op::t_after},
    {"t_before", Op::t_before},
    {"t_contains", Op::t_contains},
    {"t_disjoint", Op::t_disjoint},
    {"t_during", Op::t_during},
    {"t_equals", Op::t_equals},
    {"t_finishedby", Op::t_finishedby},
    {"t_finishes", Op::t_finishes},
    {"t_intersects", Op::t_intersects},
    {"t_meets", Op::t_meets},
    {"t_metby", Op::t_metby},
    {"t_overlappedby", Op::t_overlappedby},
    {"t_overlaps", Op::t_overlaps},
    {"t_startedby", Op::t_startedby},
    {"t_starts", Op::t_starts},
};

bool is_comparison(Op op) {
  return op >= Op::eq && op <= Op::ge;
}
bool is_array(Op op) {
  return op >= Op::a_equals && op <= Op::a_overlaps;
}
bool is_temporal(Op op) {
  return op >= Op::t_after && op <= Op::t_starts;
}

[[noreturn]] void fail(const std::string& parameter, const std::string& where,
                       const std::string& rule) {
  throw Error(ErrorCode::parameter_invalid, parameter, where + ": " + rule);
}

// --- evaluation ---------------------------------------------------------------------------

Value value_of(const Operand& o, Lookup record) {
  if (o.is_property) return record(o.property);
  Value v = o.literal;
  v.text = o.owned;
  return v;
}

int compare_values(const Value& a, const Value& b) {
  switch (a.type) {
    case Type::string:
      return a.text < b.text ? -1 : (a.text == b.text ? 0 : 1);
    case Type::number:
      return a.number < b.number ? -1 : (a.number == b.number ? 0 : 1);
    case Type::boolean:
      return a.boolean == b.boolean ? 0 : (a.boolean ? 1 : -1);
    case Type::instant:
      return a.time.start < b.time.start ? -1 : (a.time.start == b.time.start ? 0 : 1);
    default:
      return 0;
  }
}

// One UTF-8 character's length from its lead byte (1 for a stray byte).
size_t char_length(unsigned char c) {
  if (c >= 0xf0) return 4;
  if (c >= 0xe0) return 3;
  if (c >= 0xc0) return 2;
  return 1;
}

// LIKE: % any run of characters, _ one character, \ escapes the next; case-sensitive.
bool like(std::string_view s, std::string_view p) {
  size_t si = 0, pi = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star_p = ++pi;
      star_s = si;
      continue;
    }
    if (pi < p.size()) {
      if (p[pi] == '_') {
        si += char_length(static_cast<unsigned char>(s[si]));
        ++pi;
        continue;
      }
      const size_t at = p[pi] == '\\' && pi + 1 < p.size() ? pi + 1 : pi;
      if (s[si] == p[at]) {
        ++si;
        pi = at + 1;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    star_s += char_length(static_cast<unsigned char>(s[star_s]));
    si = star_s;
    pi = star_p;
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size();
}

Tri eval_array(Op op, const Value& a, const std::vector<std::string>& b) {
  if (a.null) return Tri::unknown;
  auto in_a = [&a](std::string_view x) {
    return std::find(a.strings.begin(), a.strings.end(), x) != a.strings.end();
  };
  auto in_b = [&b](std::string_view x) { return std::find(b.begin(), b.end(), x) != b.end(); };
  switch (op) {
    case Op::a_equals:
      return tri(std::all_of(b.begin(), b.end(), in_a) &&
                 std::all_of(a.strings.begin(), a.strings.end(), in_b));
    case Op::a_contains:
      return tri(std::all_of(b.begin(), b.end(), in_a));
    case Op::a_containedby:
      return tri(std::all_of(a.strings.begin(), a.strings.end(), in_b));
    case Op::a_overlaps:
      return tri(std::any_of(b.begin(), b.end(), in_a));
    default:
      return Tri::unknown;
  }
}

// Allen's relations between closed intervals (an instant is one with start == end), as the
// CQL2 standard defines the T_ functions.
bool temporal(Op op, Interval a, Interval b) {
  switch (op) {
    case Op::t_after:
      return a.start > b.end;
    case Op::t_before:
      return a.end < b.start;
    case Op::t_contains:
      return a.start < b.start && a.end > b.end;
    case Op::t_disjoint:
      return a.start > b.end || a.end < b.start;
    case Op::t_during:
      return a.start > b.start && a.end < b.end;
    case Op::t_equals:
      return a.start == b.start && a.end == b.end;
    case Op::t_finishedby:
      return a.start < b.start && a.end == b.end;
    case Op::t_finishes:
      return a.start > b.start && a.end == b.end;
    case Op::t_intersects:
      return a.start <= b.end && a.end >= b.start;
    case Op::t_meets:
      return a.end == b.start;
    case Op::t_metby:
      return a.start == b.end;
    case Op::t_overlappedby:
      return a.start > b.start && a.start < b.end && a.end > b.end;
    case Op::t_overlaps:
      return a.start < b.start && a.end > b.start && a.end < b.end;
    case Op::t_startedby:
      return a.start == b.start && a.end > b.end;
    case Op::t_starts:
      return a.start == b.start && a.end < b.end;
    default:
      return false;
  }
}

Tri eval(const Node& n, Lookup record);

Tri eval_predicate(const Node& n, Lookup record) {
  const Op op = n.op;
  if (op == Op::is_null) return tri(value_of(n.args[0], record).null != n.negated);
  if (op == Op::s_intersects) {
    const Operand& lit = n.args[0].is_property ? n.args[1] : n.args[0];
    const Value p = value_of(n.args[0].is_property ? n.args[0] : n.args[1], record);
    return p.null ? Tri::unknown : tri(lit.geometry.meets(p.point));
  }
  if (is_array(op)) {
    const Operand& lit = n.args[0].is_property ? n.args[1] : n.args[0];
    const Value a = value_of(n.args[0].is_property ? n.args[0] : n.args[1], record);
    // A_CONTAINS(literal, property) is A_CONTAINEDBY(property, literal) and the reverse.
    Op o = op;
    if (!n.args[0].is_property && op == Op::a_contains)
      o = Op::a_containedby;
    else if (!n.args[0].is_property && op == Op::a_containedby)
      o = Op::a_contains;
    return eval_array(o, a, lit.owned_strings);
  }
  const Value a = value_of(n.args[0], record);
  if (a.null) return Tri::unknown;
  if (is_temporal(op)) {
    const Value b = value_of(n.args[1], record);
    return b.null ? Tri::unknown : tri(temporal(op, a.time, b.time));
  }
  Tri out = Tri::no;
  switch (op) {
    case Op::like: {
      const Value p = value_of(n.args[1], record);
      if (p.null) return Tri::unknown;
      out = tri(like(a.text, p.text));
      break;
    }
    case Op::between: {
      const Value lo = value_of(n.args[1], record), hi = value_of(n.args[2], record);
      if (lo.null || hi.null) return Tri::unknown;
      out = tri(compare_values(lo, a) <= 0 && compare_values(a, hi) <= 0);
      break;
    }
    case Op::in: {
      bool unknown = false;
      for (size_t i = 1; i < n.args.size() && out == Tri::no; ++i) {
        const Value v = value_of(n.args[i], record);
        if (v.null)
          unknown = true;
        else if (compare_values(a, v) == 0)
          out = Tri::yes;
      }
      if (out == Tri::no && unknown) return Tri::unknown;
      break;
    }
    default: {
      const Value b = value_of(n.args[1], record);
      if (b.null) return Tri::unknown;
      const int c = compare_values(a, b);
      out = tri(op == Op::eq   ? c == 0
                : op == Op::ne ? c != 0
                : op == Op::lt ? c < 0
                : op == Op::le ? c <= 0
                : op == Op::gt ? c > 0
                               : c >= 0);
    }
  }
  if (n.negated) return out == Tri::yes ? Tri::no : Tri::yes;
  return out;
}

Tri eval(const Node& n, Lookup record) {
  switch (n.op) {
    case Op::and_: {
      Tri out = Tri::yes;
      for (const auto& k : n.kids) {
        const Tri t = eval(*k, record);
        if (t == Tri::no) return Tri::no;
        if (t == Tri::unknown) out = Tri::unknown;
      }
      return out;
    }
    case Op::or_: {
      Tri out = Tri::no;
      for (const auto& k : n.kids) {
        const Tri t = eval(*k, record);
        if (t == Tri::yes) return Tri::yes;
        if (t == Tri::unknown) out = Tri::unknown;
      }
      return out;
    }
    case Op::not_: {
      const Tri t = eval(*n.kids[0], record);
      return t == Tri::unknown ? t : (t == Tri::yes ? Tri::no : Tri::yes);
    }
    case Op::literal:
      return tri(n.truth);
    default:
      return eval_predicate(n, record);
  }
}

// --- the text grammar -----------------------------------------------------------------------

struct Token {
  enum Kind { end, word, quoted_word, text, number, punct } kind = end;
  std::string value;  // a word in lower case; a string unescaped; a number or punctuation as is
  size_t at = 0;      // position, from 1
};

class TextParser {
 public:
  TextParser(std::string_view text, const std::vector<Queryable>& queryables,
             const std::string& parameter)
      : s_(text), queryables_(queryables), parameter_(parameter) {
    next();
  }

  std::unique_ptr<Node> parse() {
    auto root = or_expr();
    if (tok_.kind != Token::end) error("expected AND, OR or the end of the filter");
    return root;
  }

 private:
  [[noreturn]] void error(const std::string& rule) const {
    fail(parameter_, "at character " + std::to_string(tok_.at), rule);
  }
  std::string where() const { return "at character " + std::to_string(tok_.at); }

  void next() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    tok_ = Token{};
    tok_.at = pos_ + 1;
    if (pos_ >= s_.size()) return;
    const char c = s_[pos_];
    if (c == '\'' || c == '"') {
      tok_.kind = c == '\'' ? Token::text : Token::quoted_word;
      ++pos_;
      for (;;) {
        if (pos_ >= s_.size()) error("the quoted text is not closed");
        if (s_[pos_] == c) {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == c) {  // '' is a quote
            tok_.value += c;
            pos_ += 2;
            continue;
          }
          ++pos_;
          return;
        }
        tok_.value += s_[pos_++];
      }
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
        ((c == '-' || c == '+') && pos_ + 1 < s_.size() &&
         (std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])) || s_[pos_ + 1] == '.'))) {
      tok_.kind = Token::number;
      size_t end = pos_ + 1;
      while (end < s_.size() &&
             (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '.' ||
              ((s_[end] == '-' || s_[end] == '+') && (s_[end - 1] == 'e' || s_[end - 1] == 'E'))))
        ++end;
      tok_.value = std::string(s_.substr(pos_, end - pos_));
      pos_ = end;
      return;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      tok_.kind = Token::word;
      size_t end = pos_;
      while (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) ||
                                 s_[end] == '_' || s_[end] == ':' || s_[end] == '.'))
        ++end;
      tok_.value = to_lower_ascii(s_.substr(pos_, end - pos_));
      pos_ = end;
      return;
    }
    tok_.kind = Token::punct;
    for (const char* two : {"<>", "<=", ">=", "!="}) {
      if (s_.substr(pos_, 2) == two) {
        tok_.value = two;
        pos_ += 2;
        return;
      }
    }
    if (std::string_view("()=<>,").find(c) == std::string_view::npos) {
      error(std::string("unexpected character ") + sf::quoted(std::string(1, c)));
    }
    tok_.value = std::string(1, c);
    ++pos_;
  }

  bool word(const char* w) const { return tok_.kind == Token::word && tok_.value == w; }
  bool punct(const char* p) const { return tok_.kind == Token::punct && tok_.value == p; }
  void expect_punct(const char* p) {
    if (!punct(p)) error(std::string("expected '") + p + "'");
    next();
  }
  void expect_word(const char* w) {
    if (!word(w)) error(std::string("expected ") + w);
    next();
  }

  std::unique_ptr<Node> combine(Op op, std::unique_ptr<Node> first,
                                std::unique_ptr<Node> (TextParser::*part)(), const char* w) {
    if (!word(w)) return first;
    auto n = std::make_unique<Node>();
    n->op = op;
    n->kids.push_back(std::move(first));
    while (word(w)) {
      next();
      n->kids.push_back((this->*part)());
    }
    return n;
  }
  std::unique_ptr<Node> or_expr() {
    return combine(Op::or_, and_expr(), &TextParser::and_expr, "or");
  }
  std::unique_ptr<Node> and_expr() {
    return combine(Op::and_, not_expr(), &TextParser::not_expr, "and");
  }
  std::unique_ptr<Node> not_expr() {
    if (!word("not")) return primary();
    if (++depth_ > 64) error("nested over 64 levels");
    next();
    auto n = std::make_unique<Node>();
    n->op = Op::not_;
    n->kids.push_back(not_expr());
    --depth_;
    return n;
  }

  std::unique_ptr<Node> primary() {
    if (++depth_ > 64) error("nested over 64 levels");
    std::unique_ptr<Node> out;
    if (punct("(")) {
      next();
      out = or_expr();
      expect_punct(")");
    } else if (Op op; tok_.kind == Token::word && tok_.value.size() > 2 && tok_.value[1] == '_' &&
                      op_by_name(tok_.value, op)) {
      out = function(op);
    } else {
      out = scalar_predicate();
    }
    --depth_;
    return out;
  }

  std::unique_ptr<Node> function(Op op) {
    const std::string at = where();
    next();
    expect_punct("(");
    auto n = std::make_unique<Node>();
    n->op = op;
    for (int i = 0; i < 2; ++i) {
      if (i == 1) expect_punct(",");
      if (op == Op::s_intersects)
        n->args.push_back(spatial_operand());
      else if (is_array(op))
        n->args.push_back(array_operand());
      else
        n->args.push_back(temporal_operand());
    }
    expect_punct(")");
    check_predicate(*n, parameter_, at);
    return n;
  }

  std::unique_ptr<Node> scalar_predicate() {
    const std::string at = where();
    if ((word("true") || word("false"))) {  // a literal predicate, unless compared
      const bool truth = word("true");
      const size_t save_pos = pos_;
      const Token save = tok_;
      next();
      if (!(tok_.kind == Token::punct && tok_.value != "(" && tok_.value != ")" &&
            tok_.value != ",") &&
          !word("is") && !word("in") && !word("not") && !word("like") && !word("between")) {
        auto n = std::make_unique<Node>();
        n->op = Op::literal;
        n->truth = truth;
        return n;
      }
      pos_ = save_pos;
      tok_ = save;
    }
    auto n = std::make_unique<Node>();
    n->args.push_back(scalar());
    if (word("is")) {
      next();
      n->op = Op::is_null;
      if (word("not")) {
        n->negated = true;
        next();
      }
      expect_word("null");
      return n;
    }
    if (word("not")) {
      n->negated = true;
      next();
      if (!word("like") && !word("between") && !word("in")) error("expected LIKE, BETWEEN or IN");
    }
    if (word("like")) {
      next();
      n->op = Op::like;
      n->args.push_back(scalar());
    } else if (word("between")) {
      next();
      n->op = Op::between;
      n->args.push_back(scalar());
      expect_word("and");
      n->args.push_back(scalar());
    } else if (word("in")) {
      next();
      n->op = Op::in;
      expect_punct("(");
      n->args.push_back(scalar());
      while (punct(",")) {
        next();
        n->args.push_back(scalar());
      }
      expect_punct(")");
    } else if (tok_.kind == Token::punct &&
               op_by_name(tok_.value == "!=" ? "<>" : tok_.value, n->op) && is_comparison(n->op)) {
      next();
      n->args.push_back(scalar());
    } else {
      error("expected a comparison (=, <>, <, <=, >, >=), LIKE, BETWEEN, IN or IS NULL");
    }
    check_predicate(*n, parameter_, at);
    return n;
  }

  Operand property(const std::string& name, const std::string& at) {
    return property_operand(name, queryables_, parameter_, at);
  }

  Operand literal_of(Type type) {
    Operand o;
    o.type = type;
    o.literal.null = false;
    o.literal.type = type;
    return o;
  }

  // A TIMESTAMP('…') or DATE('…') literal (the word is the current token).
  Operand instant() {
    const bool date = word("date");
    next();
    expect_punct("(");
    if (tok_.kind != Token::text) error("expected a quoted date-time");
    Operand o = literal_of(Type::instant);
    o.literal.time = date ? date_literal(tok_.value, parameter_, where())
                          : timestamp_literal(tok_.value, parameter_, where());
    next();
    expect_punct(")");
    return o;
  }

  Operand scalar() {
    if (tok_.kind == Token::text) {
      Operand o = literal_of(Type::string);
      o.owned = tok_.value;
      next();
      return o;
    }
    if (tok_.kind == Token::number) {
      Operand o = literal_of(Type::number);
      const auto v = parse_decimal(tok_.value);
      if (!v || !std::isfinite(*v)) error(sf::quoted(tok_.value) + " is not a number");
      o.literal.number = *v;
      next();
      return o;
    }
    if (word("true") || word("false")) {
      Operand o = literal_of(Type::boolean);
      o.literal.boolean = word("true");
      next();
      return o;
    }
    if (word("timestamp") || word("date")) return instant();
    if (tok_.kind == Token::word || tok_.kind == Token::quoted_word) {
      std::string name = tok_.kind == Token::word
                             ? std::string(s_.substr(tok_.at - 1, tok_.value.size()))
                             : tok_.value;
      const std::string at = where();
      next();
      return property(name, at);
    }
    error("expected a property, a string, a number, a boolean or a TIMESTAMP/DATE");
  }

  Operand temporal_operand() {
    if (word("timestamp") || word("date")) return instant();
    if (word("interval")) {
      next();
      expect_punct("(");
      Operand o = literal_of(Type::instant);
      double* ends[2] = {&o.literal.time.start, &o.literal.time.end};
      for (int i = 0; i < 2; ++i) {
        if (i == 1) expect_punct(",");
        if (tok_.kind == Token::text && tok_.value == "..") {
          next();
          continue;
        }
        Interval t;
        if (word("timestamp") || word("date")) {
          t = instant().literal.time;
        } else if (tok_.kind == Token::text) {
          t = tok_.value.size() == 10 ? date_literal(tok_.value, parameter_, where())
                                      : timestamp_literal(tok_.value, parameter_, where());
          next();
        } else {
          error("an interval's end is a quoted date-time, a TIMESTAMP, a DATE or '..'");
        }
        *ends[i] = i == 0 ? t.start : t.end;
      }
      expect_punct(")");
      if (o.literal.time.start > o.literal.time.end) error("the interval ends before it starts");
      return o;
    }
    return scalar();
  }

  Operand array_operand() {
    if (!punct("(")) return scalar();
    next();
    Operand o = literal_of(Type::strings);
    while (!punct(")")) {
      if (!o.owned_strings.empty()) expect_punct(",");
      if (tok_.kind != Token::text) error("an array holds quoted strings here");
      o.owned_strings.push_back(tok_.value);
      next();
    }
    next();
    return o;
  }

  // x y, as one position.
  LonLat position() {
    double v[2];
    for (double& x : v) {
      if (tok_.kind != Token::number) error("expected a coordinate");
      const auto d = parse_decimal(tok_.value);
      if (!d || !std::isfinite(*d)) error(sf::quoted(tok_.value) + " is not a number");
      x = *d;
      next();
    }
    if (tok_.kind == Token::number) next();  // a height, not used
    if (v[0] < -180 || v[0] > 180 || v[1] < -90 || v[1] > 90)
      error("a position is longitude latitude (CRS84), within ±180 and ±90");
    return {v[0], v[1]};
  }
  // (x y, x y, …)
  std::vector<LonLat> position_list() {
    expect_punct("(");
    std::vector<LonLat> out;
    for (;;) {
      const bool paren = punct("(");  // MULTIPOINT((1 2), (3 4))
      if (paren) next();
      out.push_back(position());
      if (paren) expect_punct(")");
      if (!punct(",")) break;
      next();
    }
    expect_punct(")");
    return out;
  }
  std::vector<Ring> polygon() {
    expect_punct("(");
    std::vector<Ring> rings;
    for (;;) {
      Ring r = position_list();
      if (r.size() < 4) error("a polygon ring has at least four positions");
      rings.push_back(std::move(r));
      if (!punct(",")) break;
      next();
    }
    expect_punct(")");
    return rings;
  }

  Operand spatial_operand() {
    if (!(word("point") || word("multipoint") || word("polygon") || word("multipolygon") ||
          word("bbox"))) {
      if (tok_.kind == Token::word &&
          (tok_.value == "linestring" || tok_.value == "multilinestring" ||
           tok_.value == "geometrycollection"))
        error("S_INTERSECTS takes POINT, MULTIPOINT, BBOX, POLYGON or MULTIPOLYGON here");
      return scalar();
    }
    Operand o = literal_of(Type::point);
    const std::string kind = tok_.value;
    next();
    Geometry& g = o.geometry;
    if (kind == "point") {
      expect_punct("(");
      g.points.push_back(position());
      expect_punct(")");
    } else if (kind == "multipoint") {
      g.points = position_list();
    } else if (kind == "bbox") {
      expect_punct("(");
      std::vector<double> v;
      for (;;) {
        if (tok_.kind != Token::number) error("BBOX takes 4 or 6 numbers");
        const auto d = parse_decimal(tok_.value);
        if (!d || !std::isfinite(*d)) error(sf::quoted(tok_.value) + " is not a number");
        v.push_back(*d);
        next();
        if (!punct(",")) break;
        next();
      }
      expect_punct(")");
      if (v.size() != 4 && v.size() != 6) error("BBOX takes 4 or 6 numbers");
      const size_t h = v.size() == 6 ? 1 : 0;
      g.kind = Geometry::Kind::box;
      g.box = BBox{v[0], v[1], v[2 + h], v[3 + h]};
      if (g.box.south > g.box.north) error("a BBOX's south edge is above its north edge");
    } else {
      g.kind = Geometry::Kind::polygons;
      std::vector<std::vector<Ring>> polygons;
      if (kind == "polygon") {
        polygons.push_back(polygon());
      } else {
        expect_punct("(");
        for (;;) {
          polygons.push_back(polygon());
          if (!punct(",")) break;
          next();
        }
        expect_punct(")");
      }
      g.polygons = Region(std::move(polygons));
    }
    return o;
  }

  std::string_view s_;
  size_t pos_ = 0;
  Token tok_;
  int depth_ = 0;
  const std::vector<Queryable>& queryables_;
  const std::string& parameter_;
};

}  // namespace

bool Geometry::meets(LonLat p) const {
  switch (kind) {
    case Kind::points:
      return std::any_of(points.begin(), points.end(),
                         [p](LonLat q) { return q.lon == p.lon && q.lat == p.lat; });
    case Kind::box:
      return box.contains(p);
    case Kind::polygons:
      return polygons.contains(p);
  }
  return false;
}

Filter::Filter() = default;
Filter::Filter(std::unique_ptr<Node> root) : root_(std::move(root)) {}
Filter::Filter(Filter&&) noexcept = default;
Filter& Filter::operator=(Filter&&) noexcept = default;
Filter::~Filter() = default;

bool Filter::matches(Lookup record) const {
  return root_ == nullptr || eval(*root_, record) == Tri::yes;
}

Operand property_operand(std::string_view name, const std::vector<Queryable>& queryables,
                         const std::string& parameter, const std::string& where) {
  for (uint32_t i = 0; i < queryables.size(); ++i) {
    if (queryables[i].name == name) {
      Operand o;
      o.is_property = true;
      o.property = i;
      o.type = queryables[i].type;
      return o;
    }
  }
  std::string known;
  for (const Queryable& q : queryables) known += (known.empty() ? "" : ", ") + q.name;
  fail(parameter, where,
       "no queryable " + sf::quoted(name) + " (the queryables are " + known + ")");
}

bool op_by_name(std::string_view name, Op& op) {
  const std::string lower = to_lower_ascii(name);
  for (const OpName& o : kOps) {
    if (lower == o.name) {
      op = o.op;
      return true;
    }
  }
  return false;
}

Interval timestamp_literal(std::string_view text, const std::string& parameter,
                           const std::string& where) {
  const auto t = parse_iso8601(text);
  if (!t || text.size() < 19 || text[10] != 'T') {
    fail(parameter, where,
         sf::quoted(text) + " is not an RFC 3339 date-time (2026-05-01T08:00:00Z)");
  }
  return {static_cast<double>(*t), static_cast<double>(*t)};
}

Interval date_literal(std::string_view text, const std::string& parameter,
                      const std::string& where) {
  const std::string midnight = std::string(text) + "T00:00:00Z";
  const auto t = text.size() == 10 ? parse_iso8601(midnight) : std::nullopt;
  if (!t) fail(parameter, where, sf::quoted(text) + " is not a date (2026-05-01)");
  return {static_cast<double>(*t), static_cast<double>(*t + 86399)};
}

void check_predicate(const Node& n, const std::string& parameter, const std::string& where) {
  const auto& a = n.args;
  auto same = [&](size_t i, size_t j) {
    if (a[i].type != a[j].type) {
      fail(parameter, where,
           std::string("cannot compare ") + type_name(a[i].type) + " with " + type_name(a[j].type));
    }
  };
  if (n.op == Op::is_null) return;
  if (n.op == Op::s_intersects) {
    const bool one_property = a[0].is_property != a[1].is_property;
    if (!one_property || a[0].type != Type::point || a[1].type != Type::point)
      fail(parameter, where, "S_INTERSECTS compares the geometry with a spatial literal");
    return;
  }
  if (is_array(n.op)) {
    if (a[0].type != Type::strings || a[1].type != Type::strings ||
        a[0].is_property == a[1].is_property)
      fail(parameter, where, "array functions compare an array property with an array literal");
    return;
  }
  if (is_temporal(n.op)) {
    if (a[0].type != Type::instant || a[1].type != Type::instant)
      fail(parameter, where, "temporal functions compare timestamps, dates and intervals");
    return;
  }
  for (size_t i = 1; i < a.size(); ++i) same(0, i);
  const Type t = a[0].type;
  if (t == Type::strings || t == Type::point)
    fail(parameter, where, std::string("cannot compare ") + type_name(t) + " with an operator");
  if (n.op == Op::like && t != Type::string) fail(parameter, where, "LIKE compares strings");
  // A pattern's cost per station grows with its length times the text's (% backtracks), so
  // patterns are held to what the v1 API's q= takes.
  if (n.op == Op::like && !a[1].is_property && a[1].owned.size() > kLikePatternBytes) {
    fail(parameter, where,
         "a LIKE pattern is at most " + std::to_string(kLikePatternBytes) + " bytes");
  }
  if (n.op == Op::between && t != Type::number && t != Type::instant)
    fail(parameter, where, "BETWEEN compares numbers or timestamps");
  if (t == Type::boolean && n.op != Op::eq && n.op != Op::ne && n.op != Op::in)
    fail(parameter, where, "booleans compare with = and <> only");
}

Filter parse_text(std::string_view text, const std::vector<Queryable>& queryables,
                  const std::string& parameter) {
  if (text.size() > 10000) fail(parameter, "the filter", "is over 10,000 characters");
  return Filter(TextParser(text, queryables, parameter).parse());
}

}  // namespace sf::cql2
