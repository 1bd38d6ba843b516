#include "engine/test_state.h"

#include <fmt/format.h>

#include <memory>

#include "asl/for_each_state.h"
#include "core/error_names.h"
#include "core/random.h"
#include "engine/choice.h"
#include "engine/context_object.h"
#include "engine/fail_error.h"
#include "engine/heartbeat.h"
#include "engine/item_batcher.h"
#include "engine/map_settings.h"
#include "engine/query_language.h"
#include "engine/retry.h"
#include "engine/state_timing.h"
#include "engine/variables.h"

namespace conflictctl::engine {

namespace {

// A number as JSON, whole numbers as integers ("900", not "900.0").
Json number(double value) {
  const auto whole = static_cast<std::int64_t>(value);
  return static_cast<double>(whole) == value ? Json(whole) : Json(value);
}

const asl::State* find_state(const asl::StateMachine& machine, const std::string& name) {
  const asl::State* found = nullptr;
  asl::for_each_state(machine, [&](const asl::State& state, int) {
    if (!found && state.name == name) found = &state;
  });
  return found;
}

// One state's run: its scope, its inspection, and how it ends.
class StateTest {
 public:
  StateTest(const asl::State& state, const TestStateRequest& request, const Json& context,
            std::shared_ptr<VariableScope> variables)
      : state_(state),
        request_(request),
        language_(language_of(state)),
        random_(request.seed),
        variables_(std::move(variables)),
        context_(context),
        // Entered at event #2, as the first state of an execution is (for JSONata's causes).
        scope_{PathContext(context, variables_.get()), random_, request.now, state.name, 2,
               &inspection_} {}

  TestStateResult run() {
    Result<Json> output = work();
    if (!output) return failed(output.error());
    if (assigned_) {
      if (auto set = variables_->assign(*assigned_); !set) return failed(set.error());
    }
    TestStateResult result;
    result.status = "SUCCEEDED";
    result.output = std::move(*output);
    if (next_) result.next_state = *next_;
    else if (!state_.end && state_.next) result.next_state = *state_.next;
    return finish(std::move(result));
  }

 private:
  // The state's output, as the engine makes it (engine/interpreter.cc and the state files).
  Result<Json> work() {
    const Json& raw = request_.input;
    const FieldExpression jsonata = field_expressions(state_, raw, scope_);
    Json holder;
    switch (state_.type) {
      case asl::StateType::kPass: {
        auto input = language_.effective_input(state_, raw, scope_);
        if (!input) return input;
        const auto& pass = std::get<asl::PassSpec>(state_.spec);
        Json result = pass.result ? Json(*pass.result) : std::move(*input);
        if (auto staged = stage(state_.assign, AssignSource{raw, result}); !staged)
          return staged.error();
        return language_.state_output(state_, raw, std::move(result), scope_, false);
      }
      case asl::StateType::kTask:
      case asl::StateType::kParallel:
      case asl::StateType::kMap: return work_with_result(jsonata);
      case asl::StateType::kChoice: {
        auto input = language_.state_input(state_, raw, scope_, holder);
        if (!input) return input.error();
        auto exit = choice_exit(state_, **input, raw, language_, scope_);
        if (!exit) return exit.error();
        next_ = *exit->next;
        const asl::ChoiceRule* rule = exit->rule;
        const AssignSource source{raw, **input};
        if (auto staged = stage(rule ? rule->assign : state_.assign, source); !staged)
          return staged.error();
        if (rule && rule->output)
          return language_.template_value(*rule->output, "Output", source, scope_);
        return language_.state_output(state_, raw, Json(**input), scope_, false);
      }
      case asl::StateType::kWait: {
        auto input = language_.state_input(state_, raw, scope_, holder);
        if (!input) return input.error();
        auto until = wait_until(std::get<asl::WaitSpec>(state_.spec), **input, scope_.context,
                                request_.now, jsonata);
        if (!until) return until.error();
        inspection_extra_["waitSeconds"] = number(millis_to_seconds(*until - request_.now));
        if (auto staged = stage(state_.assign, AssignSource{raw, **input}); !staged)
          return staged.error();
        return language_.state_output(state_, raw, Json(**input), scope_, false);
      }
      case asl::StateType::kSucceed: {
        auto input = language_.state_input(state_, raw, scope_, holder);
        if (!input) return input.error();
        return language_.state_output(state_, raw, Json(**input), scope_, false);
      }
      case asl::StateType::kFail: return fail_error(state_, raw, scope_);
    }
    return Error{std::string(errors::kRuntime), "unknown state type"};
  }

