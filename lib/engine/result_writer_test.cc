#include "engine/result_writer.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error_names.h"
#include "scratch_dir.h"

namespace conflictctl::engine {
namespace {

namespace fs = std::filesystem;
using T = ResultFormat::Transformation;

ChildExecution child(std::string name, std::string status) {
  ChildExecution execution;
  execution.name = name;
  execution.arn = "arn:aws:states:us-east-1:1:execution:M/Map:" + name;
  execution.state_machine_arn = "arn:aws:states:us-east-1:1:stateMachine:M/Map";
  execution.input = "{}";
  execution.status = std::move(status);
  execution.start = *parse_timestamp("2024-01-01T00:00:00Z");
  execution.stop = *parse_timestamp("2024-01-01T00:00:01.5Z");
  return execution;
}

const Json kRecordOfFailed = Json::parse(R"({
    "ExecutionArn": "arn:aws:states:us-east-1:1:execution:M/Map:f", "Input": "{}",
    "InputDetails": {"Included": true}, "Name": "f", "Error": "E", "Cause": "c",
    "RedriveCount": 0, "RedriveStatus": "NOT_REDRIVABLE",
    "StartDate": "2024-01-01T00:00:00.000Z",
    "StateMachineArn": "arn:aws:states:us-east-1:1:stateMachine:M/Map", "Status": "FAILED",
    "StopDate": "2024-01-01T00:00:01.500Z"})");

TEST_CASE("WriterConfig defaults: NONE when exporting, COMPACT when previewing, JSON") {
  asl::ResultWriterSpec exporting;
  exporting.resource = "arn:aws:states:::s3:putObject";
  CHECK(result_format(exporting).transformation == T::kNone);
  CHECK_FALSE(result_format(exporting).jsonl);
  asl::ResultWriterSpec preview;
  preview.writer_config = true;
  CHECK(result_format(preview).transformation == T::kCompact);
  preview.transformation = "FLATTEN";
  preview.jsonl = true;
  CHECK(result_format(preview).transformation == T::kFlatten);
  CHECK(result_format(preview).jsonl);
}

TEST_CASE("what a child adds: its record, its output, or its output's elements") {
  ChildExecution succeeded = child("s", "SUCCEEDED");
  const Json output = Json::parse(R"([{"id": 1}, {"id": 2}])");
  succeeded.output = to_compact(output);
  CHECK(result_entries(succeeded, &output, T::kCompact) == Json::array({output}));
  CHECK(result_entries(succeeded, &output, T::kFlatten) == output);
  const Json none = result_entries(succeeded, &output, T::kNone);
  REQUIRE(none.size() == 1);
  CHECK(none[0]["Output"] == R"([{"id":1},{"id":2}])");
  CHECK(none[0]["Status"] == "SUCCEEDED");
  const Json scalar = 5;
  CHECK(result_entries(succeeded, &scalar, T::kFlatten) == Json::array({5}));

  // "If a child workflow execution fails, Step Functions returns its execution result
  // unchanged": its record, whatever the Transformation.
  ChildExecution failed = child("f", "FAILED");
  failed.error = Error{"E", "c"};
  CHECK(result_entries(failed, nullptr, T::kFlatten) == Json::array({kRecordOfFailed}));
  CHECK(result_entries(failed, nullptr, T::kCompact) == Json::array({kRecordOfFailed}));
}

TEST_CASE("a preview is the array of entries, or with JSONL a string of JSON Lines") {
  const Json entries = Json::parse(R"([{"id": 1}, [2], "three"])");
  CHECK(preview_output(entries, {T::kCompact, false}) == entries);
  CHECK(preview_output(entries, {T::kCompact, true}) == "{\"id\":1}\n[2]\n\"three\"\n");
  CHECK(preview_output(Json::array(), {T::kCompact, true}) == "");
}

std::string text_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("exported results in JSON Lines, flattened, with the records of failed children") {
  const test::ScratchDir scratch("result_writer");
  const fs::path& dir = scratch.path();
  S3Files files({S3Root{"out/", dir}});
  auto writer = ResultWriter::open(files, "out", "runs", "arn:run", "id", {T::kFlatten, true});
  REQUIRE(writer.ok());
  ChildExecution first = child("a", "SUCCEEDED");
  const Json first_output = Json::parse(R"([1, 2])");
  first.output = to_compact(first_output);
  ChildExecution second = child("b", "SUCCEEDED");
  const Json second_output = Json::parse(R"({"x": 3})");
  second.output = to_compact(second_output);
  ChildExecution failed = child("f", "FAILED");
  failed.error = Error{"E", "c"};
  REQUIRE((*writer)->add(first, &first_output).ok());
  REQUIRE((*writer)->add(failed).ok());
  REQUIRE((*writer)->add(second, &second_output).ok());
  auto output = (*writer)->finish();
  REQUIRE(output.ok());
  CHECK(*output == Json::parse(R"({"MapRunArn": "arn:run",
      "ResultWriterDetails": {"Bucket": "out", "Key": "runs/id/manifest.json"}})"));
  CHECK(text_of(dir / "runs/id/SUCCEEDED_0.json") == "1\n2\n{\"x\":3}\n");
  CHECK(Json::parse(text_of(dir / "runs/id/FAILED_0.json")) == kRecordOfFailed);
  const Json manifest = Json::parse(text_of(dir / "runs/id/manifest.json"));
  CHECK(manifest["ResultFiles"]["SUCCEEDED"] ==
        Json::parse(R"([{"Key": "runs/id/SUCCEEDED_0.json", "Size": 12}])"));
  CHECK(manifest["ResultFiles"]["PENDING"] == Json::array());
}

}  // namespace
}  // namespace conflictctl::engine
