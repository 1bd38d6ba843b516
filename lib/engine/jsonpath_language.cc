// The JSONPath query language's data flow (engine/query_language.h).
#include <fmt/format.h>

#include "core/error_names.h"
#include "dataflow/path.h"
#include "dataflow/payload_template.h"
#include "dataflow/typed_path.h"
#include "engine/query_language.h"

namespace conflictctl::engine {

namespace {

bool is_root(const asl::PathField& field) { return !field.discard && field.path == "$"; }

Result<Json> select(const asl::PathField& field, const Json& value, const PathContext& context) {
  if (field.discard) return Json::object();
  if (field.path == "$") return value;
  return dataflow::evaluate_path(field.path, value, context);
}

// select() of a value the caller gives up: "$" moves it instead of copying.
Result<Json> select_owned(const asl::PathField& field, Json value, const PathContext& context) {
  if (is_root(field)) return value;
  return select(field, value, context);
}

Result<Json> place(const asl::PathField& field, const Json& raw_input, Json result) {
  if (field.discard) return raw_input;
  if (field.path == "$") return result;  // the result replaces the input: nothing to copy
  return dataflow::write_reference_path(field.path, raw_input, std::move(result));
}

class JsonPath final : public QueryLanguage {
 public:
  Result<Json> effective_input(const asl::State& state, const Json& raw_input,
                               const StateScope& scope) const override;
  Result<const Json*> state_input(const asl::State& state, const Json& raw_input,
                                  const StateScope& scope, Json& holder) const override;
  Result<Json> items(const asl::State& state, const Json& map_input,
                     const StateScope& scope) const override {
    const auto& map = std::get<asl::MapSpec>(state.spec);
    // A Distributed Map iterates over an object's entries too (engine/item_reader.h).
    auto items = dataflow::evaluate_path_as(
        "ItemsPath", map.items_path.path, map_input, scope.context,
        map.distributed ? dataflow::PathType::array_or_object() : dataflow::PathType::array());
    if (items && scope.inspection) scope.inspection->after_items_path = *items;
    return items;
  }
  Result<Json> item_input(const asl::State& state, Json item, const Json& map_input,
                          const StateScope& scope) const override;
  Result<Json> state_output(const asl::State& state, const Json& raw_input, Json result,
                            const StateScope& scope, bool apply_selector) const override;
  Result<Json> template_value(const Json& tmpl, std::string_view, const AssignSource& source,
                              const StateScope& scope) const override {
    return dataflow::apply_template(tmpl, source.value, scope.context, scope.random);
  }
  Result<Json> catcher_output(const asl::Catcher& catcher, const Json& raw_input,
                              const Error& error, const StateScope&) const override {
    return place(catcher.result_path, raw_input,
                 Json{{"Error", error.name}, {"Cause", error.cause}});
  }
  Result<Json> expression(std::string_view field, const std::string&, const dataflow::PathType&,
                          const Json&, const StateScope&) const override {
    return errors::runtime_error(
        fmt::format("'{}' holds a JSONata expression, which a JSONPath state cannot evaluate",
                    field));
  }
};

Result<const Json*> JsonPath::state_input(const asl::State& state, const Json& raw_input,
                                          const StateScope& scope, Json& holder) const {
  if (is_root(state.input_path)) {
    if (scope.inspection) scope.inspection->after_input_path = raw_input;
    return &raw_input;
  }
  auto selected = select(state.input_path, raw_input, scope.context);
  if (!selected) return selected.error();
  holder = std::move(*selected);
  if (scope.inspection) scope.inspection->after_input_path = holder;
  return &holder;
}

Result<Json> JsonPath::effective_input(const asl::State& state, const Json& raw_input,
                                       const StateScope& scope) const {
  if (scope.inspection) {  // each step kept: the same steps, without the shortcut below
    auto input = select(state.input_path, raw_input, scope.context);
    if (!input) return input;
    scope.inspection->after_input_path = *input;
    if (!state.parameters) return input;
    auto parameters =
        dataflow::apply_template(*state.parameters, *input, scope.context, scope.random);
    if (parameters) scope.inspection->after_parameters = *parameters;
    return parameters;
  }
  if (state.parameters && is_root(state.input_path))  // the template reads the raw input as is
    return dataflow::apply_template(*state.parameters, raw_input, scope.context, scope.random);
  auto input = select(state.input_path, raw_input, scope.context);
  if (!input || !state.parameters) return input;
  return dataflow::apply_template(*state.parameters, *input, scope.context, scope.random);
}

Result<Json> JsonPath::item_input(const asl::State& state, Json item, const Json& map_input,
                                  const StateScope& scope) const {
  const auto& map = std::get<asl::MapSpec>(state.spec);
  if (!map.item_selector) return item;
  return dataflow::apply_template(*map.item_selector, map_input, scope.context, scope.random);
}

Result<Json> JsonPath::state_output(const asl::State& state, const Json& raw_input, Json result,
                                    const StateScope& scope, bool apply_selector) const {
  if (apply_selector && state.result_selector) {
    auto selected =
        dataflow::apply_template(*state.result_selector, result, scope.context, scope.random);
    if (!selected) return selected;
    result = std::move(*selected);
    if (scope.inspection) scope.inspection->after_result_selector = result;
  }
  auto placed = place(state.result_path, raw_input, std::move(result));
  if (!placed) return placed;
  if (scope.inspection) scope.inspection->after_result_path = *placed;
  return select_owned(state.output_path, std::move(*placed), scope.context);
}

}  // namespace

const QueryLanguage& jsonpath() {
  static const JsonPath language;
  return language;
}

}  // namespace conflictctl::engine
