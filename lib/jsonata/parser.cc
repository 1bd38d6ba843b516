#include "jsonata/parser.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <map>

#include "dataflow/utf8.h"
#include "jsonata/jsonata.h"
#include "jsonata/regex.h"

namespace conflictctl::jsonata {
namespace {

// jsonata-js's binding powers; tokens missing here bind with 0.
int binding_power(std::string_view op) {
  static const std::map<std::string_view, int> table = {
      {".", 75},  {"[", 80},  {"{", 70},  {"(", 80},  {"@", 80},  {"#", 80},  {"?", 20},
      {"+", 50},  {"-", 50},  {"*", 60},  {"/", 60},  {"%", 60},  {"=", 40},  {"<", 40},
      {">", 40},  {"^", 40},  {":=", 10}, {"!=", 40}, {"<=", 40}, {">=", 40}, {"~>", 40},
      {"?:", 40}, {"??", 40}, {"and", 30}, {"or", 25}, {"in", 40}, {"&", 50}};
  auto it = table.find(op);
  return it == table.end() ? 0 : it->second;
}

bool is_operator_char(char c) {
  return std::string_view(".[]{}(),@#;:?+-*/%|=<>^&!~").find(c) != std::string_view::npos;
}

bool is_space_char(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v';
}

std::string quote(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

struct Token {
  enum Kind { kEnd, kName, kVariable, kOperator, kString, kNumber, kValue, kRegex } kind = kEnd;
  std::string value;  // operator, name, regex pattern
  std::string flags;  // regex
  Json literal;
  std::size_t position = 0;  // after the token
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // `after_operand`: a '/' here is division, not the start of a regular expression.
  Result<Token> next(bool after_operand) {
    for (;;) {
      while (pos_ < text_.size() && is_space_char(text_[pos_])) ++pos_;
      if (text_.substr(pos_, 2) == "/*") {
        const std::size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) {
          pos_ = text_.size();
          return syntax_error("S0106", "Comment has no closing tag", pos_);
        }
        pos_ = end + 2;
        continue;
      }
      break;
    }
    Token token;
    if (pos_ >= text_.size()) {
      token.position = pos_;
      return token;
    }
    const char c = text_[pos_];
    if (!after_operand && c == '/') return scan_regex();
    static const std::string_view kTwo[] = {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};
    for (std::string_view two : kTwo) {
      if (text_.substr(pos_, 2) == two) {
        pos_ += 2;
        return make(Token::kOperator, std::string(two));
      }
    }
    if (is_operator_char(c)) {
      ++pos_;
      return make(Token::kOperator, std::string(1, c));
    }
    if (c == '"' || c == '\'') return scan_string(c);
    if (c >= '0' && c <= '9') {
      std::size_t end = pos_;
      if (text_[end] == '0') {
        ++end;
      } else {
        while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) ++end;
      }
      if (end + 1 < text_.size() && text_[end] == '.' &&
          std::isdigit(static_cast<unsigned char>(text_[end + 1]))) {
        end += 1;
        while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) ++end;
      }
      if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
        std::size_t e = end + 1;
        if (e < text_.size() && (text_[e] == '+' || text_[e] == '-')) ++e;
        if (e < text_.size() && std::isdigit(static_cast<unsigned char>(text_[e]))) {
          while (e < text_.size() && std::isdigit(static_cast<unsigned char>(text_[e]))) ++e;
          end = e;
        }
      }
      const std::string digits(text_.substr(pos_, end - pos_));
      pos_ = end;
      const double number = std::strtod(digits.c_str(), nullptr);
      if (!std::isfinite(number)) {
        return syntax_error("S0102", "Number out of range: " + quote(digits), pos_);
      }
      Token token2 = make(Token::kNumber, digits);
      token2.literal = number_json(number);
      return token2;
    }
    if (c == '`') {
      const std::size_t end = text_.find('`', pos_ + 1);
      if (end == std::string_view::npos) {
        pos_ = text_.size();
        return syntax_error("S0105", "Quoted property name must be terminated with a backquote (`)",
                            pos_);
      }
      std::string name(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return make(Token::kName, std::move(name));
    }
    std::size_t end = pos_;
    while (end < text_.size() && !is_space_char(text_[end]) && !is_operator_char(text_[end])) ++end;
    const std::string_view word = text_.substr(pos_, end - pos_);
    pos_ = end;
    if (word[0] == '$') return make(Token::kVariable, std::string(word.substr(1)));
    if (word == "or" || word == "in" || word == "and")
      return make(Token::kOperator, std::string(word));
    if (word == "true" || word == "false" || word == "null") {
      Token value = make(Token::kValue, std::string(word));
      value.literal = word == "null" ? Json(nullptr) : Json(word == "true");
      return value;
    }
    return make(Token::kName, std::string(word));
  }

