// The states that do their work at once or after a wait: Pass, Choice, Succeed, Wait, Fail.
#include "engine/interpreter.h"

#include <fmt/format.h>

#include <cstring>

#include "asl/jsonata_fields.h"
#include "core/error_names.h"
#include "dataflow/intrinsics.h"
#include "dataflow/path.h"
#include "dataflow/typed_path.h"
#include "engine/choice.h"
#include "engine/state_timing.h"

namespace conflictctl::engine {

using errors::runtime_error;

void Interpreter::run_pass(Flow* flow) {
  const asl::State& state = *flow->state;
  const StateScope here = scope(flow);
  const QueryLanguage& query = language(flow);
  auto input = query.effective_input(state, flow->raw_input, here);
  if (!input) return handle_error(flow, input.error());
  const auto& pass = std::get<asl::PassSpec>(state.spec);
  Json result = pass.result ? Json(*pass.result) : std::move(*input);
  if (auto staged = stage_assign(flow, state.assign, AssignSource{flow->raw_input, result});
      !staged)
    return handle_error(flow, staged.error());
  complete_state(flow,
                 query.state_output(state, flow->raw_input, std::move(result), here, false));
}

Result<const asl::ChoiceRule*> Interpreter::choice_rule(Flow* flow, const Json& input,
                                                        const StateScope& here) {
  const auto& choice = std::get<asl::ChoiceSpec>(flow->state->spec);
  if (flow->state->query_language != asl::QueryLanguage::kJsonata)
    return matching_rule(choice, input, here.context);
  // JSONata: the first rule whose Condition is true.
  for (const asl::ChoiceRule& rule : choice.choices) {
    if (!rule.condition) continue;
    if (rule.condition->is_boolean()) {
      if (rule.condition->get<bool>()) return &rule;
      continue;
    }
    auto holds = language(flow).expression("Condition", rule.condition->get<std::string>(),
                                           dataflow::PathType::boolean(), flow->raw_input, here);
    if (!holds) return holds.error();
    if (holds->get<bool>()) return &rule;
  }
  return static_cast<const asl::ChoiceRule*>(nullptr);
}

void Interpreter::run_choice(Flow* flow) {
  const asl::State& state = *flow->state;
  const StateScope here = scope(flow);
  const QueryLanguage& query = language(flow);
  Json selected;
  auto input = query.state_input(state, flow->raw_input, here, selected);
  if (!input) return handle_error(flow, input.error());
  const auto& choice = std::get<asl::ChoiceSpec>(state.spec);
  auto rule = choice_rule(flow, **input, here);
  if (!rule) return handle_error(flow, rule.error());
  if (!*rule && !choice.default_next)
    return handle_error(flow, Error{std::string(errors::kNoChoiceMatched),
                                    "Failed to transition out of the state. The state does not "
                                    "point to a next state."});
  const std::string& next = *rule ? (*rule)->next : *choice.default_next;
  // The rule that matched sets its variables; with Default, the Choice state's own Assign.
  const AssignSource source{flow->raw_input, **input};
  if (auto staged = stage_assign(flow, *rule ? (*rule)->assign : state.assign, source); !staged)
    return handle_error(flow, staged.error());
  // The machine holds the name for as long as the run lasts (the validator checked it exists).
  auto target = flow->machine->states.find(next);
  if (target == flow->machine->states.end())
    return handle_error(flow, runtime_error(fmt::format("No state named '{}'.", next)));
  if (*rule && (*rule)->output) {  // JSONata: the matched rule's Output
    return complete_state(flow, query.template_value(*(*rule)->output, "Output", source, here),
                          &target->first);
  }
  // A Choice state has no ResultPath and no Catch: its raw input is not read again, so the
  // output is made from it rather than from a copy.
  if (*input == &flow->raw_input) selected = std::move(flow->raw_input);
  Json raw_input = state.output ? Json(selected) : Json();  // JSONata's Output reads it
  complete_state(flow, query.state_output(state, raw_input, std::move(selected), here, false),
                 &target->first);
}

// Spec: "The output of a Succeed State is the same as its input, possibly modified by
// InputPath and/or OutputPath."
void Interpreter::run_succeed(Flow* flow) {
  const asl::State& state = *flow->state;
  const StateScope here = scope(flow);
  const QueryLanguage& query = language(flow);
  Json selected;
  auto input = query.state_input(state, flow->raw_input, here, selected);
  if (!input) return handle_error(flow, input.error());
  complete_state(flow, query.state_output(state, flow->raw_input, Json(**input), here, false));
}

void Interpreter::run_wait(Flow* flow) {
  const asl::State& state = *flow->state;
  const StateScope here = scope(flow);
  Json selected;
  auto input = language(flow).state_input(state, flow->raw_input, here, selected);
  if (!input) return handle_error(flow, input.error());
  auto until = wait_until(std::get<asl::WaitSpec>(state.spec), **input, here.context,
                          env_.clock.now(), field_expressions(flow, here));
  if (!until) return handle_error(flow, until.error());
  schedule(*until, flow, [this, flow, input = Json(**input)] {
    if (auto staged =
            stage_assign(flow, flow->state->assign, AssignSource{flow->raw_input, input});
        !staged)
      return handle_error(flow, staged.error());
    complete_state(flow, language(flow).state_output(*flow->state, flow->raw_input, input,
                                                     scope(flow), false));
  });
}

void Interpreter::run_fail(Flow* flow) {
  const auto& fail = std::get<asl::FailSpec>(flow->state->spec);
  const StateScope here = scope(flow);
  const PathContext& ctx = here.context;
  const FieldExpression jsonata = field_expressions(flow, here);
  auto resolve = [&](const std::optional<std::string>& literal,
                     const std::optional<std::string>& path,
                     const char* field) -> Result<std::string> {
    if (literal && jsonata && asl::is_jsonata_expression(*literal)) {
      auto text = jsonata(std::string_view(field, std::strlen(field) - 4), *literal,
                          dataflow::PathType::string());
      if (!text) return text.error();
      return std::move(text->get_ref<std::string&>());
    }
    if (literal) return *literal;
    if (!path) return std::string();
    auto value = dataflow::is_intrinsic_call(*path)
                     ? dataflow::evaluate_intrinsic(*path, flow->raw_input, ctx, random_)
                     : dataflow::evaluate_path(*path, flow->raw_input, ctx);
    if (!value) return value.error();
    auto text = dataflow::require_type(field, *path, std::move(*value),
                                       dataflow::PathType::string());
    if (!text) return text.error();
    return std::move(text->get_ref<std::string&>());
  };
  auto error = resolve(fail.error, fail.error_path, "ErrorPath");
  if (!error) return fail_flow(flow, error.error());
  auto cause = resolve(fail.cause, fail.cause_path, "CausePath");
  if (!cause) return fail_flow(flow, cause.error());
  fail_flow(flow, Error{*error, *cause});
}

}  // namespace conflictctl::engine
