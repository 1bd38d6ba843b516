#include "machine_run.h"

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "asl/for_each_state.h"
#include "asl/limits.h"
#include "console.h"
#include "core/private_file.h"
#include "core/random.h"
#include "core/workflow_type.h"
#include "engine/s3_files.h"
#include "exit_codes.h"
#include "json_argument.h"
#include "output_path.h"
#include "progress/run_progress.h"
#include "workflow_type_option.h"

namespace conflictctl::app {

Json function_timeouts_json(const asl::StateMachine& machine,
                            const engine::FunctionTimeout& timeout) {
  Json timeouts = Json::object();
  asl::for_each_state(machine, [&](const asl::State& state, int) {
    if (const auto* task = std::get_if<asl::TaskSpec>(&state.spec))
      if (auto seconds = timeout(task->resource)) timeouts[task->resource] = *seconds;
  });
  return timeouts;
}

void add_machine_run_options(CLI::App& command, MachineRunOptions& options,
                             const std::string& mock_config_help) {
  command.add_option("--input", options.input, "Execution input: JSON text or @file")
      ->capture_default_str();
  auto* mock = command.add_option("--mock-config", options.mock_config, mock_config_help);
  command.add_option("--test-case", options.test_case,
                     "Test case in the mock configuration (default: the only one)")
      ->needs(mock);
  command.add_option("--output", options.output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command.add_option("--history", options.history,
                     "Write the execution history (GetExecutionHistory format) to this file")
      ->check(writable_file());
  command.add_option("--seed", options.seed,
                     "Seed for States.UUID, States.MathRandom, jitter and the execution name "
                     "(default: a random seed, printed in the report)");
  add_type_option(command, options.type);
  command
      .add_option("--s3-root", options.s3_roots,
                  "A local folder that stands for an S3 prefix, s3://BUCKET[/PREFIX]=DIR: where "
                  "a Distributed Map's ItemReader reads and its ResultWriter writes (repeatable)")
      ->check(CLI::Validator(
          [](std::string& text) {
            auto root = engine::parse_s3_root(text);
            return root ? std::string() : root.error().cause;
          },
          "s3://BUCKET[/PREFIX]=DIR"));
  add_record_options(command, options.record);
  command.add_flag("-q,--quiet", options.quiet,
                   "No live progress on stderr (drawn only when stderr is a terminal)");
}

CliResult<pipeline::RunOutcome> run_machine(pipeline::RunRequest request,
                                            const MachineRunOptions& options,
                                            RunRecorder& recorder, std::string title) {
  auto input = parse_json_argument(options.input, "--input");
  if (!input) return input.error();
  // StartExecution's input is at most 256 KiB, counted as bytes of UTF-8: AWS refuses a
  // larger one and no execution starts (docs/asl-coverage.md, payload size).
  if (const std::size_t bytes = compact_size(*input);
      bytes > asl::limits::kStatePayloadLimitBytes) {
    return command_error(kInvalidInput,
                         fmt::format("--input: the execution input is {} bytes of UTF-8 JSON, "
                                     "over the {} bytes (256 KiB) StartExecution accepts; AWS "
                                     "would not start the execution",
                                     bytes, asl::limits::kStatePayloadLimitBytes));
  }
  request.input = std::move(*input);
  request.seed = options.seed ? *options.seed : Random::entropy_seed();
  request.type = parse_workflow_type(options.type);  // "" → nullopt
  for (const std::string& text : options.s3_roots)
    request.s3_roots.push_back(*engine::parse_s3_root(text));  // checked when parsed
  if (!options.mock_config.empty())
    request.mocks = pipeline::MockSelection{options.mock_config, request.state_machine_name,
                                            options.test_case};
  budget::RunRecord& record = recorder.record();
  record.mode = mode_name(request.mode, request.remote.has_value());
  record.virtual_clock = request.virtual_clock;
  record.seed = request.seed;
  if (recorder.recording()) record.input = request.input;  // not copied for nothing
  request.keep_map_runs = recorder.recording();  // a redrive of the run reads them
  request.on_start = [&recorder](const pipeline::RunStart& start) {
    recorder.record().pipeline = start.state_machine_name;
    recorder.record().definition_path = start.definition_path;
    recorder.record().started = start.started;
    recorder.record().type = start.type;
    recorder.begin();
  };
  std::unique_ptr<progress::Terminal> terminal = progress_terminal(options.quiet);
  std::optional<progress::RunProgress> progress;
  if (terminal) {
    progress.emplace(*terminal, std::move(title));
    request.observer = &*progress;
  }
  auto outcome = pipeline::run(std::move(request), command_logger());
  if (!outcome.diagnostics.empty()) return invalid_input(outcome.diagnostics);
  const engine::ExecutionResult& result = *outcome.result;
  record.status = engine::to_string(result.status);
  record.finished = result.stopped;
  Json history = recorder.recording() || !options.history.empty() ? result.history.to_json()
                                                                   : Json();
  if (recorder.recording()) {  // a large run's history is not copied for nothing
    record.definition = outcome.definition;
    record.function_timeouts =
        function_timeouts_json(*outcome.machine, pipeline::function_timeouts(outcome.bindings));
    record.history = history;
    record.map_runs = engine::to_json(result.map_runs);
  }
  recorder.finish();
  if (!options.history.empty()) {
    std::string text = history.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
    if (auto written = write_private_file(options.history, text); !written)
      return command_error(kInvalidInput, written.error().cause);
  }
  return outcome;
}

void leave_to_exit(pipeline::RunOutcome outcome) {
#if defined(__SANITIZE_ADDRESS__)
  static_cast<void>(outcome);  // freed as it goes out of scope
#else
  static_cast<void>(new pipeline::RunOutcome(std::move(outcome)));  // never freed: see the header
#endif
}

std::string seed_line(std::uint64_t seed) {
  return fmt::format("seed {} (rerun with --seed {})", seed, seed);
}

int exit_code_for(const engine::ExecutionResult& result) {
  return result.status == engine::ExecutionStatus::kSucceeded ? kOk : kFailed;
}

}  // namespace conflictctl::app
