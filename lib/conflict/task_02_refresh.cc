#include "conflict/task_02_refresh.h"

#include <string>

#include "conflict/pair_search.h"

namespace conflictctl::conflict {

Result<RefreshCounts> refresh_conflict_rows(TaskSteps& steps, const Window& window,
                                            std::optional<SsnBuckets> buckets) {
  RefreshCounts counts;
  const db::Param now = timestamp_param(steps.job().now);
  const db::Param first_bucket = buckets ? db::Param(std::to_string(buckets->first)) : std::nullopt;
  const db::Param last_bucket = buckets ? db::Param(std::to_string(buckets->last)) : std::nullopt;

  auto marked = steps.run("mark", "task_02/01_mark.sql",
                          {date_param(window.first), date_param(window.last), first_bucket,
                           last_bucket});
  if (!marked) return marked.error();
  counts.rows_marked = marked->affected();

  if (counts.rows_marked > 0) {
    auto keys = steps.run("marked_keys", "task_02/02_marked_keys.sql");
    if (!keys) return keys.error();
    counts.num_keys = keys->empty() ? 0 : integer_cell(keys->at(0, 0));

    auto found = search_pairs(steps, window, PairMode::kUpdate,
                              {"redetected_rows", "task_02/04_redetected_rows.sql"}, buckets);
    if (!found) return found.error();
    counts.rows_redetected = found->rows;
    auto redetected_sessions =
        steps.run("redetected_session_rows", "task_02/08_redetected_session_rows.sql");
    if (!redetected_sessions) return redetected_sessions.error();
    counts.rows_redetected += integer_cell(redetected_sessions->at(0, 0));

    auto refreshed = steps.run("refresh", "task_02/09_refresh.sql", {now});
    if (!refreshed) return refreshed.error();
    auto sessions = steps.run("session_refresh", "task_02/10_session_refresh.sql", {now});
    if (!sessions) return sessions.error();
    counts.rows_refreshed = refreshed->affected() + sessions->affected();
    auto resolved = steps.run("resolve", "task_02/11_resolve.sql", {now});
    if (!resolved) return resolved.error();
    counts.rows_resolved = resolved->affected();
  }

  auto cleared = steps.run("clear_update_flag", "task_02/12_clear_update_flag.sql",
                           {first_bucket, last_bucket});
  if (!cleared) return cleared.error();
  counts.flags_cleared = cleared->affected();

  if (counts.rows_marked > 0) {
    auto rolled_up = steps.run("roll_up", "task_02/13_roll_up.sql", {now});
    if (!rolled_up) return rolled_up.error();
    counts.conflicts_updated = rolled_up->affected();
  }
  return counts;
}

}  // namespace conflictctl::conflict
