// The conflictctl binary as a user runs it: outputs, messages and exit codes
// (docs/commands.md documents them).
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

#include "exit_codes.h"  // the one list of exit codes; header-only, no CLI11
#include "core/json.h"
#include "source_tree.h"

namespace {

using conflictctl::Json;

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kSource = conflictctl::test::source_dir();
const std::string kMocks = kSource + "/pipelines/mocks/conflict_report.mocks.json";

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("conflictctl_cli_" + name)).string();
}

// A fresh directory, removed with this object.
class TempDir {
 public:
  TempDir() : path_(temp_path("dir_XXXXXX")) {
    if (!mkdtemp(path_.data())) throw std::runtime_error("mkdtemp failed");
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Where the commands record their runs during these tests: never $HOME.
const TempDir& state_dir() {
  static const TempDir dir;
  return dir;
}

// Runs conflictctl with `args` (shell words) from the source directory, `env` before it.
Run cli_prefixed(const std::string& env, const std::string& args) {
  std::string err_file = temp_path("stderr_XXXXXX");
  int fd = mkstemp(err_file.data());  // unique: ctest runs these tests in parallel
  REQUIRE(fd >= 0);
  close(fd);
  std::string command = "cd '" + kSource + "' && CONFLICTCTL_STATE_DIR='" + state_dir().path() +
                        "' " + env + "'" + CONFLICTCTL_BINARY + "' " +
                        args + " 2>'" + err_file + "' </dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  int status = pclose(pipe);
  Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, slurp(err_file)};
  std::filesystem::remove(err_file);
  return run;
}

// Runs conflictctl with environment assignments (shell words, e.g. "A=1 B=2 ") before it.
Run cli_with_env(const std::string& env, const std::string& args) {
  return cli_prefixed(env, args);
}

Run cli(const std::string& args) { return cli_prefixed("", args); }

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the version flag prints the version") {
  auto run = cli("--version");
  CHECK(run.exit_code == 0);
  CHECK(run.out == "conflictctl 0.1.0\n");
}

TEST_CASE("conflictctl --help ends its description with the exit codes of app/exit_codes.h") {
  auto run = cli("--help");
  CHECK(run.exit_code == 0);
  CHECK(run.out.starts_with(
      "conflictctl — run AWS Step Functions pipelines locally, with AWS semantics.\n"
      "Exit codes: 0 ok, 1 the run failed, 2 usage, 3 invalid input, 4 database\n"
      "unavailable or busy, 5 a gate failed, 6 deployed differs, 7 AWS refused, 8\n"
      "refused to delete data, 9 cannot be redriven, 10 some rows rejected, 70 internal\n"
      "error.\n"
      "Usage: conflictctl [OPTIONS] SUBCOMMAND\n"));
}

TEST_CASE("docs/commands.md's exit-code table is app/exit_codes.h's, row for row") {
  std::istringstream doc(slurp(conflictctl::test::source_path("docs/commands.md")));
  std::vector<std::string> documented, listed;  // "| code | meaning |" rows
  std::string line;
  while (std::getline(doc, line) && line != "## Exit codes") continue;
  while (std::getline(doc, line) && !line.starts_with("## "))
    if (std::regex_match(line, std::regex(R"(\| \d+ \| .* \|)"))) documented.push_back(line);
  for (const auto& entry : conflictctl::app::kExitCodes)
    listed.push_back("| " + std::to_string(entry.code) + " | " + std::string(entry.meaning) + " |");
  CHECK(documented == listed);
}

TEST_CASE("an unknown subcommand is a usage error") {
  auto run = cli("frobnicate");
  CHECK(run.exit_code == 2);
}

TEST_CASE("an unknown command is named, with the commands there are") {
  auto run = cli("bogus");
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(run.err ==
        "Unknown command 'bogus'; the commands are validate, execute, test-state, simulate, "
        "redrive, run, explore, graph, history, budget, package, deploy, start, lambda-runtime, "
        "db, "
        "config.\n"
        "Run with --help for more information.\n");
  CHECK(cli("").err == "A subcommand is required\nRun with --help for more information.\n");
}

TEST_CASE("a numeric option out of its range says so in a line, not in 309 digits") {
  struct Case {
    const char* args;
    const char* err;
  };
  const Case cases[] = {
      {"budget --scale -1", "--scale: -1 is not a number greater than 0"},
      {"budget --scale nan", "--scale: nan is not a number greater than 0"},
      {"budget --runs 0", "--runs: 0 is not a whole number of 1 or more"},
      {"budget --items 2.5", "--items: 2.5 is not a whole number of 0 or more"},
      {"run task_02 --mock --timeout 0", "--timeout: 0 is not a number greater than 0"},
      {"history --limit -1", "--limit: -1 is not a whole number of 0 or more"},
      {"db check --limit x", "--limit: x is not a whole number of 0 or more"},
      {"graph --budget --items -3", "--items: -3 is not a whole number of 0 or more"},
      {"lambda-runtime --deadline-margin -1",
       "--deadline-margin: -1 is not a number of 0 or more"},
      {"lambda-runtime --max-invocations 0",
       "--max-invocations: 0 is not a whole number of 1 or more"},
  };
  for (const Case& c : cases) {
    INFO(c.args);
    auto run = cli(c.args);
    CHECK(run.exit_code == 2);
    CHECK(run.err == std::string(c.err) + "\nRun with --help for more information.\n");
  }
}

TEST_CASE("every command has --help") {
  for (const char* command : {"validate", "execute", "simulate", "run"}) {
    auto run = cli(std::string(command) + " --help");
    INFO(command);
    CHECK(run.exit_code == 0);
    CHECK(has(run.out, "Usage"));
  }
}

TEST_CASE("validate accepts both reference definitions") {
  auto run = cli(
      "validate pipelines/conflict_report.asl.json pipelines/conflict_report_chunked.asl.json");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "pipelines/conflict_report.asl.json: valid"));
  CHECK(has(run.out, "pipelines/conflict_report_chunked.asl.json: valid"));
}

TEST_CASE("validate names a missing file and exits 3") {
  auto run = cli("validate no/such/file.asl.json");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, "no/such/file.asl.json"));
}

TEST_CASE("validate reports a JSON syntax error with line and column") {
  std::string file = temp_path("broken.asl.json");
  std::ofstream(file) << "{\n  \"StartAt\": \"A\",\n  \"States\": {\n}}}\n";
  auto run = cli("validate '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, file + ":4:"));
}

TEST_CASE("validate reports a Next to a missing state at its JSON Pointer") {
  std::string file = temp_path("dangling.asl.json");
  std::ofstream(file) << R"json({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}})json";
  auto run = cli("validate '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, file + ": /States/A/Next:"));
  CHECK(has(run.err, "B"));
}

// Regression (issue 19): an unknown field, a bad intrinsic, a two-operator Choice rule or a bad
// Version hid every other problem; a file with 13 showed 3.
TEST_CASE("validate reports every problem of a file in one run, in document order") {
  TempDir dir;
  const std::string file = dir.path() + "/thirteen.asl.json";
  std::ofstream(file) << R"json({
  "Comment": "thirteen problems, one of each kind",
  "Version": "2.0",
  "StartAt": "A",
  "Colour": "blue",
  "States": {
    "A": {"Type": "Pass", "Nxt": "B", "Next": "B"},
    "B": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
          "TimeoutSeconds": "60", "Next": "C",
          "Retry": [{"ErrorEquals": ["States.ALL", "Custom.Error"]}]},
    "C": {"Type": "Choice",
          "Choices": [{"Variable": "$.x", "StringEquals": "a", "NumericEquals": 1, "Next": "D"}],
          "Default": "Nowhere"},
    "D": {"Type": "Pass", "Parameters": {"x.$": "States.Format('{}', $.a"}, "Next": "E"},
    "E": {"Type": "Wait", "Seconds": 5, "Timestamp": "2024-01-01T00:00:00Z", "Next": "F"},
    "F": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
          "TimeoutSeconds": 50, "HeartbeatSeconds": 100, "Next": "G"},
    "G": {"Type": "Bogus"},
    "H": {"Type": "Map", "MaxConcurrency": -1, "ItemProcessor": {"StartAt": "I", "States": {
            "I": {"Type": "Pass", "End": true}}}, "Next": "J"},
    "J": {"Type": "Fail", "Error": "States.Custom"}
  }
}
)json";
  auto run = cli("validate '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(run.out == "");
  const std::string at = file + ": ";
  CHECK(run.err ==
        at + "/Version: Version must be \"1.0\", not '2.0'\n" +
        at + "/Colour: unknown field 'Colour' in a state machine\n" +
        at + "/States/A/Nxt: unknown field 'Nxt' in a Pass state\n" +
        at + "/States/B/TimeoutSeconds: TimeoutSeconds must be an integer, not a string\n" +
        at + "/States/B/Retry/0/ErrorEquals: States.ALL must appear alone in ErrorEquals\n" +
        at + "/States/C/Choices/0: a Choice rule must have exactly one comparison operator, "
             "found 2: StringEquals, NumericEquals\n" +
        at + "/States/C/Default: no state named 'Nowhere'\n" +
        at + "/States/D/Parameters/x.$: 'States.Format('{}', $.a' is not a valid intrinsic "
             "function call: unclosed '(' of States.Format\n" +
        at + "/States/E: a Wait state must have exactly one of Seconds, Timestamp, SecondsPath "
             "or TimestampPath\n" +
        at + "/States/F/HeartbeatSeconds: HeartbeatSeconds must be smaller than TimeoutSeconds\n" +
        at + "/States/G/Type: unknown state type 'Bogus'; expected Pass, Task, Choice, Wait, "
             "Succeed, Fail, Parallel or Map\n" +
        at + "/States/H/MaxConcurrency: MaxConcurrency must not be negative (0 means no limit)\n" +
        at + "/States/J/Error: Error must not start with 'States.', which is reserved for "
             "predefined errors\n");
}

TEST_CASE("execute --output json prints exactly one JSON object") {
  std::string file = temp_path("pass.asl.json");
  std::ofstream(file) << R"json({"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"}, "End": true}}})json";
  auto run = cli("execute --definition '" + file +
                         "' --input '{\"name\": \"Ada\"}' --output json --seed 7");
  CHECK(run.exit_code == 0);
  Json printed = Json::parse(run.out);
  CHECK(printed == Json::parse(R"json({"status": "SUCCEEDED", "output": {"greeting": "Hello, Ada!"},
                                   "error": null, "cause": null, "seed": 7})json"));
}

TEST_CASE("execute reports a failed execution in JSON and exits 1") {
  std::string file = temp_path("fail.asl.json");
  std::ofstream(file) << R"json({"StartAt": "F", "States": {"F": {"Type": "Fail",
      "Error": "Boom", "Cause": "on purpose"}}})json";
  auto run = cli("execute --definition '" + file + "' --output json --seed 7");
  CHECK(run.exit_code == 1);
  CHECK(Json::parse(run.out) == Json::parse(R"json({"status": "FAILED", "output": null,
                                               "error": "Boom", "cause": "on purpose",
                                               "seed": 7})json"));
}

TEST_CASE("redrive continues a failed run, and refuses a succeeded one with exit 9") {
  TempDir dir;
  const std::string definition = dir.path() + "/redrive.asl.json";
  std::ofstream(definition) << R"json({"StartAt": "Prepare", "States": {
      "Prepare": {"Type": "Pass", "Result": {"rows": 3}, "Next": "Load"},
      "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:load",
               "End": true}}})json";
  const std::string mocks = dir.path() + "/redrive.mocks.json";
  std::ofstream(mocks) << R"json({"StateMachines": {"redrive": {"TestCases": {
      "Broken": {"Load": "LoadFails"}, "Fixed": {"Load": "LoadWorks"}}}},
    "MockedResponses": {
      "LoadFails": {"0": {"Throw": {"Error": "Database.Busy", "Cause": "try later"}}},
      "LoadWorks": {"0": {"Return": {"loaded": 3}}}}})json";
  const std::string where = " --state-dir '" + dir.path() + "'";
  auto failed = cli("execute --definition '" + definition + "' --mock-config '" + mocks +
                    "' --test-case Broken --seed 7 --output json" + where);
  CHECK(failed.exit_code == 1);
  // "note: recorded run <id> (conflictctl history <id> --state-dir …)"
  const std::string marker = "recorded run ";
  REQUIRE(has(failed.err, marker));
  const std::size_t from = failed.err.find(marker) + marker.size();
  const std::string id = failed.err.substr(from, failed.err.find(' ', from) - from);

  auto redriven = cli("redrive " + id + " --mock-config '" + mocks +
                      "' --test-case Fixed --output json" + where);
  CHECK(redriven.exit_code == 0);
  CHECK(Json::parse(redriven.out) ==
        Json::parse(R"json({"status": "SUCCEEDED", "redriveCount": 1,
                            "output": {"loaded": 3}, "error": null, "cause": null})json"));
  REQUIRE(has(redriven.err, marker));
  const std::size_t at = redriven.err.find(marker) + marker.size();
  const std::string redrive_id = redriven.err.substr(at, redriven.err.find(' ', at) - at);

  // The redriven run's record holds both attempts in one history.
  auto shown = cli("history " + redrive_id + " --output json" + where);
  CHECK(shown.exit_code == 0);
  const Json record = Json::parse(shown.out);
  std::vector<std::string> types;
  for (const Json& event : record.at("history").at("events"))
    types.push_back(event.at("type").get<std::string>());
  CHECK(types == std::vector<std::string>{
                     "ExecutionStarted", "PassStateEntered", "PassStateExited",
                     "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                     "LambdaFunctionFailed", "ExecutionFailed", "ExecutionRedriven",
                     "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                     "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"});

  // The budget measures both attempts once: the redriven run is left out, its attempt being
  // in the redrive's history.
  auto budget = cli("budget --pipeline redrive --include-mock" + where);
  CHECK(budget.exit_code == 0);
  CHECK(has(budget.out, "Left out: run " + id + ", whose attempt the redrive " + redrive_id +
                            " holds."));
  CHECK(has(budget.out, "Load     1  2 (1 failed, 0 timed out)"));

  auto refused = cli("redrive " + redrive_id + where);
  CHECK(refused.exit_code == 9);
  CHECK(refused.out.empty());
  CHECK(refused.err == "error: run " + redrive_id +
                           " cannot be redriven: Execution is SUCCEEDED and cannot be "
                           "redriven.\n");
}

TEST_CASE("test-state prints each step of one state's data flow, in text and as TestState") {
  std::string file = temp_path("test_state.asl.json");
  std::ofstream(file) << R"json({"StartAt": "Fetch", "States": {
    "Fetch": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
      "InputPath": "$.order", "Parameters": {"id.$": "$.id"},
      "ResultSelector": {"rows.$": "$.Payload.rows"}, "ResultPath": "$.fetched",
      "Assign": {"status.$": "$.StatusCode"},
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "Next": "Done"},
    "Recover": {"Type": "Pass", "End": true}, "Done": {"Type": "Succeed"}}})json";
  const std::string common = "test-state --definition '" + file +
                             "' --state Fetch --input '{\"order\": {\"id\": 7}}' ";
  auto text = cli(common +
                  "--mock '{\"result\": {\"StatusCode\": 200, \"Payload\": {\"rows\": [1]}}}' "
                  "--inspection-level DEBUG");
  CHECK(text.exit_code == 0);
  CHECK(text.out ==
        "Status                SUCCEEDED\n"
        "Next state            Done\n"
        "Input                 {\"order\":{\"id\":7}}\n"
        "After InputPath       {\"id\":7}\n"
        "After Parameters      {\"id\":7}\n"
        "Result                {\"StatusCode\":200,\"Payload\":{\"rows\":[1]}}\n"
        "After ResultSelector  {\"rows\":[1]}\n"
        "After ResultPath      {\"order\":{\"id\":7},\"fetched\":{\"rows\":[1]}}\n"
        "Output                {\"order\":{\"id\":7},\"fetched\":{\"rows\":[1]}}\n"
        "Variables             {\"status\":200}\n");
  auto json = cli(common +
                  "--mock '{\"errorOutput\": {\"error\": \"Busy\", \"cause\": \"db busy\"}}' "
                  "--output json");
  CHECK(json.exit_code == 0);
  CHECK(Json::parse(json.out) ==
        Json::parse(R"json({"output": "{\"Error\":\"Busy\",\"Cause\":\"db busy\"}",
                            "error": "Busy", "cause": "db busy", "nextState": "Recover",
                            "status": "CAUGHT_ERROR"})json"));
  auto no_mock = cli(common);
  CHECK(no_mock.exit_code == 3);
  CHECK(no_mock.err == "error: " + file +
                           ": test-state does not run a Task state's work: give its result "
                           "(--mock '{\"result\": …}') or its error (--mock '{\"errorOutput\": "
                           "{\"error\": …, \"cause\": …}}').\n");
}

