#pragma once
// The least-privilege IAM policies a deployed pipeline needs (`conflictctl deploy
// --print-policy`), each scoped to the pipeline's own resources:
//   - the state machine's role (--role-arn): lambda:InvokeFunction on each function, any
//     version or alias; trusted by states.amazonaws.com;
//   - the state machine's role, when its logging is on (level other than OFF): the CloudWatch
//     Logs delivery actions Step Functions needs, which IAM accepts only on "*";
//   - the functions' role (--function-role-arn): CloudWatch Logs on each function's log group
//     only, and secretsmanager:GetSecretValue on the one secret their POSTGRES_SECRET_ID names
//     (any version; a name gets Secrets Manager's "-??????" suffix); trusted by
//     lambda.amazonaws.com. A database in a VPC also needs the AWS managed
//     policy AWSLambdaVPCAccessExecutionRole (network interfaces), which cannot be scoped;
//   - whoever runs `deploy`: the reads and writes deploy makes (lambda:GetFunctionConfiguration,
//     CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration on the functions;
//     states:DescribeStateMachine, CreateStateMachine, UpdateStateMachine on the state
//     machine) and iam:PassRole on the two roles, only towards Lambda and Step Functions.
#include "core/json.h"
#include "deploy/deploy_plan.h"

namespace conflictctl::deploy {

struct PolicyDocument {
  std::string title;   // "state machine role (--role-arn)"
  Json trust;          // the role's trust policy; null for the deployer's policy
  Json permissions;    // the permissions policy
};

// `role_arn` and `function_role_arn` name the roles deploy passes ("*" placeholders when
// empty, e.g. arn:aws:iam::ACCOUNT:role/*).
std::vector<PolicyDocument> iam_policies(const LocalPipeline& local,
                                         const DeploySettings& settings);

}  // namespace conflictctl::deploy
