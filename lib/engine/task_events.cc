#include "engine/task_events.h"

#include "asl/resource.h"

namespace conflictctl::engine {

TaskEvents::TaskEvents(const std::string& resource, std::string region, bool data)
    : resource_(resource), region_(std::move(region)), data_(data) {
  auto parsed = asl::parse_resource(resource);
  if (!parsed) return;
  if (parsed->kind == asl::ResourceKind::kActivity) kind_ = kActivity;
  if (parsed->kind != asl::ResourceKind::kServiceIntegration) return;
  kind_ = kTask;
  callback_ = parsed->pattern == asl::IntegrationPattern::kWaitForTaskToken;
  resource_type_ = parsed->service;
  action_ = parsed->history_resource();
}

EventName TaskEvents::name(Phase phase) const {
  static constexpr EventName kNames[3][5] = {
      {"LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
       "LambdaFunctionFailed", "LambdaFunctionTimedOut"},
      {"TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskFailed", "TaskTimedOut"},
      {"ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "ActivityFailed",
       "ActivityTimedOut"}};
  return kNames[kind_][phase];
}

EventName TaskEvents::key(Phase phase) const {
  static constexpr EventName kKeys[3][5] = {
      {"lambdaFunctionScheduledEventDetails", "lambdaFunctionStartedEventDetails",
       "lambdaFunctionSucceededEventDetails", "lambdaFunctionFailedEventDetails",
       "lambdaFunctionTimedOutEventDetails"},
      {"taskScheduledEventDetails", "taskStartedEventDetails", "taskSucceededEventDetails",
       "taskFailedEventDetails", "taskTimedOutEventDetails"},
      {"activityScheduledEventDetails", "activityStartedEventDetails",
       "activitySucceededEventDetails", "activityFailedEventDetails",
       "activityTimedOutEventDetails"}};
  return kKeys[kind_][phase];
}

EventName TaskEvents::started_key() const {
  return is_service_integration() ? key(kStarted) : EventName();
}

// Built field by field: nlohmann's initializer lists copy every value through a temporary,
// and each attempt of a Task records these.
Json TaskEvents::service_fields() const {
  Json fields = Json::object();
  fields.emplace("resourceType", resource_type_);
  fields.emplace("resource", action_);
  return fields;
}

EventDetails TaskEvents::scheduled(const Json& input, const ScheduledTask& task) const {
  Json details = Json::object();
  if (is_service_integration()) {
    details = service_fields();
    details.emplace("region", region_);
    if (data_) details.emplace("parameters", to_compact(input));
  } else {
    details.emplace("resource", resource_);
    if (data_) {
      details.emplace("input", to_compact(input));
      details.emplace("inputDetails", untruncated());
    }
  }
  if (task.timeout_seconds)
    details.emplace("timeoutInSeconds", static_cast<long long>(*task.timeout_seconds));
  if (task.heartbeat_seconds && kind_ != kLambda)
    details.emplace("heartbeatInSeconds", static_cast<long long>(*task.heartbeat_seconds));
  if (task.role_arn && kind_ != kActivity) {
    Json credentials = Json::object();
    credentials.emplace("roleArn", *task.role_arn);
    details.emplace("taskCredentials", std::move(credentials));
  }
  return EventDetails(std::move(details));
}

EventDetails TaskEvents::started() const {
  if (!is_service_integration()) return EventDetails();
  return EventDetails(service_fields());
}

EventDetails TaskEvents::submitted() const { return EventDetails(service_fields()); }

EventDetails TaskEvents::succeeded(const Json& output) const {
  if (!is_service_integration())
    return EventDetails::io(TextKey::kOutput, data_ ? to_compact(output) : std::string());
  Json details = service_fields();  // AWS's order: resourceType, resource, output
  if (data_) {
    details.emplace("output", to_compact(output));
    details.emplace("outputDetails", untruncated());
  }
  return EventDetails(std::move(details));
}

EventDetails TaskEvents::failed(const Error& error) const {
  Json details = is_service_integration() ? service_fields() : Json::object();
  details.emplace("error", error.name);
  details.emplace("cause", error.cause);
  return EventDetails(std::move(details));
}

}  // namespace conflictctl::engine