TEST_CASE("test-state exits 1 when the state fails") {
  std::string file = temp_path("test_state_fail.asl.json");
  std::ofstream(file) << R"json({"QueryLanguage": "JSONata", "StartAt": "F", "States": {
    "F": {"Type": "Fail", "Error": "{% 'Bad.' & $states.input.why %}", "Cause": "no"}}})json";
  auto run = cli("test-state --definition '" + file + "' --state F --input '{\"why\": \"Input\"}'");
  CHECK(run.exit_code == 1);
  CHECK(run.out == "Status                FAILED\n"
                   "Error                 Bad.Input: no\n");
}

TEST_CASE("execute rejects malformed --input with exit 3") {
  auto run = cli("execute --definition pipelines/conflict_report.asl.json --input '{oops'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, "--input:1:2: not valid JSON"));
}

TEST_CASE("execute refuses a 50,000-deep --input with a message, not SIGSEGV") {
  std::string file = temp_path("deep_input.json");
  std::ofstream(file) << std::string(50000, '[') << std::string(50000, ']');
  auto run = cli("execute --definition pipelines/conflict_report.asl.json --input '@" + file +
                 "'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, file + ":1:513: JSON nested more than 512 levels deep"));
}

TEST_CASE("execute refuses a number too large for a double in --input with exit 3, not 70") {
  auto run = cli("execute --definition pipelines/conflict_report.asl.json --input '[1e400]'");
  CHECK(run.exit_code == 3);
  CHECK(run.err == "error: --input: not valid JSON: number overflow parsing '1e400'\n");
}

TEST_CASE("execute refuses an --input over 256 KiB of UTF-8, counted in bytes, with exit 3") {
  // 131,000 two-byte characters and 150 one-byte ones: 131,171 characters of compact JSON,
  // under the limit, but 262,165 bytes, over it.
  std::string text;
  for (int i = 0; i < 131000; ++i) text += "\u00e9";
  std::string file = temp_path("input_over_limit.json");
  std::ofstream(file) << R"({"s": ")" << text << R"(", "t": ")" << std::string(150, 'x')
                      << R"("})";
  auto run = cli("execute --definition pipelines/conflict_report.asl.json --no-record --input '@" +
                 file + "'");
  CHECK(run.exit_code == 3);
  CHECK(run.err == "error: --input: the execution input is 262165 bytes of UTF-8 JSON, over "
                   "the 262144 bytes (256 KiB) StartExecution accepts; AWS would not start the "
                   "execution\n");
}

TEST_CASE("validate refuses intrinsic calls nested 30,000 deep with a message, not SIGSEGV") {
  std::string file = temp_path("deep_intrinsic.asl.json");
  std::string call;
  for (int i = 0; i < 30000; ++i) call += "States.Array(";
  std::ofstream(file) << R"json({"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Parameters": {"a.$": ")json" << call << R"json("}, "End": true}}})json";
  auto run = cli("validate '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, "intrinsic functions nested more than 10 deep at character 131"));
  CHECK(run.err.size() < 1000);  // the 390 KB call is quoted by its start only
}

TEST_CASE("a Wait whose SecondsPath selects 1e300 fails with States.Runtime") {
  std::string file = temp_path("wait_huge.asl.json");
  std::ofstream(file) << R"json({"StartAt": "W", "States": {"W": {"Type": "Wait",
      "SecondsPath": "$.s", "End": true}}})json";
  auto run = cli("execute --definition '" + file + "' --input '{\"s\": 1e300}' --output json");
  CHECK(run.exit_code == 1);
  Json printed = Json::parse(run.out);
  CHECK(printed.at("error") == "States.Runtime");
  CHECK(printed.at("cause") ==
        "The SecondsPath '$.s' must select an integer from 0 to 99999999, but selected 1e+300.");
}

TEST_CASE("execute --history writes the GetExecutionHistory events") {
  std::string history = temp_path("history.json");
  std::filesystem::remove(history);
  auto run = cli("execute --definition pipelines/conflict_report.asl.json --bindings "
                         "pipelines/conflict_report.yaml --history '" + history + "'");
  CHECK(run.exit_code == 0);
  Json events = Json::parse(slurp(history)).at("events");
  CHECK(events.front().at("type") == "ExecutionStarted");
  CHECK(events.back().at("type") == "ExecutionSucceeded");
  CHECK(events.back().at("id") == events.size());
}

TEST_CASE("execute --no-record without --history prints the same result, --history keeps data") {
  // Nobody reads the events' data then, so the engine keeps none (docs/commands.md, execute).
  const std::string args = "execute --definition pipelines/conflict_report.asl.json --bindings "
                           "pipelines/conflict_report.yaml --seed 7 --output json";
  std::string history = temp_path("history_data.json");
  std::filesystem::remove(history);
  auto bare = cli(args + " --no-record");
  auto with_history = cli(args + " --no-record --history '" + history + "'");
  auto recorded = cli(args);
  CHECK(bare.exit_code == 0);
  // The virtual clock starts at the time the run starts: the task records' times differ.
  const auto untimed = [](const std::string& text) {
    static const std::regex kTimestamp(R"("\d{4}-\d\d-\d\dT[0-9:.]+Z")");
    return std::regex_replace(text, kTimestamp, "\"TIME\"");
  };
  CHECK(untimed(bare.out) != bare.out);
  CHECK(untimed(bare.out) == untimed(with_history.out));
  CHECK(untimed(bare.out) == untimed(recorded.out));
  Json events = Json::parse(slurp(history)).at("events");
  CHECK(events.front().at("executionStartedEventDetails").at("input") == "{}");
  CHECK(events.back().at("executionSucceededEventDetails").contains("output"));
}

TEST_CASE("simulate --mock runs the sequential pipeline with a per-invocation analysis") {
  auto run = cli("simulate --mock");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "ExecuteTask02"));
  CHECK(has(run.out, "Lambda timeout analysis, per invocation"));
  CHECK(has(run.out, "Execution SUCCEEDED"));
  // The short budget: 186 s (ValidateConfig: 3 × 60 + 2 + 4) + 2 × 2,715 s (900 + 5 + 900 +
  // 10 + 900 for each of ExecuteTask01 and ExecuteTask02).
  CHECK(has(run.out, "Worst case from the definition: 5,616 s for the whole execution"));
  CHECK(has(run.out, "conflictctl budget --pipeline conflict_report --include-mock"));
}

TEST_CASE("simulate --mock runs the chunked pipeline's Map") {
  auto run = cli("simulate --mock --pipeline conflict_report_chunked --output json");
  CHECK(run.exit_code == 0);
  Json report = Json::parse(run.out);
  CHECK(report.at("status") == "SUCCEEDED");
  bool chunk_seen = false;
  for (const auto& state : report.at("states")) {
    if (state.at("name") != "ProcessSingleChunk") continue;
    chunk_seen = true;
    CHECK(state.at("entries") == 12);
    CHECK(state.at("zone") == "safe");
  }
  CHECK(chunk_seen);
}

TEST_CASE("simulate shows task_02's two retries with 5 s and 10 s backoff") {
  auto run = cli("simulate --mock --mock-config '" + kMocks +
                         "' --test-case Task02FailsTwice");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "retried after 5 s, 10 s"));
  CHECK(has(run.out, "Execution SUCCEEDED"));
}

// Runs conflictctl with `args` on a terminal: `script` gives it a pseudo-terminal for stdin,
// stdout and stderr; stdout goes to `out_file`, so what comes back is what it drew on stderr
// (the terminal's "\r\n" line ends made "\n" again). nullopt where `script` is missing.
std::optional<std::string> on_terminal(const std::string& env, const std::string& args,
                                       const std::string& out_file) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) return std::nullopt;
  std::string command = "cd '" + kSource + "' && script -qec \"CONFLICTCTL_STATE_DIR='" +
                        state_dir().path() + "' " + env + "'" + CONFLICTCTL_BINARY + "' " + args +
                        " >'" + out_file + "'\" /dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string drawn;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) drawn.append(buffer, n);
  pclose(pipe);
  for (std::size_t at; (at = drawn.find("\r\n")) != std::string::npos;) drawn.replace(at, 2, "\n");
  return drawn;
}

TEST_CASE("simulate draws progress only on a terminal and leaves its report unchanged") {
  const std::string args = "simulate --mock --seed 1 --no-record --mock-config '" + kMocks +
                           "' --test-case Task02FailsTwice";
  const Run piped = cli(args);
  CHECK(piped.exit_code == 0);
  CHECK(piped.err == "");  // stderr is not a terminal: no progress at all

  TempDir dir;
  const std::string out = dir.path() + "/report.txt";
  auto drawn = on_terminal("NO_COLOR=1 ", args, out);
  if (!drawn) {
    WARN("script(1) is not installed: the terminal half of this test did not run");
    return;
  }
  const std::string clear = "\r\033[K";
  CHECK(*drawn ==
        "Pipeline conflict_report: mocked tasks on the virtual clock\n"
        "… ValidateConfig" + clear + "✓ ValidateConfig  2 s\n"
        "… ExecuteTask01" + clear + "✓ ExecuteTask01  95 s\n"
        "… ExecuteTask02" + clear +
        "↻ ExecuteTask02  States.TaskFailed, retrying in 5 s (retry 1)\n"
        "… ExecuteTask02  waiting 5 s to retry" + clear + "… ExecuteTask02  retry 1" + clear +
        "↻ ExecuteTask02  States.TaskFailed, retrying in 10 s (retry 2)\n"
        "… ExecuteTask02  waiting 10 s to retry" + clear + "… ExecuteTask02  retry 2" + clear +
        "✓ ExecuteTask02  485 s, 2 retries\n"
        "… PipelineSuccess" + clear + "✓ PipelineSuccess  0 s\n"
        "✓ execution SUCCEEDED in 582 s\n");
  CHECK(slurp(out) == piped.out);  // the report is the same, drawn progress or not

  // Colors unless NO_COLOR; none at all with --quiet.
  auto colored = on_terminal("", args, out);
  CHECK(colored->find("\033[32m✓\033[0m ExecuteTask02  485 s, 2 retries\n") != std::string::npos);
  CHECK(on_terminal("", args + " --quiet", out) == "");
}

TEST_CASE("simulate of a task_02 timeout ends in Task02Timeout with exit 1") {
  auto run = cli("simulate --mock --output json --mock-config '" + kMocks +
                         "' --test-case Task02TimesOut");
  CHECK(run.exit_code == 1);
  Json report = Json::parse(run.out);
  CHECK(report.at("status") == "FAILED");
  CHECK(report.at("error") == "Task02TimeoutError");
}

// The database commands, against the server test/run.sh starts, in schemas of their own.
// Skipped without CONFLICTCTL_TEST_DATABASE_URL.
class CliSchemas {
 public:
  explicit CliSchemas(const std::string& name)
      : stem_("cli_" + name + "_" + std::to_string(getpid())) {
    drop();
  }
  ~CliSchemas() { drop(); }
  std::string conflict() const { return stem_ + "_c"; }
  std::string analytics() const { return stem_ + "_a"; }
  // Environment assignments selecting this test's schemas.
  std::string env() const {
    return "POSTGRES_CONFLICT_SCHEMA=" + stem_ + "_c POSTGRES_ANALYTICS_SCHEMA=" + stem_ + "_a ";
  }

 private:
  void drop() const {
    std::string sql = "DROP SCHEMA IF EXISTS " + stem_ + "_c CASCADE; DROP SCHEMA IF EXISTS " +
                      stem_ + "_a CASCADE";
    std::string command = "psql -q \"$CONFLICTCTL_TEST_DATABASE_URL\" -c '" + sql +
                          "' >/dev/null 2>&1";
    (void)std::system(command.c_str());
  }
  std::string stem_;
};

// `args` with this test's schemas and no .env file.
Run db_cli(const CliSchemas& schemas, const std::string& args) {
  return cli_with_env(schemas.env(), args + " --env-file /dev/null");
}

#define SKIP_WITHOUT_DATABASE()                                 \
  if (!std::getenv("CONFLICTCTL_TEST_DATABASE_URL")) {          \
    WARN("CONFLICTCTL_TEST_DATABASE_URL is not set: skipped");  \
    return;                                                     \
  }

TEST_CASE("the database workflow: init, seed, simulate for real, check, run, status") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("workflow");

  auto before = db_cli(schemas, "run task_02");
  CHECK(before.exit_code == 4);
  CHECK(has(before.err, "Database.SchemaMismatch"));
  CHECK(has(before.err, "conflictctl db init"));

  auto init = db_cli(schemas, "db init");
  CHECK(init.exit_code == 0);
  CHECK(has(init.out, "version 0 → 2"));
  CHECK(has(db_cli(schemas, "db init").out, "already at version 2"));

  auto seed = db_cli(schemas, "db seed --visits 3000 --seed 3");
  CHECK(seed.exit_code == 0);
  CHECK(has(seed.out, "seeded 3,000 visits (seed 3, "));

  auto simulate = db_cli(schemas, "simulate --pipeline conflict_report_daily");
  INFO(simulate.out << simulate.err);
  CHECK(simulate.exit_code == 0);
  CHECK(has(simulate.out, "ExecuteTask03"));
  CHECK(has(simulate.out, "measured"));
  CHECK(has(simulate.out, "Execution SUCCEEDED"));

  auto check = db_cli(schemas, "db check");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(has(check.out, "0 differences"));

  auto task = db_cli(schemas, "run task_02");
  CHECK(task.exit_code == 0);
  Json result = Json::parse(task.out);
  CHECK(result.at("body").at("result").at("updated_rows") == 0);  // nothing changed since
  CHECK(has(task.err, "task_02 succeeded"));

  auto chunks = db_cli(schemas, "simulate --pipeline conflict_report_chunked --output json");
  CHECK(chunks.exit_code == 0);
  CHECK(Json::parse(chunks.out).at("status") == "SUCCEEDED");

  auto status = db_cli(schemas, "db status --output json");
  CHECK(status.exit_code == 0);
  CHECK(has(status.out, "conflictvisitmaps"));
}

