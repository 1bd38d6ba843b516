// conflictctl db import — loads a CSV or JSON Lines extract into a source table, listing the
// records it rejects (db/import.h).
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "commands.h"
#include "console.h"
#include "core/clock.h"
#include "core/number_text.h"
#include "database_settings.h"
#include "db/extract.h"
#include "db/import.h"
#include "exit_codes.h"
#include "progress/step_progress.h"

namespace conflictctl::app {

namespace {

struct ImportCommandOptions {
  DatabaseOptions database;
  std::string table;
  std::string file;
  std::string format;  // Default: from the file's extension (.jsonl, .ndjson: jsonl; else csv)
  std::vector<std::string> maps;
  std::string null_marker = std::string(db::kDefaultNullMarker);
  std::optional<std::int64_t> max_rejects;
  bool quiet = false;
};

db::ExtractFormat format_of(const ImportCommandOptions& options) {
  if (!options.format.empty())
    return options.format == "jsonl" ? db::ExtractFormat::kJsonLines : db::ExtractFormat::kCsv;
  const std::string& file = options.file;
  for (std::string_view ending : {".jsonl", ".ndjson"})
    if (file.ends_with(ending)) return db::ExtractFormat::kJsonLines;
  return db::ExtractFormat::kCsv;
}

CliResult<std::map<std::string, std::string>> parse_maps(const std::vector<std::string>& maps) {
  std::map<std::string, std::string> fields;
  for (const std::string& map : maps) {
    auto equals = map.find('=');
    if (equals == std::string::npos || equals == 0)
      return command_error(kInvalidInput,
                           fmt::format("--map must be FIELD=COLUMN (or FIELD= to skip the "
                                       "field), not \"{}\"",
                                       map));
    fields[map.substr(0, equals)] = map.substr(equals + 1);
  }
  return fields;
}

void print_report(const db::ImportReport& report, const std::string& file,
                  const db::ImportTarget& target) {
  fmt::print("{} → {}.{}: {} read, {} imported, {} rejected\n", file, target.schema,
             target.table, count_text(report.records, "record"),
             count_text(report.imported, "row"), count_text(report.rejected_records, "record"));
  for (const db::Rejection& rejection : report.rejections) {
    if (rejection.column.empty())
      fmt::print("  line {}: {}\n", rejection.line, rejection.reason);
    else
      fmt::print("  line {}, {}: {}\n", rejection.line, rejection.column, rejection.reason);
  }
}

CommandResult import(const ImportCommandOptions& options) {
  auto maps = parse_maps(options.maps);
  if (!maps) return maps.error();
  const db::ImportOptions import_options{.field_map = std::move(*maps),
                                         .max_rejects = options.max_rejects};
  std::ifstream file;
  std::istream* in = &std::cin;
  if (options.file != "-") {
    file.open(options.file, std::ios::binary);
    if (!file)
      return command_error(kInvalidInput, fmt::format("{}: cannot be read", options.file));
    in = &file;
  }
  auto reader = db::ExtractReader::open(*in, options.file, format_of(options),
                                        options.null_marker);
  if (!reader) return command_error(kInvalidInput, reader.error().cause);

  auto connected = connect_database(options.database);
  if (!connected) return connected.error();
  auto& [settings, session] = *connected;
  const db::ImportTarget target{settings.schemas.analytics, options.table};
  note(fmt::format("target: {}, schema \"{}\"", settings.describe(), target.schema));
  SystemClock clock;
  std::unique_ptr<progress::Terminal> terminal = progress_terminal(options.quiet);
  std::optional<progress::StepProgress> steps;
  if (terminal) steps.emplace(*terminal, clock);
  auto report = db::import_extract(*session, target, **reader, import_options,
                                   steps ? &*steps : nullptr);
  if (!report) {
    const Error& error = report.error();
    if (error.name == db::error_names::kUnknownTable ||
        error.name == db::error_names::kBadMapping || error.name == db::error_names::kBadFile)
      return command_error(kInvalidInput, error.cause);
    return database_error(error);
  }
  print_report(*report, options.file, target);
  if (report->refused)
    return command_error(kInvalidInput,
                         fmt::format("{}: {} rejected, more than --max-rejects {}: nothing was "
                                     "imported",
                                     options.file,
                                     count_text(report->rejected_records, "record"),
                                     *options.max_rejects));
  return report->rejected_records ? kRejected : kOk;
}

}  // namespace

void set_db_import_command(CLI::App& db, CommandResult& result) {
  auto options = std::make_shared<ImportCommandOptions>();
  auto* command = db.add_subcommand(
      "import",
      "Load a CSV (header row) or JSON Lines extract into a source table (docs/database.md), "
      "in one transaction: good records are inserted, the others listed with line, column "
      "and reason (exit 10). Exit 3 for a file or mapping that cannot be used, or more "
      "rejected records than --max-rejects (nothing imported), 4 when the database is "
      "unreachable.");
  command->add_option("table", options->table, "A table of the analytics schema, e.g. visit")
      ->required();
  command->add_option("file", options->file, "The extract; - reads standard input")->required();
  command->add_option("--format", options->format,
                      "csv or jsonl (default: jsonl for .jsonl and .ndjson files, else csv)")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  command
      ->add_option("--map", options->maps,
                   "FIELD=COLUMN: the extract's field FIELD goes to COLUMN (FIELD= skips it); "
                   "other fields go to the column of their name, in any case. Repeatable")
      ->type_name("FIELD=COLUMN");
  command->add_option("--null", options->null_marker,
                      "CSV: the text that stands for NULL, besides an unquoted empty field "
                      "(default \\N)")
      ->type_name("TEXT");
  command
      ->add_option("--max-rejects", options->max_rejects,
                   "Import nothing (exit 3) when more than N records are rejected; the report "
                   "still lists them (default: no limit)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  add_database_options(*command, options->database);
  command->add_flag("-q,--quiet", options->quiet,
                    "No live progress on stderr (drawn only when stderr is a terminal)");
  command->callback([options, &result] { result = import(*options); });
}

}  // namespace conflictctl::app
