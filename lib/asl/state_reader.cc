#include "asl/state_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "asl/assign_reader.h"
#include "asl/choice_rule_reader.h"
#include "asl/distributed_map_reader.h"
#include "asl/error_handler_reader.h"
#include "asl/field_reader.h"
#include "asl/jsonata_fields.h"
#include "asl/machine_reader.h"
#include "dataflow/payload_template.h"

namespace conflictctl::asl {

namespace {

std::optional<StateType> parse_state_type(std::string_view name) {
  for (StateType type :
       {StateType::kPass, StateType::kTask, StateType::kChoice, StateType::kWait,
        StateType::kSucceed, StateType::kFail, StateType::kParallel, StateType::kMap}) {
    if (to_string(type) == name) return type;
  }
  return std::nullopt;
}

bool is_jsonata(const FieldReader& reader) { return reader.language() == QueryLanguage::kJsonata; }

// JSONPath: InputPath and OutputPath; JSONata: Output.
void read_input_output(FieldReader& reader, State& state, Report& report) {
  if (is_jsonata(reader)) {
    state.output = read_jsonata_value(reader, "Output", report);
    return;
  }
  state.input_path = reader.path("InputPath", true);
  state.output_path = reader.path("OutputPath", true);
}

// A payload template (Parameters, ResultSelector, ItemSelector): an object whose ".$"
// fields must hold valid paths or intrinsic function calls.
std::optional<Json> read_template(FieldReader& reader, const std::string& key, Report& report) {
  const Json* value = reader.object(key);
  if (!value) return std::nullopt;
  for (const auto& problem : dataflow::check_template(*value, reader.pointer_to(key))) {
    report.add(problem.pointer, problem.message);
  }
  return *value;
}

// The fields shared by Task, Parallel and Map.
void read_result_fields(FieldReader& reader, State& state, Report& report) {
  read_input_output(reader, state, report);
  if (!is_jsonata(reader)) {
    state.result_path = reader.path("ResultPath", true);
    state.result_selector = read_template(reader, "ResultSelector", report);
  }
  state.retry = read_retry(reader, report);
  state.catchers = read_catch(reader, report);
  state.assign = read_assign(reader, report);
}

// The input of a Task's or Parallel's work: JSONPath's Parameters, JSONata's Arguments.
void read_arguments(FieldReader& reader, State& state, Report& report) {
  if (is_jsonata(reader)) {
    state.arguments = read_jsonata_value(reader, "Arguments", report);
  } else {
    state.parameters = read_template(reader, "Parameters", report);
  }
}

PassSpec read_pass(FieldReader& reader, State& state, Report& report) {
  read_input_output(reader, state, report);
  state.assign = read_assign(reader, report);
  PassSpec spec;
  if (is_jsonata(reader)) return spec;
  state.result_path = reader.path("ResultPath", true);
  state.parameters = read_template(reader, "Parameters", report);
  if (const Json* result = reader.value("Result")) spec.result = *result;
  return spec;
}

TaskSpec read_task(FieldReader& reader, State& state, Report& report) {
  read_result_fields(reader, state, report);
  read_arguments(reader, state, report);
  TaskSpec spec;
  reader.require("Resource");
  spec.resource = reader.string("Resource").value_or("");
  if (is_jsonata(reader)) {
    auto timeout = read_number_or_expression(reader, "TimeoutSeconds", true, report);
    spec.timeout_seconds = timeout.number;
    spec.timeout_seconds_expression = timeout.expression;
    auto heartbeat = read_number_or_expression(reader, "HeartbeatSeconds", true, report);
    spec.heartbeat_seconds = heartbeat.number;
    spec.heartbeat_seconds_expression = heartbeat.expression;
  } else {
    spec.timeout_seconds = reader.integer("TimeoutSeconds");
    spec.timeout_seconds_path = reader.string("TimeoutSecondsPath");
    spec.heartbeat_seconds = reader.integer("HeartbeatSeconds");
    spec.heartbeat_seconds_path = reader.string("HeartbeatSecondsPath");
  }
  // Credentials (asl/credentials.h): a payload template, or JSONata's expressions.
  if (!is_jsonata(reader))
    spec.credentials = read_template(reader, "Credentials", report);
  else if (reader.object("Credentials"))
    spec.credentials = read_jsonata_value(reader, "Credentials", report);
  return spec;
}

ChoiceSpec read_choice(FieldReader& reader, State& state, Report& report) {
  read_input_output(reader, state, report);
  ChoiceSpec spec;
  reader.require("Choices");
  if (const Json* choices = reader.array("Choices")) {
    for (std::size_t i = 0; i < choices->size(); ++i) {
      spec.choices.push_back(
          read_choice_rule((*choices)[i], pointer_append(reader.pointer_to("Choices"), i),
                           reader.language(), report));
    }
  }
  spec.default_next = reader.string("Default");
  state.assign = read_assign(reader, report);
  return spec;
}

WaitSpec read_wait(FieldReader& reader, State& state, Report& report) {
  read_input_output(reader, state, report);
  state.assign = read_assign(reader, report);
  WaitSpec spec;
  if (is_jsonata(reader)) {
    auto seconds = read_number_or_expression(reader, "Seconds", true, report);
    spec.seconds = seconds.number;
    spec.seconds_expression = seconds.expression;
    spec.timestamp = reader.string("Timestamp");
    if (spec.timestamp) {
      check_jsonata(Json(*spec.timestamp), reader.pointer_to("Timestamp"), report);
    }
    return spec;
  }
  spec.seconds = reader.integer("Seconds");
  spec.timestamp = reader.string("Timestamp");
  spec.seconds_path = reader.string("SecondsPath");
  spec.timestamp_path = reader.string("TimestampPath");
  return spec;
}

FailSpec read_fail(FieldReader& reader, Report& report) {
  FailSpec spec;
  spec.error = reader.string("Error");
  spec.cause = reader.string("Cause");
  if (is_jsonata(reader)) {
    if (spec.error) check_jsonata(*spec.error, reader.pointer_to("Error"), report);
    if (spec.cause) check_jsonata(*spec.cause, reader.pointer_to("Cause"), report);
    return spec;
  }
  spec.error_path = reader.string("ErrorPath");
  spec.cause_path = reader.string("CausePath");
  return spec;
}

ParallelSpec read_parallel(FieldReader& reader, State& state, QueryLanguage inherited,
                           Report& report) {
  read_result_fields(reader, state, report);
  read_arguments(reader, state, report);
  ParallelSpec spec;
  reader.require("Branches");
  if (const Json* branches = reader.array("Branches")) {
    for (std::size_t i = 0; i < branches->size(); ++i) {
      spec.branches.push_back(
          read_branch((*branches)[i], pointer_append(reader.pointer_to("Branches"), i), inherited,
                      report));
    }
  }
  return spec;
}

// Reads the first of two alternative names of one field (current name, older name),
// reporting when both are present. Returns the key that is present, or "".
std::string pick_alternative(FieldReader& reader, const std::string& current,
                             const std::string& legacy, Report& report) {
  if (reader.has(current) && reader.has(legacy)) {
    reader.accept(legacy);
    report.add(reader.pointer_to(legacy),
               fmt::format("{} and {} cannot both be set ({} is the older name of {})", current,
                           legacy, legacy, current));
    return current;
  }
  if (reader.has(legacy)) return legacy;
  return reader.has(current) ? current : "";
}

void read_map_processor(FieldReader& reader, MapSpec& spec, QueryLanguage inherited,
                        Report& report) {
  std::string key = pick_alternative(reader, "ItemProcessor", "Iterator", report);
  if (key.empty()) {
    reader.require("ItemProcessor");
    return;
  }
  const Json* processor = reader.object(key);
  if (!processor) return;
  ItemProcessor read =
      read_item_processor(*processor, reader.pointer_to(key), key == "Iterator", inherited, report);
  spec.processor = std::move(read.machine);
  spec.distributed = read.distributed;
  spec.child_type = read.child_type;
}

// Step Functions: ItemReader, ItemBatcher, ResultWriter, the tolerated failure thresholds
// and Label belong to the Distributed Map only.
void report_distributed_only_fields(FieldReader& reader, Report& report) {
  static constexpr std::array<std::string_view, 8> kDistributedOnly = {
      "ItemReader",
      "ItemBatcher",
      "ResultWriter",
      "ToleratedFailurePercentage",
      "ToleratedFailurePercentagePath",
      "ToleratedFailureCount",
      "ToleratedFailureCountPath",
      "Label"};
  for (std::string_view field : kDistributedOnly) {
    std::string key(field);
    if (reader.has(key)) {
      report.add(reader.pointer_to(key),
                 fmt::format("{} is only valid in a Map state whose ProcessorConfig Mode is "
                             "DISTRIBUTED",
                             key));
    }
  }
}

// ItemReader, ItemBatcher, ResultWriter and Label (asl/distributed_map_reader.h); on a Map
// that is not distributed they are reported instead.
void read_distributed_fields(FieldReader& reader, MapSpec& spec, Report& report) {
  if (!spec.distributed) {
    report_distributed_only_fields(reader, report);
    for (const char* key : {"ItemReader", "ItemBatcher", "ResultWriter", "Label"})
      reader.accept(key);
    return;
  }
  spec.item_reader = read_item_reader(reader, report);
  spec.item_batcher = read_item_batcher(reader, report);
  spec.result_writer = read_result_writer(reader, report);
  spec.label = reader.string("Label");
  if (spec.label && (spec.label->empty() || spec.label->size() > 40))
    report.add(reader.pointer_to("Label"), "Label must be 1 to 40 characters long");
}

// A JSONata Map: Items, ItemSelector and the counts may hold expressions.
void read_jsonata_map(FieldReader& reader, MapSpec& spec, Report& report) {
  spec.items = read_jsonata_value(reader, "Items", report);
  // A Distributed Map iterates over an object's entries too (engine/item_reader.h).
  if (spec.items && !spec.items->is_array() && !(spec.distributed && spec.items->is_object()) &&
      !(spec.items->is_string() && is_jsonata_expression(spec.items->get<std::string>()))) {
    report.add(reader.pointer_to("Items"),
               fmt::format("Items must be an array{} or a JSONata expression \"{{% … %}}\", "
                           "not {}",
                           spec.distributed ? ", an object" : "",
                           describe_json_type(*spec.items)));
  }
  spec.item_selector = read_jsonata_value(reader, "ItemSelector", report);
  auto concurrency = read_number_or_expression(reader, "MaxConcurrency", true, report);
  if (concurrency.number) spec.max_concurrency = saturate_to_int(*concurrency.number);
  spec.max_concurrency_expression = concurrency.expression;
  auto percentage = read_number_or_expression(reader, "ToleratedFailurePercentage", false, report);
  spec.tolerated_failure_percentage = percentage.number;
  spec.tolerated_failure_percentage_expression = percentage.expression;
  auto count = read_number_or_expression(reader, "ToleratedFailureCount", true, report);
  if (count.number) spec.tolerated_failure_count = saturate_to_int(*count.number);
  spec.tolerated_failure_count_expression = count.expression;
}

MapSpec read_map(FieldReader& reader, State& state, QueryLanguage inherited, Report& report) {
  read_result_fields(reader, state, report);
  MapSpec spec;
  read_map_processor(reader, spec, inherited, report);
  if (is_jsonata(reader)) {
    read_jsonata_map(reader, spec, report);
    read_distributed_fields(reader, spec, report);
    return spec;
  }
  spec.items_path = reader.path("ItemsPath", false);
  std::string selector = pick_alternative(reader, "ItemSelector", "Parameters", report);
  if (!selector.empty()) spec.item_selector = read_template(reader, selector, report);
  if (auto value = reader.integer("MaxConcurrency")) spec.max_concurrency = saturate_to_int(*value);
  spec.max_concurrency_path = reader.string("MaxConcurrencyPath");
  spec.tolerated_failure_percentage = reader.number("ToleratedFailurePercentage");
  spec.tolerated_failure_percentage_path = reader.string("ToleratedFailurePercentagePath");
  if (auto value = reader.integer("ToleratedFailureCount")) {
    spec.tolerated_failure_count = saturate_to_int(*value);
  }
  spec.tolerated_failure_count_path = reader.string("ToleratedFailureCountPath");
  read_distributed_fields(reader, spec, report);
  return spec;
}

// Whether any key or string in `json` contains "$$" (definitions are depth-capped when read).
bool mentions_context(const Json& json) {
  if (json.is_string()) return json.get_ref<const std::string&>().find("$$") != std::string::npos;
  if (json.is_array())
    return std::any_of(json.begin(), json.end(), [](const Json& v) { return mentions_context(v); });
  if (!json.is_object()) return false;
  for (const auto& [key, value] : json.items())
    if (key.find("$$") != std::string::npos || mentions_context(value)) return true;
  return false;
}

}  // namespace

std::optional<State> read_state(const std::string& name, const Json& json,
                                const std::string& pointer, QueryLanguage inherited,
                                Report& report) {
  if (!json.is_object()) {
    report.add(pointer,
               fmt::format("state '{}' must be an object, not {}", name, describe_json_type(json)));
    return std::nullopt;
  }
  // The state's own QueryLanguage, else the state machine's. AWS: a state machine whose
  // QueryLanguage is JSONata cannot have JSONPath states.
  FieldReader reader(json, pointer, report, inherited);
  QueryLanguage language = inherited;
  std::optional<QueryLanguage> own = read_query_language(reader, report);
  if (own == QueryLanguage::kJsonPath && inherited == QueryLanguage::kJsonata) {
    report.add(reader.pointer_to("QueryLanguage"),
               "a state cannot use JSONPath when the state machine's QueryLanguage is JSONata");
  } else if (own) {
    language = *own;
    reader.set_language(language);
  }
  if (!reader.require("Type")) return std::nullopt;
  auto type_name = reader.string("Type");
  if (!type_name) return std::nullopt;
  std::optional<StateType> type = parse_state_type(*type_name);
  if (!type) {
    report.add(reader.pointer_to("Type"),
               fmt::format("unknown state type '{}'; expected Pass, Task, Choice, Wait, Succeed, "
                           "Fail, Parallel or Map",
                           *type_name));
    return std::nullopt;
  }
  State state;
  state.query_language = language;
  state.name = name;
  state.type = *type;
  state.pointer = pointer;
  state.comment = reader.string("Comment");
  // JSONata reads the context object as $states.context, in any expression.
  state.reads_context = language == QueryLanguage::kJsonata || mentions_context(json);
  state.next = reader.string("Next");
  state.end = reader.boolean("End").value_or(false);
  switch (*type) {
    case StateType::kPass:
      state.spec = read_pass(reader, state, report);
      break;
    case StateType::kTask:
      state.spec = read_task(reader, state, report);
      break;
    case StateType::kChoice:
      state.spec = read_choice(reader, state, report);
      break;
    case StateType::kWait:
      state.spec = read_wait(reader, state, report);
      break;
    case StateType::kSucceed:
      read_input_output(reader, state, report);
      state.spec = SucceedSpec{};
      break;
    case StateType::kFail:
      state.spec = read_fail(reader, report);
      break;
    case StateType::kParallel:
      state.spec = read_parallel(reader, state, inherited, report);
      break;
    case StateType::kMap:
      state.spec = read_map(reader, state, inherited, report);
      break;
  }
  reader.report_unknown(fmt::format("a {} state", to_string(*type)));
  return state;
}

}  // namespace conflictctl::asl
