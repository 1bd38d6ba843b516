// The C++ side of the JSONata differential check (test/jsonata/differential.sh): reads cases
// as JSON Lines {"expr": text, "input": value (absent: undefined), "bindings": {name: value}}
// on stdin and prints one JSON line per case: {"result": value}, {} for undefined, or
// {"error": code}. reference.js prints the same for jsonata-js.
#include <iostream>
#include <string>

#include "jsonata/jsonata.h"

using namespace conflictctl;

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json out = Json::object();
    try {
      const Json c = Json::parse(line);
      jsonata::Environment environment;
      if (c.contains("bindings")) {
        for (auto it = c["bindings"].begin(); it != c["bindings"].end(); ++it) {
          environment.variables[it.key()] = it.value();
        }
      }
      jsonata::Value input;
      if (c.contains("input")) input = c["input"];
      Result<jsonata::Value> result =
          jsonata::evaluate(c["expr"].get<std::string>(), input, environment);
      if (!result) {
        out["error"] = result.error().name;
        out["message"] = result.error().cause;
      } else if (result->has_value()) {
        out["result"] = **result;
      }
    } catch (const std::exception& e) {
      out["error"] = std::string("bad case: ") + e.what();
    }
    std::cout << out.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
  return 0;
}
