// conflictctl db check — compares conflict.conflictvisitmaps with the rules evaluated in C++.
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "commands.h"
#include "conflict/check.h"
#include "conflict/window.h"
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

struct DbCheckOptions {
  DatabaseOptions database;
  std::string output = "text";
  std::size_t limit = 20;
  std::string today;  // "" = the system clock's UTC date
  bool quiet = false;
};

Json to_json(const conflict::CheckReport& report) {
  const auto& c = report.counts;
  Json by_kind = Json::object();
  for (std::size_t k = 0; k < conflict::kDifferenceKindCount; ++k)
    by_kind[std::string(conflict::kind_name(static_cast<conflict::DifferenceKind>(k)))] =
        report.by_kind[k];
  Json listed = Json::array();
  for (const auto& d : report.differences)
    listed.push_back({{"visit_id", d.visit_id},
                      {"con_visit_id", d.con_visit_id},
                      {"kind", conflict::kind_name(d.kind)},
                      {"field", d.field},
                      {"expected", d.expected},
                      {"actual", d.actual},
                      {"detail", d.detail}});
  return Json{{"today", conflict::format_date(report.window.today)},
              {"window",
               {{"first", conflict::format_date(report.window.first)},
                {"last", conflict::format_date(report.window.last)}}},
              {"counts",
               {{"visits", c.visits},
                {"eligible_visits", c.eligible_visits},
                {"candidate_pairs", c.candidate_pairs},
                {"update_conflicts", c.update_conflicts},
                {"insert_conflicts", c.insert_conflicts},
                {"session_meetings", c.session_meetings},
                {"rows_checked", c.rows_checked},
                {"open_rows", c.open_rows},
                {"session_rows", c.session_rows}}},
              {"differences", report.difference_count},
              {"by_kind", std::move(by_kind)},
              {"listed", std::move(listed)}};
}

// A count as people read it: "1,302,463" (core/number_text.h).
std::string counted(std::int64_t count) { return group_thousands(static_cast<double>(count)); }

void print_text(const conflict::CheckReport& report) {
  const auto& c = report.counts;
  fmt::print("window:  {} .. {} (today {})\n", conflict::format_date(report.window.first),
             conflict::format_date(report.window.last), conflict::format_date(report.window.today));
  fmt::print("visits:  {} read, {} eligible; {}\n", counted(c.visits),
             counted(c.eligible_visits), count_text(c.candidate_pairs, "candidate pair"));
  fmt::print("expected conflicts: {} (update rules), {} (insert rules), {}\n",
             count_text(c.update_conflicts, "pair"), count_text(c.insert_conflicts, "pair"),
             count_text(c.session_meetings, "in-service/PTO meeting"));
  fmt::print("map rows: {} checked, {} open (U), {} of them in-service/PTO rows\n",
             counted(c.rows_checked), counted(c.open_rows), counted(c.session_rows));
  if (report.ok()) {
    fmt::print("0 differences\n");
    return;
  }
  std::vector<std::string> kinds;
  for (std::size_t k = 0; k < conflict::kDifferenceKindCount; ++k)
    if (report.by_kind[k] > 0)
      kinds.push_back(fmt::format("{} {}", counted(report.by_kind[k]),
                                  conflict::kind_name(static_cast<conflict::DifferenceKind>(k))));
  fmt::print("{} ({})\n", count_text(report.difference_count, "difference"),
             fmt::join(kinds, ", "));
  for (const auto& d : report.differences) {
    std::string what =
        d.field.empty() ? fmt::format("expected {}, found {}", d.expected, d.actual)
                        : fmt::format("{}: expected {}, found {}", d.field, d.expected, d.actual);
    fmt::print("  {} / {}: {}: {} ({})\n", d.visit_id, d.con_visit_id, conflict::kind_name(d.kind),
               what, d.detail);
  }
  const auto shown = static_cast<std::int64_t>(report.differences.size());
  if (shown < report.difference_count)
    fmt::print("  … and {} more (--limit)\n", counted(report.difference_count - shown));
}

CommandResult check(const DbCheckOptions& options) {
  conflict::Date today;
  if (options.today.empty()) {
    SystemClock clock;
    today = conflict::utc_date(clock.now());
  } else if (auto parsed = conflict::parse_date(options.today)) {
    today = *parsed;
  } else {
    return command_error(kUsage, "--today: '" + options.today + "' is not a date YYYY-MM-DD");
  }
  auto connected = connect_database(options.database);
  if (!connected) return connected.error();
  auto& [settings, session] = *connected;
  conflict::CheckOptions check_options;
  check_options.max_listed = options.limit;
  SystemClock clock;
  std::unique_ptr<progress::Terminal> terminal = progress_terminal(options.quiet);
  std::optional<progress::StepProgress> steps;
  if (terminal) steps.emplace(*terminal, clock);
  check_options.steps = steps ? &*steps : nullptr;
  auto report = conflict::check_conflicts(*session, settings.schemas, today, check_options);
  if (!report) return database_error(report.error());
  if (options.output == "json")
    fmt::print("{}\n", to_json(*report).dump(2, ' ', false, Json::error_handler_t::replace));
  else
    print_text(*report);
  return report->ok() ? kOk : kFailed;
}

}  // namespace

void set_db_check_command(CLI::App& db, CommandResult& result) {
  auto options = std::make_shared<DbCheckOptions>();
  auto* command = db.add_subcommand(
      "check",
      "Evaluate the conflict rules in C++ (docs/conflict-rules.md) and compare with "
      "conflict.conflictvisitmaps. Exit 0 with no difference, 1 with differences, "
      "4 when the database is unreachable or not at this schema version.");
  add_database_options(*command, options->database);
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--limit", options->limit, "How many differences to print (all are counted)")
      ->check(non_negative_integer())
      ->capture_default_str();
  command->add_option("--today", options->today,
                      "The date whose window is checked, YYYY-MM-DD (default: today, UTC)");
  command->add_flag("-q,--quiet", options->quiet,
                    "No live progress on stderr (drawn only when stderr is a terminal)");
  command->callback([options, &result] { result = check(*options); });
}

}  // namespace conflictctl::app
