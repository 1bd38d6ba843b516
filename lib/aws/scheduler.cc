#include "aws/scheduler.h"

#include <fmt/format.h>

#include "aws/sigv4.h"

namespace conflictctl::aws {
namespace {

std::string text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string schedule_path(const std::string& name) {
  return fmt::format("/schedules/{}", uri_encode(name));
}

// CreateSchedule's and UpdateSchedule's body (the name is in the path).
Json schedule_request(const ScheduleSettings& settings) {
  Json request{{"ScheduleExpression", settings.expression},
               {"FlexibleTimeWindow", Json{{"Mode", "OFF"}}},
               {"State", settings.state},
               {"Target", Json{{"Arn", settings.target_arn},
                               {"RoleArn", settings.role_arn},
                               {"Input", settings.input}}}};
  if (!settings.timezone.empty()) request["ScheduleExpressionTimezone"] = settings.timezone;
  return request;
}

}  // namespace

Result<std::optional<DeployedSchedule>> Scheduler::get(const std::string& name) const {
  Result<Json> answer = client_.rest("GetSchedule", "GET", schedule_path(name), Json(nullptr));
  if (!answer) {
    if (answer.error().name == "Aws.ResourceNotFoundException")
      return std::optional<DeployedSchedule>();
    return answer.error();
  }
  const Json target = answer->value("Target", Json::object());
  DeployedSchedule out{{text(*answer, "Name"), text(*answer, "ScheduleExpression"),
                        text(*answer, "ScheduleExpressionTimezone"), text(target, "Arn"),
                        text(target, "RoleArn"), text(target, "Input"), text(*answer, "State")},
                       text(*answer, "Arn")};
  if (out.settings.timezone == "UTC") out.settings.timezone.clear();  // the default, named
  return std::optional<DeployedSchedule>(std::move(out));
}

Result<std::string> Scheduler::create(const ScheduleSettings& settings) const {
  Result<Json> answer = client_.rest("CreateSchedule", "POST", schedule_path(settings.name),
                                     schedule_request(settings));
  if (!answer) return answer.error();
  return text(*answer, "ScheduleArn");
}

Result<void> Scheduler::update(const ScheduleSettings& settings) const {
  Result<Json> answer = client_.rest("UpdateSchedule", "PUT", schedule_path(settings.name),
                                     schedule_request(settings));
  if (!answer) return answer.error();
  return {};
}

}  // namespace conflictctl::aws
