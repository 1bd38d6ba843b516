// The JSONata query language's data flow (engine/query_language.h): "{% … %}" expressions
// evaluated with $states and the workflow variables bound (jsonata/jsonata.h), plus the
// functions Step Functions adds (jsonata/step_functions.h).
#include <fmt/format.h>

#include "asl/jsonata_fields.h"
#include "core/error_names.h"
#include "dataflow/parse_cache.h"
#include "engine/query_language.h"
#include "jsonata/jsonata.h"
#include "jsonata/step_functions.h"

namespace conflictctl::engine {

namespace {

constexpr std::string_view kQueryEvaluationError = "States.QueryEvaluationError";

// What $states holds for one evaluation.
struct States {
  const Json& input;
  const Json* result = nullptr;
  const Json* error_output = nullptr;
};

Error query_error(const StateScope& scope, std::string_view field, std::string_view text,
                  std::string_view what) {
  return Error{std::string(kQueryEvaluationError),
               fmt::format("An error occurred while executing the state '{}' (entered at the "
                           "event id #{}). The JSONata expression '{}' specified for the field "
                           "'{}' {}",
                           scope.state, scope.entered_event, text, field, what)};
}

// One evaluation's environment: $states, the visible variables, Step Functions' functions.
jsonata::Environment environment(const States& states, const StateScope& scope) {
  jsonata::Environment env;
  if (scope.context.variables) {
    Json visible = scope.context.variables->visible();
    for (auto& [name, value] : visible.items()) env.variables.emplace(name, std::move(value));
  }
  Json bound = Json::object();
  bound["input"] = states.input;
  bound["context"] = scope.context.object;
  if (states.result) bound["result"] = *states.result;
  if (states.error_output) bound["errorOutput"] = *states.error_output;
  env.variables["states"] = std::move(bound);
  env.functions = jsonata::step_functions_library(scope.random);
  env.now = scope.now;
  env.random = &scope.random;
  return env;
}

// Evaluates one "{% … %}" string of field `field`; nothing (undefined) is an error.
Result<Json> evaluate_expression(const std::string& text, std::string_view field,
                                 const jsonata::Environment& env, const StateScope& scope) {
  const std::string_view inside = asl::jsonata_expression_text(text);
  // Parsed once per thread and text (a Map's ItemSelector runs once per item).
  static thread_local dataflow::ParseCache<Result<jsonata::Expression>> parsed;
  const auto expression = *parsed.get(inside, [&] { return jsonata::Expression::parse(inside); });
  if (!expression) {
    return query_error(scope, field, inside,
                       fmt::format("is not valid: {}: {}", expression.error().name,
                                   expression.error().cause));
  }
  auto value = expression->evaluate(std::nullopt, env);
  if (!value) {
    return query_error(scope, field, inside,
                       fmt::format("threw an error: {}: {}", value.error().name,
                                   value.error().cause));
  }
  if (!*value) return query_error(scope, field, inside, "returned nothing (undefined).");
  return std::move(**value);
}

// A template: every "{% … %}" string in `value`, at any depth, replaced by its value. The
// field is named as AWS names it in causes: "Arguments/Input/pushLocation".
Result<Json> evaluate_template(const Json& value, const std::string& field,
                               const jsonata::Environment& env, const StateScope& scope) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (!asl::is_jsonata_expression(text)) return value;
    return evaluate_expression(text, field, env, scope);
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (std::size_t i = 0; i < value.size(); ++i) {
      auto element = evaluate_template(value[i], fmt::format("{}/{}", field, i), env, scope);
      if (!element) return element;
      out.push_back(std::move(*element));
    }
    return out;
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, element] : value.items()) {
      auto evaluated = evaluate_template(element, fmt::format("{}/{}", field, key), env, scope);
      if (!evaluated) return evaluated;
      out[key] = std::move(*evaluated);
    }
    return out;
  }
  return value;
}

Result<Json> apply(const Json& tmpl, const std::string& field, const States& states,
                   const StateScope& scope) {
  return evaluate_template(tmpl, field, environment(states, scope), scope);
}

bool has_result(const asl::State& state) {
  return state.type == asl::StateType::kTask || state.type == asl::StateType::kParallel ||
         state.type == asl::StateType::kMap;
}

