#include "asl/machine_reader.h"

#include <fmt/format.h>

#include "asl/state_reader.h"

namespace conflictctl::asl {

namespace {

void read_states(FieldReader& reader, StateMachine& machine, QueryLanguage inherited,
                 Report& report) {
  reader.require("States");
  const Json* states = reader.object("States");
  if (!states) return;
  for (const auto& [name, json] : states->items()) {
    std::string pointer = pointer_append(reader.pointer_to("States"), name);
    std::optional<State> state = read_state(name, json, pointer, inherited, report);
    if (!state) {
      report.gaps().unread_states.emplace(machine.pointer, name);
      continue;
    }
    machine.state_order.push_back(name);
    machine.states.emplace(name, std::move(*state));
  }
}

// The fields every machine has, top-level or nested: Comment, StartAt, States.
void read_body(FieldReader& reader, StateMachine& machine, QueryLanguage inherited,
               Report& report) {
  const std::size_t problems = report.size();
  machine.comment = reader.string("Comment");
  reader.require("StartAt");
  machine.start_at = reader.string("StartAt").value_or("");
  machine.query_language = inherited;
  read_states(reader, machine, inherited, report);
  if (report.size() != problems) report.gaps().incomplete_machines.insert(machine.pointer);
}

// ProcessorConfig of an ItemProcessor into `into`: Mode INLINE (default) or DISTRIBUTED, and
// the ExecutionType (STANDARD or EXPRESS) of a Distributed Map's child executions, which
// DISTRIBUTED requires (AWS, "ItemProcessor": "ExecutionType ... Required if Mode is
// DISTRIBUTED").
void read_processor_config(FieldReader& processor, ItemProcessor& into, Report& report) {
  const Json* config = processor.object("ProcessorConfig");
  if (!config) return;
  FieldReader reader(*config, processor.pointer_to("ProcessorConfig"), report);
  if (auto mode = reader.string("Mode")) {
    into.distributed = *mode == "DISTRIBUTED";
    if (!into.distributed && *mode != "INLINE") {
      report.add(reader.pointer_to("Mode"),
                 fmt::format("Mode must be INLINE or DISTRIBUTED, not '{}'", *mode));
    }
  }
  if (auto type = reader.string("ExecutionType")) {
    if (auto parsed = parse_workflow_type(*type)) into.child_type = *parsed;
    else
      report.add(reader.pointer_to("ExecutionType"),
                 fmt::format("ExecutionType must be STANDARD or EXPRESS, not '{}'", *type));
  } else if (into.distributed && !config->contains("ExecutionType")) {
    report.add(processor.pointer_to("ProcessorConfig"),
               "ProcessorConfig needs ExecutionType (STANDARD or EXPRESS) when Mode is "
               "DISTRIBUTED");
  }
  reader.report_unknown("ProcessorConfig");
}

}  // namespace

std::optional<QueryLanguage> read_query_language(FieldReader& reader, Report& report) {
  auto language = reader.string("QueryLanguage");
  if (!language) return std::nullopt;
  if (*language == "JSONPath") return QueryLanguage::kJsonPath;
  if (*language == "JSONata") return QueryLanguage::kJsonata;
  report.add(reader.pointer_to("QueryLanguage"),
             fmt::format("QueryLanguage must be JSONPath or JSONata, not '{}'", *language));
  return std::nullopt;
}

StateMachine read_state_machine(const Json& document, Report& report) {
  StateMachine machine;
  if (!document.is_object()) {
    report.add("", fmt::format("a state machine definition must be a JSON object, not {}",
                               describe_json_type(document)));
    return machine;
  }
  FieldReader reader(document, "", report);
  read_body(reader, machine, read_query_language(reader, report).value_or(QueryLanguage::kJsonPath),
            report);
  machine.timeout_seconds = reader.integer("TimeoutSeconds");
  if (auto version = reader.string("Version")) {
    // Spec: "Version … The version of the Amazon States Language used in the state
    // machine (default "1.0")"; 1.0 is the only version there is.
    if (*version != "1.0") {
      report.add(reader.pointer_to("Version"),
                 fmt::format("Version must be \"1.0\", not '{}'", *version));
    }
    machine.version = *version;
  }
  reader.report_unknown("a state machine");
  return machine;
}

std::shared_ptr<const StateMachine> read_branch(const Json& branch, const std::string& pointer,
                                                QueryLanguage inherited, Report& report) {
  auto machine = std::make_shared<StateMachine>();
  machine->pointer = pointer;
  if (!branch.is_object()) {
    report.add(pointer, fmt::format("a Parallel branch must be an object, not {}",
                                    describe_json_type(branch)));
    return machine;
  }
  FieldReader reader(branch, pointer, report);
  read_body(reader, *machine, inherited, report);
  reader.report_unknown("a Parallel branch");
  return machine;
}

ItemProcessor read_item_processor(const Json& processor, const std::string& pointer,
                                  bool legacy_iterator, QueryLanguage inherited,
                                  Report& report) {
  auto machine = std::make_shared<StateMachine>();
  machine->pointer = pointer;
  FieldReader reader(processor, pointer, report);
  ItemProcessor read;
  if (!legacy_iterator) read_processor_config(reader, read, report);
  read_body(reader, *machine, inherited, report);
  reader.report_unknown(legacy_iterator ? "an Iterator" : "an ItemProcessor");
  read.machine = std::move(machine);
  return read;
}

}  // namespace conflictctl::asl
