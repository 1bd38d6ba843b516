// conflictctl db seed — replaces the analytics data with a deterministic synthetic data set.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>

#include "commands.h"
#include "conflict/seed.h"
#include "console.h"
#include "core/clock.h"
#include "core/number_text.h"
#include "database_settings.h"
#include "exit_codes.h"
#include "progress/step_progress.h"

namespace conflictctl::app {

namespace {

struct SeedCommandOptions {
  DatabaseOptions database;
  std::string visits;
  std::string seed = "1";
  std::string today;  // Default: the UTC date now
  bool quiet = false;
  bool force = false;
  bool dry_run = false;
};

template <class Number>
bool parse_number(const std::string& text, Number& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

// The options as the library wants them, or kInvalidInput saying which one is wrong.
CliResult<conflict::SeedOptions> parse_options(const SeedCommandOptions& options) {
  conflict::SeedOptions seed;
  if (!parse_number(options.visits, seed.visits))
    return command_error(kInvalidInput,
                         fmt::format("--visits must be a whole number, not \"{}\"", options.visits));
  if (!parse_number(options.seed, seed.seed))
    return command_error(
        kInvalidInput,
        fmt::format("--seed must be a whole number 0 … 2^64−1, not \"{}\"", options.seed));
  if (options.today.empty()) {
    seed.today = conflict::utc_date(SystemClock().now());
  } else if (auto today = conflict::parse_date(options.today)) {
    seed.today = *today;
  } else {
    return command_error(kInvalidInput,
                         fmt::format("--today must be a date YYYY-MM-DD, not \"{}\"", options.today));
  }
  seed.force = options.force;
  if (auto checked = conflict::seed::check_options(seed); !checked)
    return command_error(kInvalidInput, checked.error().cause);
  return seed;
}

void print_report(const conflict::SeedReport& report, const conflict::SeedOptions& options) {
  fmt::print("seeded {} (seed {}, today {}, window {} … {}), {}\n",
             count_text(options.visits, "visit"), options.seed,
             conflict::format_date(options.today),
             conflict::format_date(conflict::window_for(options.today).first),
             conflict::format_date(conflict::window_for(options.today).last),
             count_text(static_cast<std::int64_t>(report.persons), "person"));
  std::size_t width = 0;
  for (const auto& table : report.tables) width = std::max(width, table.table.size());
  for (const auto& table : report.tables)
    fmt::print("  {:<{}}  {:>16}  {:>9}\n", table.table, width,
               count_text(static_cast<std::int64_t>(table.rows), "row"),
               seconds_text(table.seconds));
  fmt::print("planted on eligible agencies and SSNs (pairs):\n");
  for (int s = 1; s < conflict::seed::kScenarioCount; ++s) {
    auto scenario = static_cast<conflict::seed::Scenario>(s);
    int rule = conflict::seed::planted_rule(scenario);
    fmt::print("  {:<36} {:>8}\n",
               rule ? fmt::format("rule {}: {}", rule, conflict::seed::scenario_name(scenario))
                    : std::string(conflict::seed::scenario_name(scenario)),
               report.eligible_planted[s]);
  }
  fmt::print("loaded in {}, analyzed in {}: {} in all\n", seconds_text(report.load_seconds),
             seconds_text(report.analyze_seconds), seconds_text(report.seconds));
}

// --dry-run: the tables the seed would empty and their rows; nothing changes.
CommandResult dry_run(db::Session& session, const db::ConnectionSettings& settings) {
  auto targets = conflict::seed_targets(session, settings.schemas);
  if (!targets) return database_error(targets.error());
  fmt::print("db seed --dry-run: would delete every row of these tables of {} (schemas \"{}\" "
             "and \"{}\"), then load the data set:\n",
             settings.describe(), settings.schemas.conflict, settings.schemas.analytics);
  std::size_t width = 0;
  for (const auto& target : *targets) width = std::max(width, target.table.size());
  for (const auto& target : *targets)
    fmt::print("  {:<{}}  {:>16}\n", target.table, width, count_text(target.rows, "row"));
  fmt::print("{}; nothing was changed\n",
             conflict::holds_data(*targets, settings.schemas)
                 ? "they hold data: db seed refuses it without --force"
                 : "they hold no data: db seed would run without --force");
  return kOk;
}

CommandResult seed(const SeedCommandOptions& options) {
  auto seed_options = parse_options(options);
  if (!seed_options) return seed_options.error();
  auto connected = connect_database(options.database);
  if (!connected) return connected.error();
  auto& [settings, session] = *connected;
  if (options.dry_run) return dry_run(*session, settings);
  announce_target(settings);
  SystemClock clock;
  std::unique_ptr<progress::Terminal> terminal = progress_terminal(options.quiet);
  std::optional<progress::StepProgress> steps;
  if (terminal) steps.emplace(*terminal, clock);
  auto report = conflict::seed_database(*session, settings.schemas, *seed_options, clock,
                                        steps ? &*steps : nullptr);
  if (!report) {
    const Error& error = report.error();
    if (error.name == conflict::seed::kInvalidOptions)
      return command_error(kInvalidInput, error.cause);
    if (error.name == conflict::seed::kNotEmpty) return command_error(kRefused, error.cause);
    return database_error(error);
  }
  print_report(*report, *seed_options);
  return kOk;
}

}  // namespace

void set_db_seed_command(CLI::App& db, CommandResult& result) {
  auto options = std::make_shared<SeedCommandOptions>();
  auto* command = db.add_subcommand(
      "seed",
      "Replace the analytics data (and empty the conflict tables) with a deterministic "
      "synthetic data set with planted conflicts (docs/seed-data.md). Refuses tables that "
      "hold data without --force (exit 8); never asks. Exit 3 for bad options, 4 when the "
      "database is unreachable or its schema is not current.");
  command->add_option("--visits", options->visits, "Rows of analytics.visit to generate")
      ->required()
      ->type_name("N");
  command->add_option("--seed", options->seed, "Seed of the data set (default 1)")->type_name("S");
  command
      ->add_option("--today", options->today,
                   "The date the window is built around (default: today, UTC)")
      ->type_name("YYYY-MM-DD");
  command->add_flag("--force", options->force,
                    "Replace the data even when the tables already hold some");
  command->add_flag("--dry-run", options->dry_run,
                    "Only list the tables that would be emptied and their rows; change nothing");
  add_database_options(*command, options->database);
  command->add_flag("-q,--quiet", options->quiet,
                    "No live progress on stderr (drawn only when stderr is a terminal)");
  command->callback([options, &result] { result = seed(*options); });
}

}  // namespace conflictctl::app
