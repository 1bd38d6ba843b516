#include "tasks/task_record.h"

#include <string>

namespace conflictctl::tasks {

Json ok_response(Json body) {
  Json response = Json::object();
  response["statusCode"] = 200;
  response["body"] = std::move(body);
  return response;
}

Json task_record(std::string_view task, Timestamp start, double seconds,
                 std::string_view rows_key, long rows) {
  return task_record(task, start, seconds, Json{{std::string(rows_key), rows}});
}

Json task_record(std::string_view task, Timestamp start, double seconds, const Json& details) {
  Json result = Json::object();
  result["status"] = "success";
  for (const auto& [key, value] : details.items())
    if (key != "status" && key != "duration_seconds") result[key] = value;
  result["duration_seconds"] = seconds;

  Json record = Json::object();
  record["status"] = "success";
  record["task"] = task;
  record["start_time"] = format_timestamp(start);
  record["end_time"] = format_timestamp(start + seconds_to_millis(seconds));
  record["duration_seconds"] = seconds;
  record["result"] = std::move(result);
  return record;
}

}  // namespace conflictctl::tasks