  // Task, Parallel, Map: the input their work would get, then the mocked result.
  Result<Json> work_with_result(const FieldExpression& jsonata) {
    const Json& raw = request_.input;
    if (state_.type == asl::StateType::kMap) {
      Json holder;
      auto input = language_.state_input(state_, raw, scope_, holder);
      if (!input) return input.error();
      auto items = language_.items(state_, **input, scope_);
      if (!items) return items.error();
      auto settings = map_settings(std::get<asl::MapSpec>(state_.spec), std::move(*items),
                                   **input, scope_.context, jsonata);
      if (!settings) return settings.error();
      inspection_extra_["maxConcurrency"] = settings->max_concurrency;
      if (settings->tolerated_count)
        inspection_extra_["toleratedFailureCount"] = *settings->tolerated_count;
      if (settings->tolerated_percentage)
        inspection_extra_["toleratedFailurePercentage"] = number(*settings->tolerated_percentage);
      if (auto inputs = iteration_inputs(**input, *settings); !inputs) return inputs.error();
    } else {
      auto input = language_.effective_input(state_, raw, scope_);
      if (!input) return input;
      if (state_.type == asl::StateType::kTask) {
        auto timeout = task_timeout(std::get<asl::TaskSpec>(state_.spec), raw, scope_.context,
                                    jsonata);
        if (!timeout) return timeout.error();
        if (*timeout) inspection_extra_["timeoutSeconds"] = number(**timeout);
      }
    }
    if (request_.mock_error) return *request_.mock_error;
    const Json& result = *request_.mock_result;
    result_ = result;
    if (auto staged = stage(state_.assign, AssignSource{raw, result, &result}); !staged)
      return staged.error();
    return language_.state_output(state_, raw, result, scope_);
  }

  // A Map's iteration inputs: each item through ItemSelector (afterItemSelector), then
  // gathered by ItemBatcher (afterItemBatcher), as the engine makes them
  // (engine/parallel_and_map.cc, engine/item_batcher.h).
  Result<void> iteration_inputs(const Json& map_input, MapSettings& settings) {
    const auto& map = std::get<asl::MapSpec>(state_.spec);
    if (!map.item_selector && !map.item_batcher) return {};
    Json inputs = Json::array();
    for (std::size_t i = 0; i < settings.items.size(); ++i) {
      if (!map.item_selector) {
        inputs.push_back(std::move(settings.items[i]));
        continue;
      }
      Json context = context_;
      context["Map"]["Item"] =
          Json{{"Index", i}, {"Value", settings.items[i]}, {"Source", "STATE_DATA"}};
      const StateScope item_scope{PathContext(context, variables_.get()), random_, request_.now,
                                  state_.name, 2};
      auto selected =
          language_.item_input(state_, std::move(settings.items[i]), map_input, item_scope);
      if (!selected) return selected.error();
      inputs.push_back(std::move(*selected));
    }
    if (map.item_selector) inspection_extra_["afterItemSelector"] = inputs;
    if (!map.item_batcher) return {};
    std::optional<Json> batch_input;
    if (map.item_batcher->batch_input) {
      auto evaluated = language_.template_value(*map.item_batcher->batch_input, "BatchInput",
                                                AssignSource{request_.input, map_input}, scope_);
      if (!evaluated) return evaluated.error();
      batch_input = std::move(*evaluated);
    }
    ItemBatcher batcher(std::move(batch_input), settings.max_items_per_batch,
                        settings.max_bytes_per_batch, state_.name);
    std::size_t next = 0;
    Json batches = Json::array();
    while (true) {
      auto batch = batcher.next([&]() -> Result<std::optional<Json>> {
        if (next == inputs.size()) return std::optional<Json>();
        return std::optional<Json>(std::move(inputs[next++]));
      });
      if (!batch) return batch.error();
      if (!*batch) break;
      batches.push_back(std::move(**batch));
    }
    inspection_extra_["afterItemBatcher"] = std::move(batches);
    return {};
  }

  Result<void> stage(const std::optional<Json>& assign, const AssignSource& source) {
    assigned_.reset();
    if (!assign) return {};
    auto values = language_.template_value(*assign, "Assign", source, scope_);
    if (!values) return values.error();
    assigned_ = std::move(*values);
    return {};
  }

