#include "engine/choice.h"

#include <fmt/format.h>

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error_names.h"
#include "core/timestamp.h"
#include "dataflow/path.h"
#include "dataflow/typed_path.h"

namespace conflictctl::engine {

using errors::runtime_error;

namespace {


// AWS's cause when a Variable (or a "…Path" operand) selects nothing.
Error invalid_path(std::string_view path) {
  return runtime_error(fmt::format(
      "Invalid path '{}': The choice state's condition path references an invalid value.", path));
}

// A rule the validator should have refused.
Error invalid_rule(const asl::ChoiceRule& rule, std::string_view problem) {
  if (rule.pointer.empty()) return runtime_error(fmt::format("Invalid Choice rule: {}", problem));
  return runtime_error(fmt::format("Invalid Choice rule at {}: {}", rule.pointer, problem));
}

Result<bool> boolean_operand(const asl::ChoiceRule& rule) {
  if (!rule.operand.is_boolean())
    return invalid_rule(rule, fmt::format("{} needs true or false, got {}", rule.op,
                                          to_compact(rule.operand)));
  return rule.operand.get<bool>();
}

// --- Comparisons: <Type><Relation>, optionally suffixed "Path" -------------------------------

enum class Type { kString, kNumeric, kBoolean, kTimestamp };
enum class Relation { kEquals, kLessThan, kGreaterThan, kLessThanEquals, kGreaterThanEquals };

struct Comparison {
  Type type = Type::kString;
  Relation relation = Relation::kEquals;
  bool operand_is_path = false;
};

// "NumericGreaterThanEqualsPath" → {kNumeric, kGreaterThanEquals, true}; nullopt for
// anything that is not a comparison operator of the ASL (BooleanEquals has no ordering forms).
std::optional<Comparison> parse_comparison(std::string_view op) {
  static constexpr std::pair<std::string_view, Type> kTypes[] = {
      {"String", Type::kString},
      {"Numeric", Type::kNumeric},
      {"Boolean", Type::kBoolean},
      {"Timestamp", Type::kTimestamp},
  };
  static constexpr std::pair<std::string_view, Relation> kRelations[] = {
      {"Equals", Relation::kEquals},
      {"LessThan", Relation::kLessThan},
      {"GreaterThan", Relation::kGreaterThan},
      {"LessThanEquals", Relation::kLessThanEquals},
      {"GreaterThanEquals", Relation::kGreaterThanEquals},
  };
  Comparison comparison;
  comparison.operand_is_path = op.ends_with("Path");
  if (comparison.operand_is_path) op.remove_suffix(std::string_view("Path").size());
  for (const auto& [type_name, type] : kTypes) {
    if (!op.starts_with(type_name)) continue;
    const std::string_view relation_name = op.substr(type_name.size());
    for (const auto& [name, relation] : kRelations) {
      if (relation_name != name) continue;
      if (type == Type::kBoolean && relation != Relation::kEquals) return std::nullopt;
      comparison.type = type;
      comparison.relation = relation;
      return comparison;
    }
  }
  return std::nullopt;
}

template <class A, class B>
std::strong_ordering compare_exactly(A a, B b) {
  if (std::cmp_less(a, b)) return std::strong_ordering::less;
  if (std::cmp_equal(a, b)) return std::strong_ordering::equal;
  return std::strong_ordering::greater;
}

// nlohmann stores a parsed non-negative integer as unsigned and a constructed one as signed;
// compare integers exactly whatever their storage, and anything else as binary64.
std::partial_ordering compare_numbers(const Json& a, const Json& b) {
  if (a.is_number_float() || b.is_number_float()) return a.get<double>() <=> b.get<double>();
  auto against_b = [&b](auto a_value) {
    return b.is_number_unsigned() ? compare_exactly(a_value, b.get<std::uint64_t>())
                                  : compare_exactly(a_value, b.get<std::int64_t>());
  };
  return a.is_number_unsigned() ? against_b(a.get<std::uint64_t>())
                                : against_b(a.get<std::int64_t>());
}

// A timestamp as the Choice rules read one: the Amazon States Language's RFC 3339 profile, an
// uppercase T and, without an offset, an uppercase Z (dataflow::parse_asl_timestamp). Any
// other value is not a timestamp, so a Timestamp… comparison with it is false.
std::optional<Timestamp> as_timestamp(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  return dataflow::parse_asl_timestamp(value.get_ref<const std::string&>());
}

// How `value` orders against `operand` when both are of `type`; nullopt when they are not
// ("the comparison will return false"). Booleans are only equal or unordered.
std::optional<std::partial_ordering> order(Type type, const Json& value, const Json& operand) {
  switch (type) {
    case Type::kString:
      if (!value.is_string() || !operand.is_string()) return std::nullopt;
      return value.get_ref<const std::string&>() <=> operand.get_ref<const std::string&>();
    case Type::kNumeric:
      if (!value.is_number() || !operand.is_number()) return std::nullopt;
      return compare_numbers(value, operand);
    case Type::kBoolean:
      if (!value.is_boolean() || !operand.is_boolean()) return std::nullopt;
      return value == operand ? std::partial_ordering::equivalent
                              : std::partial_ordering::unordered;
    case Type::kTimestamp: {
      const auto a = as_timestamp(value);
      const auto b = as_timestamp(operand);
      if (!a || !b) return std::nullopt;
      return *a <=> *b;
    }
  }
  return std::nullopt;
}

bool holds(Relation relation, std::partial_ordering ordering) {
  switch (relation) {
    case Relation::kEquals: return ordering == 0;
    case Relation::kLessThan: return ordering < 0;
    case Relation::kGreaterThan: return ordering > 0;
    case Relation::kLessThanEquals: return ordering <= 0;
    case Relation::kGreaterThanEquals: return ordering >= 0;
  }
  return false;
}

Result<bool> compare(const asl::ChoiceRule& rule, const Comparison& comparison,
                     const Json& value, const Json& input, const PathContext& context) {
  if (!comparison.operand_is_path) {
    const auto ordering = order(comparison.type, value, rule.operand);
    return ordering && holds(comparison.relation, *ordering);
  }
  if (!rule.operand.is_string())
    return invalid_rule(rule, fmt::format("{} needs a reference path, got {}", rule.op,
                                          to_compact(rule.operand)));
  const auto& path = rule.operand.get_ref<const std::string&>();
  auto found = dataflow::find_path(path, input, context);
  if (!found) return found.error();
  if (!found->has_value()) return invalid_path(path);
  const auto ordering = order(comparison.type, value, **found);
  return ordering && holds(comparison.relation, *ordering);
}

// --- StringMatches -----------------------------------------------------------------------

struct PatternUnit {
  char literal = 0;
  bool wildcard = false;
};

// Decodes the spec's escapes: "\*" is a literal '*', "\\" a literal '\'; any other
// backslash is an "open escape" and a runtime error.
Result<std::vector<PatternUnit>> compile_pattern(const asl::ChoiceRule& rule,
                                                 std::string_view pattern) {
  std::vector<PatternUnit> units;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*') {
      units.push_back({0, true});
    } else if (c != '\\') {
      units.push_back({c, false});
    } else if (i + 1 < pattern.size() && (pattern[i + 1] == '*' || pattern[i + 1] == '\\')) {
      units.push_back({pattern[++i], false});
    } else {
      return invalid_rule(rule, fmt::format("StringMatches pattern '{}' has an open escape "
                                            "backslash at character {}",
                                            pattern, i + 1));
    }
  }
  return units;
}