// Issue 15: a run whose tasks ran on PostgreSQL is redriven on PostgreSQL, and only the task
// that failed runs again.
TEST_CASE("redrive of a run on PostgreSQL runs only its failed task again, on the database") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("redrive_db");
  TempDir dir;
  // conflict_report, with ExecuteTask02's error ending the execution: the shipped definition
  // catches it into a Fail state, which a redrive would enter again (as AWS's would).
  Json definition = Json::parse(
      std::ifstream(conflictctl::test::source_path("pipelines/conflict_report.asl.json")));
  definition["States"]["ExecuteTask02"].erase("Retry");
  definition["States"]["ExecuteTask02"].erase("Catch");
  definition["States"].erase("Task02Timeout");
  definition["States"].erase("Task02Failed");
  std::ofstream(dir.path() + "/redrive_db.asl.json") << definition.dump(2);
  std::ifstream bindings_in(conflictctl::test::source_path("pipelines/conflict_report.yaml"));
  std::string bindings((std::istreambuf_iterator<char>(bindings_in)), {});
  bindings.replace(bindings.find("name: conflict_report"), 21, "name: redrive_db");
  bindings.replace(bindings.find("conflict_report.asl.json"), 24, "redrive_db.asl.json");
  std::ofstream(dir.path() + "/redrive_db.yaml") << bindings;
  const std::string env = schemas.env() + "CONFLICTCTL_PIPELINES_DIR='" + dir.path() + "' ";
  const std::string where = " --env-file /dev/null --state-dir '" + dir.path() + "'";
  REQUIRE(db_cli(schemas, "db init").exit_code == 0);
  REQUIRE(db_cli(schemas, "db seed --visits 300 --seed 3").exit_code == 0);

  // TASK_02 writes the conflict map; a statement trigger makes it fail until it is dropped.
  const std::string psql = "psql -q \"$CONFLICTCTL_TEST_DATABASE_URL\" -c '";
  const std::string map = schemas.conflict() + ".conflictvisitmaps";
  REQUIRE(std::system((psql + "CREATE FUNCTION " + schemas.conflict() +
                       ".blocked() RETURNS trigger LANGUAGE plpgsql AS $f$BEGIN RAISE "
                       "EXCEPTION $m$blocked by the test$m$; END$f$; CREATE TRIGGER blocked "
                       "BEFORE INSERT OR UPDATE OR DELETE ON " + map +
                       " FOR EACH STATEMENT EXECUTE FUNCTION " + schemas.conflict() +
                       ".blocked()' >/dev/null").c_str()) == 0);
  auto failed = cli_with_env(env, "simulate --pipeline redrive_db --output json" + where);
  INFO(failed.out << failed.err);
  REQUIRE(failed.exit_code == 1);
  CHECK(has(failed.out, "blocked by the test"));
  const std::string marker = "recorded run ";
  REQUIRE(has(failed.err, marker));
  const std::size_t from = failed.err.find(marker) + marker.size();
  const std::string id = failed.err.substr(from, failed.err.find(' ', from) - from);

  REQUIRE(std::system((psql + "DROP TRIGGER blocked ON " + map + "' >/dev/null").c_str()) == 0);
  auto redriven = cli_with_env(env, "redrive " + id + " --output json" + where);
  INFO(redriven.out << redriven.err);
  CHECK(redriven.exit_code == 0);
  const Json printed = Json::parse(redriven.out);
  CHECK(printed.at("status") == "SUCCEEDED");
  CHECK(printed.at("redriveCount") == 1);
  CHECK(printed.at("output").contains("task02Result"));
  CHECK(has(redriven.err, "target: "));  // the database it changes, as simulate says it

  // TASK_01 ran once, before the redrive; TASK_02 once in each attempt.
  REQUIRE(has(redriven.err, marker));
  const std::size_t at = redriven.err.find(marker) + marker.size();
  const std::string redrive_id = redriven.err.substr(at, redriven.err.find(' ', at) - at);
  auto shown = cli("history " + redrive_id + " --output json --state-dir '" + dir.path() + "'");
  REQUIRE(shown.exit_code == 0);
  const Json record = Json::parse(shown.out);  // kept: the loop reads into it
  std::map<std::string, int> entered;
  for (const Json& event : record.at("history").at("events"))
    if (event.at("type") == "TaskStateEntered")
      ++entered[event.at("stateEnteredEventDetails").at("name").get<std::string>()];
  CHECK(entered == std::map<std::string, int>{
                       {"ValidateConfig", 1}, {"ExecuteTask01", 1}, {"ExecuteTask02", 2}});
}

// --- Source mapping (issue 17, item 1). ---

TEST_CASE("db init with a bad source mapping lists every problem by line and writes nothing") {
  TempDir dir;
  const std::string file = dir.path() + "/map.yaml";
  std::ofstream(file) << "mode: view\ntables:\n  visit:\n    table: shifts\n";
  auto run = cli_with_env("env -i HOME=/home/nobody POSTGRES_PORT=1 ",
                          "db init --env-file /dev/null --source-mapping '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(run.out.empty());
  CHECK(run.err == file + ":1:7: 'mode' must be views or copy\n" + file +
                       ":4:12: table visit: 'shifts' must be schema.table\n");
  // The setting names the file when the option does not.
  auto from_setting = cli_with_env("env -i HOME=/home/nobody POSTGRES_SOURCE_MAPPING=/no/map.yaml ",
                                   "db init --env-file /dev/null");
  CHECK(from_setting.exit_code == 3);
  CHECK(from_setting.err == "/no/map.yaml: cannot read the file\n");
}

TEST_CASE("db init with a source mapping reads the analytics tables from the user's own") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("mapping");
  TempDir dir;
  const std::string file = dir.path() + "/map.yaml";
  REQUIRE(db_cli(schemas, "db init").exit_code == 0);
  std::ofstream(file) << "tables:\n  deleted_visit:\n    table: " << schemas.conflict()
                      << ".gone\n    columns:\n      visit_id: Id\n";
  auto missing = db_cli(schemas, "db init --source-mapping '" + file + "'");
  CHECK(missing.exit_code == 3);
  CHECK(has(missing.err, file + ":2:3: table deleted_visit: \"" + schemas.conflict() +
                             "\".\"gone\" does not exist (or has no columns)\n"));
  const std::string psql = "psql -q \"$CONFLICTCTL_TEST_DATABASE_URL\" -c '";
  REQUIRE(std::system((psql + "CREATE TABLE " + schemas.conflict() +
                       ".gone (\"Id\" text); INSERT INTO " + schemas.analytics() +
                       ".deleted_visit VALUES (1)' >/dev/null").c_str()) == 0);
  auto refused = db_cli(schemas, "db init --source-mapping '" + file + "'");
  CHECK(refused.exit_code == 8);
  CHECK(has(refused.err, "error: \"" + schemas.analytics() + "\".\"deleted_visit\" holds rows: "
                         "the source mapping would replace it with a view of yours; empty it "
                         "first, or set POSTGRES_ANALYTICS_SCHEMA to a schema of its own\n"));
  REQUIRE(std::system((psql + "TRUNCATE " + schemas.analytics() + ".deleted_visit' >/dev/null")
                          .c_str()) == 0);
  auto done = db_cli(schemas, "db init --source-mapping '" + file + "'");
  CHECK(done.exit_code == 0);
  CHECK(done.out == "schema " + schemas.conflict() + "/" + schemas.analytics() +
                        ": already at version 2\nsource mapping " + file +
                        " (views): deleted_visit of schema " + schemas.analytics() +
                        " read from your tables\n");
}

// Regression (issue 19): db check printed its counts raw ("1500000 read").
TEST_CASE("db check prints its counts grouped by thousands, with their nouns") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("check_counts");
  REQUIRE(db_cli(schemas, "db init").exit_code == 0);
  REQUIRE(db_cli(schemas, "db seed --visits 3000 --seed 3 --today 2026-12-06").exit_code == 0);
  // Before any task ran: every expected conflict is a missing row.
  auto check = db_cli(schemas, "db check --today 2026-12-06 --limit 0");
  CHECK(check.exit_code == 1);
  CHECK(check.out ==
        "window:  2024-12-06 .. 2027-01-20 (today 2026-12-06)\n"
        "visits:  3,000 read, 3,000 eligible; 890 candidate pairs\n"
        "expected conflicts: 85 pairs (update rules), 85 pairs (insert rules), 22 "
        "in-service/PTO meetings\n"
        "map rows: 0 checked, 0 open (U), 0 of them in-service/PTO rows\n"
        "214 differences (214 missing row)\n"
        "  … and 214 more (--limit)\n");
}

TEST_CASE("an unreachable database: one clear message, exit 4, no password") {
  SKIP_WITHOUT_DATABASE();
  auto run = cli_with_env("POSTGRES_PORT=1 POSTGRES_PASSWORD=s3cret-pw ",
                          "run task_02 --env-file /dev/null");
  CHECK(run.exit_code == 4);
  CHECK(has(run.err, "Database.ConnectionFailed"));
  CHECK_FALSE(has(run.err + run.out, "s3cret-pw"));

  auto simulate = cli_with_env("POSTGRES_PORT=1 POSTGRES_PASSWORD=s3cret-pw ",
                               "simulate --env-file /dev/null");
  CHECK(simulate.exit_code == 1);  // ValidateConfig fails; its Catcher ends the run
  CHECK(has(simulate.out, "ConfigValidationError"));
  CHECK_FALSE(has(simulate.err + simulate.out, "s3cret-pw"));
}

TEST_CASE("a malformed .env file is named with its line, exit 3") {
  std::string path = temp_path("env_" + std::to_string(getpid()));
  {
    std::ofstream out(path);
    out << "POSTGRES_HOST=127.0.0.1\nthis line is wrong\n";
  }
  auto run = cli("run task_02 --env-file '" + path + "'");
  std::filesystem::remove(path);
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, path + ":2:"));
}

TEST_CASE("simulate names an unknown pipeline") {
  auto run = cli("simulate --mock --pipeline nope");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, "nope"));
}

TEST_CASE("run task_02 --mock prints the task's result") {
  auto run = cli("run task_02 --mock");
  CHECK(run.exit_code == 0);
  Json result = Json::parse(run.out);
  CHECK(result.at("statusCode") == 200);
  CHECK(has(run.err, "task_02 succeeded"));
}

// Regression (issue 19): `run task_99` exited 1 and was recorded as a run.
TEST_CASE("run of an unknown task is a usage error naming the tasks, not a recorded run") {
  TempDir state;
  auto run = cli("run task_99 --mock --state-dir '" + state.path() + "'");
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(run.err ==
        "task: 'task_99' is not a task; the tasks are validate_config, task_01, task_02, "
        "task_03, get_task02_chunks, process_task02_chunk\n"
        "Run with --help for more information.\n");
  CHECK_FALSE(std::filesystem::exists(state.path() + "/runs"));
}

// Regression: the report read the details of MapStateFailed, which has none, and crashed
// with an internal error (exit 70).
TEST_CASE("simulate of failing chunks ends in ChunkedProcessingError") {
  auto run = cli("simulate --mock --pipeline conflict_report_chunked --mock-config '" + kMocks +
                 "' --test-case ChunkFails");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "ProcessTask02Chunks"));
  CHECK(has(run.out, "Error: ChunkedProcessingError"));
}

TEST_CASE("simulate with no chunks to process succeeds through NoChunksToProcess") {
  auto run = cli("simulate --mock --pipeline conflict_report_chunked --mock-config '" + kMocks +
                 "' --test-case NoChunks");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "NoChunksToProcess"));
}

// The id in "recorded run <id> (conflictctl history <id>)", "" when there is none.
std::string recorded_id(const Run& run) {
  std::smatch match;
  std::regex note(
      "recorded run (\\S+) \\(conflictctl history \\1(?: --state-dir [^)]+)?\\)\n");
  return std::regex_search(run.err, match, note) ? match[1].str() : "";
}

TEST_CASE("history --pipeline with no runs names the pipelines that have some") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  CHECK(cli("history" + dir).out == "No runs recorded in " + state.path() + ".\n");
  REQUIRE(cli("simulate --mock" + dir).exit_code == 0);
  auto run = cli("history --pipeline nope" + dir);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "No runs of pipeline 'nope' recorded in " + state.path() +
                       "; it has runs of conflict_report.\n");
}

TEST_CASE("simulate records its run, history lists it and shows its events") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  auto simulate = cli("simulate --mock --seed 1" + dir);
  CHECK(simulate.exit_code == 0);
  std::string id = recorded_id(simulate);
  REQUIRE(std::regex_match(id, std::regex("\\d{8}T\\d{6}Z-conflict_report-[0-9a-f]{4}")));
  // stdout is unchanged by recording (the budget hint names --state-dir either way)
  CHECK(simulate.out == cli("simulate --mock --no-record --seed 1" + dir).out);

  auto list = cli("history" + dir);
  CHECK(list.exit_code == 0);
  CHECK(has(list.out, "ID"));
  CHECK(has(list.out, "DURATION"));
  CHECK(std::regex_search(list.out, std::regex(id + " +\\S+ +simulate +conflict_report +mock +"
                                                    "SUCCEEDED +\\d+ +[0-9.]+ s\n")));

  auto json = cli("history " + id.substr(0, id.size() - 2) + " --output json" + dir);
  CHECK(json.exit_code == 0);
  Json record = Json::parse(json.out);
  CHECK(record.at("id") == id);
  CHECK(record.at("command") == "simulate");
  CHECK(record.at("status") == "SUCCEEDED");
  CHECK(record.at("definition_path") == kSource + "/pipelines/conflict_report.asl.json");
  CHECK(record.at("definition").at("StartAt") == "ValidateConfig");
  CHECK_FALSE(record.at("function_timeouts").empty());
  const Json& events = record.at("history").at("events");
  CHECK(events.front().at("type") == "ExecutionStarted");
  CHECK(events.back().at("type") == "ExecutionSucceeded");

  auto text = cli("history " + id + dir);
  CHECK(text.exit_code == 0);
  CHECK(has(text.out, "Run " + id + "\n"));
  CHECK(has(text.out, "  status      SUCCEEDED\n"));
  CHECK(std::regex_search(text.out,
                          std::regex("\\+0\\.000 s +2  TaskStateEntered  ValidateConfig\n")));
  CHECK(has(text.out, "ExecutionSucceeded\n"));
}

// Golden: a history of the daily pipeline as `aws stepfunctions get-execution-history` (AWS CLI
// v2: ISO 8601 timestamps) saved it, imported, then shown by history and measured by budget.
// The expected outputs are test/aws/import/*.expected, with the run's id written "<run>".
TEST_CASE("history import --file records an AWS execution that history and budget read") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  const std::string file = "test/aws/import/conflict_report_daily.history.json";
  auto imported =
      cli("history import --file " + file + " --pipeline conflict_report_daily" + dir);
  CHECK(imported.exit_code == 0);
  std::string id = recorded_id(imported);
  REQUIRE(std::regex_match(id, std::regex("20261206T050000Z-conflict_report_daily-[0-9a-f]{4}")));
  CHECK(imported.out ==
        "imported " + file + " as run " + id + ": SUCCEEDED, 24 events, 7.291 s\n");
  const auto golden = [&](const std::string& out) {
    return std::regex_replace(out, std::regex(id), "<run>");
  };
  auto shown = cli("history " + id + dir);
  CHECK(shown.exit_code == 0);
  const auto expected = [](const std::string& name) {
    return std::regex_replace(slurp(kSource + "/test/aws/import/" + name),
                              std::regex("\\{source\\}"), kSource);
  };
  CHECK(golden(shown.out) == expected("conflict_report_daily.history.expected"));
  auto budget = cli("budget --pipeline conflict_report_daily" + dir);
  CHECK(budget.exit_code == 0);
  std::string measured = budget.out.substr(0, budget.out.find("\nWorst case"));
  CHECK(golden(measured) == expected("conflict_report_daily.budget.expected"));
}

