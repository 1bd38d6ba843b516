#include "budget/rule_text.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <string_view>
#include <utility>

namespace conflictctl::budget {

namespace {

// The comparison in an operator's name, after its type prefix and without "Path".
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kComparisons = {{
    {"GreaterThanEquals", ">="},
    {"LessThanEquals", "<="},
    {"GreaterThan", ">"},
    {"LessThan", "<"},
    {"Equals", "=="},
    {"Matches", "matches"},
}};

// "IsPresent" → "present", "IsNumeric" → "numeric", "IsNull" → "null".
std::string type_test(std::string_view op) {
  std::string word(op.substr(2));
  for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

std::string operand_text(const asl::ChoiceRule& rule) {
  if (rule.op.ends_with("Path") && rule.operand.is_string()) return rule.operand.get<std::string>();
  return rule.operand.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string combined(const asl::ChoiceRule& rule, std::string_view word) {
  std::string text;
  for (const auto& child : rule.children) {
    if (!text.empty()) text += fmt::format(" {} ", word);
    text += "(" + rule_text(child) + ")";
  }
  return text;
}

}  // namespace

std::string rule_text(const asl::ChoiceRule& rule) {
  if (rule.op == "And") return combined(rule, "and");
  if (rule.op == "Or") return combined(rule, "or");
  if (rule.op == "Not")
    return rule.children.empty() ? "not ()" : "not (" + rule_text(rule.children.front()) + ")";
  if (rule.op.starts_with("Is")) {
    bool holds = !rule.operand.is_boolean() || rule.operand.get<bool>();
    return fmt::format("{} is {}{}", rule.variable, holds ? "" : "not ", type_test(rule.op));
  }
  std::string_view op = rule.op;
  if (op.ends_with("Path")) op.remove_suffix(4);
  for (const auto& [suffix, symbol] : kComparisons) {
    if (op.ends_with(suffix))
      return fmt::format("{} {} {}", rule.variable, symbol, operand_text(rule));
  }
  return fmt::format("{} {} {}", rule.variable, rule.op, operand_text(rule));
}

}  // namespace conflictctl::budget