  std::size_t position() const { return pos_; }
  void set_position(std::size_t pos) { pos_ = pos; }

  static Json number_json(double number) {
    if (std::nearbyint(number) == number && std::fabs(number) < 9007199254740992.0) {
      return Json(static_cast<std::int64_t>(number));
    }
    return Json(number);
  }

 private:
  Token make(Token::Kind kind, std::string value) {
    Token token;
    token.kind = kind;
    token.value = std::move(value);
    token.position = pos_;
    if (kind == Token::kString) token.literal = token.value;
    return token;
  }

  Result<Token> scan_string(char quote_char) {
    std::string out;
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\\') {
        ++pos_;
        if (pos_ >= text_.size()) break;
        c = text_[pos_];
        switch (c) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            auto hex4 = [&](std::size_t at) -> long {
              if (at + 4 > text_.size()) return -1;
              for (std::size_t i = at; i < at + 4; ++i) {
                if (!std::isxdigit(static_cast<unsigned char>(text_[i]))) return -1;
              }
              return std::strtol(std::string(text_.substr(at, 4)).c_str(), nullptr, 16);
            };
            long unit = hex4(pos_ + 1);
            if (unit < 0) {
              return syntax_error("S0104",
                                  "The escape sequence \\u must be followed by 4 hex digits", pos_);
            }
            pos_ += 4;
            char32_t code_point = static_cast<char32_t>(unit);
            if (unit >= 0xD800 && unit <= 0xDBFF && text_.substr(pos_ + 1, 2) == "\\u") {
              long low = hex4(pos_ + 3);
              if (low >= 0xDC00 && low <= 0xDFFF) {
                code_point = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                pos_ += 6;
              }
            }
            if (code_point >= 0xD800 && code_point <= 0xDFFF) code_point = 0xFFFD;
            dataflow::append_utf8(out, code_point);
            break;
          }
          default:
            return syntax_error("S0103",
                                "Unsupported escape sequence: \\" + quote(std::string(1, c)), pos_);
        }
      } else if (c == quote_char) {
        ++pos_;
        return make(Token::kString, std::move(out));
      } else {
        out += c;
      }
      ++pos_;
    }
    return syntax_error("S0101", "String literal must be terminated by a matching quote", pos_);
  }

  Result<Token> scan_regex() {
    ++pos_;
    const std::size_t start = pos_;
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '/' && depth == 0) {
        std::size_t backslashes = 0;
        while (pos_ >= backslashes + 1 && text_[pos_ - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0) {
          std::string pattern(text_.substr(start, pos_ - start));
          if (pattern.empty()) {
            return syntax_error("S0301", "Empty regular expressions are not allowed", pos_);
          }
          ++pos_;
          const std::size_t flag_start = pos_;
          while (pos_ < text_.size() && (text_[pos_] == 'i' || text_[pos_] == 'm')) ++pos_;
          Token token = make(Token::kRegex, std::move(pattern));
          token.flags = std::string(text_.substr(flag_start, pos_ - flag_start));
          return token;
        }
      }
      const bool escaped = pos_ > 0 && text_[pos_ - 1] == '\\';
      if ((c == '(' || c == '[' || c == '{') && !escaped) ++depth;
      if ((c == ')' || c == ']' || c == '}') && !escaped) --depth;
      ++pos_;
    }
    return syntax_error("S0302", "No terminating / in regular expression", pos_);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

NodePtr make_node(NodeType type, std::size_t position) {
  auto node = std::make_unique<Node>();
  node->type = type;
  node->position = position;
  return node;
}

