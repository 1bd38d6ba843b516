#pragma once
// A Distributed Map's ResultWriter (asl::ResultWriterSpec): how the results of the Map Run's
// child executions are formatted (WriterConfig) and, with Resource and Parameters, written
// where the S3 prefix's local folder is (engine/s3_files.h), in the layout Step Functions
// uses in S3 (AWS, "ResultWriter (Map)"):
//
//   PREFIX/MAP_RUN_ID/manifest.json      {"DestinationBucket", "MapRunArn", "ResultFiles":
//                                          {"FAILED": [{"Key", "Size"}], "PENDING": [...],
//                                           "SUCCEEDED": [...]}}
//   PREFIX/MAP_RUN_ID/SUCCEEDED_0.json   the child executions that succeeded
//   PREFIX/MAP_RUN_ID/FAILED_0.json      ... that failed (or timed out)
//   PREFIX/MAP_RUN_ID/PENDING_0.json     ... that were stopped when the Map Run failed
//
// A child execution's record: {"ExecutionArn", "Input", "InputDetails": {"Included": true},
// "Name", "Output" (or "Error" and "Cause"), "OutputDetails", "RedriveCount": 0,
// "RedriveStatus", "StartDate", "StateMachineArn", "Status", "StopDate"}; Input and Output
// are JSON text, as in AWS. WriterConfig.Transformation says what each child adds (AWS):
//   NONE     "returns the output of the child workflow executions unchanged, in addition to
//            the workflow metadata": its record. The default when exporting to S3.
//   COMPACT  "returns the output of the child workflow executions": its output. The default
//            without a ResultWriter (the Map's plain array of outputs).
//   FLATTEN  its output, or the elements of its output when that is an array.
// "If a child workflow execution fails, Step Functions returns its execution result unchanged.
// The results would be equivalent to having set Transformation to NONE": a child that did not
// succeed adds its record whatever the Transformation. WriterConfig.OutputType JSON writes the
// results as a JSON array, JSONL as JSON Lines (one compact value and "\n" each; the files keep
// their .json names, the only ones AWS documents). WriterConfig alone ("to preview the
// formatted output, without saving the results to Amazon S3") makes the results, so
// formatted, the Map's output: a JSON array, or with JSONL a string of JSON Lines.
//
// A file is written only for a status that has executions (AWS lists empty ones as []).
// Records stream to temporary files as children finish, so a Map Run's results are never
// held in memory; finish() closes them, renames them into place and writes the manifest
// last. Errors are States.ResultWriterFailed naming the file. One writer per Map Run, on the
// engine's loop thread.
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/json.h"
#include "asl/model.h"
#include "core/timestamp.h"
#include "engine/s3_files.h"

namespace conflictctl::engine {

// One child execution of a Map Run, as its result record shows it.
struct ChildExecution {
  std::string name;
  std::string arn;
  std::string state_machine_arn;
  std::string input;                // JSON text
  std::optional<std::string> output;  // JSON text, when it succeeded
  std::optional<Error> error;         // when it failed
  std::string status;                 // "SUCCEEDED", "FAILED", "ABORTED"
  Timestamp start;
  Timestamp stop;
  int redrive_count = 0;  // how many times a redrive ran it again (engine/redrive.h)
};

// WriterConfig, with AWS's defaults filled in.
struct ResultFormat {
  enum class Transformation { kNone, kCompact, kFlatten };
  Transformation transformation = Transformation::kNone;
  bool jsonl = false;
};
ResultFormat result_format(const asl::ResultWriterSpec& writer);

// What `child` adds to the results under `transformation` (`output`: its output, when it
// succeeded), as a JSON array of entries.
Json result_entries(const ChildExecution& child, const Json* output,
                    ResultFormat::Transformation transformation);

// `entries` (each child's result_entries, in item order, joined) as the Map's output under
// WriterConfig alone: the array itself, or with JSONL a string of JSON Lines.
Json preview_output(Json entries, const ResultFormat& format);

class ResultWriter {
 public:
  // Where the Map Run `map_run_id` (the last part of `map_run_arn`) writes: s3://bucket/
  // prefix/map_run_id/ through `files`, in `format`.
  static Result<std::unique_ptr<ResultWriter>> open(const S3Files& files, std::string bucket,
                                                    std::string prefix, std::string map_run_arn,
                                                    const std::string& map_run_id,
                                                    ResultFormat format = {});
  ~ResultWriter();

  // `output`: the child's output, when it succeeded.
  Result<void> add(const ChildExecution& child, const Json* output = nullptr);
  // Closes the files and writes the manifest. The Map's output: {"MapRunArn": …,
  // "ResultWriterDetails": {"Bucket": …, "Key": "PREFIX/MAP_RUN_ID/manifest.json"}}.
  Result<Json> finish();

 private:
  struct File {
    std::string key;  // its S3 key
    std::filesystem::path path;
    std::filesystem::path temporary;
    std::ofstream out;
    bool any = false;
  };
  ResultWriter() = default;
  Error failed(const std::filesystem::path& path, const char* what) const;

  std::string bucket_;
  std::string key_prefix_;  // "PREFIX/MAP_RUN_ID/"
  std::string map_run_arn_;
  const S3Files* files_ = nullptr;
  ResultFormat format_;
  std::array<File, 3> files_by_status_;  // SUCCEEDED, FAILED, PENDING
};

}  // namespace conflictctl::engine
