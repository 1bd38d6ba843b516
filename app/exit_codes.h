#pragma once
// conflictctl's exit codes, the same for every command. This table is the one list of them:
// main() builds the exit-code lines of `conflictctl --help` from it (exit_codes_help), and a
// CLI test checks docs/commands.md's table against it (test/cli/cli_test.cc). A new code is a
// new row here, then a row there.
//
// The constants below (kOk, kFailed, …) are looked up in the table by name at compile time,
// so each number is written once; a name the table lacks does not compile.
#include <cstddef>
#include <string>
#include <string_view>

namespace conflictctl::app {

struct ExitCode {
  int code;
  std::string_view name;     // the constant's name, e.g. "kInvalidInput"
  std::string_view summary;  // the words after the number in `conflictctl --help`
  std::string_view meaning;  // the sentence in docs/commands.md's table (Markdown)
};

inline constexpr ExitCode kExitCodes[] = {
    {0, "kOk", "ok", "success; for `validate`, every file is valid"},
    {1, "kFailed", "the run failed",
     "the execution or task ran and did not succeed (FAILED, TIMED_OUT, ABORTED, task error)"},
    {2, "kUsage", "usage",
     "the command line is wrong (unknown command or option, missing or extra argument, a value "
     "an option does not accept)"},
    {3, "kInvalidInput", "invalid input",
     "a file or value given is missing, unreadable, malformed or invalid: the definition, the "
     "mock configuration, the bindings, `--input`/`--payload` JSON, a setting. Nothing ran."},
    {4, "kDatabase", "database unavailable or busy",
     "the database is unreachable, at another schema version, or busy with another run"},
    {5, "kGate", "a gate failed",
     "`explore --fail-on` found what it names (an unreachable state or Catcher, an error that "
     "escapes every Catcher, a scenario over a limit), `explore --check` found a test case "
     "whose outcome changed, or a budget gate failed (`simulate`/`budget --fail-on`, "
     "`--max-worst-case`)"},
    {6, "kDrift", "deployed differs",
     "`deploy --check` found a deployed Lambda function or state machine that differs from the "
     "local pipeline, or is not deployed (each drifted field is named)"},
    {7, "kAws", "AWS refused",
     "an AWS service refused a call or could not be reached (the message names the service, the "
     "call and AWS's error, e.g. `Aws.AccessDeniedException`)"},
    {8, "kRefused", "refused to delete data",
     "a command that deletes data refused: the database already holds data and `--force` was "
     "not given (`db seed`; `--dry-run` lists what would be deleted). Nothing changed."},
    {9, "kNotRedrivable", "cannot be redriven",
     "`redrive` refused: the run cannot be redriven (it succeeded or is still running, is "
     "EXPRESS, is past AWS's limits of 14 days, a year or 1,000 redrives, or its history "
     "does not allow it; the message says which), or AWS refused `redrive --remote` with "
     "`ExecutionNotRedrivable`. Nothing ran."},
    {10, "kRejected", "some rows rejected",
     "`db import` loaded the good records of the extract and rejected some (each is listed "
     "with its line, column and reason); the good rows are in the table"},
    {70, "kInternal", "internal error",
     "a bug in conflictctl (an unexpected internal error); please report it"},
};

// The code named `name` in kExitCodes.
consteval int exit_code_named(std::string_view name) {
  for (const ExitCode& entry : kExitCodes)
    if (entry.name == name) return entry.code;
  throw "kExitCodes has no code of this name";  // reached at compile time: a compile error
}

inline constexpr int kOk = exit_code_named("kOk");
inline constexpr int kFailed = exit_code_named("kFailed");
inline constexpr int kUsage = exit_code_named("kUsage");
inline constexpr int kInvalidInput = exit_code_named("kInvalidInput");
inline constexpr int kDatabase = exit_code_named("kDatabase");
inline constexpr int kGate = exit_code_named("kGate");
inline constexpr int kDrift = exit_code_named("kDrift");
inline constexpr int kAws = exit_code_named("kAws");
inline constexpr int kRefused = exit_code_named("kRefused");
inline constexpr int kNotRedrivable = exit_code_named("kNotRedrivable");
inline constexpr int kRejected = exit_code_named("kRejected");
inline constexpr int kInternal = exit_code_named("kInternal");

// "Exit codes: 0 ok, 1 the run failed, …, 70 internal error." from kExitCodes, its lines
// broken between words to at most `width` characters: the end of `conflictctl --help`'s
// description.
std::string exit_codes_help(std::size_t width = 80);

}  // namespace conflictctl::app
