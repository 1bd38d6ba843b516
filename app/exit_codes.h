#pragma once
// conflictctl's exit codes, the same for every command (docs/commands.md lists them).
namespace conflictctl::app {

inline constexpr int kOk = 0;            // success; for `validate`, every file is valid
inline constexpr int kFailed = 1;        // the execution or task ran and did not succeed
inline constexpr int kUsage = 2;         // the command line is wrong (unknown option, …)
inline constexpr int kInvalidInput = 3;  // a file or value given is missing, unreadable,
                                         // malformed or invalid (definition, mock config,
                                         // bindings, --input JSON)
inline constexpr int kDatabase = 4;     // the database is unreachable, at another schema
                                         // version, or busy with another run
inline constexpr int kInternal = 70;     // a bug in conflictctl: please report it

}  // namespace conflictctl::app
