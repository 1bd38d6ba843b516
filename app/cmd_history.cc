// conflictctl history [ID] — lists the recorded runs of simulate, run and execute (newest
// first), or shows one run — its header and its events — by id or unique id prefix.
// conflictctl history import EXECUTION_ARN | --file F — records a run of a pipeline on AWS
// Step Functions (GetExecutionHistory, every page, or the file the AWS CLI saved) in the run
// store, for `history` and `budget` (budget/aws_history.h).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "aws_runs.h"
#include "budget/run_store.h"
#include "core/json_text.h"
#include "core/number_text.h"
#include "commands.h"
#include "exit_codes.h"
#include "number_options.h"
#include "console.h"
#include "run_recording.h"

namespace conflictctl::app {

namespace {

struct HistoryOptions {
  std::string id;
  std::string pipeline;
  std::size_t limit = 20;
  std::string output = "text";
  std::string state_dir;
};

// "12.3 s" from started to finished; "-" for a run that never finished.
std::string duration(Timestamp started, const std::optional<Timestamp>& finished) {
  return finished ? seconds_text(millis_to_seconds(*finished - started)) : "-";
}

Json listing_json(const budget::RunListing& run) {
  return Json{{"id", run.id},
              {"started", format_timestamp(run.started)},
              {"finished", run.finished ? Json(format_timestamp(*run.finished)) : Json(nullptr)},
              {"command", run.command},
              {"pipeline", run.pipeline},
              {"mode", run.mode},
              {"virtual_clock", run.virtual_clock},
              {"status", run.status},
              {"events", run.events}};
}

// The runs as a table whose columns fit their widest cell.
void print_table(const std::vector<budget::RunListing>& runs) {
  using Row = std::array<std::string, 8>;
  std::vector<Row> rows{
      {"ID", "STARTED", "COMMAND", "PIPELINE", "MODE", "STATUS", "EVENTS", "DURATION"}};
  for (const auto& run : runs)
    rows.push_back({run.id, format_timestamp(run.started), run.command, run.pipeline, run.mode,
                    run.status, group_thousands(static_cast<double>(run.events)),
                    duration(run.started, run.finished)});
  Row::size_type columns = rows.front().size();
  std::vector<std::size_t> widths(columns, 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < columns; ++c) widths[c] = std::max(widths[c], row[c].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < columns; ++c) {
      bool number = c == 6 || c == 7;  // EVENTS and DURATION align right
      line += c == 0 ? "" : "  ";
      line += number ? fmt::format("{:>{}}", row[c], widths[c])
                     : fmt::format("{:<{}}", row[c], widths[c]);
    }
    while (line.ends_with(' ')) line.pop_back();
    fmt::print("{}\n", line);
  }
}

// A string field of the event's details object, "" when it has none.
std::string detail(const Json& event, const char* field) {
  for (const auto& [key, value] : event.items()) {
    if (!key.ends_with("EventDetails") || !value.is_object()) continue;
    auto found = value.find(field);
    if (found != value.end() && found->is_string()) return found->get<std::string>();
  }
  return "";
}

// One line per event: seconds since the run started, id, type, state name, error name.
void print_events(const budget::RunRecord& run) {
  for (const auto& event : run.history.at("events")) {
    std::string offset = "?";
    if (event.contains("timestamp") && event["timestamp"].is_string()) {
      if (auto at = parse_timestamp(event["timestamp"].get<std::string>()))
        offset = fmt::format("+{:.3f} s", millis_to_seconds(*at - run.started));
    }
    std::string line =
        fmt::format("{:>12}  {:>5}  {}", offset, event.value("id", Json(nullptr)).dump(),
                    event.value("type", std::string("?")));
    if (auto name = detail(event, "name"); !name.empty()) line += "  " + name;
    if (auto error = detail(event, "error"); !error.empty()) line += "  error " + error;
    fmt::print("{}\n", line);
  }
}

void print_run(const budget::RunRecord& run) {
  std::size_t events = run.history.at("events").size();
  fmt::print("Run {}\n", run.id);
  fmt::print("  command     {}\n", run.command);
  fmt::print("  pipeline    {}\n", run.pipeline);
  if (!run.definition_path.empty()) fmt::print("  definition  {}\n", run.definition_path);
  fmt::print("  mode        {} ({} clock)\n", run.mode, run.virtual_clock ? "virtual" : "real");
  if (run.seed) fmt::print("  seed        {} (rerun with --seed {})\n", *run.seed, *run.seed);
  if (!run.environment.empty()) fmt::print("  environment {}\n", run.environment);
  fmt::print("  status      {}\n", run.status);
  fmt::print("  started     {}\n", format_timestamp(run.started));
  if (run.finished)
    fmt::print("  finished    {} ({})\n", format_timestamp(*run.finished),
               duration(run.started, run.finished));
  fmt::print("  events      {}\n", events);
  if (events != 0) fmt::print("\n");
  print_events(run);
}

// Why an empty list is empty: no runs at all, or none of that pipeline (then the pipelines
// that have runs, so a misspelt name is seen at once).
std::string nothing_listed(const budget::RunStore& store, const std::string& pipeline) {
  std::set<std::string> pipelines;
  if (!pipeline.empty())
    if (auto all = store.list(); all)
      for (const auto& run : *all) pipelines.insert(run.pipeline);
  if (pipelines.empty()) return fmt::format("No runs recorded in {}.", store.directory());
  return fmt::format("No runs of pipeline '{}' recorded in {}; it has runs of {}.", pipeline,
                     store.directory(), fmt::join(pipelines, ", "));
}

CommandResult history(const HistoryOptions& options) {
  budget::RunStore store = open_run_store(options.state_dir);
  if (!options.id.empty()) {
    auto run = store.load(options.id);
    if (!run) return command_error(kInvalidInput, run.error().cause);
    if (options.output == "json")
      fmt::print("{}\n", to_json(*run).dump(2, ' ', false, Json::error_handler_t::replace));
    else
      print_run(*run);
    return kOk;
  }
  auto runs = store.list(options.pipeline, options.limit);
  if (!runs) return command_error(kInvalidInput, runs.error().cause);
  if (options.output == "json") {
    Json listed = Json::array();
    for (const auto& run : *runs) listed.push_back(listing_json(run));
    fmt::print("{}\n", listed.dump(2));
  } else if (runs->empty()) {
    fmt::print("{}\n", nothing_listed(store, options.pipeline));
  } else {
    print_table(*runs);
  }
  return kOk;
}

struct ImportOptions {
  std::string execution_arn;
  std::string file;
  std::string pipeline;
  std::string state_dir;
};

CliResult<Json> read_history_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad())
    return command_error(kInvalidInput, fmt::format("{}: cannot read the file", path));
  Result<Json> parsed = parse_json_text(text.str(), path);
  if (!parsed) return command_error(kInvalidInput, parsed.error().cause);
  return std::move(*parsed);
}