TEST_CASE("history import refuses a bad file with its JSON Pointer, and what it needs") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  std::string bad = state.path() + "/bad.json";
  std::ofstream(bad) << R"({"events": [{"timestamp": "2026-12-06T05:00:00Z", "type":
      "ExecutionStarted", "id": 1, "previousEventId": 0}, {"timestamp": true, "type":
      "ExecutionSucceeded", "id": 2, "previousEventId": 1}]})";
  auto refused = cli("history import --file '" + bad + "' --pipeline conflict_report_daily" + dir);
  CHECK(refused.exit_code == 3);
  CHECK(refused.out.empty());
  CHECK(refused.err == "error: " + bad + ": /events/1/timestamp: expected epoch seconds or an "
                       "ISO 8601 date-time\n");
  std::ofstream(bad) << "{\"events\": [\n  {\"id\": 1,,}]}";
  CHECK(cli("history import --file '" + bad + "' --pipeline conflict_report_daily" + dir).err ==
        "error: " + bad + ":2:12: not valid JSON: syntax error while parsing object key - "
        "unexpected ','; expected string literal\n");
  auto no_pipeline = cli("history import --file '" + bad + "'" + dir);
  CHECK(no_pipeline.exit_code == 2);
  CHECK(no_pipeline.err == "error: history import --file needs --pipeline: the pipeline whose "
                           "execution the file holds\n");
  auto nothing = cli("history import" + dir);
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err == "error: history import needs an EXECUTION_ARN or --file\n");
  auto not_arn = cli("history import arn:aws:states:us-east-1:1:stateMachine:x" + dir);
  CHECK(not_arn.exit_code == 2);
  CHECK(not_arn.err == "error: arn:aws:states:us-east-1:1:stateMachine:x: not an execution ARN "
                       "(arn:aws:states:REGION:ACCOUNT:execution:STATE_MACHINE:NAME)\n");
  CHECK(cli("history" + dir).out == "No runs recorded in " + state.path() + ".\n");
}

TEST_CASE("run and execute record their runs too") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  auto task = cli("run task_02 --mock" + dir);
  CHECK(task.exit_code == 0);
  std::string task_id = recorded_id(task);
  REQUIRE_FALSE(task_id.empty());
  auto execute = cli("execute --definition pipelines/conflict_report.asl.json --bindings "
                     "pipelines/conflict_report.yaml" + dir);
  CHECK(execute.exit_code == 0);
  REQUIRE_FALSE(recorded_id(execute).empty());

  Json runs = Json::parse(cli("history --output json" + dir).out);
  REQUIRE(runs.size() == 2);
  std::set<std::string> commands{runs[0].at("command"), runs[1].at("command")};
  CHECK(commands == std::set<std::string>{"run", "execute"});

  Json record = Json::parse(cli("history " + task_id + " --output json" + dir).out);
  CHECK(record.at("pipeline") == "conflict_report");
  CHECK(record.at("definition").is_null());
  CHECK(record.at("input").at("action") == "task_02");
  std::vector<std::string> types;
  for (const auto& event : record.at("history").at("events")) types.push_back(event.at("type"));
  CHECK(types == std::vector<std::string>{"LambdaFunctionScheduled", "LambdaFunctionStarted",
                                          "LambdaFunctionSucceeded"});
}

TEST_CASE("a failed run prints its timing, then its error, then where it was recorded") {
  TempDir state;
  auto run = cli("run process_task02_chunk --mock --state-dir '" + state.path() + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  std::string id = recorded_id(run);
  REQUIRE_FALSE(id.empty());
  CHECK(std::regex_match(
      run.err, std::regex("process_task02_chunk failed in [0-9.]+ s \\(simulated\\) of the "
                          "function's 900 s limit: failed\\.\n"
                          "error: InvalidChunkId: the event has no 'chunk_id'; [^\n]*\n"
                          "recorded run " + id + " \\(conflictctl history " + id +
                          " --state-dir " + state.path() + "\\)\n")));
}

TEST_CASE("lambda-runtime with bad settings: their error, the init error's, in that order") {
  std::string path = temp_path("runtime_env_" + std::to_string(getpid()));
  std::ofstream(path) << "this line is wrong\n";
  // Nothing listens on port 1: the init error cannot be posted either.
  auto run = cli_with_env("AWS_LAMBDA_RUNTIME_API=127.0.0.1:1 ",
                          "lambda-runtime --env-file '" + path + "'");
  std::filesystem::remove(path);
  CHECK(run.exit_code == 3);
  CHECK(std::regex_match(run.err, std::regex("error: " + path + ":1: [^\n]*\n"
                                             "warning: init error not posted: [^\n]*\n"
                                             "error: Runtime.ConfigError: the POSTGRES_\\* "
                                             "settings are missing or invalid\n")));
}

TEST_CASE("with --no-record nothing is recorded") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  auto simulate = cli("simulate --mock --no-record" + dir);
  CHECK(simulate.exit_code == 0);
  CHECK_FALSE(has(simulate.err, "recorded run"));
  auto list = cli("history" + dir);
  CHECK(list.exit_code == 0);
  CHECK(list.out == "No runs recorded in " + state.path() + ".\n");
  CHECK(Json::parse(cli("history --output json" + dir).out) == Json::array());
}

TEST_CASE("a state directory that cannot be written is one warning, not a failure") {
  TempDir state;
  std::string file = state.path() + "/not-a-folder";
  std::ofstream(file) << "x";
  auto simulate = cli("simulate --mock --state-dir '" + file + "'");
  CHECK(simulate.exit_code == 0);
  CHECK(has(simulate.out, "Execution SUCCEEDED"));
  CHECK(simulate.err == "warning: run not recorded: State.WriteFailed: " + file +
                            "/runs: cannot write: Not a directory\n");
}

TEST_CASE("history of a record whose event has a number for its type exits 3, naming it") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  std::string id = recorded_id(cli("simulate --mock" + dir));
  REQUIRE_FALSE(id.empty());
  std::string file = state.path() + "/runs/" + id + ".json";
  Json record = Json::parse(slurp(file));
  record["history"]["events"][3]["type"] = 5;
  std::ofstream(file) << record.dump();
  auto run = cli("history " + id + dir);
  CHECK(run.exit_code == 3);
  CHECK(run.err == "error: " + file + ": /history/events/3/type: expected a string\n");
  CHECK(cli("history " + id + " --output json" + dir).exit_code == 3);
}

TEST_CASE("history of an unknown or ambiguous id exits 3") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  auto unknown = cli("history nope" + dir);
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.err == "error: " + state.path() + "/runs: no run 'nope'\n");

  std::string first = recorded_id(cli("run task_01 --mock" + dir));
  std::string second = recorded_id(cli("run task_02 --mock" + dir));
  auto ambiguous = cli("history 2" + dir);
  CHECK(ambiguous.exit_code == 3);
  CHECK(has(ambiguous.err, "'2' is the start of several runs"));
  CHECK(has(ambiguous.err, first));
  CHECK(has(ambiguous.err, second));
}

TEST_CASE("graph draws the default pipeline as dot with its Next and Catch edges") {
  auto run = cli("graph");
  CHECK(run.exit_code == 0);
  CHECK(run.out.starts_with("digraph StateMachine {\n"));
  // ValidateConfig s0, ConfigValidationFailed s1, ExecuteTask01 s2, Task01Timeout s3, …
  CHECK(has(run.out, "  s2 [label=\"ExecuteTask01\\nTask\"];\n"));
  CHECK(has(run.out, "  start -> s0;\n"));
  CHECK(has(run.out, "  s0 -> s2;\n"));
  CHECK(has(run.out, "  s2 -> s3 [label=\"States.Timeout\", style=dashed];\n"));
  CHECK(run.err.empty());
}

TEST_CASE("graph --format mermaid draws the chunked pipeline's Map as a subgraph") {
  auto run = cli("graph --pipeline conflict_report_chunked --format mermaid");
  CHECK(run.exit_code == 0);
  CHECK(run.out.starts_with("flowchart TD\n"));
  CHECK(has(run.out, "subgraph cluster_0 [\"ProcessTask02Chunks (Map)\"]"));
  CHECK(has(run.out, "-->|\"$.task02_chunks.num_chunks #gt; 0\"|"));
  CHECK(has(run.out, "-->|\"Default\"|"));
}

TEST_CASE("graph --budget writes each state's worst case under it") {
  auto run = cli("graph --pipeline conflict_report_chunked --budget --items 12");
  CHECK(run.exit_code == 0);
  // 900 + 5 + 900 + 10 + 900; the Map: ceil(12 / 5) = 3 waves of (900 + 10 + 900 + 20 + 900).
  CHECK(has(run.out, "[label=\"ExecuteTask01\\nTask\\n≤ 2,715 s\"]"));
  CHECK(has(run.out, "[label=\"ProcessTask02Chunks\\nMap\\n≤ 8,190 s\"]"));
  CHECK(cli("graph --items 3").exit_code == 2);  // --items needs --budget
}

// Regression (issue 19): without --items a Map's bound is for one wave, and its label said
// only "≤ 2,730 s", as if for the whole Map.
TEST_CASE("graph --budget says a Map's bound is per wave when its item count is unknown") {
  auto run = cli("graph --pipeline conflict_report_chunked --budget");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "\n    s9 [label=\"ProcessTask02Chunks\\nMap\\n≤ 2,730 s per wave\"];\n"));
  CHECK(has(cli("graph --pipeline conflict_report_chunked --budget --items 12").out,
            "\n    s9 [label=\"ProcessTask02Chunks\\nMap\\n≤ 8,190 s\"];\n"));
  auto mermaid = cli("graph --pipeline conflict_report_chunked --budget --format mermaid");
  CHECK(has(mermaid.out, "\n    s9[\"ProcessTask02Chunks<br/>Map<br/>≤ 2,730 s per wave\"]\n"));
}

TEST_CASE("graph of an invalid definition names the file and exits 3") {
  std::string path = temp_path("graph_bad.asl.json");
  std::ofstream(path) << R"({"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "End": true}}})";
  auto run = cli("graph --definition '" + path + "'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, path + ": "));
  CHECK(run.out.empty());
  std::filesystem::remove(path);
}

// test/budget/three_zones.mocks.json: ValidateConfig takes 20 s of its 60 s (safe),
// ExecuteTask01 fails after 120 s and then takes 780 s of 900 s (warning), ExecuteTask02
// runs past its 900 s (over: it times out and Task02Timeout fails the run).
const std::string kThreeZones =
    " --mock-config '" + kSource + "/test/budget/three_zones.mocks.json' --test-case ThreeZones";

TEST_CASE("budget of a mock run with simulated durations puts one task in each zone") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  auto simulate = cli("simulate --mock" + kThreeZones + dir);
  CHECK(simulate.exit_code == 1);  // Task02Timeout
  CHECK(has(simulate.out, "Task02TimeoutError"));

  // Without --include-mock the run is drawn, not measured.
  auto real_only = cli("budget --output json" + dir);
  CHECK(real_only.exit_code == 0);
  Json without = Json::parse(real_only.out);
  CHECK(without.at("runs").empty());
  CHECK(without.at("measured").at("tasks").empty());
  CHECK(has(without.at("notes").dump(), "1 mock run on the virtual clock left out"));
  CHECK(without.at("timeline").at("status") == "FAILED");

  auto budget = cli("budget --include-mock --output json" + dir);
  CHECK(budget.exit_code == 0);
  CHECK(budget.err.empty());
  Json report = Json::parse(budget.out);
  CHECK(report.at("runs").size() == 1);
  std::map<std::string, std::string> zones;
  for (const Json& task : report.at("measured").at("tasks"))
    zones[task.at("state").get<std::string>()] = task.at("zone").get<std::string>();
  CHECK(zones == std::map<std::string, std::string>{{"ValidateConfig", "safe"},
                                                    {"ExecuteTask01", "warning"},
                                                    {"ExecuteTask02", "over"}});
  const Json& task01 = report.at("measured").at("tasks").at(1);
  CHECK(task01.at("seconds").at("max") == 780);
  CHECK(task01.at("failed") == 1);
  CHECK(report.at("worst_case").at("total_seconds").is_number());

  int backoffs = 0, timed_out = 0;
  for (const Json& bar : report.at("timeline").at("bars")) {
    backoffs += bar.at("kind") == "backoff";
    timed_out += bar.at("outcome") == "TIMED_OUT";
  }
  CHECK(backoffs == 1);   // 5 s before ExecuteTask01's retry
  CHECK(timed_out == 1);  // ExecuteTask02 at 900 s

  auto text = cli("budget --include-mock --scale 2" + dir);
  CHECK(text.exit_code == 0);
  CHECK(has(text.out, "Measured per invocation\n"));
  CHECK(has(text.out, "Growth: data ×2\n"));
}

TEST_CASE("budget without recorded runs still prints the worst case from the definition") {
  TempDir state;
  auto run = cli("budget --state-dir '" + state.path() + "'");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "No runs of conflict_report are recorded in " + state.path()));
  CHECK(has(run.out, "Worst case from the definition, per state\n"));
  CHECK(has(run.out, "Whole execution, at worst:"));
}

TEST_CASE("budget --output html --out writes one self-contained page") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  REQUIRE(cli("simulate --mock" + kThreeZones + dir).exit_code == 1);
  std::string page = state.path() + "/budget.html";
  auto run = cli("budget --include-mock --output html --out '" + page + "'" + dir);
  CHECK(run.exit_code == 0);
  CHECK(run.out.empty());
  CHECK(has(run.err, "budget report written to " + page));
  std::string html = slurp(page);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(has(html, "<svg"));
  CHECK_FALSE(has(html, "<script"));
}

TEST_CASE("budget of an unknown run or pipeline exits 3, a bad option exits 2") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  auto run = cli("budget --run 20240101T000000Z-nothing" + dir);
  CHECK(run.exit_code == 3);
  CHECK(run.err.starts_with("error: "));
  auto pipeline = cli("budget --pipeline no_such_pipeline" + dir);
  CHECK(pipeline.exit_code == 3);
  CHECK(has(pipeline.err, "no_such_pipeline"));
  CHECK(cli("budget --output pdf" + dir).exit_code == 2);
  CHECK(cli("budget --scale 0" + dir).exit_code == 2);
}

TEST_CASE("validate --type EXPRESS refuses a .sync integration with AWS's wording, exit 3") {
  std::string file = temp_path("sync.asl.json");
  std::ofstream(file) << R"json({"StartAt": "Run", "States": {"Run": {"Type": "Task",
      "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}}})json";
  auto standard = cli("validate --type STANDARD '" + file + "'");
  CHECK(standard.exit_code == 0);
  auto express = cli("validate --type EXPRESS '" + file + "'");
  CHECK(express.exit_code == 3);
  CHECK(has(express.err, file + ": /States/Run/Resource: Express state machine does not support "
                                "'.sync' service integration"));
  auto run = cli("execute --type EXPRESS --definition '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, "Express state machine does not support '.sync' service integration"));
  CHECK(cli("validate --type express '" + file + "'").exit_code == 2);
}

TEST_CASE("execute --type EXPRESS runs past the STANDARD event quota and stops at five minutes") {
  std::string loop = temp_path("loop.asl.json");
  std::ofstream(loop) << R"json({"StartAt": "Increment", "States": {
    "Increment": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Again"},
    "Again": {"Type": "Choice", "Default": "Done",
              "Choices": [{"Variable": "$.n", "NumericLessThan": 7000, "Next": "Increment"}]},
    "Done": {"Type": "Succeed"}}})json";
  auto standard = cli("execute --definition '" + loop + "' --input '{\"n\": 0}' --output json");
  CHECK(standard.exit_code == 1);
  CHECK(Json::parse(standard.out).at("error") == "States.Runtime");
  auto express = cli("execute --type EXPRESS --definition '" + loop +
                     "' --input '{\"n\": 0}' --output json");
  CHECK(express.exit_code == 0);
  CHECK(Json::parse(express.out).at("output") == Json{{"n", 7000}});

  std::string wait = temp_path("wait.asl.json");
  std::ofstream(wait) << R"json({"StartAt": "W", "States": {"W": {"Type": "Wait",
      "Seconds": 301, "End": true}}})json";
  auto timed_out = cli("execute --type EXPRESS --definition '" + wait + "'");
  CHECK(timed_out.exit_code == 1);
  CHECK(has(timed_out.out, "Execution TIMED_OUT after 300 s of virtual time"));
  CHECK(has(timed_out.out, "The execution exceeded the 300 s that an Express workflow may run."));
}

