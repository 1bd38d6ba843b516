#include "asl/choice_rule_reader.h"

#include <fmt/format.h>

#include <vector>

#include "asl/assign_reader.h"
#include "asl/choice_operators.h"
#include "asl/field_reader.h"
#include "asl/jsonata_fields.h"

namespace conflictctl::asl {

namespace {

std::vector<std::string> operators_in(const Json& rule) {
  std::vector<std::string> found;
  for (const auto& [key, value] : rule.items()) {
    if (find_choice_operator(key)) found.push_back(key);
  }
  return found;
}

// A nested rule (inside And, Or, Not) is a condition only: Assign belongs on the top-level
// rule that holds it.
ChoiceRule read_nested(const Json& json, const std::string& pointer, Report& report) {
  ChoiceRule rule = read_choice_rule(json, pointer, QueryLanguage::kJsonPath, report);
  if (rule.assign) {
    report.add(pointer_append(pointer, "Assign"),
               "Assign belongs on a top-level Choice rule, not on a rule nested in And, Or or "
               "Not");
  }
  return rule;
}

void read_children(FieldReader& reader, ChoiceRule& rule, OperandKind kind, Report& report) {
  if (kind == OperandKind::kRule) {
    if (const Json* child = reader.object(rule.op)) {
      rule.children.push_back(read_nested(*child, reader.pointer_to(rule.op), report));
    }
    return;
  }
  if (const Json* children = reader.array(rule.op)) {
    for (std::size_t i = 0; i < children->size(); ++i) {
      rule.children.push_back(
          read_nested((*children)[i], pointer_append(reader.pointer_to(rule.op), i), report));
    }
  }
}

}  // namespace

namespace {

ChoiceRule read_jsonata_rule(FieldReader& reader, ChoiceRule rule, Report& report) {
  reader.require("Condition");
  if (const Json* condition = reader.value("Condition")) {
    const bool expression = condition->is_string() &&
                            is_jsonata_expression(condition->get_ref<const std::string&>());
    if (!expression && !condition->is_boolean()) {
      report.add(reader.pointer_to("Condition"),
                 fmt::format("Condition must be a boolean or a JSONata expression \"{{% … %}}\", "
                             "not {}",
                             describe_json_type(*condition)));
    }
    check_jsonata(*condition, reader.pointer_to("Condition"), report);
    rule.condition = *condition;
  }
  rule.output = read_jsonata_value(reader, "Output", report);
  reader.report_unknown("a Choice rule");
  return rule;
}

}  // namespace

ChoiceRule read_choice_rule(const Json& json, const std::string& pointer, QueryLanguage language,
                            Report& report) {
  ChoiceRule rule;
  rule.pointer = pointer;
  if (!json.is_object()) {
    report.add(pointer,
               fmt::format("a Choice rule must be an object, not {}", describe_json_type(json)));
    return rule;
  }
  FieldReader reader(json, pointer, report, language);
  reader.string("Comment");
  rule.next = reader.string("Next").value_or("");
  rule.assign = read_assign(reader, report);
  if (language == QueryLanguage::kJsonata) {
    return read_jsonata_rule(reader, std::move(rule), report);
  }

  std::vector<std::string> operators = operators_in(json);
  if (operators.size() != 1) {
    // The operators are all known names; only the count is wrong.
    for (const std::string& op : operators) reader.accept(op);
    reader.string("Variable");
    if (operators.size() > 1) {
      report.add(pointer, fmt::format("a Choice rule must have exactly one comparison operator, "
                                      "found {}: {}",
                                      operators.size(), fmt::join(operators, ", ")));
    } else if (reader.unknown_keys().empty()) {
      report.add(pointer,
                 "a Choice rule needs a comparison operator (such as StringEquals or "
                 "NumericGreaterThan), or And, Or or Not");
    }
    reader.report_unknown("a Choice rule");
    return rule;
  }

  rule.op = operators.front();
  OperandKind kind = find_choice_operator(rule.op)->operand;
  if (kind == OperandKind::kRules || kind == OperandKind::kRule) {
    if (reader.has("Variable")) {
      reader.accept("Variable");
      report.add(reader.pointer_to("Variable"),
                 fmt::format("a Choice rule with {} cannot have a Variable; its nested rules "
                             "name their own",
                             rule.op));
    }
    read_children(reader, rule, kind, report);
  } else {
    reader.require("Variable");
    rule.variable = reader.string("Variable").value_or("");
    rule.operand = *reader.value(rule.op);
  }
  reader.report_unknown("a Choice rule");
  return rule;
}

}  // namespace conflictctl::asl
