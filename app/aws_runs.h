#pragma once
// Runs of a deployed pipeline on AWS Step Functions, for `conflictctl start` and `conflictctl
// history import`: the Step Functions client as `deploy` makes it (endpoints and credentials
// as the AWS CLI finds them), the pipeline as it was deployed, and an execution's history
// recorded in the run store (budget/aws_history.h) and reported as `simulate` reports a run.
#include <memory>
#include <string>

#include "aws/step_functions.h"
#include "budget/aws_history.h"
#include "budget/run_store.h"
#include "aws_connection.h"
#include "command_error.h"
#include "commands.h"
#include "core/clock.h"
#include "run_recording.h"

namespace conflictctl::app {

struct StepFunctionsConnection : AwsConnection {
  std::unique_ptr<aws::StepFunctions> sfn;
};

// The client for AWS_REGION's Step Functions endpoint (AWS_ENDPOINT_URL_SFN, …). kInvalidInput
// with one line when the region or the credentials are missing.
CliResult<std::unique_ptr<StepFunctionsConnection>> connect_step_functions();

// The exit code of an AWS call's error: kInvalidInput for configuration errors, else kAws.
int aws_exit_code(const Error& error);

// What a record of `pipeline`'s run on AWS takes from the local pipeline (its definition,
// function timeouts and type); kInvalidInput with the pipeline's problems.
CliResult<budget::AwsRunContext> aws_run_context(const std::string& pipeline,
                                                 std::string command);

// The pipeline an execution ARN belongs to: the state machine's name, which deploy names
// after the pipeline ("arn:aws:states:R:A:execution:NAME:ID" -> "NAME"); "" for anything else.
std::string pipeline_of_execution(const std::string& execution_arn);

struct AwsRun {
  budget::RunRecord record;  // its id the new record's, or the one already there
  bool written = false;      // false: already recorded, nothing written
};

// The history made a record (budget/aws_history.h) and written to the store in `state_dir`
// ("" for the default), unless the store already holds it: a run of mode "aws" of the same
// pipeline with the same start (to the millisecond) and event count, e.g. an execution that
// `start --wait` recorded, imported again. Errors: kInvalidInput naming the source and the
// JSON Pointer, or the store's path and reason.
CliResult<AwsRun> record_aws_run(const Json& history, const std::string& source,
                                 const budget::AwsRunContext& context,
                                 const std::string& state_dir);

// What `start --wait` and `redrive --remote --wait` do once the execution runs: wait for it to
// end (aws/execution_wait.h, its progress on stderr unless `quiet`), bring its history back,
// print the report `simulate` prints with AWS's durations (after the heading "Pipeline P
// (DEFINITION), on AWS Step Functions in REGION" and "execution ARN[, redrive N]"), record it
// in the run store unless record.no_record, and give a local run's exit code (kFailed when it
// did not succeed). AWS's refusals: aws_exit_code.
CommandResult report_aws_execution(StepFunctionsConnection& connection,
                                   const std::string& execution_arn,
                                   const budget::AwsRunContext& context,
                                   const RecordOptions& record, bool quiet);

}  // namespace conflictctl::app
