#pragma once
// The result shapes the reference Conflict Report Lambda returns on success
// (docs/pipelines.md, "The conflict-report handler").
//
//   ok_response(body)  → {"statusCode": 200, "body": body}
//   task_record(…)     → {"status": "success", "task": "TASK_01",
//                         "start_time": "2024-01-01T00:00:00.000Z",
//                         "end_time": "2024-01-01T00:01:35.000Z", "duration_seconds": 95.0,
//                         "result": {"status": "success", "<rows_key>": 156,
//                                    "duration_seconds": 95.0}}
// Times are RFC 3339 UTC from the task's clock (format_timestamp); end_time is start_time plus
// the duration.
#include <string_view>

#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::tasks {

Json ok_response(Json body);

Json task_record(std::string_view task, Timestamp start, double seconds,
                 std::string_view rows_key, long rows);

// The same record around a real task's result object (its row counts and details):
// "status": "success" first, then the result's fields, then "duration_seconds".
Json task_record(std::string_view task, Timestamp start, double seconds, const Json& result);

}  // namespace conflictctl::tasks
