#pragma once
// The shape of a state machine, as parsed from an ASL definition, in either query language.
//
// These are plain values: the parser builds them (asl/parser.h), the validator checks them,
// the engine reads them. Behaviour lives in engine/, never here. Optional fields that the
// spec gives a default are filled with it by the parser (asl/defaults.h); fields whose
// *absence* means something (e.g. no TimeoutSeconds) stay std::optional.
//
// A path field (InputPath, OutputPath, ResultPath, ItemsPath, …) is a `PathField`:
// absent in the definition → the spec's default ("$"); JSON null → `discard` set.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/json.h"
#include "core/workflow_type.h"

namespace conflictctl::asl {

struct StateMachine;

// A state's query language: its own QueryLanguage field, else the state machine's (top-level)
// one, else JSONPath. JSONata states hold "{% expression %}" strings (asl/jsonata_fields.h)
// in Arguments, Output, Assign, Condition, Items, ItemSelector and the scalar fields noted
// below; their JSONPath fields (InputPath, Parameters, ResultSelector, ResultPath,
// OutputPath, the *Path fields) are refused by the parser.
enum class QueryLanguage { kJsonPath, kJsonata };
std::string_view to_string(QueryLanguage language);

struct PathField {
  std::string path = "$";  // a path or reference path, as written
  bool discard = false;    // the field was JSON null
};

enum class JitterStrategy { kNone, kFull };

struct Retrier {
  std::vector<std::string> error_equals;
  double interval_seconds = 1.0;  // asl::defaults::kIntervalSeconds
  int max_attempts = 3;           // asl::defaults::kMaxAttempts; 0 = never retry
  double backoff_rate = 2.0;      // asl::defaults::kBackoffRate
  std::optional<double> max_delay_seconds;
  JitterStrategy jitter = JitterStrategy::kNone;
  std::string pointer;  // JSON Pointer of this retrier in the definition
};

struct Catcher {
  std::vector<std::string> error_equals;
  std::string next;
  PathField result_path;  // default "$": the error output replaces the input
  std::optional<Json> assign;  // "Assign": variables set when this Catcher applies
  std::optional<Json> output;  // JSONata: "Output", the state's output when it applies
  std::string pointer;
};

// One Choice rule, or a nested boolean expression of rules.
struct ChoiceRule {
  // Leaf comparison: `variable` (a path) compared by `op` (e.g. "NumericGreaterThan",
  // "StringEqualsPath", "IsPresent") with `operand` (a literal, or a path when the
  // operator ends in "Path").
  std::string variable;
  std::string op;
  Json operand;
  // Boolean combinators: op is "And", "Or" or "Not"; children hold the operands.
  std::vector<ChoiceRule> children;
  std::string next;  // only on top-level rules
  std::optional<Json> assign;  // only on top-level rules: variables set when it matches
  // JSONata: "Condition" (a boolean, or an expression that gives one) and "Output".
  std::optional<Json> condition;
  std::optional<Json> output;
  std::string pointer;
};

struct PassSpec {
  std::optional<Json> result;  // "Result"
};

struct TaskSpec {
  std::string resource;
  std::optional<double> timeout_seconds;
  std::optional<std::string> timeout_seconds_path;
  std::optional<double> heartbeat_seconds;
  std::optional<std::string> heartbeat_seconds_path;
  // JSONata: TimeoutSeconds / HeartbeatSeconds given as "{% … %}".
  std::optional<std::string> timeout_seconds_expression;
  std::optional<std::string> heartbeat_seconds_expression;
  std::optional<Json> credentials;
};

struct ChoiceSpec {
  std::vector<ChoiceRule> choices;
  std::optional<std::string> default_next;  // "Default"
};

struct WaitSpec {
  std::optional<double> seconds;
  std::optional<std::string> timestamp;  // RFC 3339
  std::optional<std::string> seconds_path;
  std::optional<std::string> timestamp_path;
  // JSONata: Seconds given as "{% … %}"; a Timestamp string may be one too (`timestamp`).
  std::optional<std::string> seconds_expression;
};

struct SucceedSpec {};

struct FailSpec {
  std::optional<std::string> error;  // JSONata: may be "{% … %}"
  std::optional<std::string> cause;  // JSONata: may be "{% … %}"
  std::optional<std::string> error_path;  // may be an intrinsic function call
  std::optional<std::string> cause_path;
};

struct ParallelSpec {
  std::vector<std::shared_ptr<const StateMachine>> branches;
};

// A number field of a Distributed Map's reader or batcher: a literal, its "…Path" form
// (JSONPath: a reference path into the state input) or, in JSONata, "{% … %}".
struct CountField {
  std::optional<double> number;
  std::optional<std::string> path;
  std::optional<std::string> expression;
  bool given() const { return number || path || expression; }
};

// "ItemReader" (Distributed Map; AWS, "ItemReader (Map)"): the items come from S3 instead of
// the state input. Here an S3 object is a local file: the run options map s3:// prefixes to
// folders (engine/s3_files.h).
struct ItemReaderSpec {
  // "arn:aws:states:::s3:getObject" (one object's contents) or
  // "arn:aws:states:::s3:listObjectsV2" (the objects under a prefix).
  std::string resource;
  bool listing = false;  // listObjectsV2
  // "Parameters" (a JSONPath payload template) or "Arguments" (JSONata): Bucket and Key
  // (getObject) or Bucket and Prefix (listObjectsV2).
  Json parameters = Json::object();
  // ReaderConfig.InputType: "JSON" (an array or object), "JSONL" (one value a line), "CSV",
  // "MANIFEST" (an S3 inventory manifest.json naming CSV files; also what ManifestType
  // S3_INVENTORY means); empty for a listing of metadata.
  std::string input_type;
  // ReaderConfig.ManifestType ATHENA_DATA: the object is an Athena UNLOAD manifest, a list of
  // s3:// URIs of data files of `input_type` (CSV, JSONL).
  bool athena_manifest = false;
  // ReaderConfig.Transformation LOAD_AND_FLATTEN (listObjectsV2 only): the items are the
  // contents of the listed objects, read as `input_type`, not their metadata.
  bool load_and_flatten = false;
  std::optional<std::string> items_pointer;  // ReaderConfig.ItemsPointer (JSON): a JSON Pointer
  bool csv_header_given = false;         // CSVHeaderLocation: FIRST_ROW (default) or GIVEN
  std::vector<std::string> csv_headers;  // CSVHeaders, with GIVEN
  char csv_delimiter = ',';              // CSVDelimiter: COMMA, PIPE, SEMICOLON, SPACE, TAB
  CountField max_items;                  // ReaderConfig.MaxItems / MaxItemsPath; none: all
  std::string pointer;                   // of the ItemReader object
};

// "ItemBatcher": iterations take batches, {"BatchInput": …, "Items": […]}.
struct ItemBatcherSpec {
  CountField max_items_per_batch;        // MaxItemsPerBatch(Path)
  CountField max_input_bytes_per_batch;  // MaxInputBytesPerBatch(Path), at most 256 KiB
  std::optional<Json> batch_input;       // BatchInput: a payload template (JSONPath)
  std::string pointer;
};

// "ResultWriter" (AWS, "ResultWriter (Map)"): how the child executions' results are
// formatted (WriterConfig) and whether they are written to S3 (here a local folder, as AWS
// lays them out: engine/result_writer.h) — then the Map's output is the Map Run's ARN and
// where the manifest is.
struct ResultWriterSpec {
  std::string resource;               // "arn:aws:states:::s3:putObject"; empty: no export
  Json parameters = Json::object();   // Bucket and Prefix (Parameters / Arguments)
  bool writer_config = false;         // WriterConfig given
  // WriterConfig.Transformation: "NONE" (each child's record with its metadata), "COMPACT"
  // (the outputs), "FLATTEN" (the outputs, arrays flattened). Absent: NONE when exporting,
  // COMPACT when not.
  std::optional<std::string> transformation;
  bool jsonl = false;                 // WriterConfig.OutputType: JSON (default) or JSONL
  std::string pointer;
  bool exports() const { return !resource.empty(); }
};

struct MapSpec {
  std::shared_ptr<const StateMachine> processor;  // ItemProcessor, or the legacy Iterator
  bool distributed = false;                       // ProcessorConfig.Mode == "DISTRIBUTED"
  // ProcessorConfig.ExecutionType, required with DISTRIBUTED: the type of the Map Run's child
  // executions (core/workflow_type.h; an EXPRESS child runs at most five minutes and takes
  // only Request Response tasks, asl/workflow_rules.h).
  WorkflowType child_type = WorkflowType::kStandard;
  PathField items_path;
  std::optional<Json> item_selector;  // ItemSelector, or the legacy Parameters
  std::optional<int> max_concurrency;  // absent or 0 = unlimited
  std::optional<std::string> max_concurrency_path;
  std::optional<double> tolerated_failure_percentage;
  std::optional<std::string> tolerated_failure_percentage_path;
  std::optional<int> tolerated_failure_count;
  std::optional<std::string> tolerated_failure_count_path;
  // JSONata: "Items" (an array, or an expression that gives one) and the counts as
  // "{% … %}" strings.
  std::optional<Json> items;
  std::optional<std::string> max_concurrency_expression;
  std::optional<std::string> tolerated_failure_percentage_expression;
  std::optional<std::string> tolerated_failure_count_expression;
  // Distributed Map only (asl/distributed_map_reader.h).
  std::optional<ItemReaderSpec> item_reader;
  std::optional<ItemBatcherSpec> item_batcher;
  std::optional<ResultWriterSpec> result_writer;
  std::optional<std::string> label;  // "Label": names the Map Run and its child executions
};

enum class StateType { kPass, kTask, kChoice, kWait, kSucceed, kFail, kParallel, kMap };

std::string_view to_string(StateType type);

struct State {
  std::string name;
  StateType type = StateType::kPass;
  std::string pointer;  // JSON Pointer of the state object, e.g. "/States/Load"
  std::optional<std::string> comment;
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  // Whether any text of the state mentions the context object ("$$"): when none does, the
  // engine need not bring $$ up to date for it. Conservative (a Comment counts too).
  bool reads_context = true;

