#pragma once
// The rules of the States Language that a well-formed definition must also follow: how
// states and fields relate to each other, and what values they may hold.
//
// asl::parse_definition (asl/parser.h) calls `validate` once the reader
// (asl/machine_reader.h) found the document's shape right — JSON types, known and required
// fields, payload templates. `validate` also works on a machine built in code; it then
// checks everything except those shape rules. Nested machines (Parallel branches, a Map's
// ItemProcessor) are checked the same way, each with its own JSON Pointer prefix, and their
// transitions may only name states of the same machine.
//
// Rules, each reported at the JSON Pointer of the offending field:
//  Transitions  StartAt, Next, Default, Choice rule Next and Catcher Next name an existing
//               state; every state can be reached from StartAt; Pass, Task, Wait, Parallel
//               and Map states have exactly one of Next and "End": true; Choice, Succeed and
//               Fail states have neither.
//  Choice       at least one rule; top-level rules have Next, nested ones do not; And/Or
//               hold at least one rule; operands fit their operator (StringEquals a string,
//               NumericEquals a number, BooleanEquals and Is* a boolean, Timestamp* an
//               RFC 3339 timestamp, …Path operators a reference path); Variable is a
//               reference path.
//  Errors       ErrorEquals is not empty; States.ALL appears alone and only in the last
//               Retrier or Catcher; names starting with "States." are predefined ones; a
//               Fail state's Error does not start with "States.".
//  Retry        IntervalSeconds 1..99999999, MaxAttempts 0..99999999, BackoffRate >= 1.0,
//               MaxDelaySeconds 1..31622401.
//  Timeouts     TimeoutSeconds and HeartbeatSeconds 1..99999999, HeartbeatSeconds smaller
//               than TimeoutSeconds; a value and its …Path alternative are never both set.
//  Task         an activity ARN names a valid activity (asl/resource.h); Credentials hold
//               exactly one of RoleArn (an IAM role ARN; JSONata: or an expression) and
//               RoleArn.$, and are not given to an activity (asl/credentials.h).
//  Wait         exactly one of Seconds (0..99999999), Timestamp (RFC 3339), SecondsPath,
//               TimestampPath.
//  Fail         not both Error and ErrorPath, nor Cause and CausePath; ErrorPath and
//               CausePath are reference paths or intrinsic function calls.
//  Parallel/Map at least one branch; MaxConcurrency >= 0; ToleratedFailurePercentage
//               0..100; ToleratedFailureCount >= 0.
//  Paths        InputPath and OutputPath are paths; ResultPath, ItemsPath and every other
//               …Path field are reference paths (dataflow/path.h check_path).
//  Names        state names are at most 80 characters long.
#include <set>
#include <string>
#include <utility>

#include "asl/model.h"
#include "core/diagnostic.h"

namespace conflictctl::asl {

// What the reader could not read of a definition with problems, so that the validator, which
// still checks the rest, does not report what only follows from them.
struct ReadGaps {
  // (machine pointer, state name): a state under States the reader could not read (not an
  // object, no or an unknown Type). A transition to it is not "no state named …".
  std::set<std::pair<std::string, std::string>> unread_states;
  // Pointers of the machines ("" the top level) where anything could not be read: a
  // transition may be missing, so no state of theirs is called unreachable.
  std::set<std::string> incomplete_machines;
};

// Every problem in `machine`; `file` is only used in the diagnostics. Empty when valid.
// `gaps`: what the reader could not read, when it found problems.
Diagnostics validate(const StateMachine& machine, const std::string& file,
                     const ReadGaps& gaps = {});

}  // namespace conflictctl::asl