// Wildcard match: on a mismatch, let the most recent '*' swallow one more character.
bool matches_pattern(std::string_view text, const std::vector<PatternUnit>& pattern) {
  std::size_t t = 0;
  std::size_t p = 0;
  std::optional<std::size_t> star;  // index in pattern of the last '*' seen
  std::size_t star_text = 0;        // where in text that '*' currently ends
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p].wildcard) {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() && pattern[p].literal == text[t]) {
      ++p;
      ++t;
    } else if (star) {
      p = *star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p].wildcard) ++p;
  return p == pattern.size();
}

Result<bool> string_matches(const asl::ChoiceRule& rule, const Json& value) {
  if (!rule.operand.is_string())
    return invalid_rule(rule, fmt::format("StringMatches needs a string pattern, got {}",
                                          to_compact(rule.operand)));
  auto pattern = compile_pattern(rule, rule.operand.get_ref<const std::string&>());
  if (!pattern) return pattern.error();
  return value.is_string() && matches_pattern(value.get_ref<const std::string&>(), *pattern);
}

// --- Data tests --------------------------------------------------------------------------

// The answer of a type test (IsNull, IsNumeric, …) for `value`; nullopt when `op` is not one.
// IsPresent is decided before the value is looked at.
std::optional<bool> type_test(std::string_view op, const Json& value) {
  if (op == "IsNull") return value.is_null();
  if (op == "IsNumeric") return value.is_number();
  if (op == "IsString") return value.is_string();
  if (op == "IsBoolean") return value.is_boolean();
  if (op == "IsTimestamp") return as_timestamp(value).has_value();
  return std::nullopt;
}

