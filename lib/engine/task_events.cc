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

std::string TaskEvents::started_key() const {
  return is_service_integration() ? "taskStartedEventDetails" : "";
}

Json TaskEvents::scheduled(const Json& input, std::optional<double> timeout_seconds) const {
  Json details;
  if (is_service_integration()) {
    details = {{"resourceType", resource_type_},
               {"resource", action_},
               {"region", region_},
               {"parameters", to_compact(input)}};
  } else {
    details = {{"resource", resource_},
               {"input", to_compact(input)},
               {"inputDetails", {{"truncated", false}}}};
  }
  if (timeout_seconds) details["timeoutInSeconds"] = static_cast<long long>(*timeout_seconds);
  return details;
}

Json TaskEvents::started() const {
  if (!is_service_integration()) return nullptr;
  return {{"resourceType", resource_type_}, {"resource", action_}};
}

Json TaskEvents::succeeded(const Json& output) const {
  Json details = Json::object();
  if (is_service_integration()) details = {{"resourceType", resource_type_}, {"resource", action_}};
  details["output"] = to_compact(output);
  details["outputDetails"] = {{"truncated", false}};
  return details;
}

Json TaskEvents::failed(const Error& error) const {
  Json details = Json::object();
  if (is_service_integration()) details = {{"resourceType", resource_type_}, {"resource", action_}};
  details["error"] = error.name;
  details["cause"] = error.cause;
  return details;
}

}  // namespace conflictctl::engine
