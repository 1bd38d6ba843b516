#include "tasks/bindings.h"
#include "scratch_dir.h"
#include "source_tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace conflictctl;
using namespace conflictctl::tasks;
namespace fs = std::filesystem;

namespace {

const std::string kPipelines = test::source_path("pipelines");

std::vector<std::string> messages(const LoadedBindings& loaded) {
  std::vector<std::string> out;
  for (const Diagnostic& d : loaded.diagnostics) out.push_back(d.to_string());
  return out;
}

// A scratch folder of its own, removed at the end of the test.
struct ScratchDir {
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
  test::ScratchDir scratch{"bindings"};
  fs::path path = scratch.path();
};

constexpr const char* kMinimal =
    "name: x\n"
    "definition: x.asl.json\n"
    "functions:\n"
    "  f:\n"
    "    handler: h\n";

}  // namespace

TEST_CASE("the conflict_report pipeline binds etl-pipeline-function", "[bindings]") {
  LoadedBindings loaded = find_pipeline(kPipelines, "conflict_report");
  INFO(messages(loaded).size());
  REQUIRE(loaded.diagnostics.empty());
  const Bindings& b = *loaded.bindings;
  CHECK(b.name == "conflict_report");
  CHECK(b.definition == "conflict_report.asl.json");
  CHECK(b.definition_path == kPipelines + "/conflict_report.asl.json");
  CHECK(b.file == kPipelines + "/conflict_report.yaml");
  CHECK_FALSE(b.description.empty());
  REQUIRE(b.functions.size() == 1);
  CHECK(b.functions[0].name == "etl-pipeline-function");
  CHECK(b.functions[0].handler == "conflict-report");
  CHECK(b.functions[0].timeout_seconds == 900);
  CHECK(b.functions[0].memory_mb == 2048);
  CHECK(b.find("etl-pipeline-function") == &b.functions[0]);
  CHECK(b.find("cm-task-ag-test01") == nullptr);
}

TEST_CASE("the conflict_report_chunked pipeline binds cm-task-ag-test01", "[bindings]") {
  LoadedBindings loaded = find_pipeline(kPipelines, "conflict_report_chunked");
  REQUIRE(loaded.diagnostics.empty());
  const Bindings& b = *loaded.bindings;
  CHECK(b.definition_path == kPipelines + "/conflict_report_chunked.asl.json");
  REQUIRE(b.functions.size() == 1);
  CHECK(b.functions[0].name == "cm-task-ag-test01");
  CHECK(b.functions[0].handler == "conflict-report");
  CHECK(b.functions[0].timeout_seconds == 900);
  CHECK(b.functions[0].memory_mb == 2048);
}

TEST_CASE("list_pipelines names the bindings files, sorted", "[bindings]") {
  std::vector<std::string> names = list_pipelines(kPipelines);
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::count(names.begin(), names.end(), "conflict_report") == 1);
  CHECK(std::count(names.begin(), names.end(), "conflict_report_chunked") == 1);
  CHECK(list_pipelines(kPipelines + "/no-such-folder").empty());
}

TEST_CASE("function settings default to Lambda's 900 s limit and 128 MB", "[bindings]") {
  LoadedBindings loaded = parse_bindings(kMinimal, "pipelines/x.yaml");
  REQUIRE(loaded.diagnostics.empty());
  const Bindings& b = *loaded.bindings;
  CHECK(b.definition_path == "pipelines/x.asl.json");
  CHECK(b.description.empty());
  REQUIRE(b.functions.size() == 1);
  CHECK(b.functions[0].timeout_seconds == 900);
  CHECK(b.functions[0].memory_mb == 128);
  CHECK(b.functions[0].line == 5);
  CHECK(b.functions[0].column == 14);
}

TEST_CASE("a flow-style function entry is read too", "[bindings]") {
  LoadedBindings loaded = parse_bindings(
      "name: x\ndefinition: x.asl.json\nfunctions:\n"
      "  f: {handler: conflict-report, timeout_seconds: 60, memory_mb: 1024}\n",
      "x.yaml");
  REQUIRE(loaded.diagnostics.empty());
  CHECK(loaded.bindings->functions[0].timeout_seconds == 60);
  CHECK(loaded.bindings->functions[0].memory_mb == 1024);
}

TEST_CASE("a YAML syntax error names the file and line", "[bindings]") {
  LoadedBindings loaded = parse_bindings("name: x\ndefinition: a: b\n", "x.yaml");
  CHECK_FALSE(loaded.bindings);
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].line == 2);
  CHECK(loaded.diagnostics[0].file == "x.yaml");
  CHECK(loaded.diagnostics[0].message.starts_with("syntax error: "));
  CHECK(loaded.diagnostics[0].to_string().starts_with("x.yaml:2:"));
}