CommandResult import_history(const ImportOptions& options) {
  std::string pipeline = options.pipeline;
  if (pipeline.empty()) pipeline = pipeline_of_execution(options.execution_arn);
  if (pipeline.empty())
    return command_error(kUsage, options.file.empty()
                                     ? fmt::format("{}: not an execution ARN "
                                                   "(arn:aws:states:REGION:ACCOUNT:execution:"
                                                   "STATE_MACHINE:NAME)",
                                                   options.execution_arn)
                                     : "history import --file needs --pipeline: the pipeline "
                                       "whose execution the file holds");
  auto context = aws_run_context(pipeline, "history import");
  if (!context) return context.error();
  Json history;
  std::string source = options.file;
  if (!options.file.empty()) {
    auto read = read_history_file(options.file);
    if (!read) return read.error();
    history = std::move(*read);
  } else {
    auto connection = connect_step_functions();
    if (!connection) return connection.error();
    auto fetched = (*connection)->sfn->execution_history(options.execution_arn);
    if (!fetched) return command_error(aws_exit_code(fetched.error()), fetched.error().cause);
    history = std::move(*fetched);
    source = options.execution_arn;
  }
  auto run = record_aws_run(history, source, *context, options.state_dir);
  if (!run) return run.error();
  const budget::RunRecord& record = run->record;
  if (!run->written) {
    fmt::print("{} is already recorded as run {}: nothing imported\n", source, record.id);
    return kOk;
  }
  std::size_t events = record.history.at("events").size();
  fmt::print("imported {} as run {}: {}, {} events, {}\n", source, record.id, record.status,
             events, duration(record.started, record.finished));
  note(recorded_note(record.id, options.state_dir));
  return kOk;
}

}  // namespace

void set_history_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<HistoryOptions>();
  auto* command = app.add_subcommand(
      "history",
      "List the recorded runs of simulate, run and execute, newest first, or show "
      "one run's events (ID or a unique start of it).");
  command->add_option("id", options->id, "The run to show: its id or a unique start of it");
  command->add_option("--pipeline", options->pipeline, "Only the runs of this pipeline");
  command->add_option("--limit", options->limit, "At most this many runs (0: all)")
      ->check(non_negative_integer())
      ->capture_default_str();
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_state_dir_option(*command, options->state_dir);

  auto imported = std::make_shared<ImportOptions>();
  auto* import_command = command->add_subcommand(
      "import", "Record a run of a pipeline on AWS Step Functions, from its execution ARN "
                "(GetExecutionHistory) or a file `aws stepfunctions get-execution-history` "
                "saved, for history and budget.");
  auto* arn = import_command->add_option("EXECUTION_ARN", imported->execution_arn,
                                         "The execution (its history is fetched, every page)");
  auto* file =
      import_command
          ->add_option("--file", imported->file,
                       "A history saved by `aws stepfunctions get-execution-history`")
          ->check(CLI::ExistingFile);
  arn->excludes(file);
  import_command->add_option("--pipeline", imported->pipeline,
                             "The pipeline that ran (default: the state machine named in the "
                             "ARN; required with --file)");
  add_state_dir_option(*import_command, imported->state_dir);
  import_command->callback([imported, arn, file, &result] {
    if (arn->count() + file->count() == 0)
      result = command_error(kUsage, "history import needs an EXECUTION_ARN or --file");
    else
      result = import_history(*imported);
  });
  command->callback([options, import_command, &result] {
    if (!import_command->parsed()) result = history(*options);
  });
}

}  // namespace conflictctl::app
