// The JSONPath query language's data flow (engine/query_language.h).
#include "engine/query_language.h"

#include "dataflow/path.h"
#include "dataflow/payload_template.h"

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
                               const PathContext& context,
                               Random& random) const override;
  Result<const Json*> state_input(const asl::State& state, const Json& raw_input,
                                  const PathContext& context, Json& holder) const override;
  Result<Json> item_input(const asl::MapSpec& map, Json item, const Json& map_input,
                          const PathContext& context, Random& random) const override;
  Result<Json> state_output(const asl::State& state, const Json& raw_input, Json result,
                            const PathContext& context, Random& random,
                            bool apply_selector) const override;
  Result<Json> assignments(const Json& assign, const Json& value,
                           const PathContext& context, Random& random) const override {
    return dataflow::apply_template(assign, value, context, random);
  }
  Result<Json> catcher_output(const asl::Catcher& catcher, const Json& raw_input,
                              const Error& error) const override;
};

Result<const Json*> JsonPath::state_input(const asl::State& state, const Json& raw_input,
                                          const PathContext& context, Json& holder) const {
  if (is_root(state.input_path)) return &raw_input;
  auto selected = select(state.input_path, raw_input, context);
  if (!selected) return selected.error();
  holder = std::move(*selected);
  return &holder;
}

Result<Json> JsonPath::effective_input(const asl::State& state, const Json& raw_input,
                                       const PathContext& context, Random& random) const {
  if (state.parameters && is_root(state.input_path))  // the template reads the raw input as is
    return dataflow::apply_template(*state.parameters, raw_input, context, random);
  auto input = select(state.input_path, raw_input, context);
  if (!input || !state.parameters) return input;
  return dataflow::apply_template(*state.parameters, *input, context, random);
}

Result<Json> JsonPath::item_input(const asl::MapSpec& map, Json item, const Json& map_input,
                                  const PathContext& context, Random& random) const {
  if (!map.item_selector) return item;
  return dataflow::apply_template(*map.item_selector, map_input, context, random);
}

Result<Json> JsonPath::state_output(const asl::State& state, const Json& raw_input, Json result,
                                    const PathContext& context, Random& random,
                                    bool apply_selector) const {
  if (apply_selector && state.result_selector) {
    auto selected = dataflow::apply_template(*state.result_selector, result, context, random);
    if (!selected) return selected;
    result = std::move(*selected);
  }
  auto placed = place(state.result_path, raw_input, std::move(result));
  if (!placed) return placed;
  return select_owned(state.output_path, std::move(*placed), context);
}

Result<Json> JsonPath::catcher_output(const asl::Catcher& catcher, const Json& raw_input,
                                      const Error& error) const {
  return place(catcher.result_path, raw_input, Json{{"Error", error.name}, {"Cause", error.cause}});
}

}  // namespace

const QueryLanguage& jsonpath() {
  static const JsonPath language;
  return language;
}

}  // namespace conflictctl::engine