Result<bool> test_value(const asl::ChoiceRule& rule, const Json& value, const Json& input,
                        const PathContext& context) {
  if (rule.op == "StringMatches") return string_matches(rule, value);
  if (const auto is = type_test(rule.op, value)) {
    auto expected = boolean_operand(rule);
    if (!expected) return expected;
    return *is == *expected;
  }
  if (const auto comparison = parse_comparison(rule.op))
    return compare(rule, *comparison, value, input, context);
  return invalid_rule(rule, fmt::format("unknown comparison operator '{}'", rule.op));
}

Result<bool> evaluate_data_test(const asl::ChoiceRule& rule, const Json& input,
                                const PathContext& context) {
  auto found = dataflow::find_path(rule.variable, input, context);
  if (!found) return found.error();
  if (rule.op == "IsPresent") {
    auto expected = boolean_operand(rule);
    if (!expected) return expected;
    return found->has_value() == *expected;
  }
  if (!found->has_value()) return invalid_path(rule.variable);
  return test_value(rule, **found, input, context);
}

// And stops at the first false child, Or at the first true one.
Result<bool> evaluate_and_or(const asl::ChoiceRule& rule, const Json& input,
                             const PathContext& context) {
  const bool is_and = rule.op == "And";
  for (const auto& child : rule.children) {
    auto result = evaluate_rule(child, input, context);
    if (!result) return result;
    if (*result != is_and) return *result;
  }
  return is_and;
}

}  // namespace

Result<bool> evaluate_rule(const asl::ChoiceRule& rule, const Json& input,
                           const PathContext& context) {
  if (rule.op == "And" || rule.op == "Or") return evaluate_and_or(rule, input, context);
  if (rule.op == "Not") {
    if (rule.children.size() != 1) return invalid_rule(rule, "Not needs exactly one rule");
    auto result = evaluate_rule(rule.children.front(), input, context);
    if (!result) return result;
    return !*result;
  }
  return evaluate_data_test(rule, input, context);
}

namespace {

Error no_choice_matched() {
  return Error{std::string(errors::kNoChoiceMatched),
               "Failed to transition out of the state. The state does not point to a next state."};
}

}  // namespace

Result<const asl::ChoiceRule*> matching_rule(const asl::ChoiceSpec& choice, const Json& input,
                                             const PathContext& context) {
  for (const auto& rule : choice.choices) {
    auto matched = evaluate_rule(rule, input, context);
    if (!matched) return matched.error();
    if (*matched) return &rule;
  }
  return static_cast<const asl::ChoiceRule*>(nullptr);
}

Result<const asl::ChoiceRule*> matching_rule(const asl::State& state, const Json& input,
                                             const Json& raw_input,
                                             const QueryLanguage& language,
                                             const StateScope& scope) {
  const auto& choice = std::get<asl::ChoiceSpec>(state.spec);
  if (state.query_language != asl::QueryLanguage::kJsonata)
    return matching_rule(choice, input, scope.context);
  for (const asl::ChoiceRule& rule : choice.choices) {
    if (!rule.condition) continue;
    if (rule.condition->is_boolean()) {
      if (rule.condition->get<bool>()) return &rule;
      continue;
    }
    auto holds = language.expression("Condition", rule.condition->get<std::string>(),
                                     dataflow::PathType::boolean(), raw_input, scope);
    if (!holds) return holds.error();
    if (holds->get<bool>()) return &rule;
  }
  return static_cast<const asl::ChoiceRule*>(nullptr);
}

Result<std::string> choose(const asl::ChoiceSpec& choice, const Json& input,
                           const PathContext& context) {
  auto rule = matching_rule(choice, input, context);
  if (!rule) return rule.error();
  if (*rule) return (*rule)->next;
  if (choice.default_next) return *choice.default_next;
  return no_choice_matched();
}

Result<ChoiceExit> choice_exit(const asl::State& state, const Json& input, const Json& raw_input,
                               const QueryLanguage& language, const StateScope& scope) {
  auto rule = matching_rule(state, input, raw_input, language, scope);
  if (!rule) return rule.error();
  const auto& choice = std::get<asl::ChoiceSpec>(state.spec);
  if (*rule) return ChoiceExit{*rule, &(*rule)->next};
  if (choice.default_next) return ChoiceExit{nullptr, &*choice.default_next};
  return no_choice_matched();
}

}  // namespace conflictctl::engine
