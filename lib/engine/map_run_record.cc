#include "engine/map_run_record.h"

#include <fmt/format.h>

#include <cstdint>

#include "core/error_names.h"
#include "core/timestamp.h"

namespace conflictctl::engine {

namespace {

Json child_json(const MapRunChild& child) {
  const ChildExecution& execution = child.execution;
  Json json = {{"index", child.index},
               {"items", child.items},
               {"name", execution.name},
               {"arn", execution.arn},
               {"stateMachineArn", execution.state_machine_arn},
               {"status", execution.status},
               {"input", execution.input}};
  if (execution.output) json["output"] = *execution.output;
  if (execution.error) {
    json["error"] = execution.error->name;
    json["cause"] = execution.error->cause;
  }
  json["startDate"] = format_timestamp(execution.start);
  json["stopDate"] = format_timestamp(execution.stop);
  json["redriveCount"] = execution.redrive_count;
  if (!child.history.is_null()) json["history"] = child.history;
  return json;
}

class Reader {
 public:
  explicit Reader(std::string pointer) : pointer_(std::move(pointer)) {}

  Result<std::string> text(const Json& object, const char* key, bool required = true) const {
    auto it = object.find(key);
    if (it == object.end() && !required) return std::string();
    if (it == object.end() || !it->is_string()) return bad(key, "a string");
    return it->get<std::string>();
  }
  Result<std::size_t> count(const Json& object, const char* key) const {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer() || it->get<std::int64_t>() < 0)
      return bad(key, "a whole number");
    return it->get<std::size_t>();
  }
  Result<Timestamp> time(const Json& object, const char* key) const {
    auto value = text(object, key);
    if (!value) return value.error();
    auto at = parse_timestamp(*value);
    if (!at) return bad(key, "an RFC 3339 timestamp");
    return *at;
  }
  Error bad(std::string_view key, std::string_view what) const {
    return errors::runtime_error(fmt::format("{}{}{}: must be {}", pointer_,
                                             key.empty() ? "" : "/", key, what));
  }
  const std::string& pointer() const { return pointer_; }

 private:
  std::string pointer_;
};

Result<MapRunChild> child_from_json(const Json& json, const Reader& at) {
  if (!json.is_object()) return at.bad("", "an object");
  MapRunChild child;
  ChildExecution& execution = child.execution;
  auto index = at.count(json, "index");
  if (!index) return index.error();
  child.index = *index;
  auto items = at.count(json, "items");
  if (!items) return items.error();
  child.items = *items;
  for (auto [key, field] : {std::pair{"name", &execution.name}, {"arn", &execution.arn},
                            {"stateMachineArn", &execution.state_machine_arn},
                            {"status", &execution.status}, {"input", &execution.input}}) {
    auto value = at.text(json, key);
    if (!value) return value.error();
    *field = std::move(*value);
  }
  if (json.contains("output")) {
    auto output = at.text(json, "output");
    if (!output) return output.error();
    execution.output = std::move(*output);
  }
  if (json.contains("error")) {
    auto error = at.text(json, "error");
    if (!error) return error.error();
    auto cause = at.text(json, "cause", false);
    if (!cause) return cause.error();
    execution.error = Error{std::move(*error), std::move(*cause)};
  }
  auto start = at.time(json, "startDate");
  if (!start) return start.error();
  execution.start = *start;
  auto stop = at.time(json, "stopDate");
  if (!stop) return stop.error();
  execution.stop = *stop;
  auto redrives = at.count(json, "redriveCount");
  if (!redrives) return redrives.error();
  execution.redrive_count = static_cast<int>(*redrives);
  if (auto history = json.find("history"); history != json.end()) {
    if (!history->is_object() || !history->contains("events"))
      return at.bad("history", "an object with events");
    child.history = *history;
  }
  return child;
}

}  // namespace

Json to_json(const std::vector<MapRunRecord>& map_runs) {
  Json json = Json::array();
  for (const MapRunRecord& run : map_runs) {
    Json children = Json::array();
    for (const MapRunChild& child : run.children) children.push_back(child_json(child));
    json.push_back(Json{{"mapRunArn", run.arn}, {"children", std::move(children)}});
  }
  return json;
}

Result<std::vector<MapRunRecord>> map_runs_from_json(const Json& json,
                                                     const std::string& pointer) {
  std::vector<MapRunRecord> map_runs;
  if (json.is_null()) return map_runs;
  if (!json.is_array()) return Reader(pointer).bad("", "an array");
  for (std::size_t i = 0; i < json.size(); ++i) {
    const Reader at(fmt::format("{}/{}", pointer, i));
    const Json& run = json[i];
    if (!run.is_object()) return at.bad("", "an object");
    MapRunRecord record;
    auto arn = at.text(run, "mapRunArn");
    if (!arn) return arn.error();
    record.arn = std::move(*arn);
    auto children = run.find("children");
    if (children == run.end() || !children->is_array())
      return at.bad("children", "an array");
    for (std::size_t j = 0; j < children->size(); ++j) {
      auto child =
          child_from_json((*children)[j], Reader(fmt::format("{}/children/{}", at.pointer(), j)));
      if (!child) return child.error();
      record.children.push_back(std::move(*child));
    }
    map_runs.push_back(std::move(record));
  }
  return map_runs;
}

}  // namespace conflictctl::engine
