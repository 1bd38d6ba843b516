#include "conflict/pair_search.h"

#include <string>

namespace conflictctl::conflict {

Result<PairSearch> search_pairs(TaskSteps& steps, const Window& window, PairMode mode,
                                const RowsStep& rows, std::optional<SsnBuckets> buckets) {
  const db::Param insert = mode == PairMode::kInsert ? "true" : "false";
  const db::Param first_bucket = buckets ? db::Param(std::to_string(buckets->first)) : std::nullopt;
  const db::Param last_bucket = buckets ? db::Param(std::to_string(buckets->last)) : std::nullopt;
  PairSearch found;

  auto pairs = steps.run("pair_search", "pair_search/pair_search.sql",
                         {date_param(window.first), date_param(window.last),
                          date_param(window.today), insert, first_bucket, last_bucket});
  if (!pairs) return pairs.error();
  found.pairs = pairs->affected();

  auto made = steps.run(rows.step, rows.file);
  if (!made) return made.error();
  found.rows = made->affected();

  auto meetings = steps.run("session_search", "pair_search/session_search.sql",
                            {date_param(window.first), date_param(window.last), first_bucket,
                             last_bucket, insert});
  if (!meetings) return meetings.error();
  found.meetings = meetings->affected();

  // (No ANALYZE of the temporary tables: it costs more than it saves. Without statistics the
  // planner estimates their rows from their size, which is all the hash joins that follow
  // need.)
  auto described = steps.run("describe", "pair_search/describe.sql");
  if (!described) return described.error();

  auto session_rows = steps.run("session_rows", "pair_search/session_rows.sql");
  if (!session_rows) return session_rows.error();
  return found;
}

}  // namespace conflictctl::conflict
