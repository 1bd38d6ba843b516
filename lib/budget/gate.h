#pragma once
// The budget gates, for CI before a deploy: `simulate --fail-on` and `budget --fail-on` fail
// when an invocation is in the zone named or beyond, and `--max-worst-case SECONDS` fails when
// the worst case from the definition exceeds it (or is unbounded).
//
// Zones are engine/run_summary.h's, per invocation against its limit: warning from 80 % of the
// limit, over beyond it. `--fail-on warning` fails on warning and over; `--fail-on over` on
// over only. An invocation that failed with an error of its own before its limit is neither.
// A Task without a limit is never in a zone.
//
// Each finding is one sentence, e.g.
//   "ExecuteTask02: an invocation took 850 s of its 900 s limit (94.4 %, warning)"
//   "the worst case from the definition, 5,616 s, exceeds --max-worst-case 3,600 s"
// The caller prints them and exits with kGate when there is any.
//
// Pure; thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "budget/measured.h"
#include "budget/worst_case.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {

enum class GateZone { kWarning, kOver };

// "warning" or "over"; nullopt for anything else.
std::optional<GateZone> parse_gate_zone(std::string_view text);

struct GateOptions {
  std::optional<GateZone> fail_on;             // Default: no zone gate
  std::optional<double> max_worst_case_seconds;  // Default: no worst-case gate
};

// The findings of one run (simulate): every Task invocation in the zone.
std::vector<std::string> run_gate(const engine::RunSummary& run, const WorstCase& worst,
                                  const GateOptions& options);

// The findings of the measured runs (budget): every Task whose longest invocation is in the
// zone.
std::vector<std::string> measured_gate(const Measured& measured, const WorstCase& worst,
                                       const GateOptions& options);

}  // namespace conflictctl::budget
