#include "dataflow/intrinsic_parser.h"

#include <fmt/format.h>

#include <utility>

#include "dataflow/jsonpath_parser.h"
#include "dataflow/scanner.h"

namespace conflictctl::dataflow {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr std::string_view kPrefix = "States.";

// Recursive descent over one call. Every parse_* member returns false once it has recorded
// an error; the first error wins.
class Parser : Scanner {
 public:
  explicit Parser(std::string_view text) : Scanner(text) {}

  ParsedIntrinsic parse() {
    ParsedIntrinsic result;
    skip_spaces();
    if (parse_call(result.call)) {
      skip_spaces();
      if (!at_end()) fail_unexpected("nothing after the call");
    }
    result.error = error_;
    return result;
  }

 private:
  bool parse_call(IntrinsicNode& node) {
    // Checked before descending, so the recursion (and the tree's destructor) stays shallow
    // whatever the text.
    if (depth_ == kMaxIntrinsicNesting) {
      return fail(fmt::format("intrinsic functions nested more than {} deep at character {}",
                              kMaxIntrinsicNesting, pos_ + 1));
    }
    ++depth_;
    const bool parsed = parse_call_body(node);
    --depth_;
    return parsed;
  }

  bool parse_call_body(IntrinsicNode& node) {
    if (!consume(kPrefix)) return fail_unexpected("'States.'");
    const std::size_t start = pos_;
    while (is_name_char(peek())) ++pos_;
    if (pos_ == start) return fail_unexpected("a function name after 'States.'");
    node.kind = IntrinsicNode::Kind::kCall;
    node.text = std::string(kPrefix) + std::string(text_.substr(start, pos_ - start));
    if (!consume("(")) return fail_unexpected(fmt::format("'(' after {}", node.text));
    skip_spaces();
    if (consume(")")) return true;
    while (true) {
      IntrinsicNode argument;
      if (!parse_argument(argument)) return false;
      node.arguments.push_back(std::move(argument));
      skip_spaces();
      if (consume(")")) return true;
      if (at_end()) return fail(fmt::format("unclosed '(' of {}", node.text));
      if (!consume(",")) return fail_unexpected("',' or ')'");
      skip_spaces();
    }
  }

  bool parse_argument(IntrinsicNode& node) {
    const char c = peek();
    if (c == '\'') return parse_string(node);
    if (c == '$') return parse_path(node);
    if (is_digit(c) || c == '-') return parse_number(node);
    if (text_.substr(pos_).starts_with(kPrefix)) return parse_call(node);
    for (const auto& [word, value] :
         {std::pair<std::string_view, Json>{"true", true}, {"false", false}, {"null", nullptr}}) {
      if (consume(word)) {
        node.value = value;
        return true;
      }
    }
    return fail_unexpected("an argument ('string', number, true, false, null, path or call)");
  }

  bool parse_string(IntrinsicNode& node) {
    node.kind = IntrinsicNode::Kind::kString;
    std::string value;
    const std::size_t start = ++pos_;
    while (!at_end()) {
      const char c = text_[pos_++];
      if (c == '\'') {
        node.text = std::string(text_.substr(start, pos_ - 1 - start));
        node.value = std::move(value);
        return true;
      }
      if (c == '\\') {
        const char escaped = peek();
        if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
          return fail(
              fmt::format("open escape backslash at character {} (only \\', \\{{, \\}} "
                          "and \\\\ are escapes)",
                          pos_));
        }
        value += escaped;
        ++pos_;
      } else {
        value += c;
      }
    }
    return fail("unclosed string");
  }

  bool parse_path(IntrinsicNode& node) {
    const jsonpath::ParsedPath parsed = jsonpath::parse_path_prefix(text_.substr(pos_));
    if (!parsed.ok()) {
      return fail(fmt::format("invalid path at character {}: {}", pos_ + 1, parsed.error));
    }
    node.kind = IntrinsicNode::Kind::kPath;
    node.text = std::string(text_.substr(pos_, parsed.length));
    pos_ += parsed.length;
    return true;
  }

  bool parse_number(IntrinsicNode& node) {
    const std::size_t start = pos_;
    while (!at_end() &&
           std::string_view("0123456789+-.eE").find(peek()) != std::string_view::npos) {
      ++pos_;
    }
    const std::string_view token = text_.substr(start, pos_ - start);
    node.value = Json::parse(token, nullptr, /*allow_exceptions=*/false);
    if (node.value.is_number()) return true;
    pos_ = start;
    return fail(fmt::format("'{}' is not a number", token));
  }

  int depth_ = 0;  // calls open at pos_
};

}  // namespace

ParsedIntrinsic parse_intrinsic(std::string_view text) { return Parser(text).parse(); }

}  // namespace conflictctl::dataflow
