#pragma once
// Helpers shared by the asl tests (not part of the library).
#include <string>
#include <vector>

#include "asl/parser.h"

namespace conflictctl::asl::testing {

// Each diagnostic in its printed form.
inline std::vector<std::string> printed(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : diagnostics) lines.push_back(diagnostic.to_string());
  return lines;
}

// Every diagnostic of `text`, parsed as "x.asl.json", in its printed form.
inline std::vector<std::string> problems(const std::string& text) {
  return printed(parse_definition(text, "x.asl.json").diagnostics);
}

// A definition whose only state, "A", is the JSON object `state`.
inline std::string single_state(const std::string& state) {
  return R"({"StartAt": "A", "States": {"A": )" + state + "}}";
}

// A definition with state "A" (the JSON object `state`) and a Succeed state "Done" that
// A's transitions can name.
inline std::string state_and_done(const std::string& state) {
  return R"({"StartAt": "A", "States": {"A": )" + state + R"(, "Done": {"Type": "Succeed"}}})";
}

}  // namespace conflictctl::asl::testing
