#pragma once
// A run on AWS Step Functions made a run record (budget/run_store.h), so that `conflictctl
// history` and `conflictctl budget` read it as they read a local run (`conflictctl start
// --wait` and `conflictctl history import`, docs/commands.md).
//
// The history is what GetExecutionHistory answers, all pages joined, or the file `aws
// stepfunctions get-execution-history --execution-arn ARN > FILE` saves: {"events": [...]},
// oldest event first. An event's "timestamp" is epoch seconds (a number, as the API and the
// AWS CLI v1 give it) or ISO 8601 text (the AWS CLI v2's "2026-12-06T18:20:42.123000+00:00");
// the record keeps RFC 3339 UTC text with milliseconds, as the engine writes it. Every other
// field is kept as AWS wrote it.
//
// The record: mode "aws" on the real clock (measured by `budget` as any real run), its
// definition and function timeouts those of the local pipeline that was deployed (the caller
// passes them), its input the ExecutionStarted event's, its status, start and stop those of
// the history (budget/recorded_execution.h).
//
// Errors: Error{"State.CorruptRecord", "<source>: <JSON Pointer>: <what>"}, one for the
// first problem, e.g. "saved.json: /events/3/timestamp: expected epoch seconds or an ISO 8601
// date-time"; a history saved with --reverse-order is refused (its ids run backwards).
// Pure; thread-safe.
#include <string>

#include "budget/run_store.h"
#include "core/error.h"
#include "core/json.h"
#include "core/workflow_type.h"

namespace conflictctl::budget {

// The mode of a run record made from an AWS execution.
inline constexpr std::string_view kAwsMode = "aws";

// What the history does not say: which pipeline ran, and how.
struct AwsRunContext {
  std::string command;          // "start" or "history import"
  std::string pipeline;         // the pipeline (the state machine's name, as deploy names it)
  std::string definition_path;  // the local definition file deployed
  Json definition;              // its JSON document
  Json function_timeouts = Json::object();  // {"<Resource>": seconds}, as run_store.h says
  WorkflowType type = WorkflowType::kStandard;
};

// `history` as described above, read from `source` (a file name or the execution's ARN).
Result<RunRecord> record_from_aws_history(const Json& history, const std::string& source,
                                          const AwsRunContext& context);

}  // namespace conflictctl::budget
