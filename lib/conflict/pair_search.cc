#include "conflict/pair_search.h"

#include <fmt/format.h>

#include <string>

#include "db/sql_template.h"

namespace conflictctl::conflict {
namespace {

// What the pair search's files read as {visits}, {addresses} and {eligible_caregivers}.
struct Sources {
  bool snapshots = false;  // views mode: some of the below are snapshots
  std::string_view visits = "{analytics}.visit";
  std::string_view addresses = "{analytics}.patient_address";
  std::string_view eligible_caregivers = "{conflict}.eligible_caregiver";
};

void replace_all(std::string& sql, std::string_view placeholder, std::string_view relation) {
  for (std::size_t at = sql.find(placeholder); at != std::string::npos;
       at = sql.find(placeholder, at + relation.size()))
    sql.replace(at, placeholder.size(), relation);
}

// Runs sql/tasks/pair_search/<file> as TaskSteps::run does, with its {visits}, {addresses}
// and {eligible_caregivers} replaced by `sources` first.
Result<db::Rows> run_over(TaskSteps& steps, const Sources& sources, std::string_view step,
                          std::string_view file, const db::Params& params = {}) {
  auto text = task_sql(fmt::format("pair_search/{}", file));
  if (!text) return text.error();
  std::string sql(*text);
  replace_all(sql, "{visits}", sources.visits);
  replace_all(sql, "{addresses}", sources.addresses);
  replace_all(sql, "{eligible_caregivers}", sources.eligible_caregivers);
  return steps.run_sql(step, db::render(sql, steps.job().schemas), params);
}

// Runs the steps snapshot_<table>, snapshot_<table>_index, snapshot_<table>_analyze.
Result<void> snapshot(TaskSteps& steps, std::string_view table, const db::Params& params) {
  for (std::string_view suffix : {"", "_index", "_analyze"}) {
    const std::string step = fmt::format("snapshot_{}{}", table, suffix);
    auto done = steps.run(step, fmt::format("pair_search/{}.sql", step),
                          suffix.empty() ? params : db::Params{});
    if (!done) return done.error();
  }
  return {};
}

// The sources of the search: the analytics tables, or, for those that are views (views
// mode), their snapshots, made first (snapshot_visit.sql says why).
Result<Sources> sources(TaskSteps& steps, const Window& window) {
  auto probe = task_sql("pair_search/snapshot_sources.sql");
  if (!probe) return probe.error();
  auto views = steps.job().session.query(*probe, {steps.job().schemas.analytics});
  if (!views) return views.error();
  Sources found;
  found.snapshots = !views->empty();
  for (std::size_t row = 0; row < views->size(); ++row) {
    const db::Param& table = views->at(row, 0);
    if (table == "visit") {
      auto made = snapshot(steps, "visit", {date_param(window.first), date_param(window.last)});
      if (!made) return made.error();
      found.visits = "cx_visit";
    } else if (table == "patient_address") {
      auto made = snapshot(steps, "address", {});
      if (!made) return made.error();
      found.addresses = "cx_address";
    } else {
      auto made = snapshot(steps, "caregiver", {});
      if (!made) return made.error();
      found.eligible_caregivers = "cx_caregiver";
    }
  }
  return found;
}

}  // namespace

Result<PairSearch> search_pairs(TaskSteps& steps, const Window& window, PairMode mode,
                                const RowsStep& rows, std::optional<SsnBuckets> buckets) {
  const db::Param insert = mode == PairMode::kInsert ? "true" : "false";
  const db::Param first_bucket = buckets ? db::Param(std::to_string(buckets->first)) : std::nullopt;
  const db::Param last_bucket = buckets ? db::Param(std::to_string(buckets->last)) : std::nullopt;
  PairSearch found;

  auto read = sources(steps, window);
  if (!read) return read.error();
  if (read->snapshots)
    if (auto planned = steps.run("snapshot_plan", "pair_search/snapshot_plan.sql", {"off"});
        !planned)
      return planned.error();
  auto pairs = run_over(steps, *read, "pair_search", "pair_search.sql",
                        {date_param(window.first), date_param(window.last),
                         date_param(window.today), insert, first_bucket, last_bucket});
  if (!pairs) return pairs.error();
  if (read->snapshots)
    if (auto planned = steps.run("snapshot_plan_end", "pair_search/snapshot_plan.sql", {"on"});
        !planned)
      return planned.error();
  found.pairs = pairs->affected();

  auto made = steps.run(rows.step, rows.file);
  if (!made) return made.error();
  found.rows = made->affected();

  auto meetings = run_over(steps, *read, "session_search", "session_search.sql",
                           {date_param(window.first), date_param(window.last), first_bucket,
                            last_bucket, insert});
  if (!meetings) return meetings.error();
  found.meetings = meetings->affected();

  // (No ANALYZE of the temporary tables: it costs more than it saves. Without statistics the
  // planner estimates their rows from their size, which is all the hash joins that follow
  // need.)
  auto described = run_over(steps, *read, "describe", "describe.sql");
  if (!described) return described.error();

  auto session_rows = steps.run("session_rows", "pair_search/session_rows.sql");
  if (!session_rows) return session_rows.error();
  return found;
}

}  // namespace conflictctl::conflict
