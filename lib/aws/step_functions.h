#pragma once
// The Step Functions calls conflictctl makes (awsJson1_0, X-Amz-Target
// "AWSStepFunctions.<Operation>", through aws/service_client.h). Errors are
// aws/service_client.h's ("Aws.StateMachineDoesNotExist", "Aws.InvalidDefinition", …).
#include <optional>
#include <string>

#include "aws/service_client.h"
#include "core/error.h"
#include "core/json.h"

namespace conflictctl::aws {

// loggingConfiguration, with at most one destination (Step Functions' limit).
struct StateMachineLogging {
  std::string level = "OFF";            // level: ALL, ERROR, FATAL or OFF (AWS's default)
  bool include_execution_data = false;  // includeExecutionData
  std::string log_group_arn;  // destinations[0].cloudWatchLogsLogGroup.logGroupArn; "" = none
  friend bool operator==(const StateMachineLogging&, const StateMachineLogging&) = default;
};

// The fields of a state machine deploy manages, as Step Functions names them.
struct StateMachineSettings {
  std::string name;        // name
  std::string definition;  // definition: the ASL text, ARNs filled in
  std::string role_arn;    // roleArn
  std::string type;        // type: "STANDARD" or "EXPRESS"
  // loggingConfiguration. Described: always set (OFF when AWS gives none). Sent: nullopt
  // leaves it as it is (CreateStateMachine: AWS's default, OFF).
  std::optional<StateMachineLogging> logging;
};

struct DeployedStateMachine {
  StateMachineSettings settings;
  std::string arn;  // stateMachineArn
};

// An execution as DescribeExecution answers (the fields conflictctl reads).
struct ExecutionDescription {
  std::string arn;                // executionArn
  std::string state_machine_arn;  // stateMachineArn
  std::string name;
  // status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.
  std::string status;
  std::string error;  // error and cause: of a failed execution, else ""
  std::string cause;
  int redrive_count = 0;  // redriveCount: how many times it was redriven
};

class StepFunctions {
 public:
  explicit StepFunctions(const ServiceClient& client) : client_(client) {}

  // DescribeStateMachine; nullopt when it does not exist.
  Result<std::optional<DeployedStateMachine>> describe(const std::string& arn) const;
  // CreateStateMachine; the new machine's ARN.
  Result<std::string> create(const StateMachineSettings& settings) const;
  // UpdateStateMachine: definition, roleArn and loggingConfiguration when settings.logging
  // is set (the type cannot change on AWS).
  Result<void> update(const std::string& arn, const StateMachineSettings& settings) const;

  // StartExecution with `input` (JSON text); the execution's ARN.
  Result<std::string> start_execution(const std::string& machine_arn,
                                      const std::string& input) const;
  // DescribeExecution.
  Result<ExecutionDescription> describe_execution(const std::string& execution_arn) const;
  // GetExecutionHistory, every page (nextToken followed to the end), oldest event first:
  // {"events": [...]} with each event as AWS sends it (timestamps in epoch seconds).
  // `page_size` is maxResults; 0 leaves it to the service (100).
  Result<Json> execution_history(const std::string& execution_arn, int page_size = 0) const;

  // RedriveExecution: AWS continues the execution from its unsuccessful states, with the
  // same ARN, appending to its history (ExecutionRedriven) and setting it RUNNING again.
  // AWS's refusals are errors: Aws.ExecutionNotRedrivable (it succeeded, is running, is
  // EXPRESS, or is past AWS's limits), Aws.ExecutionDoesNotExist, Aws.ExecutionLimitExceeded
  // (too many running executions), Aws.InvalidArn.
  Result<void> redrive_execution(const std::string& execution_arn) const;

 private:
  const ServiceClient& client_;
};

}  // namespace conflictctl::aws
