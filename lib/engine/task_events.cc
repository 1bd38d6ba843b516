#include "engine/task_events.h"

#include "asl/resource.h"

namespace conflictctl::engine {

TaskEvents::TaskEvents(const std::string& resource, std::string region, bool data)
    : resource_(resource), region_(std::move(region)), data_(data) {
  auto parsed = asl::parse_resource(resource);
  if (!parsed || parsed->kind != asl::ResourceKind::kServiceIntegration) return;
  resource_type_ = parsed->service;
  action_ = parsed->history_resource();
}

EventName TaskEvents::name(Phase phase) const {
  static constexpr EventName kTask[] = {"TaskScheduled", "TaskStarted", "TaskSucceeded",
                                        "TaskFailed", "TaskTimedOut"};
  static constexpr EventName kLambda[] = {"LambdaFunctionScheduled", "LambdaFunctionStarted",
                                          "LambdaFunctionSucceeded", "LambdaFunctionFailed",
                                          "LambdaFunctionTimedOut"};
  return is_service_integration() ? kTask[phase] : kLambda[phase];
}

EventName TaskEvents::key(Phase phase) const {
  static constexpr EventName kTask[] = {"taskScheduledEventDetails", "taskStartedEventDetails",
                                        "taskSucceededEventDetails", "taskFailedEventDetails",
                                        "taskTimedOutEventDetails"};
  static constexpr EventName kLambda[] = {
      "lambdaFunctionScheduledEventDetails", "lambdaFunctionStartedEventDetails",
      "lambdaFunctionSucceededEventDetails", "lambdaFunctionFailedEventDetails",
      "lambdaFunctionTimedOutEventDetails"};
  return is_service_integration() ? kTask[phase] : kLambda[phase];
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

EventDetails TaskEvents::scheduled(const Json& input, std::optional<double> timeout_seconds) const {
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
  if (timeout_seconds)
    details.emplace("timeoutInSeconds", static_cast<long long>(*timeout_seconds));
  return EventDetails(std::move(details));
}

EventDetails TaskEvents::started() const {
  if (!is_service_integration()) return EventDetails();
  return EventDetails(service_fields());
}

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