TEST_CASE("missing required keys are reported at the top mapping", "[bindings]") {
  LoadedBindings loaded = parse_bindings("name: x\n", "x.yaml");
  CHECK_FALSE(loaded.bindings);
  CHECK(messages(loaded) == std::vector<std::string>{
                                "x.yaml:1:1: missing required key 'definition'",
                                "x.yaml:1:1: missing required key 'functions'"});
}

TEST_CASE("unknown and duplicate keys are reported where they are written", "[bindings]") {
  LoadedBindings loaded = parse_bindings(
      "name: x\n"
      "definition: x.asl.json\n"
      "defintion: y.asl.json\n"
      "functions:\n"
      "  f:\n"
      "    handlr: h\n"
      "  g:\n"
      "    handler: h\n"
      "    handler: i\n",
      "x.yaml");
  CHECK(messages(loaded) ==
        std::vector<std::string>{
            "x.yaml:3:1: unknown key 'defintion' (expected name, definition, description, "
            "type, functions, environment or logging)",
            "x.yaml:6:5: unknown key 'handlr' (expected handler, timeout_seconds or memory_mb)",
            "x.yaml:6:5: missing required key 'handler'",
            "x.yaml:9:5: duplicate key 'handler'"});
}

TEST_CASE("wrong types and values out of Lambda's range are reported at the value",
          "[bindings]") {
  LoadedBindings loaded = parse_bindings(
      "name: [x]\n"
      "definition: x.asl.json\n"
      "description:\n"
      "functions:\n"
      "  f:\n"
      "    handler: h\n"
      "    timeout_seconds: 1200\n"
      "    memory_mb: 64\n"
      "  g:\n"
      "    handler: h\n"
      "    timeout_seconds: soon\n"
      "  h: conflict-report\n"
      "  bad name:\n"
      "    handler: h\n",
      "x.yaml");
  CHECK(messages(loaded) ==
        std::vector<std::string>{
            "x.yaml:1:7: 'name' must be a string",
            "x.yaml:3:1: 'description' must be a string",
            "x.yaml:7:22: 'timeout_seconds' must be between 1 and 900 (the Lambda limit), not "
            "1200",
            "x.yaml:8:16: 'memory_mb' must be between 128 and 10240 (the Lambda limits), not 64",
            "x.yaml:11:22: 'timeout_seconds' must be an integer",
            "x.yaml:12:6: function 'h' must be a mapping with a 'handler'",
            "x.yaml:13:3: invalid Lambda function name 'bad name': a name is 1 to 64 letters, "
            "digits, hyphens or underscores"});
}

TEST_CASE("functions must be a mapping", "[bindings]") {
  LoadedBindings loaded =
      parse_bindings("name: x\ndefinition: x.asl.json\nfunctions: [f]\n", "x.yaml");
  CHECK(messages(loaded) ==
        std::vector<std::string>{"x.yaml:3:12: 'functions' must be a mapping of Lambda function "
                                 "names to their settings"});
}

TEST_CASE("the name must match the file name", "[bindings]") {
  LoadedBindings loaded = parse_bindings(kMinimal, "pipelines/other.yaml");
  CHECK(messages(loaded) == std::vector<std::string>{
                                "pipelines/other.yaml:1:7: name 'x' does not match the file "
                                "name 'other.yaml'"});
}

TEST_CASE("a document that is not a mapping is reported", "[bindings]") {
  CHECK(messages(parse_bindings("", "x.yaml")) ==
        std::vector<std::string>{"x.yaml:1:1: the bindings file is empty"});
  CHECK(messages(parse_bindings("- a\n- b\n", "x.yaml")) ==
        std::vector<std::string>{"x.yaml:1:1: a bindings file must be a YAML mapping"});
}

TEST_CASE("load_bindings checks that the definition file exists", "[bindings]") {
  ScratchDir dir;
  dir.write("x.yaml", kMinimal);
  std::string file = (dir.path / "x.yaml").string();
  LoadedBindings missing = load_bindings(file);
  CHECK(messages(missing) ==
        std::vector<std::string>{fmt::format("{}:2:13: definition file '{}' does not exist",
                                             file, (dir.path / "x.asl.json").string())});

  dir.write("x.asl.json", "{}");
  LoadedBindings present = load_bindings(file);
  REQUIRE(present.diagnostics.empty());
  CHECK(present.bindings->definition_path == (dir.path / "x.asl.json").string());
}

TEST_CASE("an unreadable bindings file is one diagnostic", "[bindings]") {
  LoadedBindings loaded = load_bindings("/no/such/dir/x.yaml");
  CHECK(messages(loaded) ==
        std::vector<std::string>{"/no/such/dir/x.yaml: cannot read the bindings file"});
}

