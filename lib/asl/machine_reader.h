#pragma once
// Reading the JSON of a definition into an asl::StateMachine (asl/model.h).
//
// The reader checks the *shape* of the document — everything that can only be seen in the
// JSON itself:
//  - the JSON type of every field ("TimeoutSeconds": "60" → "must be an integer, not a
//    string"), integers where the spec wants integers;
//  - fields unknown for the object that holds them (each state type has its own set) and
//    missing required fields (StartAt, States, Type, Resource, Choices, Branches, …);
//  - alternatives the model cannot hold both of (ItemProcessor/Iterator,
//    ItemSelector/Parameters on a Map), Choice rules with no or several operators,
//    enumerations (JitterStrategy, ProcessorConfig Mode, Version, QueryLanguage);
//  - the ".$" fields of Parameters, ResultSelector and ItemSelector
//    (dataflow::check_template), reported at the field's own JSON Pointer.
// QueryLanguage: the top level's applies to every state (nested ones too) that does not name
// its own; a JSONata state machine may not have JSONPath states. JSONata states are read by
// their own field list (asl/state_reader.h, asl/jsonata_fields.h).
// Spec defaults (asl/defaults.h) fill absent optional fields; every state, Retrier,
// Catcher and Choice rule gets its JSON Pointer.
//
// The rules that relate fields and states to each other are the validator's
// (asl/validator.h); asl::parse_definition runs it once the shape is right.
#include <memory>
#include <string>

#include "asl/field_reader.h"
#include "asl/model.h"
#include "asl/report.h"
#include "core/json.h"

namespace conflictctl::asl {

// The top level of a definition.
StateMachine read_state_machine(const Json& document, Report& report);

// One element of a Parallel state's Branches, at `pointer`; `inherited` is the state
// machine's query language.
std::shared_ptr<const StateMachine> read_branch(const Json& branch, const std::string& pointer,
                                                QueryLanguage inherited, Report& report);

// A Map state's ItemProcessor (or, with `legacy_iterator`, its Iterator) at `pointer`.
struct ItemProcessor {
  std::shared_ptr<const StateMachine> machine;
  bool distributed = false;  // ProcessorConfig.Mode == "DISTRIBUTED"
  WorkflowType child_type = WorkflowType::kStandard;  // ProcessorConfig.ExecutionType
};
ItemProcessor read_item_processor(const Json& processor, const std::string& pointer,
                                  bool legacy_iterator, QueryLanguage inherited,
                                  Report& report);

// The optional QueryLanguage field of a machine or a state: nullopt when absent (or not one
// of the two names, reported).
std::optional<QueryLanguage> read_query_language(FieldReader& reader, Report& report);

}  // namespace conflictctl::asl
