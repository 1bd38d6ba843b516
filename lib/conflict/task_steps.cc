#include "conflict/task_steps.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "db/sql_files.h"
#include "db/sql_template.h"

namespace conflictctl::conflict {

Result<db::Rows> TaskSteps::run(std::string_view step, std::string_view file,
                                const db::Params& params) {
  auto text = task_sql(file);
  if (!text) return text.error();
  return run_sql(step, db::render(*text, job_.schemas), params);
}

Result<db::Rows> TaskSteps::run_sql(std::string_view step, const std::string& sql,
                                    const db::Params& params) {
  auto rows = job_.session.query(sql, params);
  if (!rows) {
    const Error& error = rows.error();
    return Error{error.name, fmt::format("step {}: {}", step, error.cause)};
  }
  if (auto recorded = record(step, rows->affected()); !recorded) return recorded.error();
  return rows;
}

Result<std::int64_t> TaskSteps::copy(std::string_view step, std::string_view table,
                                     const std::vector<std::string>& columns,
                                     const db::RowSource& rows) {
  auto copied = job_.session.copy_in(table, columns, rows);
  if (!copied) {
    const Error& error = copied.error();
    return Error{error.name, fmt::format("step {}: {}", step, error.cause)};
  }
  if (auto recorded = record(step, *copied); !recorded) return recorded.error();
  return copied;
}

Result<double> TaskSteps::elapsed() {
  auto text = task_sql("common/elapsed.sql");
  if (!text) return text.error();
  auto rows = job_.session.query(*text);
  if (!rows) return rows.error();
  if (rows->empty() || !rows->at(0, 0)) return 0.0;
  double seconds = 0;
  const std::string& cell = *rows->at(0, 0);
  std::from_chars(cell.data(), cell.data() + cell.size(), seconds);
  return seconds;
}

Result<void> TaskSteps::record(std::string_view step, std::int64_t rows) {
  auto now = elapsed();
  if (!now) return now.error();
  const double seconds = *now - last_seconds_;
  last_seconds_ = *now;
  steps_[std::string(step)] = Json{{"rows", rows}, {"seconds", round_seconds(seconds)}};
  job_.log.debug(fmt::format("{}: {} rows in {:.3f} s", step, rows, seconds));
  return {};
}

db::Param timestamp_param(Timestamp now) { return format_timestamp(now); }

db::Param date_param(Date date) { return format_date(date); }

std::int64_t integer_cell(const db::Param& cell) {
  if (!cell) return 0;
  std::int64_t value = 0;
  std::from_chars(cell->data(), cell->data() + cell->size(), value);
  return value;
}

double round_seconds(double seconds) { return std::round(seconds * 1000.0) / 1000.0; }

Result<std::string_view> task_sql(std::string_view file) {
  std::optional<std::string_view> text = db::sql_file(fmt::format("tasks/{}", file));
  if (!text)
    return internal_error(fmt::format("sql/tasks/{} is not embedded in this binary", file));
  return *text;
}

Error internal_error(std::string cause) { return Error{"Conflict.Internal", std::move(cause)}; }

Result<void> tune_transaction(TaskSteps& steps) {
  auto tuned = steps.run("tune", "common/tune.sql");
  if (!tuned) return tuned.error();
  return {};
}

Result<void> require_single_settings_row(TaskSteps& steps) {
  auto settings = steps.run("settings", "common/settings.sql");
  if (!settings) return settings.error();
  const std::int64_t rows = settings->empty() ? 0 : integer_cell(settings->at(0, 0));
  if (rows != 1)
    return Error{"Conflict.InvalidSettings",
                 fmt::format("{}.settings must hold exactly one row, it holds {}: run "
                             "`conflictctl db seed` or insert the row (id 0)",
                             db::quote_identifier(steps.job().schemas.conflict), rows)};
  return {};
}

Result<Json> run_task_transaction(Job& job, RunLockMode mode,
                                  const std::function<Result<Json>(TaskSteps&)>& body) {
  TaskSteps steps(job);
  Json result;
  auto done = db::in_transaction(job.session, [&]() -> Result<void> {
    if (auto locked = take_run_lock(job.session, job.schemas, mode); !locked)
      return locked.error();
    if (auto tuned = tune_transaction(steps); !tuned) return tuned.error();
    auto object = body(steps);
    if (!object) return object.error();
    result = std::move(*object);
    auto seconds = steps.elapsed();
    if (!seconds) return seconds.error();
    result["steps"] = steps.steps();
    result["duration_seconds"] = round_seconds(*seconds);
    return {};
  });
  if (!done) return done.error();
  return result;
}

}  // namespace conflictctl::conflict
