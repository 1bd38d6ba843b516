#include "dataflow/jsonpath_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "dataflow/path_context.h"
#include "dataflow/scanner.h"
#include "dataflow/utf8.h"

namespace conflictctl::dataflow::jsonpath {

bool Path::is_definite() const {
  for (const Segment& segment : segments) {
    if (segment.descendant || segment.selectors.size() != 1) return false;
    const Selector::Kind kind = segment.selectors.front().kind;
    if (kind != Selector::Kind::kName && kind != Selector::Kind::kIndex) return false;
  }
  return true;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters that end a dot-notation name.
bool ends_name(char c) {
  static constexpr std::string_view kStops = ".[]()',\"=!<>&|*?";
  return is_space(c) || kStops.find(c) != std::string_view::npos;
}

Selector wildcard() {
  Selector selector;
  selector.kind = Selector::Kind::kWildcard;
  return selector;
}

Selector named(std::string name) {
  Selector selector;
  selector.name = std::move(name);
  return selector;
}

// Recursive descent over one text. Every parse_* member returns false once it has
// recorded an error; the first error wins.
class Parser : Scanner {
 public:
  explicit Parser(std::string_view text) : Scanner(text) {}

 private:
  // One level of filter nesting ("?(", "!", "(") while it is open. The recursion is bounded
  // by kMaxFilterDepth, checked before descending, so hostile text fails with a message
  // instead of exhausting the stack.
  class Nesting {
   public:
    explicit Nesting(Parser& parser) : parser_(parser) {
      ok_ = ++parser_.depth_ <= kMaxFilterDepth ||
            parser_.fail(fmt::format("filter nested more than {} levels deep at character {}",
                                     kMaxFilterDepth, parser_.pos_ + 1));
    }
    ~Nesting() { --parser_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    bool ok() const { return ok_; }

   private:
    Parser& parser_;
    bool ok_ = false;
  };

  int depth_ = 0;

 public:

  ParsedPath parse(bool whole) {
    ParsedPath result;
    if (parse_path(result.path, /*in_filter=*/false) && whole && !at_end()) {
      fail(fmt::format("unexpected '{}' at character {}", peek(), pos_ + 1));
    }
    result.length = pos_;
    result.error = error_;
    return result;
  }

 private:
  bool parse_path(Path& path, bool in_filter) {
    if (consume("$$")) {
      path.root = Root::kContext;
    } else if (dataflow::starts_with_variable(text_.substr(pos_))) {
      path.root = Root::kVariable;
      path.variable = std::string(dataflow::variable_name(text_.substr(pos_)));
      pos_ += 1 + path.variable.size();
    } else if (consume("$")) {
      path.root = Root::kInput;
    } else if (in_filter && consume("@")) {
      path.root = Root::kCurrent;
    } else {
      return fail("a path must start with '$'");
    }
    while (peek() == '.' || peek() == '[') {
      if (!parse_segment(path)) return false;
    }
    return true;
  }

  bool parse_segment(Path& path) {
    Segment segment;
    if (consume("[")) {
      if (!parse_bracket(segment)) return false;
    } else {
      ++pos_;  // '.'
      segment.descendant = consume(".");
      if (!parse_dotted(segment)) return false;
    }
    path.segments.push_back(std::move(segment));
    return true;
  }

  // After "." or "..": a name, "*", or a bracketed selector list.
  bool parse_dotted(Segment& segment) {
    if (consume("*")) {
      segment.selectors.push_back(wildcard());
      return true;
    }
    if (consume("[")) return parse_bracket(segment);
    const std::size_t start = pos_;
    while (!at_end() && !ends_name(peek())) ++pos_;
    if (pos_ == start) return fail_unexpected("a name, '*' or '[' after '.'");
    if (peek() == '(') return fail("functions such as length() are not supported");
    segment.selectors.push_back(named(std::string(text_.substr(start, pos_ - start))));
    return true;
  }

  // After "[": selectors separated by commas, then "]".
  bool parse_bracket(Segment& segment) {
    do {
      skip_spaces();
      Selector selector;
      if (!parse_selector(selector)) return false;
      segment.selectors.push_back(std::move(selector));
      skip_spaces();
    } while (consume(","));
    if (consume("]")) return true;
    if (at_end()) return fail("unclosed '['");
    return fail_unexpected("',' or ']'");
  }

  bool parse_selector(Selector& selector) {
    const char c = peek();
    if (c == '\'' || c == '"') {
      selector.kind = Selector::Kind::kName;
      return parse_quoted(selector.name);
    }
    if (consume("*")) {
      selector.kind = Selector::Kind::kWildcard;
      return true;
    }
    if (consume("?")) return parse_filter_selector(selector);
    if (is_digit(c) || c == '-' || c == ':') return parse_index_or_slice(selector);
    if (at_end()) return fail("unclosed '['");
    return fail_unexpected("a quoted name, an index, a slice, '*' or a filter");
  }

  bool parse_filter_selector(Selector& selector) {
    if (!consume("(")) return fail_unexpected("'(' after '?'");
    auto filter = std::make_shared<FilterExpr>();
    const Nesting nesting(*this);
    if (!nesting.ok() || !parse_or(*filter)) return false;
    skip_spaces();
    if (!consume(")")) return fail_unexpected("')' closing the filter");
    selector.kind = Selector::Kind::kFilter;
    selector.filter = std::move(filter);
    return true;
  }

  bool parse_index_or_slice(Selector& selector) {
    std::optional<std::int64_t> first;
    if (peek() != ':' && !parse_integer(first)) return false;
    skip_spaces();
    if (!consume(":")) {
      selector.kind = Selector::Kind::kIndex;
      selector.index = *first;
      return true;
    }
    selector.kind = Selector::Kind::kSlice;
    selector.slice.start = first;
    skip_spaces();
    if (peek() != ':' && peek() != ']' && !parse_integer(selector.slice.end)) return false;
    skip_spaces();
    if (!consume(":")) return true;
    skip_spaces();
    if (peek() == ']') return true;
    std::optional<std::int64_t> step;
    if (!parse_integer(step)) return false;
    if (*step == 0) return fail("a slice step must not be 0");
    selector.slice.step = *step;
    return true;
  }

  bool parse_integer(std::optional<std::int64_t>& out) {
    skip_spaces();
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    while (is_digit(peek())) ++pos_;
    std::int64_t value = 0;
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    const auto [end, code] = std::from_chars(first, last, value);
    if (code != std::errc() || end != last || first == last) {
      pos_ = start;
      return fail_unexpected("an integer");
    }
    out = value;
    return true;
  }

  // A '…' or "…" string with JSON-style escapes; `pos_` is on the opening quote.
  bool parse_quoted(std::string& out) {
    const char quote = text_[pos_++];
    while (!at_end()) {
      const char c = text_[pos_++];
      if (c == quote) return true;
      if (c != '\\') {
        out += c;
      } else if (!parse_escape(out)) {
        return false;
      }
    }
    return fail("unclosed string");
  }

  bool parse_escape(std::string& out) {
    if (at_end()) return fail("unclosed string");
    const char c = text_[pos_++];
    switch (c) {
      case '\'':
      case '"':
      case '\\':
      case '/': out += c; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return parse_unicode_escape(out);
      default: return fail(fmt::format("unknown escape '\\{}' at character {}", c, pos_ - 1));
    }
  }

  // After "\u": four hex digits; a UTF-16 surrogate pair takes two escapes ("\uD83D\uDE80").
  bool parse_unicode_escape(std::string& out) {
    std::optional<char32_t> code = parse_hex4();
    if (!code) return fail("'\\u' needs four hex digits");
    const auto is_low = [](char32_t c) { return c >= 0xDC00 && c <= 0xDFFF; };
    if (is_low(*code)) return fail("unpaired UTF-16 surrogate");
    if (*code >= 0xD800 && *code <= 0xDBFF) {
      const std::optional<char32_t> low = consume("\\u") ? parse_hex4() : std::nullopt;
      if (!low || !is_low(*low)) return fail("unpaired UTF-16 surrogate");
      code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
    }
    append_utf8(out, *code);
    return true;
  }

  std::optional<char32_t> parse_hex4() {
    unsigned int code = 0;
    const char* first = text_.data() + pos_;
    const char* last = first + std::min<std::size_t>(4, text_.size() - pos_);
    const auto [end, error] = std::from_chars(first, last, code, 16);
    if (error != std::errc() || end != first + 4) return std::nullopt;
    pos_ += 4;
    return static_cast<char32_t>(code);
  }

  // Filters.

  bool parse_or(FilterExpr& out) {
    if (!parse_and(out)) return false;
    for (skip_spaces(); consume("||"); skip_spaces()) {
      FilterExpr right;
      if (!parse_and(right)) return false;
      out = combine(FilterExpr::Kind::kOr, std::move(out), std::move(right));
    }
    return true;
  }

  bool parse_and(FilterExpr& out) {
    if (!parse_unary(out)) return false;
    for (skip_spaces(); consume("&&"); skip_spaces()) {
      FilterExpr right;
      if (!parse_unary(right)) return false;
      out = combine(FilterExpr::Kind::kAnd, std::move(out), std::move(right));
    }
    return true;
  }

  static FilterExpr combine(FilterExpr::Kind kind, FilterExpr left, FilterExpr right) {
    FilterExpr combined;
    combined.kind = kind;
    combined.operands.push_back(std::move(left));
    combined.operands.push_back(std::move(right));
    return combined;
  }

  bool parse_unary(FilterExpr& out) {
    skip_spaces();
    const Nesting nesting(*this);
    if (!nesting.ok()) return false;
    if (consume("!")) {
      out.kind = FilterExpr::Kind::kNot;
      out.operands.emplace_back();
      return parse_unary(out.operands.back());
    }
    if (consume("(")) {
      if (!parse_or(out)) return false;
      skip_spaces();
      return consume(")") || fail_unexpected("')'");
    }
    return parse_comparison(out);
  }

  bool parse_comparison(FilterExpr& out) {
    if (!parse_operand(out.left)) return false;
    skip_spaces();
    const std::optional<Comparison> comparison = parse_comparison_operator();
    if (!comparison) {
      if (peek() == '=' || peek() == '~') {
        return fail(fmt::format("unsupported filter operator at character {}", pos_ + 1));
      }
      if (!out.left.path) return fail_unexpected("a comparison operator");
      out.kind = FilterExpr::Kind::kExists;
      return true;
    }
    out.kind = FilterExpr::Kind::kCompare;
    out.comparison = *comparison;
    skip_spaces();
    return parse_operand(out.right);
  }

  std::optional<Comparison> parse_comparison_operator() {
    if (consume("==")) return Comparison::kEqual;
    if (consume("!=")) return Comparison::kNotEqual;
    if (consume("<=")) return Comparison::kLessOrEqual;
    if (consume(">=")) return Comparison::kGreaterOrEqual;
    if (consume("<")) return Comparison::kLess;
    if (consume(">")) return Comparison::kGreater;
    return std::nullopt;
  }

  bool parse_operand(Operand& operand) {
    const char c = peek();
    if (c == '@' || c == '$') {
      operand.path.emplace();
      return parse_path(*operand.path, /*in_filter=*/true);
    }
    if (c == '\'' || c == '"') {
      std::string value;
      if (!parse_quoted(value)) return false;
      operand.literal = std::move(value);
      return true;
    }
    if (is_digit(c) || c == '-') return parse_number(operand.literal);
    for (const auto& [word, value] :
         {std::pair<std::string_view, Json>{"true", true}, {"false", false}, {"null", nullptr}}) {
      if (consume(word)) {
        operand.literal = value;
        return true;
      }
    }
    return fail_unexpected("a path or a value");
  }

  // A JSON number; integral numbers stay integers.
  bool parse_number(Json& out) {
    const std::size_t start = pos_;
    while (!at_end() &&
           std::string_view("0123456789+-.eE").find(peek()) != std::string_view::npos) {
      ++pos_;
    }
    const std::string_view token = text_.substr(start, pos_ - start);
    out = Json::parse(token, nullptr, /*allow_exceptions=*/false);
    if (out.is_number()) return true;
    pos_ = start;
    return fail(fmt::format("'{}' is not a number", token));
  }

};

}  // namespace

ParsedPath parse_path(std::string_view text) { return Parser(text).parse(/*whole=*/true); }

ParsedPath parse_path_prefix(std::string_view text) { return Parser(text).parse(/*whole=*/false); }

}  // namespace conflictctl::dataflow::jsonpath