class Jsonata final : public QueryLanguage {
 public:
  Result<Json> effective_input(const asl::State& state, const Json& raw_input,
                               const StateScope& scope) const override {
    if (!state.arguments) return raw_input;
    auto arguments = apply(*state.arguments, "Arguments", States{raw_input}, scope);
    if (arguments && scope.inspection) scope.inspection->after_arguments = *arguments;
    return arguments;
  }

  Result<const Json*> state_input(const asl::State&, const Json& raw_input, const StateScope&,
                                  Json&) const override {
    return &raw_input;
  }

  Result<Json> items(const asl::State& state, const Json& map_input,
                     const StateScope& scope) const override {
    const auto& map = std::get<asl::MapSpec>(state.spec);
    // A Distributed Map iterates over an object's entries too (engine/item_reader.h).
    auto fits = [&](const Json& items) {
      return items.is_array() || (map.distributed && items.is_object());
    };
    const char* wanted = map.distributed ? "a JSON array or object" : "a JSON array";
    if (!map.items) {
      if (fits(map_input)) return map_input;
      return Error{std::string(kQueryEvaluationError),
                   fmt::format("The Map state '{}' has no Items, so its input must be {}, but "
                               "it is {}.",
                               scope.state, wanted, to_compact(map_input))};
    }
    auto items = apply(*map.items, "Items", States{map_input}, scope);
    if (items && fits(*items) && scope.inspection) scope.inspection->after_items_path = *items;
    if (!items || fits(*items)) return items;
    return query_error(scope, "Items", asl::jsonata_expression_text(map.items->get<std::string>()),
                       fmt::format("returned {}, not {}.", to_compact(*items), wanted));
  }

  Result<Json> item_input(const asl::State& state, Json item, const Json& map_input,
                          const StateScope& scope) const override {
    const auto& map = std::get<asl::MapSpec>(state.spec);
    if (!map.item_selector) return item;
    return apply(*map.item_selector, "ItemSelector", States{map_input}, scope);
  }

  Result<Json> state_output(const asl::State& state, const Json& raw_input, Json result,
                            const StateScope& scope, bool) const override {
    if (!state.output) return result;
    States states{raw_input};
    if (has_result(state)) states.result = &result;
    return apply(*state.output, "Output", states, scope);
  }

  Result<Json> template_value(const Json& tmpl, std::string_view field, const AssignSource& source,
                              const StateScope& scope) const override {
    return apply(tmpl, std::string(field),
                 States{source.raw_input, source.result, source.error_output}, scope);
  }

  Result<Json> catcher_output(const asl::Catcher& catcher, const Json& raw_input,
                              const Error& error, const StateScope& scope) const override {
    Json error_output{{"Error", error.name}, {"Cause", error.cause}};
    if (!catcher.output) return error_output;
    return apply(*catcher.output, "Output", States{raw_input, nullptr, &error_output}, scope);
  }

  Result<Json> expression(std::string_view field, const std::string& text,
                          const dataflow::PathType& type, const Json& raw_input,
                          const StateScope& scope) const override {
    auto value =
        evaluate_expression(text, field, environment(States{raw_input}, scope), scope);
    if (!value || dataflow::has_type(*value, type)) return value;
    return query_error(scope, field, asl::jsonata_expression_text(text),
                       fmt::format("returned {}, not {}.", to_compact(*value),
                                   dataflow::describe(type)));
  }
};

}  // namespace

const QueryLanguage& jsonata() {
  static const Jsonata language;
  return language;
}

const QueryLanguage& language_of(const asl::State& state) {
  return state.query_language == asl::QueryLanguage::kJsonata ? jsonata() : jsonpath();
}

FieldExpression field_expressions(const asl::State& state, const Json& raw_input,
                                  const StateScope& scope) {
  if (state.query_language != asl::QueryLanguage::kJsonata) return nullptr;
  return [&raw_input, &scope](std::string_view field, const std::string& text,
                              const dataflow::PathType& type) {
    return jsonata().expression(field, text, type, raw_input, scope);
  };
}

}  // namespace conflictctl::engine
