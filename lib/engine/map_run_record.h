#pragma once
// What a run keeps of a Distributed Map's Map Run that did not succeed, so that a redrive can
// continue it (engine/redrive.h): each child execution that ended, with its outcome.
//
// AWS, "Redriving Map Runs": a redriven parent workflow "redrives all the unsuccessful states,
// including Distributed Map", and the Map Run restarts only its unsuccessful child workflow
// executions: a Standard child that failed, timed out or was aborted is redriven (it continues
// from its own unsuccessful state, its history going on), an Express one is started again
// with StartExecution; those that succeeded keep their results. The run's history cannot
// tell which is which: a child execution's events are in a history of its own, not the
// run's. So the engine keeps, while a Map Run runs (ExecutionOptions::keep_map_runs), one
// MapRunChild per child execution as it ends, and forgets the Map Run once it succeeds:
// ExecutionResult::map_runs holds the Map Runs that did not. A run record stores them
// ("map_runs", budget/run_store.h) beside the history.
//
// JSON (to_json / map_runs_from_json):
//   [{"mapRunArn": "arn:aws:states:…:mapRun:MACHINE/LABEL:ID",
//     "children": [{"index": 0, "items": 1, "name", "arn", "stateMachineArn",
//                   "status": "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED",
//                   "input": "<JSON text>", "output": "<JSON text>" (SUCCEEDED),
//                   "error", "cause" (the others), "startDate", "stopDate",
//                   "redriveCount": 0,
//                   "history": {"events": […]} (unsuccessful Standard children)}]}]
// Memory: a Map Run keeps one entry per child execution while it runs, so keep_map_runs is
// for runs that are recorded; a run that is not keeps nothing. Without a ResultWriter a
// succeeded child's entry holds neither its input (a redrive does not run it) nor, until the
// Map Run ends unsuccessfully, its output (the Map's results hold it meanwhile); a Map Run
// that succeeds drops its entries.
#include <cstddef>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "engine/result_writer.h"

namespace conflictctl::engine {

struct MapRunChild {
  std::size_t index = 0;  // the child execution's place in the Map Run, from 0
  std::size_t items = 1;  // the items it ran: its batch's count, else 1
  ChildExecution execution;
  // Its own history ({"events": […]}) when it was an unsuccessful Standard child execution:
  // a redrive continues it. Null otherwise.
  Json history;
};

struct MapRunRecord {
  std::string arn;  // the Map Run's ARN (MapRunStarted's mapRunArn)
  std::vector<MapRunChild> children;  // in the order they ended
};

Json to_json(const std::vector<MapRunRecord>& map_runs);

// Error (States.Runtime) naming the JSON Pointer of the first malformed field, under
// `pointer` (e.g. "/map_runs").
Result<std::vector<MapRunRecord>> map_runs_from_json(const Json& json,
                                                     const std::string& pointer);

}  // namespace conflictctl::engine
