#include "engine/data_flow.h"

#include "dataflow/path.h"
#include "dataflow/payload_template.h"

namespace conflictctl::engine {

namespace {

bool is_root(const asl::PathField& field) { return !field.discard && field.path == "$"; }

Result<Json> select(const asl::PathField& field, const Json& value, const Json& context) {
  if (field.discard) return Json::object();
  if (field.path == "$") return value;
  return dataflow::evaluate_path(field.path, value, context);
}

// select() of a value the caller gives up: "$" moves it instead of copying.
Result<Json> select_owned(const asl::PathField& field, Json value, const Json& context) {
  if (is_root(field)) return value;
  return select(field, value, context);
}

Result<Json> place(const asl::PathField& field, const Json& raw_input, Json result) {
  if (field.discard) return raw_input;
  if (field.path == "$") return result;  // the result replaces the input: nothing to copy
  return dataflow::write_reference_path(field.path, raw_input, std::move(result));
}

}  // namespace

Result<Json> apply_input_path(const asl::State& state, const Json& raw_input,
                              const Json& context) {
  return select(state.input_path, raw_input, context);
}

Result<const Json*> view_input_path(const asl::State& state, const Json& raw_input,
                                    const Json& context, Json& holder) {
  if (is_root(state.input_path)) return &raw_input;
  auto selected = apply_input_path(state, raw_input, context);
  if (!selected) return selected.error();
  holder = std::move(*selected);
  return &holder;
}

Result<Json> effective_input(const asl::State& state, const Json& raw_input, const Json& context,
                             Random& random) {
  if (state.parameters && is_root(state.input_path))  // the template reads the raw input as is
    return dataflow::apply_template(*state.parameters, raw_input, context, random);
  auto input = apply_input_path(state, raw_input, context);
  if (!input || !state.parameters) return input;
  return dataflow::apply_template(*state.parameters, *input, context, random);
}

Result<Json> state_output(const asl::State& state, const Json& raw_input, Json result,
                          const Json& context, Random& random, bool apply_selector) {
  if (apply_selector && state.result_selector) {
    auto selected = dataflow::apply_template(*state.result_selector, result, context, random);
    if (!selected) return selected;
    result = std::move(*selected);
  }
  auto placed = place(state.result_path, raw_input, std::move(result));
  if (!placed) return placed;
  return select_owned(state.output_path, std::move(*placed), context);
}

Result<Json> catcher_output(const asl::Catcher& catcher, const Json& raw_input, const Error& error) {
  return place(catcher.result_path, raw_input, Json{{"Error", error.name}, {"Cause", error.cause}});
}

}  // namespace conflictctl::engine