  // An error: a Retrier with attempts left, else a Catcher, else the state fails.
  TestStateResult failed(const Error& reported) {
    const bool missed_heartbeat = is_missed_heartbeat(reported);
    const Error error = missed_heartbeat ? as_timeout(reported) : reported;
    TestStateResult result;
    result.error = error;
    assigned_.reset();
    if (!errors::is_terminal(error.name)) {
      for (std::size_t i = 0; i < state_.retry.size(); ++i) {
        const asl::Retrier& retrier = state_.retry[i];
        if (!errors::matches(retrier.error_equals, error.name, missed_heartbeat)) continue;
        if (request_.retry_count < retrier.max_attempts) {
          result.status = "RETRIABLE";
          error_details_ = {{"retryIndex", i},
                            {"retryBackoffIntervalSeconds",
                             backoff_seconds(retrier, request_.retry_count)}};
          return finish(std::move(result));
        }
        break;  // only the first matching Retrier applies
      }
      if (const asl::Catcher* catcher = find_catcher(state_.catchers, error, missed_heartbeat)) {
        const auto index = static_cast<std::size_t>(catcher - state_.catchers.data());
        error_details_ = {{"catchIndex", index}};
        auto output = language_.catcher_output(*catcher, request_.input, error, scope_);
        const Json error_output{{"Error", error.name}, {"Cause", error.cause}};
        Result<void> staged = output ? stage(catcher->assign, AssignSource{request_.input,
                                                                           error_output, nullptr,
                                                                           &error_output})
                                     : Result<void>(output.error());
        if (staged && assigned_) staged = variables_->assign(*assigned_);
        if (output && staged) {
          result.status = "CAUGHT_ERROR";
          result.output = std::move(*output);
          result.next_state = catcher->next;
          return finish(std::move(result));
        }
        result.error = output ? staged.error() : output.error();
      }
    }
    result.status = "FAILED";
    return finish(std::move(result));
  }

  TestStateResult finish(TestStateResult result) {
    if (request_.level == InspectionLevel::kInfo) return result;
    Json& data = result.inspection;
    data["input"] = request_.input;
    const auto put = [&](const char* key, const std::optional<Json>& value) {
      if (value) data[key] = *value;
    };
    put("afterInputPath", inspection_.after_input_path);
    put("afterParameters", inspection_.after_parameters);
    put("afterArguments", inspection_.after_arguments);
    put("afterItemsPath", inspection_.after_items_path);
    put("result", result_);
    put("afterResultSelector", inspection_.after_result_selector);
    put("afterResultPath", inspection_.after_result_path);
    for (const auto& [key, value] : inspection_extra_.items()) data[key] = value;
    data["variables"] = variables_->visible();
    if (!error_details_.is_null()) data["errorDetails"] = error_details_;
    return result;
  }

  const asl::State& state_;
  const TestStateRequest& request_;
  const QueryLanguage& language_;
  Random random_;
  std::shared_ptr<VariableScope> variables_;
  const Json& context_;  // $$ as the state sees it
  Inspection inspection_;
  StateScope scope_;
  std::optional<Json> assigned_;
  std::optional<std::string> next_;
  std::optional<Json> result_;
  Json inspection_extra_ = Json::object();
  Json error_details_;
};

}  // namespace

Result<TestStateResult> test_state(const asl::StateMachine& machine,
                                   const TestStateRequest& request) {
  const asl::State* state = find_state(machine, request.state);
  if (!state) {
    std::vector<std::string> names;
    asl::for_each_state(machine, [&](const asl::State& s, int) { names.push_back(s.name); });
    return Error{"TestState.NoSuchState",
                 fmt::format("The definition has no state named '{}'; its states are {}.",
                             request.state, fmt::join(names, ", "))};
  }
  const bool works = state->type == asl::StateType::kTask ||
                     state->type == asl::StateType::kParallel ||
                     state->type == asl::StateType::kMap;
  if (works && !request.mock_result && !request.mock_error) {
    return Error{"TestState.NoMock",
                 fmt::format("test-state does not run a {} state's work: give its result "
                             "(--mock '{{\"result\": …}}') or its error (--mock "
                             "'{{\"errorOutput\": {{\"error\": …, \"cause\": …}}}}').",
                             asl::to_string(state->type))};
  }
  if (!request.variables.is_object()) {
    return Error{"TestState.InvalidVariables",
                 "The variables must be a JSON object of name → value."};
  }
  auto variables = std::make_shared<VariableScope>(std::make_shared<VariableBudget>());
  if (auto set = variables->assign(request.variables); !set) return set.error();
  ExecutionIdentity identity;
  identity.region = "us-east-1";
  identity.account = "123456789012";
  identity.state_machine_name = "TestState";
  identity.execution_name = "test-state";
  identity.input = request.input;
  identity.start_time = request.now;
  ContextObject context(identity);
  const Json& object = context.at(state->name, request.now, request.retry_count);
  return StateTest(*state, request, object, std::move(variables)).run();
}

Json test_state_response(const TestStateResult& result) {
  Json out = Json::object();
  if (result.output) out["output"] = to_compact(*result.output);
  if (result.error) {
    out["error"] = result.error->name;
    out["cause"] = result.error->cause;
  }
  if (!result.inspection.empty()) {
    Json data = Json::object();
    for (const auto& [key, value] : result.inspection.items())
      data[key] = key == "errorDetails" || value.is_number() ? value : Json(to_compact(value));
    out["inspectionData"] = std::move(data);
  }
  if (result.next_state) out["nextState"] = *result.next_state;
  out["status"] = result.status;
  return out;
}

}  // namespace conflictctl::engine
