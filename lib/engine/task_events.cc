#include "engine/task_events.h"

#include "tasks/resource.h"

namespace conflictctl::engine {

TaskEvents::TaskEvents(const std::string& resource, std::string region)
    : resource_(resource), region_(std::move(region)) {
  auto parsed = tasks::parse_resource(resource);
  if (!parsed || parsed->kind != tasks::ResourceKind::kServiceIntegration) return;
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

Json TaskEvents::service_fields() const {
  return Json{{"resourceType", resource_type_}, {"resource", action_}};
}

EventDetails TaskEvents::scheduled(const Json& input, std::optional<double> timeout_seconds) const {
  EventDetails details;
  if (is_service_integration()) {
    details.rest = service_fields();
    details.rest["region"] = region_;
    details.rest["parameters"] = to_compact(input);
  } else {
    details = EventDetails(Json{{"resource", resource_},
                                {"input", to_compact(input)},
                                {"inputDetails", {{"truncated", false}}}});
  }
  if (timeout_seconds)
    details.rest["timeoutInSeconds"] = static_cast<long long>(*timeout_seconds);
  return details;
}

EventDetails TaskEvents::started() const {
  if (!is_service_integration()) return EventDetails();
  return EventDetails(service_fields());
}

EventDetails TaskEvents::succeeded(const Json& output) const {
  if (!is_service_integration()) return EventDetails::io(TextKey::kOutput, to_compact(output));
  Json details = service_fields();  // AWS's order: resourceType, resource, output
  details["output"] = to_compact(output);
  details["outputDetails"] = {{"truncated", false}};
  return EventDetails(std::move(details));
}

EventDetails TaskEvents::failed(const Error& error) const {
  Json details = is_service_integration() ? service_fields() : Json::object();
  details["error"] = error.name;
  details["cause"] = error.cause;
  return EventDetails(std::move(details));
}

}  // namespace conflictctl::engine
