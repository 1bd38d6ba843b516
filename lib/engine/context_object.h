#pragma once
// The context object ("$$"): what a state can read about its execution.
//
//   {"Execution": {"Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount",
//                  "RedriveTime" (only once redriven)},
//    "State": {"EnteredTime", "Name", "RetryCount"},
//    "StateMachine": {"Id", "Name"},
//    "Map": {"Item": {"Index", "Value", "Source"}},  -- only while a Map's ItemSelector runs
//    "Task": {"Token"}}  -- only in a .waitForTaskToken Task state: its attempt's task token
//
// AWS: "When you specify a resource using .waitForTaskToken, the task token can be accessed
// in the "Parameters" field of your state definition with a special path designation
// ($$.Task.Token)" (JSONata: $states.context.Task.Token).
//
// Values follow AWS: ARNs of the form arn:aws:states:REGION:ACCOUNT:execution:SM:NAME
// (Express executions: arn:aws:states:REGION:ACCOUNT:express:SM:NAME:ID),
// timestamps in RFC 3339 UTC with milliseconds, without a zero fraction
// ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.250Z").
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::engine {

struct ExecutionIdentity {
  std::string region;
  std::string account;
  std::string state_machine_name;
  std::string execution_name;
  Json input;
  Timestamp start_time;
  std::string express_id;  // EXPRESS executions only: the ARN's last part; "" for STANDARD
  int redrive_count = 0;   // how many times it was redriven (engine/redrive.h)
  std::optional<Timestamp> redrive_time;  // when it was last redriven

  std::string state_machine_arn() const;
  std::string execution_arn() const;
  std::string role_arn() const;
};

// The context object for state `state_name`, entered at `entered`, on its `retry_count`-th
// retry. `map_item` is {"Index": i, "Value": v, "Source": "STATE_DATA"} inside a Map's
// ItemSelector, else null; `task_token` the token of a .waitForTaskToken state's attempt,
// else "".
Json context_object(const ExecutionIdentity& execution, const std::string& state_name,
                    Timestamp entered, int retry_count, const Json& map_item = nullptr,
                    std::string_view task_token = {});

// The context object of one execution, built once: its Execution and StateMachine parts
// (Execution.Input can be as large as the input itself) never change, so each state gets the
// same object with its State fields (and Map.Item) set in place. Building it afresh per state
// copied the whole input each time, which made a Map's cost grow with the square of its items.
//
// The reference `at` returns is valid until the next call to `at`. Not thread-safe: the
// engine's loop thread is its only user.
class ContextObject {
 public:
  explicit ContextObject(ExecutionIdentity execution);  // keeps execution.input

  // Equal to context_object(execution, state_name, entered, retry_count, map_item,
  // task_token).
  const Json& at(const std::string& state_name, Timestamp entered, int retry_count,
                 const Json& map_item = nullptr, std::string_view task_token = {});
  // The object as the last at() left it: for a state that does not read $$ (the engine passes
  // a context to every evaluation, but nothing of it is read).
  const Json& unchanged() const { return value_; }

 private:
  Json value_;
  Timestamp entered_{};       // what state_["EnteredTime"] holds (formatting it is the cost)
  bool has_entered_ = false;
};

}  // namespace conflictctl::engine
