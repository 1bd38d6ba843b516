#pragma once
// The Step Functions calls conflictctl makes (awsJson1_0, X-Amz-Target
// "AWSStepFunctions.<Operation>", through aws/service_client.h). Errors are
// aws/service_client.h's ("Aws.StateMachineDoesNotExist", "Aws.InvalidDefinition", …).
#include <optional>
#include <string>

#include "aws/service_client.h"
#include "core/error.h"

namespace conflictctl::aws {

// The fields of a state machine deploy manages, as Step Functions names them.
struct StateMachineSettings {
  std::string name;        // name
  std::string definition;  // definition: the ASL text, ARNs filled in
  std::string role_arn;    // roleArn
  std::string type;        // type: "STANDARD" or "EXPRESS"
};

struct DeployedStateMachine {
  StateMachineSettings settings;
  std::string arn;  // stateMachineArn
};

class StepFunctions {
 public:
  explicit StepFunctions(const ServiceClient& client) : client_(client) {}

  // DescribeStateMachine; nullopt when it does not exist.
  Result<std::optional<DeployedStateMachine>> describe(const std::string& arn) const;
  // CreateStateMachine; the new machine's ARN.
  Result<std::string> create(const StateMachineSettings& settings) const;
  // UpdateStateMachine: definition and roleArn (the type cannot change on AWS).
  Result<void> update(const std::string& arn, const StateMachineSettings& settings) const;

 private:
  const ServiceClient& client_;
};

}  // namespace conflictctl::aws
