// The states that do their work at once or after a wait: Pass, Choice, Succeed, Wait, Fail.
#include "engine/interpreter.h"

#include <fmt/format.h>

#include "core/error_names.h"
#include "engine/choice.h"
#include "engine/fail_error.h"
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

void Interpreter::run_choice(Flow* flow) {
  const asl::State& state = *flow->state;
  const StateScope here = scope(flow);
  const QueryLanguage& query = language(flow);
  Json selected;
  auto input = query.state_input(state, flow->raw_input, here, selected);
  if (!input) return handle_error(flow, input.error());
  auto exit = choice_exit(state, **input, flow->raw_input, query, here);
  if (!exit) return handle_error(flow, exit.error());
  const asl::ChoiceRule* rule = exit->rule;
  // The rule that matched sets its variables; with Default, the Choice state's own Assign.
  const AssignSource source{flow->raw_input, **input};
  if (auto staged = stage_assign(flow, rule ? rule->assign : state.assign, source); !staged)
    return handle_error(flow, staged.error());
  // The machine holds the name for as long as the run lasts (the validator checked it exists).
  auto target = flow->machine->states.find(*exit->next);
  if (target == flow->machine->states.end())
    return handle_error(flow, runtime_error(fmt::format("No state named '{}'.", *exit->next)));
  if (rule && rule->output) {  // JSONata: the matched rule's Output
    return complete_state(flow, query.template_value(*rule->output, "Output", source, here),
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
                          env_.clock.now(), field_expressions(state, flow->raw_input, here));
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
  const StateScope here = scope(flow);
  const Error error = fail_error(*flow->state, flow->raw_input, here);
  note_evaluation_failure(flow, error);
  fail_flow(flow, error);
}

}  // namespace conflictctl::engine
