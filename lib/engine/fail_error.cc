#include "engine/fail_error.h"

#include "asl/jsonata_fields.h"
#include "dataflow/intrinsics.h"
#include "dataflow/path.h"
#include "dataflow/typed_path.h"

namespace conflictctl::engine {

namespace {

// Error or Cause: the literal (or its JSONata expression's value), else what the …Path
// field selects, else "". `field` is the JSONata field's name ("Error", "Cause").
Result<std::string> resolve(const std::optional<std::string>& literal,
                            const std::optional<std::string>& path, std::string_view field,
                            const Json& raw_input, const StateScope& scope,
                            const FieldExpression& jsonata) {
  if (literal && jsonata && asl::is_jsonata_expression(*literal)) {
    auto text = jsonata(field, *literal, dataflow::PathType::string());
    if (!text) return text.error();
    return std::move(text->get_ref<std::string&>());
  }
  if (literal) return *literal;
  if (!path) return std::string();
  auto value = dataflow::is_intrinsic_call(*path)
                   ? dataflow::evaluate_intrinsic(*path, raw_input, scope.context, scope.random)
                   : dataflow::evaluate_path(*path, raw_input, scope.context);
  if (!value) return value.error();
  const std::string path_field = std::string(field) + "Path";
  auto text =
      dataflow::require_type(path_field, *path, std::move(*value), dataflow::PathType::string());
  if (!text) return text.error();
  return std::move(text->get_ref<std::string&>());
}

}  // namespace

Error fail_error(const asl::State& state, const Json& raw_input, const StateScope& scope) {
  const FieldExpression jsonata = field_expressions(state, raw_input, scope);
  const auto& fail = std::get<asl::FailSpec>(state.spec);
  auto error = resolve(fail.error, fail.error_path, "Error", raw_input, scope, jsonata);
  if (!error) return error.error();
  auto cause = resolve(fail.cause, fail.cause_path, "Cause", raw_input, scope, jsonata);
  if (!cause) return cause.error();
  return Error{std::move(*error), std::move(*cause)};
}

}  // namespace conflictctl::engine