  // Transition: exactly one of next / end for states that transition.
  std::optional<std::string> next;
  bool end = false;

  // Data flow (not every type has every field; the parser enforces which).
  PathField input_path;
  PathField output_path;
  PathField result_path;
  std::optional<Json> parameters;       // payload template
  std::optional<Json> result_selector;  // payload template
  // "Assign" (Pass, Task, Choice, Wait, Parallel, Map): workflow variables to set, a payload
  // template in JSONPath (asl/assign_reader.h). A Choice's applies when Default is taken.
  std::optional<Json> assign;
  // JSONata: "Arguments" (Task, Parallel: the input of the state's work) and "Output" (all
  // but Fail: the state's output; without it a Task's, Parallel's or Map's output is its
  // result, any other state's its input).
  std::optional<Json> arguments;
  std::optional<Json> output;

  std::vector<Retrier> retry;
  std::vector<Catcher> catchers;  // "Catch"

  std::variant<PassSpec, TaskSpec, ChoiceSpec, WaitSpec, SucceedSpec, FailSpec, ParallelSpec,
               MapSpec>
      spec;
};

struct StateMachine {
  std::optional<std::string> comment;
  std::string start_at;
  std::optional<double> timeout_seconds;  // the whole execution's (top level only)
  QueryLanguage query_language = QueryLanguage::kJsonPath;  // the top level's QueryLanguage
  std::string version = "1.0";
  std::map<std::string, State> states;
  std::vector<std::string> state_order;  // names in definition order
  std::string pointer;                   // "" for the top level, e.g. "/States/M/ItemProcessor"
};

}  // namespace conflictctl::asl
