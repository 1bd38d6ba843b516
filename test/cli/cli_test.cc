// The conflictctl binary as a user runs it: outputs, messages and exit codes
// (docs/commands.md documents them).
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/json.h"

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

const std::string kSource = CONFLICTCTL_SOURCE_DIR;
const std::string kMocks = kSource + "/pipelines/mocks/conflict_report.mocks.json";

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("conflictctl_cli_" + name)).string();
}

// Runs conflictctl with `args` (shell words) from the source directory, `env` before it.
Run cli_prefixed(const std::string& env, const std::string& args) {
  std::string err_file = temp_path("stderr_XXXXXX");
  int fd = mkstemp(err_file.data());  // unique: ctest runs these tests in parallel
  REQUIRE(fd >= 0);
  close(fd);
  std::string command = "cd '" + kSource + "' && " + env + "'" + CONFLICTCTL_BINARY + "' " +
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

TEST_CASE("an unknown subcommand is a usage error") {
  auto run = cli("frobnicate");
  CHECK(run.exit_code == 2);
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

TEST_CASE("execute --output json prints exactly one JSON object") {
  std::string file = temp_path("pass.asl.json");
  std::ofstream(file) << R"json({"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"}, "End": true}}})json";
  auto run = cli("execute --definition '" + file +
                         "' --input '{\"name\": \"Ada\"}' --output json");
  CHECK(run.exit_code == 0);
  Json printed = Json::parse(run.out);
  CHECK(printed == Json::parse(R"json({"status": "SUCCEEDED", "output": {"greeting": "Hello, Ada!"},
                                   "error": null, "cause": null})json"));
}

TEST_CASE("execute reports a failed execution in JSON and exits 1") {
  std::string file = temp_path("fail.asl.json");
  std::ofstream(file) << R"json({"StartAt": "F", "States": {"F": {"Type": "Fail",
      "Error": "Boom", "Cause": "on purpose"}}})json";
  auto run = cli("execute --definition '" + file + "' --output json");
  CHECK(run.exit_code == 1);
  CHECK(Json::parse(run.out) == Json::parse(R"json({"status": "FAILED", "output": null,
                                               "error": "Boom", "cause": "on purpose"})json"));
}

TEST_CASE("execute rejects malformed --input with exit 3") {
  auto run = cli("execute --definition pipelines/conflict_report.asl.json --input '{oops'");
  CHECK(run.exit_code == 3);
  CHECK(has(run.err, "--input:1:2: not valid JSON"));
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

TEST_CASE("simulate --mock runs the sequential pipeline with a per-invocation analysis") {
  auto run = cli("simulate --mock");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "ExecuteTask02"));
  CHECK(has(run.out, "Lambda timeout analysis, per invocation"));
  CHECK(has(run.out, "Execution SUCCEEDED"));
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
  CHECK(has(run.out, "retried after 5.0 s, 10.0 s"));
  CHECK(has(run.out, "Execution SUCCEEDED"));
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
  CHECK(has(init.out, "version 0 → 1"));
  CHECK(has(db_cli(schemas, "db init").out, "already at version 1"));

  auto seed = db_cli(schemas, "db seed --visits 3000 --seed 3");
  CHECK(seed.exit_code == 0);
  CHECK(has(seed.out, "3000"));

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

TEST_CASE("run of an unknown action fails with UnknownAction") {
  auto run = cli("run no_such_task --mock");
  CHECK(run.exit_code == 1);
  CHECK(has(run.err, "UnknownAction"));
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
