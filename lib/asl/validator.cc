#include "asl/validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "asl/choice_operators.h"
#include "asl/credentials.h"
#include "asl/field_reader.h"
#include "asl/jsonata_fields.h"
#include "asl/limits.h"
#include "asl/report.h"
#include "asl/resource.h"
#include "core/error_names.h"
#include "core/timestamp.h"
#include "dataflow/intrinsics.h"
#include "dataflow/path.h"
#include "dataflow/path_context.h"
#include "dataflow/typed_path.h"

namespace conflictctl::asl {

namespace {

using dataflow::PathKind;

std::string field(const std::string& pointer, const std::string& name) {
  return pointer_append(pointer, name);
}

std::size_t utf8_length(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Where a transition may lead: the states of one machine.
struct Scope {
  const StateMachine& machine;
  std::string where;  // "" at the top level, " in this branch", " in this ItemProcessor", …
};

std::string describe_scope(const StateMachine& machine) {
  if (machine.pointer.empty()) return "";
  std::string last = machine.pointer.substr(machine.pointer.rfind('/') + 1);
  if (last == "ItemProcessor" || last == "Iterator") return " in this " + last;
  return " in this branch";
}

class Validator {
 public:
  Validator(Report& report, const ReadGaps& gaps) : report_(report), gaps_(gaps) {}

  void machine(const StateMachine& machine) {
    Scope scope{machine, describe_scope(machine)};
    if (machine.pointer.empty() && machine.timeout_seconds) {
      in_range("/TimeoutSeconds", "TimeoutSeconds", *machine.timeout_seconds, 1,
               limits::kMaxSeconds);
    }
    bool start_exists = machine.states.contains(machine.start_at);
    if (!start_exists) target(scope, field(machine.pointer, "StartAt"), machine.start_at);
    for (const std::string& name : machine.state_order) state(scope, machine.states.at(name));
    if (start_exists && !gaps_.incomplete_machines.contains(machine.pointer))
      reachability(machine);
  }

 private:
  // --- helpers -------------------------------------------------------------------------

  void target(const Scope& scope, const std::string& pointer, const std::string& name) {
    // Where the reader could not read States (or StartAt), no name can be checked.
    const bool unread = gaps_.unread_states.contains({scope.machine.pointer, name}) ||
                        (gaps_.incomplete_machines.contains(scope.machine.pointer) &&
                         (scope.machine.states.empty() || name.empty()));
    if (!scope.machine.states.contains(name) && !unread) {
      report_.add(pointer, fmt::format("no state named '{}'{}", name, scope.where));
    }
  }

  void in_range(const std::string& pointer, const std::string& name, double value, double low,
                double high) {
    if (value < low || value > high) {
      report_.add(pointer, fmt::format("{} must be between {:.0f} and {:.0f}", name, low, high));
    }
  }

  template <class A, class B>
  void not_both(const std::string& pointer, const std::string& first, const std::optional<A>& a,
                const std::string& second, const std::optional<B>& b) {
    if (a && b) {
      report_.add(field(pointer, second),
                  fmt::format("{} and {} cannot both be set", first, second));
    }
  }

  void path(const std::string& pointer, const std::string& text, PathKind kind) {
    std::string problem = dataflow::check_path(text, kind);
    if (!problem.empty()) report_.add(pointer, std::move(problem));
  }

  void path_field(const std::string& pointer, const PathField& value, PathKind kind) {
    if (!value.discard) path(pointer, value.path, kind);
  }

  // ResultPath: a reference path into the state's input; never the context object or a
  // variable (variables are set with Assign).
  void result_path_field(const std::string& pointer, const PathField& value) {
    path_field(pointer, value, PathKind::kReferencePath);
    if (value.discard || !dataflow::starts_with_variable(value.path)) return;
    report_.add(pointer, fmt::format("ResultPath '{}' names a variable; a result is placed in "
                                     "the state's input, and variables are set with Assign",
                                     value.path));
  }

  void reference_path(const std::string& pointer, const std::optional<std::string>& text) {
    if (text) path(pointer, *text, PathKind::kReferencePath);
  }

  // Fail's ErrorPath and CausePath: a reference path or an intrinsic function call.
  void path_or_intrinsic(const std::string& pointer, const std::optional<std::string>& text) {
    if (!text) return;
    if (!dataflow::is_intrinsic_call(*text)) return reference_path(pointer, text);
    std::string problem = dataflow::check_intrinsic(*text);
    if (!problem.empty()) report_.add(pointer, std::move(problem));
  }

  // --- states ----------------------------------------------------------------------------

  void state(const Scope& scope, const State& state) {
    std::size_t length = utf8_length(state.name);
    if (length > limits::kMaxStateNameLength) {
      report_.add(state.pointer,
                  fmt::format("state names must be at most {} characters long; this one has {}",
                              limits::kMaxStateNameLength, length));
    }
    transition(scope, state);
    path_field(field(state.pointer, "InputPath"), state.input_path, PathKind::kPath);
    path_field(field(state.pointer, "OutputPath"), state.output_path, PathKind::kPath);
    result_path_field(field(state.pointer, "ResultPath"), state.result_path);
    for (std::size_t i = 0; i < state.retry.size(); ++i) {
      retrier(state.retry[i], i + 1 == state.retry.size());
    }
    for (std::size_t i = 0; i < state.catchers.size(); ++i) {
      catcher(scope, state.catchers[i], i + 1 == state.catchers.size());
    }
    std::visit([&](const auto& spec) { check(scope, state, spec); }, state.spec);
  }

  // Choice, Succeed and Fail never have Next or End; every other state has exactly one of
  // Next and "End": true.
  void transition(const Scope& scope, const State& state) {
    std::string_view type = to_string(state.type);
    bool terminal_type = state.type == StateType::kSucceed || state.type == StateType::kFail;
    if (terminal_type || state.type == StateType::kChoice) {
      auto problem = [&](std::string_view name) {
        return terminal_type ? fmt::format("a {} state is terminal and cannot have {}", type, name)
                             : fmt::format(
                                   "a Choice state cannot have {}; its Choice rules and Default "
                                   "choose the next state",
                                   name);
      };
      if (state.next) report_.add(field(state.pointer, "Next"), problem("Next"));
      if (state.end) report_.add(field(state.pointer, "End"), problem("End"));
      return;
    }
    if (state.next && state.end) {
      report_.add(state.pointer, fmt::format("a {} state cannot have both Next and End", type));
    } else if (!state.next && !state.end) {
      report_.add(state.pointer,
                  fmt::format("a {} state must have either Next or \"End\": true", type));
    }
    if (state.next) target(scope, field(state.pointer, "Next"), *state.next);
  }

  // Spec: a States.ALL value "MUST appear alone in the "ErrorEquals" array and MUST appear
  // in the last Retrier" (the same holds for Catchers); names that start with "States." are
  // reserved for the predefined errors.
  void error_equals(const std::string& pointer, const std::vector<std::string>& names, bool last,
                    const std::string& noun) {
    std::string list = field(pointer, "ErrorEquals");
    if (names.empty()) report_.add(list, "ErrorEquals must name at least one error");
    if (std::find(names.begin(), names.end(), errors::kAll) != names.end()) {
      if (names.size() > 1) report_.add(list, "States.ALL must appear alone in ErrorEquals");
      if (!last) {
        report_.add(list, fmt::format("States.ALL may only appear in the last {}", noun));
      }
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (errors::is_reserved(names[i]) && !errors::is_predefined(names[i])) {
        report_.add(pointer_append(list, i),
                    fmt::format("'{}' is not a predefined error name; names starting with "
                                "'States.' are reserved",
                                names[i]));
      }
    }
  }

  // Spec: IntervalSeconds "MUST be a positive integer", MaxAttempts "MUST be a non-negative
  // integer", "The value of BackoffRate MUST be greater than or equal to 1.0";
  // MaxDelaySeconds is a positive integer.
  void retrier(const Retrier& retrier, bool last) {
    error_equals(retrier.pointer, retrier.error_equals, last, "Retrier");
    in_range(field(retrier.pointer, "IntervalSeconds"), "IntervalSeconds", retrier.interval_seconds,
             1, limits::kMaxSeconds);
    in_range(field(retrier.pointer, "MaxAttempts"), "MaxAttempts", retrier.max_attempts, 0,
             limits::kMaxAttempts);
    if (!(retrier.backoff_rate >= 1.0)) {
      report_.add(field(retrier.pointer, "BackoffRate"), "BackoffRate must be at least 1.0");
    }
    if (retrier.max_delay_seconds) {
      in_range(field(retrier.pointer, "MaxDelaySeconds"), "MaxDelaySeconds",
               *retrier.max_delay_seconds, 1, limits::kMaxDelaySeconds);
    }
  }

  void catcher(const Scope& scope, const Catcher& catcher, bool last) {
    error_equals(catcher.pointer, catcher.error_equals, last, "Catcher");
    target(scope, field(catcher.pointer, "Next"), catcher.next);
    result_path_field(field(catcher.pointer, "ResultPath"), catcher.result_path);
  }

  void check(const Scope&, const State&, const PassSpec&) {}
  void check(const Scope&, const State&, const SucceedSpec&) {}

  void check(const Scope&, const State& state, const TaskSpec& task) {
    const std::string& at = state.pointer;
    if (task.timeout_seconds) {
      in_range(field(at, "TimeoutSeconds"), "TimeoutSeconds", *task.timeout_seconds, 1,
               limits::kMaxSeconds);
    }
    if (task.heartbeat_seconds) {
      in_range(field(at, "HeartbeatSeconds"), "HeartbeatSeconds", *task.heartbeat_seconds, 1,
               limits::kMaxSeconds);
    }
    if (task.timeout_seconds && task.heartbeat_seconds &&
        *task.heartbeat_seconds >= *task.timeout_seconds) {
      report_.add(field(at, "HeartbeatSeconds"),
                  "HeartbeatSeconds must be smaller than TimeoutSeconds");
    }
    not_both(at, "TimeoutSeconds", task.timeout_seconds, "TimeoutSecondsPath",
             task.timeout_seconds_path);
    not_both(at, "HeartbeatSeconds", task.heartbeat_seconds, "HeartbeatSecondsPath",
             task.heartbeat_seconds_path);
    reference_path(field(at, "TimeoutSecondsPath"), task.timeout_seconds_path);
    reference_path(field(at, "HeartbeatSecondsPath"), task.heartbeat_seconds_path);
    // An activity ARN names a valid activity (asl/resource.h).
    Result<Resource> resource = parse_resource(task.resource);
    if (!resource && task.resource.find(":activity:") != std::string::npos)
      report_.add(field(at, "Resource"), resource.error().cause);
    const bool activity = resource && resource->kind == ResourceKind::kActivity;
    // Credentials name a role; an activity takes none (asl/credentials.h).
    if (task.credentials) {
      const std::string credentials = field(at, "Credentials");
      if (activity)
        report_.add(credentials, "Credentials is not supported for an activity: the role is "
                                 "assumed to call a Lambda function or an AWS service");
      for (const auto& problem : check_credentials(*task.credentials, credentials,
                                                   state.query_language == QueryLanguage::kJsonata))
        report_.add(problem.pointer, problem.message);
    }
  }

  void check(const Scope& scope, const State& state, const ChoiceSpec& choice) {
    if (choice.choices.empty()) {
      report_.add(field(state.pointer, "Choices"), "a Choice state needs at least one Choice rule");
    }
    for (const ChoiceRule& rule : choice.choices) choice_rule(scope, rule, true);
    if (choice.default_next) target(scope, field(state.pointer, "Default"), *choice.default_next);
  }

  void check(const Scope&, const State& state, const WaitSpec& wait) {
    const std::string& at = state.pointer;
    int given = wait.seconds.has_value() + wait.timestamp.has_value() +
                wait.seconds_path.has_value() + wait.timestamp_path.has_value() +
                wait.seconds_expression.has_value();
    if (given != 1) {
      report_.add(at,
                  "a Wait state must have exactly one of Seconds, Timestamp, SecondsPath or "
                  "TimestampPath");
    }
    if (wait.seconds)
      in_range(field(at, "Seconds"), "Seconds", *wait.seconds, 0, limits::kMaxSeconds);
    if (wait.timestamp && !is_jsonata_expression(*wait.timestamp) &&
        !dataflow::parse_asl_timestamp(*wait.timestamp)) {
      report_.add(field(at, "Timestamp"),
                  fmt::format("'{}' is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z",
                              *wait.timestamp));
    }
    reference_path(field(at, "SecondsPath"), wait.seconds_path);
    reference_path(field(at, "TimestampPath"), wait.timestamp_path);
  }

  void check(const Scope&, const State& state, const FailSpec& fail) {
    const std::string& at = state.pointer;
    if (fail.error && !is_jsonata_expression(*fail.error) && errors::is_reserved(*fail.error)) {
      report_.add(field(at, "Error"),
                  "Error must not start with 'States.', which is reserved for predefined errors");
    }
    not_both(at, "Error", fail.error, "ErrorPath", fail.error_path);
    not_both(at, "Cause", fail.cause, "CausePath", fail.cause_path);
    path_or_intrinsic(field(at, "ErrorPath"), fail.error_path);
    path_or_intrinsic(field(at, "CausePath"), fail.cause_path);
  }

  void check(const Scope&, const State& state, const ParallelSpec& parallel) {
    if (parallel.branches.empty()) {
      report_.add(field(state.pointer, "Branches"), "a Parallel state needs at least one branch");
    }
    for (const auto& branch : parallel.branches) {
      if (branch) machine(*branch);
    }
  }

  void check(const Scope&, const State& state, const MapSpec& map) {
    const std::string& at = state.pointer;
    // Step Functions: "The value of ItemsPath must be a Reference Path".
    path_field(field(at, "ItemsPath"), map.items_path, PathKind::kReferencePath);
    if (map.max_concurrency && *map.max_concurrency < 0) {
      report_.add(field(at, "MaxConcurrency"),
                  "MaxConcurrency must not be negative (0 means no limit)");
    }
    if (map.tolerated_failure_percentage) {
      in_range(field(at, "ToleratedFailurePercentage"), "ToleratedFailurePercentage",
               *map.tolerated_failure_percentage, 0, 100);
    }
    if (map.tolerated_failure_count && *map.tolerated_failure_count < 0) {
      report_.add(field(at, "ToleratedFailureCount"), "ToleratedFailureCount must not be negative");
    }
    not_both(at, "MaxConcurrency", map.max_concurrency, "MaxConcurrencyPath",
             map.max_concurrency_path);
    not_both(at, "ToleratedFailurePercentage", map.tolerated_failure_percentage,
             "ToleratedFailurePercentagePath", map.tolerated_failure_percentage_path);
    not_both(at, "ToleratedFailureCount", map.tolerated_failure_count, "ToleratedFailureCountPath",
             map.tolerated_failure_count_path);
    reference_path(field(at, "MaxConcurrencyPath"), map.max_concurrency_path);
    reference_path(field(at, "ToleratedFailurePercentagePath"),
                   map.tolerated_failure_percentage_path);
    reference_path(field(at, "ToleratedFailureCountPath"), map.tolerated_failure_count_path);
    if (map.processor) machine(*map.processor);
  }

  // --- Choice rules ---------------------------------------------------------------------

  void choice_rule(const Scope& scope, const ChoiceRule& rule, bool top_level) {
    if (top_level && rule.next.empty()) {
      report_.add(rule.pointer, "a top-level Choice rule must have Next");
    } else if (top_level) {
      target(scope, field(rule.pointer, "Next"), rule.next);
    } else if (!rule.next.empty()) {
      report_.add(field(rule.pointer, "Next"),
                  "a Choice rule nested in And, Or or Not cannot have Next");
    }
    if (rule.condition) return;  // JSONata: Condition, checked when read
    const ChoiceOperator* op = find_choice_operator(rule.op);
    if (!op) {
      report_.add(rule.pointer, fmt::format("unknown comparison operator '{}'", rule.op));
      return;
    }
    switch (op->operand) {
      case OperandKind::kRules:
        if (rule.children.empty()) {
          report_.add(field(rule.pointer, rule.op),
                      fmt::format("{} must hold at least one Choice rule", rule.op));
        }
        break;
      case OperandKind::kRule:
        if (rule.children.size() != 1) {
          report_.add(field(rule.pointer, rule.op), "Not must hold exactly one Choice rule");
        }
        break;
      default:
        path(field(rule.pointer, "Variable"), rule.variable, PathKind::kReferencePath);
        operand(rule, op->operand);
    }
    for (const ChoiceRule& child : rule.children) choice_rule(scope, child, false);
  }

  void operand(const ChoiceRule& rule, OperandKind kind) {
    std::string at = field(rule.pointer, rule.op);
    const Json& value = rule.operand;
    auto wrong = [&](const char* expected) {
      report_.add(at,
                  fmt::format("{} needs {}, not {}", rule.op, expected, describe_json_type(value)));
    };
    switch (kind) {
      case OperandKind::kString:
        if (!value.is_string()) wrong("a string");
        break;
      case OperandKind::kNumber:
        if (!value.is_number()) wrong("a number");
        break;
      case OperandKind::kBoolean:
        if (!value.is_boolean()) wrong("a boolean");
        break;
      case OperandKind::kTimestamp:
        if (!value.is_string()) {
          wrong("a timestamp string");
        } else if (!dataflow::parse_asl_timestamp(value.get<std::string>())) {
          report_.add(at, fmt::format("{} needs an RFC 3339 timestamp such as "
                                      "2016-03-14T01:59:00Z, not '{}'",
                                      rule.op, value.get<std::string>()));
        }
        break;
      case OperandKind::kPath:
        if (!value.is_string()) {
          wrong("a reference path");
        } else {
          path(at, value.get<std::string>(), PathKind::kReferencePath);
        }
        break;
      default:
        break;
    }
  }

  // --- reachability ---------------------------------------------------------------------

  static std::vector<std::string> successors(const State& state) {
    std::vector<std::string> next;
    if (state.next) next.push_back(*state.next);
    for (const Catcher& catcher : state.catchers) next.push_back(catcher.next);
    if (const auto* choice = std::get_if<ChoiceSpec>(&state.spec)) {
      for (const ChoiceRule& rule : choice->choices) next.push_back(rule.next);
      if (choice->default_next) next.push_back(*choice->default_next);
    }
    return next;
  }

  void reachability(const StateMachine& machine) {
    std::set<std::string> reached;
    std::vector<std::string> pending{machine.start_at};
    while (!pending.empty()) {
      std::string name = std::move(pending.back());
      pending.pop_back();
      auto it = machine.states.find(name);
      if (it == machine.states.end() || !reached.insert(name).second) continue;
      for (std::string& next : successors(it->second)) pending.push_back(std::move(next));
    }
    for (const std::string& name : machine.state_order) {
      if (reached.contains(name)) continue;
      report_.add(machine.states.at(name).pointer,
                  fmt::format("state '{}' cannot be reached from StartAt", name));
    }
  }

  Report& report_;
  const ReadGaps& gaps_;
};

}  // namespace

Diagnostics validate(const StateMachine& machine, const std::string& file,
                     const ReadGaps& gaps) {
  Report report(file);
  Validator(report, gaps).machine(machine);
  return report.take();
}

}  // namespace conflictctl::asl
