#pragma once
// explore's scenarios as an AWS Step Functions Local mock configuration (tasks/mock_config.h),
// and that file checked again.
//
// write_mock_file: one test case per outcome of a Report, from the smallest scenario that
// reaches it. The test case mocks every Task state that scenario called, each with the
// responses its calls got in order (consecutive equal responses as one range, "0-2"), so the
// file plays the scenario back with `conflictctl execute --mock-config F --test-case T` and
// needs neither the bindings nor explore. A test case is named after the outcome it reaches:
//
//   <end state>--<STATUS>[--<error>]      "Task01Timeout--FAILED--Task01TimeoutError"
//
// and each of its mocked responses "<test case>/<state>". The file's one state machine is
// the Report's machine name.
//
// check_mock_file: runs every test case of the subject's state machine in `file` (over the
// subject's handlers, which answer states the test case does not mock) and compares the
// outcome with the one its name states. A name that states no outcome is a diagnostic.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/json.h"
#include "explore/explore.h"

namespace conflictctl::explore {

Json write_mock_file(const Report& report);

// "<end state>--<STATUS>[--<error>]".
std::string test_case_name(const Outcome& outcome);

struct CheckedCase {
  std::string test_case;
  Outcome expected;  // as the name states it
  Outcome actual;
  double seconds = 0;  // the run's virtual duration

  bool changed() const { return expected != actual; }
};

struct CheckResult {
  Diagnostics diagnostics;  // non-empty: nothing was checked
  std::vector<CheckedCase> cases;  // in the file's order of test case names
};

CheckResult check_mock_file(const Subject& subject, const std::string& file);

// One line per test case, then a count:
//   same     Task01Timeout--FAILED--Task01TimeoutError  (901 s)
//   CHANGED  PipelineSuccess--SUCCEEDED: now FAILED at ExecuteTask02: States.Timeout
//   12 test cases, 1 changed.
std::string format_check_text(const CheckResult& result, const std::string& file);

}  // namespace conflictctl::explore