TEST_CASE("an unknown pipeline name lists the pipelines there", "[bindings]") {
  ScratchDir dir;
  dir.write("x.yaml", kMinimal);
  dir.write("notes.txt", "not a pipeline");
  CHECK(list_pipelines(dir.path.string()) == std::vector<std::string>{"x"});
  LoadedBindings loaded = find_pipeline(dir.path.string(), "nope");
  CHECK(messages(loaded) ==
        std::vector<std::string>{fmt::format(
            "{}: no pipeline named 'nope' (no nope.yaml here; pipelines: x)",
            dir.path.string())});
}

namespace {

// kMinimal with one more top-level line.
LoadedBindings minimal_with(const char* line) {
  std::string text = kMinimal;
  text.append(line);
  return parse_bindings(text, "x.yaml");
}

}  // namespace

TEST_CASE("type: names the workflow type, absent, it is left to the default", "[bindings]") {
  CHECK_FALSE(parse_bindings(kMinimal, "x.yaml").bindings->type);
  auto express = minimal_with("type: EXPRESS\n");
  REQUIRE(express.bindings);
  CHECK(express.bindings->type == WorkflowType::kExpress);
  auto standard = minimal_with("type: STANDARD\n");
  CHECK(standard.bindings->type == WorkflowType::kStandard);
}

TEST_CASE("a type other than STANDARD or EXPRESS is reported at its line", "[bindings]") {
  auto loaded = minimal_with("type: express\n");
  CHECK_FALSE(loaded.bindings);
  CHECK(messages(loaded) == std::vector<std::string>{
                                "x.yaml:6:7: type 'express' is not a workflow type (expected "
                                "STANDARD or EXPRESS)"});
}

TEST_CASE("environment: names the functions' variables, a value or the deployer's", "[bindings]") {
  LoadedBindings absent = parse_bindings(kMinimal, "x.yaml");
  REQUIRE(absent.bindings);
  CHECK_FALSE(absent.bindings->environment);  // deploy leaves the environment alone
  CHECK_FALSE(absent.bindings->logging);

  LoadedBindings loaded = parse_bindings(std::string(kMinimal) +
                                             "environment:\n"
                                             "  POSTGRES_SECRET_ID:\n"
                                             "  LOG_LEVEL: INFO\n"
                                             "  MAX_WORKERS: 8\n"
                                             "logging:\n"
                                             "  level: ERROR\n"
                                             "  include_execution_data: true\n",
                                         "x.yaml");
  REQUIRE(messages(loaded).empty());
  const auto& environment = *loaded.bindings->environment;
  REQUIRE(environment.size() == 3);
  CHECK(environment[0].name == "POSTGRES_SECRET_ID");
  CHECK_FALSE(environment[0].value);
  CHECK(environment[0].line == 7);
  CHECK(environment[1].value == "INFO");
  CHECK(environment[2].value == "8");
  CHECK(loaded.bindings->logging->level == "ERROR");
  CHECK(loaded.bindings->logging->include_execution_data);
  CHECK(loaded.bindings->logging->log_group_arn.empty());

  LoadedBindings empty = parse_bindings(std::string(kMinimal) + "environment: {}\n", "x.yaml");
  REQUIRE(empty.bindings);
  CHECK(empty.bindings->environment->empty());  // managed: the environment is emptied
}

TEST_CASE("environment: never a password, nor a name Lambda reserves", "[bindings]") {
  LoadedBindings loaded = parse_bindings(std::string(kMinimal) +
                                             "environment:\n"
                                             "  POSTGRES_PASSWORD: hunter2\n"
                                             "  AWS_REGION: eu-west-1\n"
                                             "  _HANDLER: x\n"
                                             "  9LIVES: x\n"
                                             "  LIST: [1, 2]\n"
                                             "logging:\n"
                                             "  level: VERBOSE\n"
                                             "  include_execution_data: maybe\n"
                                             "  log_group_arn: arn:aws:logs:x\n",
                                         "x.yaml");
  CHECK(messages(loaded) ==
        std::vector<std::string>{
            "x.yaml:7:3: no password in a function's environment: name a Secrets Manager "
            "secret with POSTGRES_SECRET_ID instead (docs/deploy.md)",
            "x.yaml:8:3: 'AWS_REGION' is reserved by Lambda, which sets it",
            "x.yaml:9:3: '_HANDLER' is reserved by Lambda, which sets it",
            "x.yaml:10:3: '9LIVES' is not a variable name (a letter, then letters, digits or "
            "underscores)",
            "x.yaml:11:9: 'LIST' must be a text, or nothing to take the deployer's setting",
            "x.yaml:13:10: level 'VERBOSE' is not a log level (expected ALL, ERROR, FATAL or "
            "OFF)",
            "x.yaml:14:27: 'include_execution_data' must be true or false",
            "x.yaml:15:18: 'log_group_arn' must be a log group's ARN ending in ':*' "
            "(arn:aws:logs:REGION:ACCOUNT_ID:log-group:NAME:*)"});
  CHECK(std::none_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                     [](const Diagnostic& d) { return d.to_string().find("hunter2") !=
                                                      std::string::npos; }));
}
