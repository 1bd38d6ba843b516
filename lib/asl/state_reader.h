#pragma once
// Reading one state of a States object into an asl::State, by its Type. Part of the reader
// described in asl/machine_reader.h: it reports wrong JSON types, fields that the state's
// type does not have, and missing required fields.
//
// Fields each state type may have (besides Type, Comment and QueryLanguage), as the spec
// and the Step Functions documentation list them for the JSONPath query language:
//   Pass      Next End InputPath OutputPath ResultPath Parameters Result
//   Task      Next End InputPath OutputPath ResultPath Parameters ResultSelector Retry Catch
//             Resource TimeoutSeconds(Path) HeartbeatSeconds(Path) Credentials
//   Choice    InputPath OutputPath Choices Default
//   Wait      Next End InputPath OutputPath Seconds Timestamp SecondsPath TimestampPath
//   Succeed   InputPath OutputPath
//   Fail      Error ErrorPath Cause CausePath
//   Parallel  Next End InputPath OutputPath ResultPath Parameters ResultSelector Retry Catch
//             Branches
//   Map       Next End InputPath OutputPath ResultPath ResultSelector Retry Catch
//             ItemProcessor (or the older Iterator) ItemsPath ItemSelector (or the older
//             Parameters) MaxConcurrency(Path); Distributed Map only: ItemReader
//             ItemBatcher ResultWriter ToleratedFailurePercentage(Path)
//             ToleratedFailureCount(Path) Label
// Next and End are read on every type; the validator reports them where they do not
// belong (Choice, Succeed, Fail). Assign: Pass, Task, Choice, Wait, Parallel, Map.
//
// In the JSONata query language (AWS, "Transforming data with JSONata") the JSONPath fields
// (InputPath, OutputPath, ResultPath, Parameters, ResultSelector, Result, ItemsPath and every
// *Path field) are gone; instead:
//   all but Fail  Output          Task, Parallel  Arguments        Map  Items
//   Choice rules  Condition Next Assign Output    Catchers  ErrorEquals Next Assign Output
// and TimeoutSeconds, HeartbeatSeconds, Seconds, Timestamp, MaxConcurrency, the tolerated
// failure thresholds, Error and Cause may be "{% … %}" expressions (asl/jsonata_fields.h).
#include <optional>
#include <string>

#include "asl/model.h"
#include "asl/report.h"
#include "core/json.h"

namespace conflictctl::asl {

// Nullopt when the state cannot be read at all (not an object, no or unknown Type); the
// reason is in `report`. `inherited` is the state machine's query language, which the state
// may override with its own QueryLanguage (JSONPath only when inherited is JSONPath).
std::optional<State> read_state(const std::string& name, const Json& json,
                                const std::string& pointer, QueryLanguage inherited,
                                Report& report);

}  // namespace conflictctl::asl