void raise_height(Node& parent, const NodePtr& child) {
  if (child && child->height + 1 > parent.height) parent.height = child->height + 1;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), lexer_(text) {}

  Result<NodePtr> run() {
    if (!advance_raw(false)) return *error_;
    NodePtr expr = expression(0);
    if (!expr) return *error_;
    if (node_.kind != Token::kEnd) {
      return syntax_error("S0201", "Syntax error: " + quote(node_.value), node_.position);
    }
    NodePtr processed = process(std::move(expr));
    if (!processed) return *error_;
    return processed;
  }

 private:
  std::nullptr_t fail(Error error) {
    if (!error_) error_ = std::move(error);
    return nullptr;
  }

  bool advance_raw(bool after_operand) {
    Result<Token> token = lexer_.next(after_operand);
    if (!token) {
      fail(token.error());
      return false;
    }
    node_ = std::move(*token);
    if (node_.kind == Token::kOperator) {
      static const std::string_view kKnown[] = {
          ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*",
          "/", "%", "|", "=", "<", ">", "^", "**", "..", ":=", "!=", "<=", ">=", "~>", "?:",
          "??", "and", "or", "in", "&"};
      bool known = false;
      for (std::string_view k : kKnown) known = known || k == node_.value;
      if (!known) {
        fail(syntax_error("S0204", "Unknown operator: " + quote(node_.value), node_.position));
        return false;
      }
    }
    return true;
  }

  // Moves past the current token, which must be the operator `id`.
  bool advance(std::string_view id, bool after_operand = false) {
    if (node_.kind != Token::kOperator || node_.value != id) {
      if (node_.kind == Token::kEnd) {
        fail(syntax_error("S0203", fmt::format("Expected {} before end of expression", quote(id)),
                          node_.position));
      } else {
        fail(syntax_error("S0202",
                          fmt::format("Expected {}, got {}", quote(id), quote(token_text())),
                          node_.position));
      }
      return false;
    }
    return advance_raw(after_operand);
  }

  std::string token_text() const {
    if (node_.kind == Token::kString || node_.kind == Token::kNumber ||
        node_.kind == Token::kValue) {
      return node_.kind == Token::kString ? node_.literal.get<std::string>() : node_.value;
    }
    return node_.value;
  }

  bool is_op(std::string_view id) const {
    return node_.kind == Token::kOperator && node_.value == id;
  }

  int lbp() const { return node_.kind == Token::kOperator ? binding_power(node_.value) : 0; }

  NodePtr check_height(NodePtr node) {
    if (!node) return nullptr;
    if (node->height > kMaxParseDepth) {
      return fail(Error{"U1001", fmt::format("The expression nests more than {} levels deep",
                                             kMaxParseDepth)});
    }
    return node;
  }

  NodePtr expression(int rbp) {
    if (++depth_ > kMaxParseDepth) {
      return fail(Error{"U1001", fmt::format("The expression nests more than {} levels deep",
                                             kMaxParseDepth)});
    }
    Token t = node_;
    if (!advance_raw(true)) return nullptr;
    NodePtr left = nud(std::move(t));
    while (left && rbp < lbp()) {
      Token op = node_;
      if (!advance_raw(false)) return nullptr;
      left = check_height(led(std::move(op), std::move(left)));
    }
    --depth_;
    return left;
  }

  NodePtr nud(Token t) {
    switch (t.kind) {
      case Token::kEnd:
        return fail(syntax_error("S0207", "Unexpected end of expression", t.position));
      case Token::kName: {
        NodePtr n = make_node(NodeType::kName, t.position);
        n->text = std::move(t.value);
        return n;
      }
      case Token::kVariable: {
        NodePtr n = make_node(NodeType::kVariable, t.position);
        n->text = std::move(t.value);
        return n;
      }
      case Token::kString:
      case Token::kNumber:
      case Token::kValue: {
        NodePtr n = make_node(NodeType::kLiteral, t.position);
        n->literal = std::move(t.literal);
        n->text = t.kind == Token::kString   ? "string"
                  : t.kind == Token::kNumber ? "number"
                                             : "value";
        return n;
      }
      case Token::kRegex: {
        NodePtr n = make_node(NodeType::kRegex, t.position);
        Result<std::shared_ptr<const Regex>> regex = Regex::compile(t.value, t.flags);
        if (!regex) return fail(syntax_error(regex.error().name, regex.error().cause, t.position));
        n->regex = *regex;
        n->text = std::move(t.value);
        return n;
      }
      case Token::kOperator:
        break;
    }
    const std::string& op = t.value;
    if (op == "and" || op == "or" || op == "in") {
      NodePtr n = make_node(NodeType::kName, t.position);
      n->text = op;
      return n;
    }
    if (op == "-") {
      NodePtr n = make_node(NodeType::kNegate, t.position);
      n->lhs = expression(70);
      if (!n->lhs) return nullptr;
      raise_height(*n, n->lhs);
      return n;
    }
    if (op == "*") return make_node(NodeType::kWildcard, t.position);
    if (op == "**") return make_node(NodeType::kDescendant, t.position);
    if (op == "%") return make_node(NodeType::kParent, t.position);
    if (op == "(") {
      NodePtr n = make_node(NodeType::kBlock, t.position);
      while (!is_op(")")) {
        NodePtr item = expression(0);
        if (!item) return nullptr;
        raise_height(*n, item);
        n->items.push_back(std::move(item));
        if (!is_op(";")) break;
        if (!advance(";")) return nullptr;
      }
      if (!advance(")", true)) return nullptr;
      return n;
    }
    if (op == "[") {
      NodePtr n = make_node(NodeType::kArray, t.position);
      if (!is_op("]")) {
        for (;;) {
          NodePtr item = expression(0);
          if (!item) return nullptr;
          if (is_op("..")) {
            NodePtr range = make_node(NodeType::kBinary, node_.position);
            range->op = "..";
            if (!advance("..")) return nullptr;
            range->lhs = std::move(item);
            range->rhs = expression(0);
            if (!range->rhs) return nullptr;
            raise_height(*range, range->lhs);
            raise_height(*range, range->rhs);
            item = std::move(range);
          }
          raise_height(*n, item);
          n->items.push_back(std::move(item));
          if (!is_op(",")) break;
          if (!advance(",")) return nullptr;
        }
      }
      if (!advance("]", true)) return nullptr;
      return n;
    }
    if (op == "{") {
      NodePtr n = make_node(NodeType::kObject, t.position);
      if (!object_pairs(*n)) return nullptr;
      return n;
    }
    if (op == "|") {
      NodePtr n = make_node(NodeType::kTransform, t.position);
      n->lhs = expression(0);
      if (!n->lhs || !advance("|")) return nullptr;
      n->rhs = expression(0);
      if (!n->rhs) return nullptr;
      if (is_op(",")) {
        if (!advance(",")) return nullptr;
        n->third = expression(0);
        if (!n->third) return nullptr;
      }
      if (!advance("|")) return nullptr;
      raise_height(*n, n->lhs);
      raise_height(*n, n->rhs);
      raise_height(*n, n->third);
      return n;
    }
    return fail(syntax_error(
        "S0211", fmt::format("The symbol {} cannot be used as a unary operator", quote(op)),
        t.position));
  }

  bool object_pairs(Node& n) {
    if (!is_op("}")) {
      for (;;) {
        NodePtr key = expression(0);
        if (!key || !advance(":")) return false;
        NodePtr value = expression(0);
        if (!value) return false;
        raise_height(n, key);
        raise_height(n, value);
        n.pairs.emplace_back(std::move(key), std::move(value));
        if (!is_op(",")) break;
        if (!advance(",")) return false;
      }
    }
    return advance("}", true);
  }

  NodePtr led(Token t, NodePtr left) {
    const std::string op = t.value;
    const int bp = binding_power(op);
    if (op == "(") return call(std::move(t), std::move(left));
    if (op == "[") {
      if (is_op("]")) {
        Node* step = left.get();
        while (step->type == NodeType::kRawBinary && step->op == "[") step = step->lhs.get();
        step->keep_array = true;
        // As jsonata-js: the token after `[]` is read where a regular expression may start.
        if (!advance("]")) return nullptr;
        return left;
      }
      NodePtr n = make_node(NodeType::kRawBinary, t.position);
      n->op = "[";
      n->lhs = std::move(left);
      n->rhs = expression(0);
      if (!n->rhs || !advance("]", true)) return nullptr;
      raise_height(*n, n->lhs);
      raise_height(*n, n->rhs);
      return n;
    }
    if (op == "{") {
      NodePtr n = make_node(NodeType::kRawBinary, t.position);
      n->op = "{";
      n->lhs = std::move(left);
      raise_height(*n, n->lhs);
      if (!object_pairs(*n)) return nullptr;
      return n;
    }
    if (op == "^") {
      NodePtr n = make_node(NodeType::kRawBinary, t.position);
      n->op = "^";
      n->lhs = std::move(left);
      raise_height(*n, n->lhs);
      if (!advance("(")) return nullptr;
      for (;;) {
        SortTerm term;
        if (is_op("<")) {
          if (!advance("<")) return nullptr;
        } else if (is_op(">")) {
          term.descending = true;
          if (!advance(">")) return nullptr;
        }
        term.expression = expression(0);
        if (!term.expression) return nullptr;
        raise_height(*n, term.expression);
        n->terms.push_back(std::move(term));
        if (!is_op(",")) break;
        if (!advance(",")) return nullptr;
      }
      if (!advance(")")) return nullptr;
      return n;
    }
    if (op == ":=") {
      if (left->type != NodeType::kVariable) {
        return fail(syntax_error(
            "S0212", "The left side of := must be a variable name (start with $)", left->position));
      }
      NodePtr n = make_node(NodeType::kBind, t.position);
      n->text = left->text;
      n->rhs = expression(bp - 1);
      if (!n->rhs) return nullptr;
      raise_height(*n, n->rhs);
      return n;
    }
    if (op == "@" || op == "#") {
      NodePtr n = make_node(NodeType::kRawBinary, t.position);
      n->op = op;
      n->lhs = std::move(left);
      n->rhs = expression(bp);
      if (!n->rhs) return nullptr;
      if (n->rhs->type != NodeType::kVariable) {
        return fail(syntax_error(
            "S0214",
            fmt::format("The right side of {} must be a variable name (start with $)", quote(op)),
            n->rhs->position));
      }
      raise_height(*n, n->lhs);
      raise_height(*n, n->rhs);
      return n;
    }
    if (op == "?") {
      NodePtr n = make_node(NodeType::kCondition, t.position);
      n->lhs = std::move(left);
      n->rhs = expression(0);
      if (!n->rhs) return nullptr;
      if (is_op(":")) {
        if (!advance(":")) return nullptr;
        n->third = expression(0);
        if (!n->third) return nullptr;
      }
      raise_height(*n, n->lhs);
      raise_height(*n, n->rhs);
      raise_height(*n, n->third);
      return n;
    }
    if (op == "?:" || op == "??") {
      NodePtr n = make_node(op == "?:" ? NodeType::kElvis : NodeType::kCoalesce, t.position);
      n->lhs = std::move(left);
      n->rhs = expression(0);
      if (!n->rhs) return nullptr;
      raise_height(*n, n->lhs);
      raise_height(*n, n->rhs);
      return n;
    }
    if (bp == 0) {
      return fail(syntax_error("S0201", "Syntax error: " + quote(op), t.position));
    }
    const bool raw = op == "." || op == "~>";
    NodePtr n = make_node(raw ? NodeType::kRawBinary : NodeType::kBinary, t.position);
    n->op = op;
    n->lhs = std::move(left);
    n->rhs = expression(bp);
    if (!n->rhs) return nullptr;
    raise_height(*n, n->lhs);
    raise_height(*n, n->rhs);
    return n;
  }

  NodePtr call(Token t, NodePtr left) {
    NodePtr n = make_node(NodeType::kCall, t.position);
    if (!is_op(")")) {
      for (;;) {
        if (is_op("?")) {
          n->type = NodeType::kPartial;
          n->items.push_back(make_node(NodeType::kPlaceholder, node_.position));
          if (!advance("?")) return nullptr;
        } else {
          NodePtr arg = expression(0);
          if (!arg) return nullptr;
          raise_height(*n, arg);
          n->items.push_back(std::move(arg));
        }
        if (!is_op(",")) break;
        if (!advance(",")) return nullptr;
      }
    }
    if (!advance(")", true)) return nullptr;
    if (left->type == NodeType::kName && (left->text == "function" || left->text == "\u03BB")) {
      for (std::size_t i = 0; i < n->items.size(); ++i) {
        const Node& arg = *n->items[i];
        if (arg.type != NodeType::kVariable) {
          return fail(syntax_error(
              "S0208",
              fmt::format(
                  "Parameter {} of function definition must be a variable name (start with $)",
                  i + 1),
              arg.position));
        }
        n->params.push_back(arg.text);
      }
      n->items.clear();
      n->type = NodeType::kLambda;
      if (is_op("<")) {
        // The signature is read from the text itself, up to the matching '>'.
        std::size_t start = node_.position - 1;
        int depth = 0;
        std::size_t i = start;
        for (; i < text_.size(); ++i) {
          if (text_[i] == '<') ++depth;
          if (text_[i] == '>' && --depth == 0) break;
          if (text_[i] == '{') break;
        }
        if (i >= text_.size() || text_[i] != '>') {
          return fail(
              syntax_error("S0202", fmt::format("Expected {}, got {}", quote(">"), quote("{")), i));
        }
        Result<Signature> signature = Signature::parse(text_.substr(start, i + 1 - start));
        if (!signature) {
          const std::string& cause = signature.error().cause;
          const std::size_t at = cause.rfind('@');
          const std::size_t offset = std::strtoul(cause.c_str() + at + 1, nullptr, 10);
          return fail(syntax_error(signature.error().name, cause.substr(0, at), start + offset));
        }
        n->signature = std::move(*signature);
        lexer_.set_position(i + 1);
        if (!advance_raw(false)) return nullptr;
      }
      if (!advance("{")) return nullptr;
      n->lhs = expression(0);
      if (!n->lhs || !advance("}")) return nullptr;
      raise_height(*n, n->lhs);
      return n;
    }
    n->lhs = std::move(left);
    raise_height(*n, n->lhs);
    return n;
  }

  // jsonata-js's processAST: the raw tree into the evaluator's shape.
  NodePtr process(NodePtr expr) {
    if (!expr) return nullptr;
    NodePtr result;
    switch (expr->type) {
      case NodeType::kRawBinary:
        result = process_raw_binary(std::move(expr));
        break;
      case NodeType::kBinary:
        expr->lhs = process(std::move(expr->lhs));
        if (!expr->lhs) return nullptr;
        expr->rhs = process(std::move(expr->rhs));
        if (!expr->rhs) return nullptr;
        result = std::move(expr);
        break;
      case NodeType::kNegate: {
        expr->lhs = process(std::move(expr->lhs));
        if (!expr->lhs) return nullptr;
        if (expr->lhs->type == NodeType::kLiteral && expr->lhs->literal.is_number()) {
          NodePtr literal = std::move(expr->lhs);
          literal->literal = Lexer::number_json(-literal->literal.get<double>());
          if (literal->literal.is_number_integer() && literal->literal.get<std::int64_t>() == 0) {
            literal->literal = Json(-0.0);
          }
          literal->keep_array = literal->keep_array || expr->keep_array;
          return literal;
        }
        result = std::move(expr);
        break;
      }
      case NodeType::kArray:
      case NodeType::kBlock:
        for (NodePtr& item : expr->items) {
          item = process(std::move(item));
          if (!item) return nullptr;
          if (expr->type == NodeType::kBlock &&
              (item->cons_array ||
               (item->type == NodeType::kPath && item->items[0]->cons_array))) {
            expr->cons_array = true;
          }
        }
        result = std::move(expr);
        break;
      case NodeType::kObject:
        for (auto& [key, value] : expr->pairs) {
          key = process(std::move(key));
          if (!key) return nullptr;
          value = process(std::move(value));
          if (!value) return nullptr;
        }
        result = std::move(expr);
        break;
      case NodeType::kCall:
      case NodeType::kPartial:
        for (NodePtr& arg : expr->items) {
          if (arg->type == NodeType::kPlaceholder) continue;
          arg = process(std::move(arg));
          if (!arg) return nullptr;
        }
        expr->lhs = process(std::move(expr->lhs));
        if (!expr->lhs) return nullptr;
        result = std::move(expr);
        break;
      case NodeType::kLambda:
        expr->lhs = process(std::move(expr->lhs));
        if (!expr->lhs) return nullptr;
        expr->lhs = tail_call_optimize(std::move(expr->lhs));
        result = std::move(expr);
        break;
      case NodeType::kCondition:
      case NodeType::kElvis:
      case NodeType::kCoalesce:
      case NodeType::kTransform:
        expr->lhs = process(std::move(expr->lhs));
        if (!expr->lhs) return nullptr;
        expr->rhs = process(std::move(expr->rhs));
        if (!expr->rhs) return nullptr;
        if (expr->third) {
          expr->third = process(std::move(expr->third));
          if (!expr->third) return nullptr;
        }
        result = std::move(expr);
        break;
      case NodeType::kBind:
        expr->rhs = process(std::move(expr->rhs));
        if (!expr->rhs) return nullptr;
        result = std::move(expr);
        break;
      case NodeType::kName: {
        const bool keep = expr->keep_array;
        NodePtr path = make_node(NodeType::kPath, expr->position);
        path->height = expr->height + 1;
        path->items.push_back(std::move(expr));
        if (keep) path->keep_singleton_array = true;
        return path;
      }
      case NodeType::kParent:
        return fail(syntax_error(
            "S0217", "The parent operator % is not supported by this implementation",
            expr->position));
      default:
        result = std::move(expr);
        break;
    }
    return result;
  }

  static NodePtr tail_call_optimize(NodePtr expr) {
    if (expr->type == NodeType::kCall && expr->predicates.empty()) {
      NodePtr thunk = make_node(NodeType::kLambda, expr->position);
      thunk->thunk = true;
      thunk->height = expr->height + 1;
      thunk->lhs = std::move(expr);
      return thunk;
    }
    if (expr->type == NodeType::kCondition) {
      expr->rhs = tail_call_optimize(std::move(expr->rhs));
      if (expr->third) expr->third = tail_call_optimize(std::move(expr->third));
    } else if (expr->type == NodeType::kBlock && !expr->items.empty()) {
      expr->items.back() = tail_call_optimize(std::move(expr->items.back()));
    }
    return expr;
  }

  static NodePtr as_path(NodePtr step) {
    if (step->type == NodeType::kPath) return step;
    NodePtr path = make_node(NodeType::kPath, step->position);
    path->height = step->height + 1;
    path->items.push_back(std::move(step));
    return path;
  }

  NodePtr process_raw_binary(NodePtr expr) {
    const std::string& op = expr->op;
    if (op == ".") {
      NodePtr lstep = process(std::move(expr->lhs));
      if (!lstep) return nullptr;
      NodePtr result = as_path(std::move(lstep));
      result->height = expr->height;
      NodePtr rest = process(std::move(expr->rhs));
      if (!rest) return nullptr;
      if (rest->type == NodeType::kPath) {
        for (NodePtr& step : rest->items) result->items.push_back(std::move(step));
      } else {
        for (NodePtr& predicate : rest->predicates) {
          Stage stage;
          stage.filter = std::move(predicate);
          rest->stages.push_back(std::move(stage));
        }
        rest->predicates.clear();
        result->items.push_back(std::move(rest));
      }
      for (NodePtr& step : result->items) {
        if (step->type == NodeType::kLiteral) {
          if (!step->literal.is_string()) {
            return fail(syntax_error(
                "S0213",
                fmt::format(
                    "The literal value {} cannot be used as a step within a path expression",
                    step->literal.dump(-1, ' ', false, Json::error_handler_t::replace)),
                step->position));
          }
          step->type = NodeType::kName;
          step->text = step->literal.get<std::string>();
        }
        if (step->keep_array) result->keep_singleton_array = true;
      }
      if (result->items.front()->type == NodeType::kArray) result->items.front()->cons_array = true;
      if (result->items.back()->type == NodeType::kArray) result->items.back()->cons_array = true;
      result->keep_array = result->keep_array || expr->keep_array;
      return result;
    }
    if (op == "[") {
      NodePtr result = process(std::move(expr->lhs));
      if (!result) return nullptr;
      Node* step = result.get();
      bool stages = false;
      if (result->type == NodeType::kPath) {
        step = result->items.back().get();
        stages = true;
      }
      if (step->group) {
        return fail(syntax_error(
            "S0209", "A predicate cannot follow a grouping expression in a step", expr->position));
      }
      NodePtr predicate = process(std::move(expr->rhs));
      if (!predicate) return nullptr;
      if (stages) {
        Stage stage;
        stage.filter = std::move(predicate);
        stage.position = expr->position;
        step->stages.push_back(std::move(stage));
      } else {
        step->predicates.push_back(std::move(predicate));
      }
      result->height = std::max(result->height, expr->height);
      result->keep_array = result->keep_array || expr->keep_array;
      return result;
    }
    if (op == "{") {
      NodePtr result = process(std::move(expr->lhs));
      if (!result) return nullptr;
      if (result->group) {
        return fail(syntax_error("S0210", "Each step can only have one grouping expression",
                                 expr->position));
      }
      auto group = std::make_unique<Group>();
      group->position = expr->position;
      for (auto& [key, value] : expr->pairs) {
        key = process(std::move(key));
        if (!key) return nullptr;
        value = process(std::move(value));
        if (!value) return nullptr;
        group->pairs.emplace_back(std::move(key), std::move(value));
      }
      result->group = std::move(group);
      result->height = std::max(result->height, expr->height);
      result->keep_array = result->keep_array || expr->keep_array;
      return result;
    }
    if (op == "^") {
      NodePtr lhs = process(std::move(expr->lhs));
      if (!lhs) return nullptr;
      NodePtr result = as_path(std::move(lhs));
      NodePtr sort = make_node(NodeType::kSort, expr->position);
      for (SortTerm& term : expr->terms) {
        term.expression = process(std::move(term.expression));
        if (!term.expression) return nullptr;
        sort->terms.push_back(std::move(term));
      }
      result->items.push_back(std::move(sort));
      result->height = std::max(result->height, expr->height);
      result->keep_array = result->keep_array || expr->keep_array;
      return result;
    }
    if (op == "@") {
      NodePtr result = process(std::move(expr->lhs));
      if (!result) return nullptr;
      Node* step = result->type == NodeType::kPath ? result->items.back().get() : result.get();
      if (!step->stages.empty() || !step->predicates.empty()) {
        return fail(syntax_error("S0215",
                                 "A context variable binding must precede any predicates on a step",
                                 expr->position));
      }
      if (step->type == NodeType::kSort) {
        return fail(syntax_error(
            "S0216", "A context variable binding must precede the 'order-by' clause on a step",
            expr->position));
      }
      if (expr->keep_array) step->keep_array = true;
      step->focus = expr->rhs->text;
      step->tuple = true;
      result->height = std::max(result->height, expr->height);
      return result;
    }
    if (op == "#") {
      NodePtr result = process(std::move(expr->lhs));
      if (!result) return nullptr;
      Node* step = result.get();
      if (result->type == NodeType::kPath) {
        step = result->items.back().get();
      } else {
        for (NodePtr& predicate : result->predicates) {
          Stage stage;
          stage.filter = std::move(predicate);
          result->stages.push_back(std::move(stage));
        }
        result->predicates.clear();
        result = as_path(std::move(result));
        step = result->items.back().get();
      }
      if (step->stages.empty()) {
        step->index = expr->rhs->text;
      } else {
        Stage stage;
        stage.is_index = true;
        stage.variable = expr->rhs->text;
        stage.position = expr->position;
        step->stages.push_back(std::move(stage));
      }
      step->tuple = true;
      result->height = std::max(result->height, expr->height);
      result->keep_array = result->keep_array || expr->keep_array;
      return result;
    }
    // ~>
    NodePtr n = make_node(NodeType::kApply, expr->position);
    n->height = expr->height;
    n->lhs = process(std::move(expr->lhs));
    if (!n->lhs) return nullptr;
    n->rhs = process(std::move(expr->rhs));
    if (!n->rhs) return nullptr;
    n->keep_array = n->lhs->keep_array || n->rhs->keep_array || expr->keep_array;
    return n;
  }

  std::string_view text_;
  Lexer lexer_;
  Token node_;
  std::optional<Error> error_;
  std::size_t depth_ = 0;
};

}  // namespace

Error syntax_error(std::string_view code, std::string message, std::size_t position) {
  return Error{std::string(code), fmt::format("{} (position {})", message, position)};
}

Result<NodePtr> parse_expression(std::string_view text) {
  Parser parser(text);
  return parser.run();
}

}  // namespace conflictctl::jsonata
