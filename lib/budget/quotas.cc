#include "budget/quotas.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/lambda_limits.h"
#include "asl/defaults.h"
#include "asl/limits.h"
#include "budget/history_flows.h"
#include "core/json_text.h"

namespace conflictctl::budget {

namespace {

// Keeps the largest value seen, with where it was seen.
void keep_largest(QuotaUse& quota, double used, std::string where) {
  if (quota.used && *quota.used >= used) return;
  quota.used = used;
  quota.where = std::move(where);
}

std::string place(const std::string& run, const std::string& state, const char* what) {
  return state.empty() ? fmt::format("run {}, execution {}", run, what)
                       : fmt::format("run {}, state {} ({})", run, state, what);
}

// The bytes a Task sent to Lambda, if the event schedules a Lambda invocation.
std::optional<std::size_t> lambda_payload(const engine::HistoryEvent& event) {
  if (event.type == "LambdaFunctionScheduled")
    if (auto input = event.details.string_field("input")) return input->size();
  if (event.type == "TaskScheduled" && event.details.string_field("resourceType") == "lambda") {
    auto parameters = event.details.string_field("parameters");
    if (!parameters) return std::nullopt;
    // From a run record, so untrusted: the depth-checked reader (core/json_text.h).
    Result<Json> parsed = parse_json_text(*parameters, "parameters");
    if (parsed && parsed->is_object() && parsed->contains("Payload"))
      return to_compact((*parsed)["Payload"]).size();
    return parameters->size();
  }
  return std::nullopt;
}

struct MapCount {
  long long items = 0;
  double events_per_item = 0;
  std::size_t other_events = 0;
};

// Per Map: items and the events of its iterations in one run (nested iterations count for
// every Map around them).
std::map<std::string, MapCount> map_counts(const engine::History& history,
                                           const HistoryFlows& flows) {
  std::map<std::string, std::size_t> iteration_events;
  for (const EventPlace& place : flows.events)
    for (int f = place.flow; f > 0; f = flows.flows[static_cast<std::size_t>(f)].parent)
      if (flows.flows[static_cast<std::size_t>(f)].map_iteration)
        iteration_events[flows.flows[static_cast<std::size_t>(f)].container]++;
  std::map<std::string, MapCount> out;
  for (const auto& [map, items] : map_items(history, flows)) {
    MapCount count;
    count.items = items;
    std::size_t inside = iteration_events[map];
    count.other_events = history.events().size() - inside;
    if (items > 0) count.events_per_item = static_cast<double>(inside) / static_cast<double>(items);
    out[map] = count;
  }
  return out;
}

QuotaUse quota(std::string name, std::string label, std::string unit, double limit) {
  QuotaUse use;
  use.name = std::move(name);
  use.label = std::move(label);
  use.unit = std::move(unit);
  use.limit = limit;
  return use;
}

void finish(QuotaUse& quota) {
  if (!quota.used || quota.limit <= 0) return;
  quota.fraction = *quota.used / quota.limit;
  quota.headroom = quota.limit - *quota.used;
  quota.zone = engine::zone_for(*quota.used, quota.limit);
}

}  // namespace

std::vector<QuotaUse> measure_quotas(const std::vector<RecordedHistory>& runs) {
  QuotaUse state = quota("state_payload", "Largest state input/output", "bytes",
                         static_cast<double>(asl::limits::kStatePayloadLimitBytes));
  QuotaUse lambda = quota("lambda_payload", "Largest Lambda invocation payload", "bytes",
                          static_cast<double>(lambda::kMaxPayloadBytes));
  QuotaUse events = quota("history_events", "History events in one execution", "events",
                          static_cast<double>(asl::limits::kStandardHistoryEvents));
  QuotaUse duration = quota("express_duration", "Express execution duration", "seconds",
                            asl::limits::kExpressExecutionSeconds);
  bool standard = false;
  bool express = false;
  std::map<std::string, QuotaUse> maps;

  for (const RecordedHistory& run : runs) {
    HistoryFlows flows = trace_flows(run.history);
    const auto& list = run.history.events();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& event = list[i];
      const std::string& owner = flows.events[i].state;
      if (auto bytes = lambda_payload(event)) {
        keep_largest(lambda, static_cast<double>(*bytes), place(run.run, owner, "payload"));
        continue;
      }
      if (auto input = event.details.string_field("input"))
        keep_largest(state, static_cast<double>(input->size()), place(run.run, owner, "input"));
      if (auto output = event.details.string_field("output"))
        keep_largest(state, static_cast<double>(output->size()),
                     place(run.run, owner, ends_with(event.type, "StateExited") ||
                                                   event.type == "ExecutionSucceeded"
                                               ? "output"
                                               : "task result"));
    }
    if (run.type == WorkflowType::kExpress) {
      express = true;
      if (!list.empty())
        keep_largest(duration, millis_to_seconds(list.back().timestamp - list.front().timestamp),
                     fmt::format("run {}", run.run));
      continue;  // no event quota, so no Map item quota either
    }
    standard = true;
    keep_largest(events, static_cast<double>(list.size()), fmt::format("run {}", run.run));

    for (const auto& [map, count] : map_counts(run.history, flows)) {
      auto [it, inserted] =
          maps.try_emplace(map, quota("map_items", fmt::format("Items of Map {}", map), "items", 0));
      QuotaUse& items = it->second;
      if (items.used && *items.used >= static_cast<double>(count.items)) continue;
      items.used = static_cast<double>(count.items);
      items.where = fmt::format("run {}", run.run);
      double room = static_cast<double>(asl::limits::kStandardHistoryEvents) -
                    static_cast<double>(count.other_events);
      items.limit =
          count.events_per_item > 0 ? std::floor(std::max(0.0, room) / count.events_per_item) : 0;
      items.note = fmt::format("{:.1f} events per item, {} events outside the Map's iterations",
                               count.events_per_item, count.other_events);
    }
  }
  std::vector<QuotaUse> out{state, lambda};
  if (standard || runs.empty()) out.push_back(events);
  if (express) out.push_back(duration);
  for (auto& [map, items] : maps) out.push_back(items);
  for (QuotaUse& use : out) finish(use);
  return out;
}

}  // namespace conflictctl::budget
