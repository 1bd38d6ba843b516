// conflictctl db inspect — what the rules will skip or treat specially in the source data
// (conflict/inspect.h).
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "commands.h"
#include "conflict/inspect.h"
#include "console.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/number_text.h"
#include "database_settings.h"
#include "exit_codes.h"
#include "number_options.h"
#include "progress/step_progress.h"

namespace conflictctl::app {

namespace {

struct InspectCommandOptions {
  DatabaseOptions database;
  std::string output = "text";
  std::size_t examples = conflict::kDefaultInspectExamples;
  std::string today;  // "" = the system clock's UTC date
  bool quiet = false;
};

Json to_json(const conflict::InspectReport& report) {
  Json findings = Json::array();
  for (const auto& f : report.findings)
    findings.push_back({{"name", f.name},
                        {"what", f.what},
                        {"effect", f.effect},
                        {"count", f.count},
                        {"examples", f.examples}});
  return Json{{"today", conflict::format_date(report.window.today)},
              {"window",
               {{"first", conflict::format_date(report.window.first)},
                {"last", conflict::format_date(report.window.last)}}},
              {"visits", report.visits},
              {"window_visits", report.window_visits},
              {"findings", std::move(findings)}};
}

std::string counted(std::int64_t count) { return group_thousands(static_cast<double>(count)); }

void print_text(const conflict::InspectReport& report) {
  fmt::print("window:  {} .. {} (today {})\n", conflict::format_date(report.window.first),
             conflict::format_date(report.window.last), conflict::format_date(report.window.today));
  fmt::print("visits:  {} read, {} in the window\n", counted(report.visits),
             counted(report.window_visits));
  std::size_t width = 0;
  for (const auto& f : report.findings) width = std::max(width, counted(f.count).size());
  for (const auto& f : report.findings) {
    fmt::print("{:>{}}  {}: {}\n", counted(f.count), width, f.what, f.effect);
    if (!f.examples.empty())
      fmt::print("{:>{}}  e.g. {}\n", "", width, fmt::join(f.examples, ", "));
  }
}

CommandResult inspect(const InspectCommandOptions& options) {
  conflict::Date today;
  if (options.today.empty()) {
    today = conflict::utc_date(SystemClock().now());
  } else if (auto parsed = conflict::parse_date(options.today)) {
    today = *parsed;
  } else {
    return command_error(kUsage, "--today: '" + options.today + "' is not a date YYYY-MM-DD");
  }
  auto connected = connect_database(options.database);
  if (!connected) return connected.error();
  auto& [settings, session] = *connected;
  SystemClock clock;
  std::unique_ptr<progress::Terminal> terminal = progress_terminal(options.quiet);
  std::optional<progress::StepProgress> steps;
  if (terminal) steps.emplace(*terminal, clock);
  auto report = conflict::inspect_source(*session, settings.schemas, today, options.examples,
                                         steps ? &*steps : nullptr);
  if (!report) return database_error(report.error());
  if (options.output == "json")
    fmt::print("{}\n", to_json(*report).dump(2, ' ', false, Json::error_handler_t::replace));
  else
    print_text(*report);
  return kOk;
}

}  // namespace

void set_db_inspect_command(CLI::App& db, CommandResult& result) {
  auto options = std::make_shared<InspectCommandOptions>();
  auto* command = db.add_subcommand(
      "inspect",
      "Count what the conflict rules will skip or treat specially in the source data "
      "(unusable SSNs, GPS that does not parse, end before start, missing zip codes, "
      "ineligible providers, ...), with examples. Reads only. Exit 4 when the database is "
      "unreachable or not at this schema version.");
  add_database_options(*command, options->database);
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--examples", options->examples, "How many examples per finding")
      ->check(non_negative_integer())
      ->capture_default_str();
  command->add_option("--today", options->today,
                      "The date whose window is read, YYYY-MM-DD (default: today, UTC)");
  command->add_flag("-q,--quiet", options->quiet,
                    "No live progress on stderr (drawn only when stderr is a terminal)");
  command->callback([options, &result] { result = inspect(*options); });
}

}  // namespace conflictctl::app