TEST_CASE("run --type EXPRESS caps a task's deadline at the five minutes of the execution") {
  auto run = cli("run task_01 --mock --type EXPRESS --no-record");
  CHECK(run.exit_code == 0);
  CHECK(has(run.err, "of the function's 300 s limit"));
}

TEST_CASE("explore lists every terminal state of the sequential pipeline with a scenario") {
  auto run = cli("explore conflict_report");
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  CHECK(run.out ==
        "conflict_report (STANDARD): 52 scenarios on the virtual clock (0 over --max-scenarios).\n"
        "\n"
        "Outcomes (6), each with the smallest scenario that reaches it:\n"
        "  SUCCEEDED at PipelineSuccess  (28 scenarios)\n"
        "    507 s  baseline (no fault)\n"
        "  FAILED at ConfigValidationFailed: ConfigValidationError  (10 scenarios)\n"
        "    0 s  ValidateConfig: States.Timeout on every attempt\n"
        "  FAILED at Task01Failed: Task01ExecutionError  (4 scenarios)\n"
        "    17 s  ExecuteTask01: States.TaskFailed on every attempt\n"
        "  FAILED at Task01Timeout: Task01TimeoutError  (3 scenarios)\n"
        "    2 s  ExecuteTask01: States.Timeout on every attempt\n"
        "  FAILED at Task02Failed: Task02ExecutionError  (4 scenarios)\n"
        "    112 s  ExecuteTask02: States.TaskFailed on every attempt\n"
        "  FAILED at Task02Timeout: Task02TimeoutError  (3 scenarios)\n"
        "    97 s  ExecuteTask02: States.Timeout on every attempt\n"
        "\n"
        "Unreachable states: none\n"
        "Unreachable Catchers: none\n"
        "Errors that escape every Catcher: none\n"
        "Over a limit: none\n"
        "Retriers that never fire: none\n");
}

TEST_CASE("explore says why the reference chunked definition's ChunkFailed and ChunkTimeout "
          "are unreachable, and --fail-on unreachable fails on it") {
  // pipelines/conflict_report_chunked.asl.json is the reference chunked definition as it is.
  auto run = cli("explore --definition pipelines/conflict_report_chunked.asl.json "
                 "--bindings pipelines/conflict_report_chunked.yaml "
                 "--fail-on unreachable,uncaught");
  CHECK(run.exit_code == conflictctl::app::kGate);
  CHECK(has(run.out,
            "Unreachable Catchers (2):\n"
            "  ProcessSingleChunk Catch[0] (States.Timeout → ChunkTimeout): its ResultPath "
            "\"$.error\" cannot apply: States.ResultPathMatchFailure: Unable to apply "
            "ReferencePath $.error to input 0\n"
            "  ProcessSingleChunk Catch[1] (States.ALL → ChunkFailed): its ResultPath \"$.error\" "
            "cannot apply: States.ResultPathMatchFailure: Unable to apply ReferencePath $.error "
            "to input 0\n"));
  CHECK(has(run.out,
            "  ChunkTimeout (in ProcessTask02Chunks): only ProcessSingleChunk Catch[0] leads to "
            "it, and no scenario takes it\n"
            "  ChunkFailed (in ProcessTask02Chunks): only ProcessSingleChunk Catch[1] leads to "
            "it, and no scenario takes it\n"));
  CHECK(run.err == "error: --fail-on unreachable: 3 unreachable states and 2 Catchers\n");
}

TEST_CASE("explore --emit-mocks writes test cases that execute reproduces and --check passes") {
  TempDir dir;
  std::string mocks = dir.path() + "/daily.mocks.json";
  auto run = cli("explore conflict_report_daily --emit-mocks " + mocks);
  REQUIRE(run.exit_code == 0);
  Json file = Json::parse(slurp(mocks));
  const Json& cases = file["StateMachines"]["conflict_report_daily"]["TestCases"];
  REQUIRE(cases.size() == 8);
  for (const auto& [name, states] : cases.items()) {
    INFO(name);
    auto replay = cli("execute --definition pipelines/conflict_report_daily.asl.json "
                      "--no-record --output json --mock-config " + mocks + " --test-case " + name);
    Json outcome = Json::parse(replay.out);
    std::string expected = outcome["status"].get<std::string>();
    if (!outcome["error"].is_null()) expected += "--" + outcome["error"].get<std::string>();
    CHECK(name.substr(name.find("--") + 2) == expected);
  }

  auto check = cli("explore conflict_report_daily --check " + mocks);
  CHECK(check.exit_code == 0);
  CHECK(has(check.out, "same     Task03Timeout--FAILED--Task03TimeoutError  (507 s)\n"));
  CHECK(has(check.out, ": 8 test cases, 0 changed.\n"));

  // Task 03 no longer times out: its test case's outcome changed.
  file["MockedResponses"]["Task03Timeout--FAILED--Task03TimeoutError/ExecuteTask03"] =
      Json::parse(R"({"0": {"Return": {"statusCode": 200}}})");
  std::ofstream(mocks) << file.dump(2);
  check = cli("explore conflict_report_daily --check " + mocks);
  CHECK(check.exit_code == conflictctl::app::kGate);
  CHECK(has(check.out,
            "CHANGED  Task03Timeout--FAILED--Task03TimeoutError: now SUCCEEDED at "
            "PipelineSuccess\n"));
  CHECK(has(check.out, ": 8 test cases, 1 changed.\n"));
}

TEST_CASE("explore needs a pipeline or a definition") {
  auto run = cli("explore");
  CHECK(run.exit_code == conflictctl::app::kUsage);
  CHECK(run.err == "error: explore needs a PIPELINE or --definition FILE\n");
  auto both = cli("explore conflict_report --definition pipelines/conflict_report.asl.json");
  CHECK(both.exit_code == conflictctl::app::kUsage);
}

TEST_CASE("explore --output json has the report's sections") {
  auto run = cli("explore conflict_report --output json --max-scenarios 3");
  REQUIRE(run.exit_code == 0);
  Json report = Json::parse(run.out);
  CHECK(report["scenarios"] == Json{{"run", 4}, {"skipped", 48}});
  CHECK(report["outcomes"][0]["smallest"] ==
        Json{{"scenario", "baseline (no fault)"}, {"seconds", 507.0}});
  for (const char* key : {"unreachable_states", "unreachable_catchers", "escaping_errors",
                          "over_limits", "idle_retriers"})
    CHECK(report[key].is_array());
}

TEST_CASE("explore --emit-mocks on the chunked pipeline: execute replays the Map's failure") {
  TempDir dir;
  std::string mocks = dir.path() + "/chunked.mocks.json";
  REQUIRE(cli("explore conflict_report_chunked --emit-mocks " + mocks).exit_code == 0);
  auto replay = cli("execute --definition pipelines/conflict_report_chunked.asl.json --no-record "
                    "--mock-config " + mocks +
                    " --test-case ChunkedProcessingFailed--FAILED--ChunkedProcessingError");
  CHECK(replay.exit_code == conflictctl::app::kFailed);
  CHECK(has(replay.out, "Execution FAILED after 109 s of virtual time"));
  CHECK(has(replay.out, "Error: ChunkedProcessingError\n"));
  auto check = cli("explore conflict_report_chunked --check " + mocks);
  CHECK(check.exit_code == 0);
  CHECK(has(check.out, ": 6 test cases, 0 changed.\n"));
}

// --- Seeds (issue 19): a random seed per run unless --seed, printed and recorded. ---

// A machine whose output is its execution name and a States.UUID(): both come from the seed.
std::string random_machine() {
  static const TempDir dir;
  static const std::string path = [] {
    std::string file = dir.path() + "/random.asl.json";
    std::ofstream(file) << R"json({"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters":
        {"name.$": "$$.Execution.Name", "uuid.$": "States.UUID()"}, "End": true}}})json";
    return file;
  }();
  return path;
}

// The N of the "seed N (rerun with --seed N)" line of `text`, "" when it has none.
std::string printed_seed(const std::string& text) {
  std::smatch match;
  std::regex line("(?:^|\n)seed ([0-9]+) \\(rerun with --seed \\1\\)\n");
  return std::regex_search(text, match, line) ? match[1].str() : "";
}

TEST_CASE("without --seed two runs draw different seeds, names and UUIDs") {
  auto first = cli("execute --no-record --definition '" + random_machine() + "'");
  auto second = cli("execute --no-record --definition '" + random_machine() + "'");
  REQUIRE(first.exit_code == 0);
  REQUIRE(second.exit_code == 0);
  CHECK(printed_seed(first.out) != printed_seed(second.out));
  Json one = Json::parse(cli("execute --no-record --output json --definition '" +
                             random_machine() + "'").out);
  Json two = Json::parse(cli("execute --no-record --output json --definition '" +
                             random_machine() + "'").out);
  CHECK(one.at("output").at("name") != two.at("output").at("name"));
  CHECK(one.at("output").at("uuid") != two.at("output").at("uuid"));
  CHECK(one.at("seed") != two.at("seed"));
}

TEST_CASE("rerunning with the printed seed repeats a run exactly") {
  auto first = cli("execute --no-record --definition '" + random_machine() + "'");
  REQUIRE(first.exit_code == 0);
  std::string seed = printed_seed(first.out);
  REQUIRE_FALSE(seed.empty());
  // The report's second line is the seed, and the rerun prints the same report.
  CHECK(first.out.starts_with("Execution SUCCEEDED after 0 s of virtual time (4 history "
                              "events).\nseed " + seed + " (rerun with --seed " + seed + ")\n"
                              "Output:\n"));
  auto again = cli("execute --no-record --seed " + seed + " --definition '" + random_machine() +
                   "'");
  CHECK(again.exit_code == 0);
  CHECK(again.out == first.out);

  auto simulate = cli("simulate --mock --no-record");
  REQUIRE(simulate.exit_code == 0);
  std::string simulated = printed_seed(simulate.out);
  CHECK(simulate.out.starts_with(
      "Pipeline conflict_report (conflict_report.asl.json), mocked tasks on the "
      "virtual clock\nseed " + simulated + " (rerun with --seed " + simulated + ")\n\n"));
  auto rerun = cli("simulate --mock --no-record --seed " + simulated);
  CHECK(rerun.out == simulate.out);
}

TEST_CASE("the seed is recorded with the run and shown by history") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  auto run = cli("execute --definition '" + random_machine() + "'" + dir);
  REQUIRE(run.exit_code == 0);
  std::string seed = printed_seed(run.out);
  std::string id = recorded_id(run);
  REQUIRE_FALSE(id.empty());
  Json record = Json::parse(slurp(state.path() + "/runs/" + id + ".json"));
  CHECK(record.at("seed").dump() == seed);
  auto shown = cli("history " + id + dir);
  CHECK(shown.exit_code == 0);
  CHECK(has(shown.out, "\n  seed        " + seed + " (rerun with --seed " + seed + ")\n"));
}

// --- Exit codes that tell the truth (issue 19). ---

// Regression: `simulate --mock --history /nonexistent/h.json` ran the pipeline, recorded it as
// SUCCEEDED, printed no report and exited 3.
TEST_CASE("an output file that cannot be written is a usage error before anything runs") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  struct Case {
    std::string args;
    std::string err;
  };
  const std::string missing = "cannot write file: No such file or directory";
  const Case cases[] = {
      {"simulate --mock --history /nonexistent/h.json",
       "--history: /nonexistent/h.json: " + missing},
      {"execute --definition pipelines/conflict_report.asl.json --history /nonexistent/h.json",
       "--history: /nonexistent/h.json: " + missing},
      {"execute --definition pipelines/conflict_report.asl.json --history '" + state.path() + "'",
       "--history: " + state.path() + ": cannot write file: Is a directory"},
      {"budget --out /nonexistent/budget.html", "--out: /nonexistent/budget.html: " + missing},
      {"package --out /nonexistent/lambda.zip", "--out: /nonexistent/lambda.zip: " + missing},
  };
  for (const Case& c : cases) {
    INFO(c.args);
    auto run = cli(c.args + dir);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == c.err + "\nRun with --help for more information.\n");
  }
  CHECK_FALSE(std::filesystem::exists(state.path() + "/runs"));  // nothing ran
}

// Regression: with --mock a missing or malformed --env-file was ignored, exit 0.
TEST_CASE("with --mock an --env-file given explicitly must exist and be well formed") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  for (const char* command : {"simulate --mock", "run task_02 --mock"}) {
    INFO(command);
    auto missing = cli(std::string(command) + " --env-file /nonexistent/.env" + dir);
    CHECK(missing.exit_code == 3);
    CHECK(missing.out.empty());
    CHECK(missing.err == "error: /nonexistent/.env: no such file\n");
    std::string path = state.path() + "/bad.env";
    std::ofstream(path) << "POSTGRES_HOST=127.0.0.1\nthis line is wrong\n";
    auto malformed = cli(std::string(command) + " --env-file '" + path + "'" + dir);
    CHECK(malformed.exit_code == 3);
    CHECK(malformed.err.starts_with("error: " + path + ":2: "));
  }
  CHECK_FALSE(std::filesystem::exists(state.path() + "/runs"));
}

// --- Messages (issue 19): each says what is wrong, numbers printed one way. ---

// Regression: "the function's 0 s limit" for --timeout 0.2.
TEST_CASE("run --timeout 0.2 prints the fractional limit, not 0 s") {
  auto run = cli("run task_02 --mock --no-record --timeout 0.2");
  CHECK(run.exit_code == 1);
  CHECK(has(run.err, "task_02 failed in 0.2 s (simulated) of the function's 0.2 s limit: over.\n"));
}

// Regression: "could not connect to @127.0.0.1:5432/".
TEST_CASE("db status without settings lists the missing ones, as ValidateConfig does") {
  auto run = cli_with_env("env -u POSTGRES_DATABASE -u POSTGRES_USER -u POSTGRES_PASSWORD ",
                          "db status --env-file /dev/null");
  CHECK(run.exit_code == 3);
  CHECK(run.out.empty());
  CHECK(run.err == "error: missing settings: POSTGRES_DATABASE, POSTGRES_USER, "
                   "POSTGRES_PASSWORD (set them in the environment or in .env; see "
                   ".env.example)\n");
}

// Regression: whole-file problems pointed at "/:".
TEST_CASE("a problem with the whole file names just the file") {
  TempDir dir;
  std::string file = dir.path() + "/array.asl.json";
  std::ofstream(file) << "[]\n";
  auto run = cli("validate '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(run.err ==
        file + ": a state machine definition must be a JSON object, not an array\n");
}

// Regression: "--input @nope.json" said "cannot read file" and no reason.
TEST_CASE("an unreadable --input @FILE gives the reason") {
  auto run = cli("execute --no-record --definition pipelines/conflict_report.asl.json "
                 "--input @/nonexistent/nope.json");
  CHECK(run.exit_code == 3);
  CHECK(run.out.empty());
  CHECK(run.err ==
        "error: --input @/nonexistent/nope.json: cannot read file: No such file or directory\n");
}

// Regression: "syntax error: syntax error while parsing …".
TEST_CASE("a mock configuration's syntax error says 'syntax error' once") {
  TempDir dir;
  std::string file = dir.path() + "/broken.mocks.json";
  std::ofstream(file) << "{\"StateMachines\": }\n";
  auto run = cli("simulate --mock --no-record --mock-config '" + file + "'");
  CHECK(run.exit_code == 3);
  CHECK(run.err == file + ":1:19: syntax error while parsing value - unexpected '}'; expected "
                          "'[', '{', or a literal\n");
}

// Regression: "several test cases or none" named none of them.
TEST_CASE("a mock configuration with several test cases lists them") {
  auto run = cli("simulate --mock --no-record --mock-config '" + kMocks + "'");
  CHECK(run.exit_code == 3);
  CHECK(run.err == kMocks + ": state machine 'conflict_report' has several test cases "
                            "(ConfigInvalid, Task02FailsTwice, Task02TimesOut); choose one with "
                            "--test-case\n");
}

