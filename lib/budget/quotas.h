#pragma once
// Quotas: how close recorded runs came to the AWS limits that stop an execution outright
// (asl/limits.h), each with its margin.
//
//   state_payload   the largest state input or output, execution input or output, or task
//                   result (the JSON strings in the history events, in UTF-8 bytes) against
//                   Step Functions' 256 KiB;
//   lambda_payload  the largest payload sent to a Lambda function (LambdaFunctionScheduled
//                   "input"; for arn:aws:states:::lambda:invoke the "Payload" of
//                   TaskScheduled "parameters") against Lambda's 6 MB synchronous limit;
//   history_events  the most events in one execution's history against 25,000 (STANDARD
//                   runs only: Express workflows have no event quota);
//   express_duration  EXPRESS runs only: the longest execution (first to last event) against
//                   the five minutes an Express workflow may run;
//   map_items       per Map state of a STANDARD run: its most items in one run, against the
//                   items the 25,000 event quota leaves room for at the measured events per
//                   item: allowed = floor((25,000 − events outside the Map's iterations)
//                                         / (events of its iterations / its items)).
// Each use has the zone of engine::zone_for (safe below 80 % of the limit).
//
// Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "core/workflow_type.h"
#include "engine/history.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {

struct QuotaUse {
  std::string name;   // "state_payload", "lambda_payload", "history_events", "map_items"
  std::string label;  // e.g. "Largest state input/output", "Items of Map ProcessChunks"
  std::string unit;   // "bytes", "events" or "items"
  double limit = 0;
  std::optional<double> used;      // the largest seen; nullopt when none was seen
  std::string where;               // "run <id>, state <name> (input)", …
  std::string note;                // how the limit was derived, when it is not fixed
  std::optional<double> fraction;  // used / limit
  std::optional<double> headroom;  // limit − used
  std::optional<engine::Zone> zone;
};

struct RecordedHistory {
  std::string run;  // the record's id
  engine::History history;
  WorkflowType type = WorkflowType::kStandard;
};

// Quotas over `runs`, in this order: state_payload, lambda_payload, history_events (when a
// STANDARD run is among them), express_duration (when an EXPRESS run is), then one map_items
// per Map state seen in STANDARD runs.
std::vector<QuotaUse> measure_quotas(const std::vector<RecordedHistory>& runs);

}  // namespace conflictctl::budget