// Regression: the hint left out --state-dir, so `conflictctl history ID` did not find the run.
TEST_CASE("the recorded-run hint names a custom --state-dir") {
  TempDir state;
  auto run = cli("simulate --mock --state-dir '" + state.path() + "'");
  CHECK(run.exit_code == 0);
  std::string id = recorded_id(run);
  REQUIRE_FALSE(id.empty());
  CHECK(run.err == "recorded run " + id + " (conflictctl history " + id + " --state-dir " +
                       state.path() + ")\n");
  CHECK(cli("history " + id + " --state-dir " + state.path()).exit_code == 0);
}

// Regression: simulate's budget hint left out --state-dir, so the budget it named did not
// read the run just recorded.
TEST_CASE("simulate's budget hint names a custom --state-dir, and that budget runs") {
  TempDir state;
  auto run = cli("simulate --mock --state-dir '" + state.path() + "'");
  CHECK(run.exit_code == 0);
  const std::string hint = "conflictctl budget --pipeline conflict_report --include-mock "
                           "--state-dir " + state.path();
  CHECK(run.out.ends_with("\n  Full report (measured runs, growth, the timeline as HTML): " +
                          hint + "\n"));
  CHECK(cli(hint.substr(std::string("conflictctl ").size())).exit_code == 0);
  // Without --state-dir, none.
  CHECK(cli("simulate --mock --no-record").out.ends_with(
      "\n  Full report (measured runs, growth, the timeline as HTML): conflictctl budget "
      "--pipeline conflict_report --include-mock\n"));
}

// Regression: budget dropped a corrupt record without a word.
TEST_CASE("budget names a corrupt run record it leaves out") {
  TempDir state;
  std::string dir = " --state-dir '" + state.path() + "'";
  std::string id = recorded_id(cli("simulate --mock" + dir));
  REQUIRE_FALSE(id.empty());
  std::string file = state.path() + "/runs/" + id + ".json";
  Json record = Json::parse(slurp(file));
  record["started"] = "yesterday";
  std::ofstream(file) << record.dump();
  auto run = cli("budget --include-mock" + dir);
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "Left out: State.CorruptRecord: " + file +
                         ": /started: not an RFC 3339 timestamp.\n"));
}

// --- The docs' examples run (issue 19), so the docs cannot drift from the binary. ---

struct DocExample {
  std::string where;  // "README.md:27"
  std::string args;   // after "conflictctl"
  int exit_code = 0;  // 0, or the N of "exit N" in the example's comment
};

// Every `conflictctl …` line of a fenced code block in README.md and docs/*.md that needs
// neither AWS (--remote, lambda-runtime, package, deploy) nor a database (db …, simulate or run
// without --mock), is not a synopsis (placeholders such as FILE or ID, "[", "|", "…") and
// names no file of the reader's own (a .json that is not in the tree). Lines ending in "\"
// go on on the next line; a "# comment" ends the example, and "exit N" in it is the exit code
// the docs promise; a pipe or a redirection ends it too ("graph | dot …" runs the graph).
std::vector<DocExample> doc_examples() {
  std::vector<std::string> files{"README.md"};
  for (const auto& entry : std::filesystem::directory_iterator(kSource + "/docs"))
    if (entry.path().extension() == ".md")
      files.push_back("docs/" + entry.path().filename().string());
  std::sort(files.begin() + 1, files.end());
  const std::set<std::string> placeholders{"FILE", "NAME", "ID",      "TASK", "COMMAND", "N",
                                           "PATH", "S",    "SECONDS", "DIR",  "JSON",    "X",
                                           "PIPELINE"};
  const std::regex command("(?:^|\\s|&& )(?:\\S*/)?conflictctl\\s+([a-z-].*)$");
  const std::regex comment("\\s#\\s?(.*)$");
  const std::regex exit_note("exits? ([0-9]+)");
  std::vector<DocExample> examples;
  for (const std::string& file : files) {
    std::istringstream text(slurp(kSource + "/" + file));
    std::string line;
    bool fenced = false;
    int number = 0;
    while (std::getline(text, line)) {
      ++number;
      if (line.starts_with("```")) {
        fenced = !fenced;
        continue;
      }
      const int first = number;
      while (fenced && line.ends_with("\\")) {
        std::string more;
        if (!std::getline(text, more)) break;
        ++number;
        line = line.substr(0, line.size() - 1) + " " + more;
      }
      std::smatch match;
      if (!fenced || !std::regex_search(line, match, command)) continue;
      DocExample example{file + ":" + std::to_string(first), match[1].str(), 0};
      if (std::smatch note; std::regex_search(example.args, note, comment)) {
        std::string said = note[1].str();
        if (std::smatch code; std::regex_search(said, code, exit_note))
          example.exit_code = std::stoi(code[1].str());
        example.args = example.args.substr(0, static_cast<std::size_t>(note.position(0)));
      }
      for (const char* end : {" | ", " > "})
        example.args = example.args.substr(0, example.args.find(end));
      std::istringstream split(example.args);
      std::vector<std::string> words;
      for (std::string word; split >> word;) words.push_back(word);
      auto any = [&](auto predicate) { return std::any_of(words.begin(), words.end(), predicate); };
      auto used = [&](const char* word) {
        return any([&](const std::string& w) { return w == word; });
      };
      const bool synopsis = any([&](const std::string& w) {
        return placeholders.count(w) || has(w, "[") || has(w, "|") || has(w, "…") ||
               has(w, "...");
      });
      const bool aws = used("--remote") || words[0] == "lambda-runtime" ||
                       words[0] == "package" || words[0] == "deploy" ||
                       words[0] == "start" || (words[0] == "history" && used("import"));
      const bool database = words[0] == "db" ||
                            ((words[0] == "simulate" || words[0] == "run") && !used("--mock"));
      const bool own_file = any([&](const std::string& w) {
        return w.ends_with(".json") && w.find('*') == std::string::npos &&
               !std::filesystem::exists(kSource + "/" + w);
      });
      if (!synopsis && !aws && !database && !own_file) examples.push_back(example);
    }
  }
  return examples;
}

TEST_CASE("every command example in README.md and docs/ runs and exits as the docs say") {
  TempDir out;
  const std::vector<DocExample> examples = doc_examples();
  CHECK(examples.size() >= 10);  // the README alone has ten
  for (DocExample example : examples) {
    // A file the example writes goes to a scratch folder, never into the source tree.
    const std::regex written("--out (\\S+)");
    example.args = std::regex_replace(example.args, written, "--out '" + out.path() + "/$1'");
    INFO(example.where << ": conflictctl " << example.args);
    auto run = cli(example.args);
    CHECK(run.exit_code == example.exit_code);
  }
}

// --- Reports that give the reason (issue 19). ---

// Regression: the chunk Catchers' failure was only in the history; the report said ChunkError.
TEST_CASE("the report names the error that kept a Catcher from applying") {
  auto run = cli("simulate --mock --no-record --pipeline conflict_report_chunked --mock-config '" +
                 kMocks + "' --test-case ChunkFails");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "\n                                   error: ChunkError\n"
                     "                                   not caught: its Catcher failed with "
                     "States.ResultPathMatchFailure: Unable to apply ReferencePath $.error to "
                     "input 2\n"));
  // The Map's Catcher caught what its iteration failed with.
  CHECK(has(run.out, "\n                                   error: "
                     "States.ResultPathMatchFailure\n"));
}

// Regression (issue 19): a JSONata Catcher whose Output failed was not explained.
TEST_CASE("the report names the error that kept a JSONata Catcher from applying") {
  TempDir dir;
  std::ofstream(dir.path() + "/jsonata_catch.yaml")
      << "name: jsonata_catch\ndefinition: jsonata_catch.asl.json\nfunctions:\n"
         "  f:\n    handler: conflict-report\n    timeout_seconds: 60\n";
  std::ofstream(dir.path() + "/jsonata_catch.asl.json") << R"json({"QueryLanguage": "JSONata",
    "StartAt": "Work", "States": {
    "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Arguments": {"FunctionName": "f", "Payload": {"action": "nope"}},
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover",
                        "Output": "{% $states.errorOutput.Error + 1 %}"}],
             "Next": "Recover"},
    "Recover": {"Type": "Succeed"}}})json";
  auto run = cli_with_env("CONFLICTCTL_PIPELINES_DIR='" + dir.path() + "' ",
                          "simulate --mock --no-record --pipeline jsonata_catch");
  CHECK(run.exit_code == 1);
  const std::string cause =
      "An error occurred while executing the state 'Work' (entered at the event id #2). The "
      "JSONata expression '$states.errorOutput.Error + 1' specified for the field 'Output' "
      "threw an error: T2001: The left side of the \"+\" operator must evaluate to a number "
      "(position 27)";
  // The state's own error, then why its Catcher did not apply: the execution's error.
  CHECK(has(run.out, "\nWork                               Task      FAILED         1          0 s"
                     "          0 s       0         -\n"
                     "                                   error: UnknownAction\n"
                     "                                   not caught: its Catcher failed with "
                     "States.QueryEvaluationError: " + cause + "\n\n"));
  CHECK(has(run.out, "Error: States.QueryEvaluationError — " + cause + "\n"));
}

// Regression: a retry after a data-flow error (the task succeeded, its ResultPath failed) had
// no backoff line; and a failed invocation was "safe".
TEST_CASE("retries after data-flow errors show their backoff, failed invocations are 'failed'") {
  auto run = cli("simulate --mock --no-record --input '[1]'");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "retried after 2 s, 4 s\n"));
  CHECK(has(run.out, "not caught: its Catcher failed with States.ResultPathMatchFailure: "
                     "Unable to apply ReferencePath $.error to input [1]\n"));
  auto failed = cli("run process_task02_chunk --mock --no-record");
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.starts_with("process_task02_chunk failed in 0 s (simulated) of the "
                               "function's 900 s limit: failed.\n"));
}

TEST_CASE("execute --s3-root: a Distributed Map reads a local JSON Lines file and writes results") {
  TempDir dir;
  std::ofstream(dir.path() + "/in.jsonl") << "{\"n\": 1}\n{\"n\": 2}\n";
  const std::string definition = dir.path() + "/m.asl.json";
  std::ofstream(definition) << R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                     "Parameters": {"Bucket": "data", "Key": "in.jsonl"},
                     "ReaderConfig": {"InputType": "JSONL"}},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                       "Parameters": {"Bucket": "data", "Prefix": "out"}},
      "ResultSelector": {"key.$": "$.ResultWriterDetails.Key"},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "P",
                        "States": {"P": {"Type": "Pass", "End": true}}}}}})";
  auto run = cli("execute --no-record --seed 1 --output json --definition '" + definition +
                 "' --s3-root s3://data='" + dir.path() + "'");
  CHECK(run.exit_code == 0);
  auto printed = conflictctl::Json::parse(run.out);
  const std::string key = printed["output"]["key"].get<std::string>();
  CHECK(key.starts_with("out/"));
  CHECK(key.ends_with("/manifest.json"));
  const std::string folder = dir.path() + "/" + key.substr(0, key.size() - 13);
  CHECK(conflictctl::Json::parse(slurp(folder + "SUCCEEDED_0.json")).size() == 2);

  auto missing = cli("execute --no-record --definition '" + definition + "'");
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("Error: States.ItemReaderFailed\nCause: s3://data/in.jsonl has no local "
                         "folder: give one with --s3-root s3://data=DIR\n") != std::string::npos);
  auto bad = cli("execute --definition '" + definition + "' --s3-root data=/d");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err ==
        "--s3-root: 'data=/d' is not of the form s3://BUCKET[/PREFIX]=DIR\n"
        "Run with --help for more information.\n");
}

// --- Budget gates (issue 16, item 4): simulate and budget --fail-on, --max-worst-case. ---

namespace {

// A mock configuration whose ExecuteTask02 succeeds after 800 s: 88.9 % of its 900 s limit,
// the warning zone.
std::string slow_task02_mocks(const TempDir& dir) {
  const std::string path = dir.path() + "/slow.mocks.json";
  std::ofstream(path) << R"({"StateMachines": {"conflict_report": {"TestCases": {
    "Slow": {"ExecuteTask02": "Slow"}}}},
    "MockedResponses": {"Slow": {"0": {"Return": {"statusCode": 200}, "DurationSeconds": 800}}}})";
  return path;
}

}  // namespace

TEST_CASE("simulate --fail-on warning fails on an invocation at 80 % of its limit, exit 5") {
  TempDir dir;
  const std::string run = "simulate --mock --no-record --seed 1 --mock-config '" +
                          slow_task02_mocks(dir) + "' --test-case Slow";
  auto warning = cli(run + " --fail-on warning");
  CHECK(warning.exit_code == 5);
  CHECK(warning.err == "error: budget gate: ExecuteTask02: an invocation took 800 s of its "
                       "900 s limit (88.9 %, warning)\n");
  CHECK(has(warning.out, "Execution SUCCEEDED"));  // the report is printed first
  auto over = cli(run + " --fail-on over");
  CHECK(over.exit_code == 0);
  CHECK(over.err == "");
  auto worst = cli(run + " --max-worst-case 3600");
  CHECK(worst.exit_code == 5);
  CHECK(worst.err == "error: budget gate: the worst case from the definition, 5,616 s, exceeds "
                     "--max-worst-case 3,600 s\n");
  CHECK(cli(run + " --max-worst-case 6000 --fail-on over").exit_code == 0);
  auto bad = cli(run + " --fail-on sometimes");
  CHECK(bad.exit_code == 2);
}

TEST_CASE("budget --fail-on judges the measured runs' longest invocations, exit 5") {
  TempDir dir;
  const std::string state = "CONFLICTCTL_STATE_DIR='" + dir.path() + "' ";
  auto recorded = cli_with_env(state, "simulate --mock --seed 1 --mock-config '" +
                                          slow_task02_mocks(dir) + "' --test-case Slow");
  REQUIRE(recorded.exit_code == 0);
  auto gated = cli_with_env(state, "budget --include-mock --fail-on warning");
  CHECK(gated.exit_code == 5);
  CHECK(gated.err == "error: budget gate: ExecuteTask02: its longest invocation took 800 s of "
                     "its 900 s limit (88.9 %, warning)\n");
  CHECK(has(gated.out, "ExecuteTask02"));  // the report is printed first
  CHECK(cli_with_env(state, "budget --include-mock --fail-on over").exit_code == 0);
  auto worst = cli_with_env(state, "budget --include-mock --max-worst-case 60");
  CHECK(worst.exit_code == 5);
  CHECK(has(worst.err, "exceeds --max-worst-case 60 s\n"));
}

// --- budget --cost (issue 16, item 5) ---

TEST_CASE("budget --cost prices the measured runs with the table given by --prices") {
  TempDir dir;
  const std::string state = "CONFLICTCTL_STATE_DIR='" + dir.path() + "' ";
  REQUIRE(cli_with_env(state, "simulate --mock --seed 1 --mock-config '" +
                                  slow_task02_mocks(dir) + "' --test-case Slow")
              .exit_code == 0);
  // Prices that make each figure its own usage: 1 per GB-second, per request, per transition.
  const std::string prices = dir.path() + "/prices.json";
  std::ofstream(prices) << R"({"date": "2026-01-01", "region": "test", "currency": "X",
    "sources": ["https://example.test/prices"],
    "lambda": {"x86_64": {"per_gb_second": 1, "per_million_requests": 1000000},
               "arm64": {"per_gb_second": 2, "per_million_requests": 1000000}},
    "step_functions": {"standard": {"per_thousand_state_transitions": 1000},
                       "express": {"per_million_requests": 1000000, "per_gb_second": 1}}})";
  auto run = cli_with_env(state, "budget --include-mock --output json --cost --architecture "
                                 "x86_64 --runs-per-month 10 --prices '" + prices + "'");
  REQUIRE(run.exit_code == 0);
  Json report = Json::parse(run.out);
  // By hand from the measured invocations: every Task of conflict_report runs on
  // etl-pipeline-function, 2,048 MB (pipelines/conflict_report.yaml), once each here.
  double gb_seconds = 0;
  std::size_t requests = 0;
  for (const Json& task : report.at("measured").at("tasks")) {
    REQUIRE(task.at("invocations") == 1);
    gb_seconds += task.at("seconds").at("max").get<double>() * 2;
    requests++;
  }
  CHECK(gb_seconds >= 1600);  // ExecuteTask02 alone: 800 s × 2 GB
  const Json& cost = report.at("cost");
  CHECK(cost.at("prices").at("date") == "2026-01-01");
  CHECK(cost.at("runs").size() == 1);
  const Json& per_run = cost.at("per_run");
  CHECK(per_run.at("lambda_requests").get<double>() == requests);
  CHECK(per_run.at("lambda_gb_seconds").get<double>() == Approx(gb_seconds));
  CHECK(per_run.at("lambda_request_cost").get<double>() == Approx(requests));
  CHECK(per_run.at("lambda_duration_cost").get<double>() == Approx(gb_seconds));
  // No retries in this run: one transition per state entered, as many as there are states.
  double transitions = per_run.at("state_transitions").get<double>();
  CHECK(per_run.at("standard_cost").get<double>() == Approx(transitions));
  CHECK(per_run.at("cost").get<double>() == Approx(requests + gb_seconds + transitions));
  CHECK(cost.at("month_cost").get<double>() == Approx(10 * (requests + gb_seconds +
                                                              transitions)));

  auto arm = cli_with_env(state, "budget --include-mock --output json --cost --architecture "
                                 "arm64 --prices '" + prices + "'");
  REQUIRE(arm.exit_code == 0);
  CHECK(Json::parse(arm.out).at("cost").at("per_run").at("lambda_duration_cost").get<double>() ==
        Approx(2 * gb_seconds));

  auto text = cli_with_env(state, "budget --include-mock --cost --prices '" + prices + "'");
  CHECK(text.exit_code == 0);
  CHECK(has(text.out, "\nCost (prices of 2026-01-01, test, from " + prices + ")\n"));
  CHECK(has(text.out, "  Free tiers are not subtracted. Prices: https://example.test/prices\n"));

  // Without the pipeline's bindings, its functions are priced at Lambda's default 128 MB.
  TempDir no_pipelines;
  auto unbound = cli_with_env(state + "CONFLICTCTL_PIPELINES_DIR='" + no_pipelines.path() + "' ",
                              "budget --include-mock --output json --cost --architecture "
                              "x86_64 --prices '" + prices + "'");
  CHECK(unbound.exit_code == 0);
  CHECK(unbound.err == "warning: no bindings for the pipeline conflict_report in " +
                           no_pipelines.path() + ": its Lambda functions are priced at 128 MB\n");
  CHECK(Json::parse(unbound.out).at("cost").at("per_run").at("lambda_gb_seconds").get<double>() ==
        Approx(gb_seconds / 16));  // 128 MB instead of 2,048

  // The shipped table, found beside the pipelines.
  auto shipped = cli_with_env(state, "budget --include-mock --cost");
  CHECK(shipped.exit_code == 0);
  CHECK(has(shipped.out, "Cost (prices of 2026-12-06, us-east-1, from "));
}

TEST_CASE("budget --cost without measured runs, with a bad table, or as html exits 3") {
  TempDir dir;
  const std::string state = "CONFLICTCTL_STATE_DIR='" + dir.path() + "' ";
  auto none = cli_with_env(state, "budget --cost");
  CHECK(none.exit_code == 3);
  CHECK(none.err == "error: no measured run to estimate the cost from; record one "
                    "(conflictctl simulate) or pass --include-mock\n");
  const std::string prices = dir.path() + "/prices.json";
  std::ofstream(prices) << R"({"date": "2026-01-01"})";
  REQUIRE(cli_with_env(state, "simulate --mock --seed 1").exit_code == 0);
  auto bad = cli_with_env(state, "budget --include-mock --cost --prices '" + prices + "'");
  CHECK(bad.exit_code == 3);
  CHECK(bad.err == "error: " + prices + ": /region: missing\n");
  auto html = cli_with_env(state, "budget --include-mock --cost --output html");
  CHECK(html.exit_code == 3);
  CHECK(html.err == "error: --cost is shown in text, markdown and json reports, not in html\n");
}

// --- Settings (issue 17, item 5): one loader, the environment winning over .env. ---

TEST_CASE("config prints every setting and where it came from, the password masked") {
  TempDir dir;
  std::string file = dir.path() + "/settings.env";
  std::ofstream(file) << "# deployment\nLOG_LEVEL=ERROR\nPOSTGRES_USER=bob\n"
                         "POSTGRES_PASSWORD='pa ss'\nCONFLICTCTL_STATE_DIR=/srv/state\n";
  auto run = cli_with_env("env -i HOME=/home/nobody ENVIRONMENT=ci "
                          "CONFLICTCTL_PIPELINES_DIR=/opt/p "
                          "POSTGRES_USER=alice POSTGRES_DATABASE=reports ",
                          "config --env-file '" + file + "'");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(run.out ==
        std::string("SETTING                    VALUE                                     FROM\n") +
        "ENVIRONMENT                ci                                        environment\n" +
        "LOG_LEVEL                  ERROR                                     " + file + ":2\n" +
        "CONFLICTCTL_PIPELINES_DIR  /opt/p                                    environment\n" +
        "CONFLICTCTL_STATE_DIR      /srv/state                                " + file + ":5\n" +
        "POSTGRES_HOST              127.0.0.1                                 default\n" +
        "POSTGRES_PORT              5432                                      default\n" +
        "POSTGRES_DATABASE          reports                                   environment\n" +
        "POSTGRES_USER              alice                                     environment\n" +
        "POSTGRES_PASSWORD          ********                                  " + file + ":4\n" +
        "POSTGRES_SECRET_ID         (not set)                                 -\n" +
        "POSTGRES_CONFLICT_SCHEMA   conflict                                  default\n" +
        "POSTGRES_ANALYTICS_SCHEMA  analytics                                 default\n" +
        "POSTGRES_SOURCE_MAPPING    (not set)                                 -\n" +
        "POSTGRES_SSLMODE           libpq's default (prefer)                  default\n" +
        "POSTGRES_SSLROOTCERT       libpq's default (~/.postgresql/root.crt)  default\n" +
        "MAX_WORKERS                4                                         default\n");
  CHECK_FALSE(has(run.out, "pa ss"));
}

TEST_CASE("config with POSTGRES_SECRET_ID says what comes from the secret, reads nothing") {
  // No AWS variable at all: config calls no service.
  auto run = cli_with_env("env -i HOME=/home/nobody POSTGRES_SECRET_ID=conflict-report/db "
                          "POSTGRES_HOST=proxy.example ",
                          "config --env-file /dev/null");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  // The value column is as wide as the longest value, the port's (52 characters).
  const std::string expected_head =
      "SETTING                    VALUE                                                 "
      "FROM\n"
      "ENVIRONMENT                (not set)                                             "
      "-\n"
      "LOG_LEVEL                  WARNING                                               "
      "default\n";
  CHECK(run.out.substr(0, expected_head.size()) == expected_head);
  const std::string expected_connection =
      "POSTGRES_HOST              proxy.example                                         "
      "environment\n"
      "POSTGRES_PORT              from secret conflict-report/db (its port), else 5432  "
      "POSTGRES_SECRET_ID\n"
      "POSTGRES_DATABASE          from secret conflict-report/db (its dbname)           "
      "POSTGRES_SECRET_ID\n"
      "POSTGRES_USER              from secret conflict-report/db (its username)         "
      "POSTGRES_SECRET_ID\n"
      "POSTGRES_PASSWORD          from secret conflict-report/db                        "
      "POSTGRES_SECRET_ID\n"
      "POSTGRES_SECRET_ID         conflict-report/db                                    "
      "environment\n";
  CHECK(has(run.out, expected_connection));
  CHECK(has(run.out, "\nThe password comes from the secret (read with Secrets Manager's "
                     "GetSecretValue when a\ncommand connects; config reads nothing). "
                     "POSTGRES_HOST, _PORT, _DATABASE and _USER set\nabove win over the "
                     "secret's host, port, dbname and username.\n"));

  auto both = cli_with_env("env -i HOME=/home/nobody POSTGRES_SECRET_ID=db POSTGRES_PASSWORD=x ",
                           "config --output json --env-file /dev/null");
  CHECK(both.exit_code == 3);
  CHECK(both.err == "error: POSTGRES_PASSWORD and POSTGRES_SECRET_ID are both set: with a "
                    "secret the password comes from the secret; unset POSTGRES_PASSWORD "
                    "(environment)\n");
}

TEST_CASE("config with a bad value prints the settings, then the problem, and exits 3") {
  auto run = cli_with_env("env -i HOME=/home/nobody POSTGRES_PORT=54x ",
                          "config --output json --env-file /dev/null");
  CHECK(run.exit_code == 3);
  Json printed = Json::parse(run.out);
  CHECK(printed.at("settings").at(5) ==
        Json{{"name", "POSTGRES_PORT"}, {"value", "54x"}, {"from", "environment"}});
  CHECK(run.err == "error: POSTGRES_PORT must be a port number (1-65535), got \"54x\"\n");
}

TEST_CASE("LOG_LEVEL in .env is obeyed") {
  TempDir dir;
  std::string file = dir.path() + "/settings.env";
  std::ofstream(file) << "LOG_LEVEL=INFO\n";
  auto quiet =
      cli_with_env("env -u LOG_LEVEL ", "run task_02 --mock --no-record --env-file /dev/null");
  CHECK(quiet.exit_code == 0);
  CHECK_FALSE(has(quiet.err, "conflict-report: task_02 (mock)"));
  auto loud = cli_with_env("env -u LOG_LEVEL ",
                           "run task_02 --mock --no-record --env-file '" + file + "'");
  CHECK(loud.exit_code == 0);
  CHECK(has(loud.err, "conflict-report: task_02 (mock)"));
  // The environment wins.
  auto env_wins = cli_with_env("LOG_LEVEL=ERROR ",
                               "run task_02 --mock --no-record --env-file '" + file + "'");
  CHECK_FALSE(has(env_wins.err, "conflict-report: task_02 (mock)"));
}

TEST_CASE("ENVIRONMENT and CONFLICTCTL_STATE_DIR from .env: the run is recorded there, with it") {
  TempDir dir;
  std::string file = dir.path() + "/settings.env";
  std::ofstream(file) << "ENVIRONMENT=staging\nCONFLICTCTL_STATE_DIR=" << dir.path() << "/state\n";
  auto run = cli_with_env("env -u CONFLICTCTL_STATE_DIR -u ENVIRONMENT ",
                          "run task_02 --mock --env-file '" + file + "'");
  REQUIRE(run.exit_code == 0);
  std::string id = recorded_id(run);
  REQUIRE_FALSE(id.empty());
  Json record = Json::parse(slurp(dir.path() + "/state/runs/" + id + ".json"));
  CHECK(record.at("environment") == "staging");
  auto shown = cli("history " + id + " --state-dir '" + dir.path() + "/state'");
  CHECK(shown.exit_code == 0);
  CHECK(has(shown.out, "\n  environment staging\n"));
}

// --- Safe by default (issue 17, item 4): db seed emptied every table without a word. ---

// Runs `sql` in the test database (psql), for rows a test plants.
void psql(const std::string& sql) {
  std::string command =
      "psql -q \"$CONFLICTCTL_TEST_DATABASE_URL\" -c \"" + sql + "\" >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
}

TEST_CASE("db seed names its target and refuses tables that hold data without --force") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("refuse");
  const std::string c = schemas.conflict(), a = schemas.analytics();
  const std::string target = std::string("target: ") + std::getenv("POSTGRES_USER") + "@" +
                             std::getenv("POSTGRES_HOST") + ":" + std::getenv("POSTGRES_PORT") +
                             "/" + std::getenv("POSTGRES_DATABASE") + ", schemas \"" + c +
                             "\" and \"" + a + "\"\n";
  auto init = db_cli(schemas, "db init");
  REQUIRE(init.exit_code == 0);
  CHECK(init.err == target);
  CHECK_FALSE(has(init.err, std::getenv("POSTGRES_PASSWORD")));

  // Freshly initialised: nothing to lose, the seed runs without --force.
  auto dry_empty = db_cli(schemas, "db seed --visits 200 --dry-run");
  CHECK(dry_empty.exit_code == 0);
  CHECK(has(dry_empty.out, "\n  " + a + ".visit "));
  CHECK(dry_empty.out.ends_with(
      "they hold no data: db seed would run without --force; nothing was changed\n"));

  psql("INSERT INTO " + a + ".provider (provider_id, app_provider_id, name) VALUES "
       "('P1', 'AP1', 'Mine')");
  auto refused = db_cli(schemas, "db seed --visits 200");
  CHECK(refused.exit_code == 8);
  CHECK(refused.out.empty());
  CHECK(refused.err == target + "error: db seed: schemas \"" + c + "\" and \"" + a +
                           "\" already hold data (" + a + ".provider: 1 row); seeding deletes "
                           "it. Run with --dry-run to see what would be deleted, with --force "
                           "to replace it\n");

  auto dry = db_cli(schemas, "db seed --visits 200 --dry-run");
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.starts_with("db seed --dry-run: would delete every row of these tables of "));
  CHECK(has(dry.out, "\n  " + a + ".provider "));
  CHECK(has(dry.out, "  1 row\n"));
  CHECK(dry.out.ends_with(
      "they hold data: db seed refuses it without --force; nothing was changed\n"));

  auto forced = db_cli(schemas, "db seed --visits 200 --force");
  CHECK(forced.exit_code == 0);
  CHECK(forced.err == target);
  CHECK(has(forced.out, "seeded 200 visits"));
  // Seeded data is data too: a second seed is refused.
  CHECK(db_cli(schemas, "db seed --visits 200").exit_code == 8);
}

// --- Your own data (issue 17, items 2 and 3): db import and db inspect. ---

// The rows `sql` returns, as psql's unaligned output: "a|b\n" per row.
std::string psql_rows(const std::string& sql) {
  std::string command = "psql -qAt \"$CONFLICTCTL_TEST_DATABASE_URL\" -c \"" + sql + "\"";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  REQUIRE(pclose(pipe) == 0);
  return out;
}

std::string target_line(const std::string& schema) {
  return std::string("target: ") + std::getenv("POSTGRES_USER") + "@" +
         std::getenv("POSTGRES_HOST") + ":" + std::getenv("POSTGRES_PORT") + "/" +
         std::getenv("POSTGRES_DATABASE") + ", schema \"" + schema + "\"\n";
}

TEST_CASE("db import loads the good records of a CSV extract and lists each bad one") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("import");
  const std::string a = schemas.analytics();
  REQUIRE(db_cli(schemas, "db init").exit_code == 0);
  TempDir dir;
  const std::string file = dir.path() + "/providers.csv";
  // As a Snowflake unload writes it: upper-case header, quoted fields, \N for NULL.
  std::ofstream(file) << "PROVIDER_ID,APP_PROVIDER_ID,AGENCY,IS_ACTIVE,IS_DEMO,NOTES\n"
                         "P1,AP1,\"Care, Inc.\",true,false,x\n"
                         "P2,AP2,Plain,maybe,false,x\n"
                         "P3,\\N,Nulls,true,false,x\n"
                         "P1,AP9,Again,true,false,x\n"
                         "P4,AP4,\"Quote \"\"Q\"\"\",true,x\r\n"
                         "P5,AP5,\"Two\nlines\",false,\\N,x\n"
                         "\n"
                         "P6,AP6,\"Say \"\"hi\"\"\",true,false,\n";
  // More rejected records than --max-rejects: listed, and nothing imported.
  auto capped = db_cli(schemas, "db import provider '" + file + "' --map AGENCY=name --map "
                                "NOTES= --max-rejects 4");
  CHECK(capped.exit_code == 3);
  CHECK(capped.err == target_line(a) + "error: " + file + ": 5 records rejected, more than "
                      "--max-rejects 4: nothing was imported\n");
  CHECK(has(capped.out, ".provider: 7 records read, 0 rows imported, 5 records rejected\n"
                        "  line 3, is_active: invalid input syntax for type boolean: "));
  CHECK(psql_rows("SELECT count(*) FROM " + a + ".provider") == "0\n");

  auto run = db_cli(schemas, "db import provider '" + file + "' --map AGENCY=name --map NOTES= "
                             "--max-rejects 5");
  CHECK(run.exit_code == 10);
  CHECK(run.err == target_line(a));
  CHECK(run.out == file + " → " + a + ".provider: 7 records read, 2 rows imported, "
                   "5 records rejected\n"
                   "  line 3, is_active: invalid input syntax for type boolean: \"maybe\"\n"
                   "  line 4, app_provider_id: no value, and the column is NOT NULL\n"
                   "  line 5, provider_id: key (provider_id)=(P1) is already on line 2\n"
                   "  line 6: 5 fields where the header has 6\n"
                   "  line 7, is_demo: no value, and the column is NOT NULL\n");
  CHECK(psql_rows("SELECT provider_id, app_provider_id, name, is_active, is_demo FROM " + a +
                  ".provider ORDER BY 1") == "P1|AP1|Care, Inc.|t|f\nP6|AP6|Say \"hi\"|t|f\n");

  // Again: what is in the table now is a duplicate too; nothing else changes.
  auto again = db_cli(schemas, "db import provider '" + file + "' --map AGENCY=name --map NOTES=");
  CHECK(again.exit_code == 10);
  CHECK(has(again.out, "  line 2, provider_id: key (provider_id)=(P1) is already in the table\n"));
  CHECK(has(again.out, ": 7 records read, 0 rows imported, 7 records rejected\n"));

  // A field that names no column stops the import before anything is written.
  auto unmapped = db_cli(schemas, "db import provider '" + file + "' --map AGENCY=name");
  CHECK(unmapped.exit_code == 3);
  CHECK(unmapped.err == target_line(a) + "error: " + file + ":1: field \"NOTES\" matches no "
                        "column of " + a + ".provider (map it with --map \"NOTES=COLUMN\", or "
                        "skip it with --map \"NOTES=\")\n");
  // So does a --map field the extract does not have.
  auto misspelt = db_cli(schemas, "db import provider '" + file + "' --map AGENCY=name --map "
                                  "NOTES= --map AGENCYY=name");
  CHECK(misspelt.exit_code == 3);
  CHECK(misspelt.err == target_line(a) + "error: " + file + ": --map \"AGENCYY=name\" names a "
                        "field the extract does not have (its fields: PROVIDER_ID, "
                        "APP_PROVIDER_ID, AGENCY, IS_ACTIVE, IS_DEMO, NOTES)\n");
  auto table = db_cli(schemas, "db import providers '" + file + "'");
  CHECK(table.exit_code == 3);
  CHECK(has(table.err, "error: schema \"" + a + "\" has no table \"providers\"; its tables: "
                       "absence, caregiver, contract, deleted_visit, inservice, office, "
                       "patient_address, payer, payer_provider, provider, service_code, "
                       "visit\n"));
}

TEST_CASE("db import loads JSON Lines, converting each value as PostgreSQL reads it") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("import_jsonl");
  const std::string a = schemas.analytics();
  REQUIRE(db_cli(schemas, "db init").exit_code == 0);
  TempDir dir;
  const std::string file = dir.path() + "/visits.jsonl";
  const std::string ids = R"("app_visit_id":"AV","provider_id":"P1","app_provider_id":"AP1",)"
                          R"("caregiver_id":"C1","app_caregiver_id":"AC1")";
  std::ofstream(file) << R"({"visit_id":"V1","visit_date":"2026-12-01",)" << ids
                      << R"(,"visit_start":"2026-12-01 08:00","billed_hours":2.5})" << "\n"
                      << R"({"visit_id":"V2","visit_date":"2026-13-01",)" << ids
                      << R"(,"billed_hours":"lots"})" << "\n"
                      << "not json\n"
                      << R"({"visit_id":"V3","visit_date":"2026-12-02",)" << ids
                      << R"(,"is_missed":true,"gps_in":null})" << "\n";
  auto run = db_cli(schemas, "db import visit '" + file + "'");
  CHECK(run.exit_code == 10);
  CHECK(run.err == target_line(a));
  CHECK(run.out == file + " → " + a + ".visit: 4 records read, 2 rows imported, "
                   "2 records rejected\n"
                   "  line 2, visit_date: date/time field value out of range: \"2026-13-01\"\n"
                   "  line 2, billed_hours: invalid input syntax for type numeric: \"lots\"\n"
                   "  line 3: not a JSON value\n");
  CHECK(psql_rows("SELECT visit_id, visit_date, visit_start, billed_hours, is_missed, gps_in "
                  "FROM " + a + ".visit ORDER BY 1") ==
        "V1|2026-12-01|2026-12-01 08:00:00|2.50|f|\n"
        "V3|2026-12-02|||t|\n");

  const std::string clean = dir.path() + "/clean.ndjson";
  std::ofstream(clean) << R"({"visit_id":"V4","visit_date":"2026-12-03",)" << ids << "}\n";
  auto ok = db_cli(schemas, "db import visit '" + clean + "'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == clean + " → " + a + ".visit: 1 record read, 1 row imported, 0 records "
                  "rejected\n");
  // A mapped field no line has (JSON Lines: known at the end) imports nothing.
  auto misspelt = db_cli(schemas, "db import visit '" + clean + "' --map is_mised=is_missed");
  CHECK(misspelt.exit_code == 3);
  CHECK(has(misspelt.err, "error: " + clean + ": --map \"is_mised=is_missed\" names a field "
                          "the extract does not have (its fields: visit_id, visit_date, "));
  CHECK(psql_rows("SELECT count(*) FROM " + a + ".visit") == "3\n");
}

// Plants one source row of each kind db inspect counts (visits dated 2026-12-01, in the window
// of 2026-12-06), every other condition of each planted visit being fine.
void plant_inspect_defects(const std::string& a, const std::string& c) {
  psql("INSERT INTO " + a + ".provider (provider_id, app_provider_id, name, is_active, is_demo)"
       " VALUES ('PXOK', 'APXOK', 'Fine', true, false), ('PX6', 'APX6', 'Closed', false, false),"
       " ('PX7', 'APX7', 'Demo', true, true), ('PX8', 'APX8', 'Excluded', true, false)");
  psql("INSERT INTO " + c + ".excluded_agency (app_provider_id) VALUES ('APX8')");
  psql("INSERT INTO " + a + ".caregiver (caregiver_id, app_caregiver_id, ssn) VALUES "
       "('CX5', 'ACX5', '999-00-0005'), ('CX2', 'ACX2', '  '), ('CX3', 'ACX3', '999-00-0003')");
  psql("INSERT INTO " + c + ".excluded_ssn (ssn) VALUES ('999-00-0003 ')");
  psql("INSERT INTO " + a + ".patient_address (address_id, patient_id, lat, lon, zip, "
       "is_primary, address_type, created_at) VALUES "
       "('AX1', 'PPX', 40.7, -74.0, '10001', true, 'GPS', '2026-01-01'),"
       "('AX2', 'PPZ', 40.7, -74.0, ' ', true, 'GPS', '2026-01-01'),"
       "('AX3', 'PPN', NULL, -74.0, '10002', true, 'GPS', '2026-01-01'),"
       "('AX4', 'PPL', 40.7, -74.0, '10003', true, 'gps home', '2026-01-01')");
  // visit_id, caregiver, provider, date, sch_start, sch_end, visit_start, visit_end, gps_in,
  // gps_out, patient, missed
  const std::string day = "'2026-12-01', ", times = "'08:00', '10:00', '08:00', '10:00', ",
                    fine = "NULL, NULL, 'PPX', false";
  const std::string rows[] = {
      "'X01', 'NOPE', 'PXOK', " + day + times + fine,
      "'X02', 'CX2', 'PXOK', " + day + times + fine,
      "'X03', 'CX3', 'PXOK', " + day + times + fine,
      "'X04', 'CX5', 'NOPE', " + day + times + fine,
      "'X06', 'CX5', 'PX6', " + day + times + fine,
      "'X07', 'CX5', 'PX7', " + day + times + fine,
      "'X08', 'CX5', 'PX8', " + day + times + fine,
      "'X09', 'CX5', 'PXOK', " + day + times + "NULL, NULL, 'PPX', true",
      "'X10', 'CX5', 'PXOK', " + day + "'08:00', '10:00', '08:00', NULL, NULL, NULL, 'PPX', false",
      "'X11', 'CX5', 'PXOK', " + day + "'08:00', NULL, NULL, NULL, NULL, NULL, 'PPX', false",
      "'X12', 'CX5', 'PXOK', " + day + "'08:00', '10:00', '10:00', '08:00', " + fine,
      "'X13', 'CX5', 'PXOK', " + day + "'10:00', '08:00', '08:00', '10:00', " + fine,
      "'X14', 'CX5', 'PXOK', " + day + times + "'north pole', ',', 'PPX', false",
      "'X15', 'CX5', 'PXOK', " + day + times + "'40.7,-74.0', '91.0,10.0', 'PPX', false",
      "'X16', 'CX5', 'PXOK', " + day + times + "NULL, NULL, 'PPL', false",
      "'X17', 'CX5', 'PXOK', " + day + times + "NULL, NULL, 'PPZ', false",
      "'X18', 'CX5', 'PXOK', " + day + times + "NULL, NULL, 'PPN', false",
      "'X19', 'CX5', 'PXOK', '2020-01-01', " + times + fine,
  };
  for (const std::string& row : rows)
    psql("INSERT INTO " + a + ".visit (visit_id, caregiver_id, provider_id, visit_date, "
         "sch_start, sch_end, visit_start, visit_end, gps_in, gps_out, provider_patient_id, "
         "is_missed, app_visit_id, app_provider_id, app_caregiver_id) "
         "SELECT t.id, t.cg, t.pv, t.d::date, t.d::date + t.ss::time, t.d::date + t.se::time, "
         "t.d::date + t.vs::time, t.d::date + t.ve::time, t.gi, t.go, t.pp, t.m, 'A', 'A', 'A' "
         "FROM (VALUES (" + row + ")) AS t(id, cg, pv, d, ss, se, vs, ve, gi, go, pp, m)");
  psql("INSERT INTO " + a + ".inservice (inservice_id, caregiver_id, provider_id, start_ts, "
       "end_ts) VALUES ('IS1', 'CX5', 'PXOK', '2026-12-01 12:00', '2026-12-01 11:00')");
  psql("INSERT INTO " + a + ".absence (vacation_id, environment, caregiver_id, provider_id, "
       "start_ts, end_ts) VALUES ('AB1', 'prod', 'CX2', 'PXOK', '2026-12-01', '2026-12-02')");
}

TEST_CASE("db inspect counts each kind of row the rules skip or treat specially") {
  SKIP_WITHOUT_DATABASE();
  CliSchemas schemas("inspect");
  const std::string a = schemas.analytics(), c = schemas.conflict();
  REQUIRE(db_cli(schemas, "db init").exit_code == 0);
  plant_inspect_defects(a, c);
  auto text = db_cli(schemas, "db inspect --today 2026-12-06 --examples 2");
  INFO(text.err);
  CHECK(text.exit_code == 0);
  CHECK(text.err.empty());
  CHECK(text.out ==
        "window:  2024-12-06 .. 2027-01-20 (today 2026-12-06)\n"
        "visits:  18 read, 17 in the window\n"
        "1  visits outside the window: read by no task\n"
        "   e.g. X19\n"
        "1  visits whose caregiver_id has no caregiver row: never paired (no SSN)\n"
        "   e.g. X01 (caregiver NOPE)\n"
        "1  visits whose caregiver's SSN is NULL or blank: never paired, no in-service/PTO "
        "meeting\n"
        "   e.g. X02 (caregiver CX2)\n"
        "1  visits whose caregiver's SSN is in excluded_ssn: never paired, no in-service/PTO "
        "meeting\n"
        "   e.g. X03 (caregiver CX3)\n"
        "1  visits whose provider_id has no provider row: never paired\n"
        "   e.g. X04 (provider NOPE)\n"
        "1  visits of a provider not active: never paired\n"
        "   e.g. X06 (provider PX6)\n"
        "1  visits of a provider marked demo: never paired\n"
        "   e.g. X07 (provider PX7)\n"
        "1  visits of a provider in excluded_agency (by either id): never paired\n"
        "   e.g. X08 (provider PX8)\n"
        "1  missed visits (is_missed): in no new pair nor in-service/PTO meeting; an open pair "
        "turns R\n"
        "   e.g. X09\n"
        "1  visits with visit_start or visit_end but not both: in no conflict: the rules need "
        "both actual times or neither\n"
        "   e.g. X10\n"
        "1  visits without actual times and without a whole schedule: in no conflict: nothing "
        "to compare\n"
        "   e.g. X11\n"
        "1  visits whose visit_end is before visit_start: compared as given, never swapped\n"
        "   e.g. X12\n"
        "1  visits whose sch_end is before sch_start: compared as given, never swapped\n"
        "   e.g. X13\n"
        "1  visits whose gps_in is not blank and not a \"lat,lon\" point: rule 7's leg uses "
        "gps_out, else the patient's address\n"
        "   e.g. X14 (north pole)\n"
        "1  visits whose gps_out is not blank and not a \"lat,lon\" point: rule 7's leg uses "
        "gps_in, else the patient's address\n"
        "   e.g. X15 (91.0,10.0)\n"
        "1  visits whose patient has no primary address of a type containing \"GPS\": no "
        "fallback point; rule 7 takes the zip codes as different\n"
        "   e.g. X16\n"
        "1  visits whose patient's address has no zip code: rule 7 takes the zip codes as "
        "different\n"
        "   e.g. X17 (patient PPZ)\n"
        "1  visits whose patient's address has no lat or lon: no fallback point when GPS is "
        "missing\n"
        "   e.g. X18 (patient PPN)\n"
        "1  primary addresses whose type has \"gps\" only in another case: ignored: the type "
        "must contain \"GPS\" (case-sensitive)\n"
        "   e.g. AX4 (gps home)\n"
        "1  in-service and PTO sessions that end before they start: meet no visit\n"
        "   e.g. inservice:IS1\n"
        "1  in-service and PTO sessions of a caregiver or provider that cannot be paired: meet "
        "no visit\n"
        "   e.g. pto:AB1@prod\n");

  // On seeded data: each planted row adds exactly one to its count, and nothing else moves.
  REQUIRE(db_cli(schemas, "db seed --visits 2000 --seed 5 --today 2026-12-06 --force")
              .exit_code == 0);
  auto counts = [&] {
    auto run = db_cli(schemas, "db inspect --today 2026-12-06 --output json");
    REQUIRE(run.exit_code == 0);
    std::map<std::string, std::int64_t> by_name;
    const Json report = Json::parse(run.out);
    for (const Json& finding : report.at("findings"))
      by_name[finding.at("name").get<std::string>()] = finding.at("count").get<std::int64_t>();
    return by_name;
  };
  auto seeded = counts();
  CHECK(seeded.size() == 21);
  plant_inspect_defects(a, c);
  auto planted = counts();
  for (const auto& [name, count] : planted) {
    INFO(name);
    CHECK(count == seeded[name] + 1);
  }
}
