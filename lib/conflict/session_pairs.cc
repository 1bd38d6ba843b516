#include "conflict/session_pairs.h"

#include <string>

namespace conflictctl::conflict {

Result<std::int64_t> search_sessions(TaskSteps& steps, const Window& window, PairMode mode,
                                     std::optional<SsnBuckets> buckets) {
  auto meetings = steps.run(
      "session_search", "pair_search/session_search.sql",
      {date_param(window.first), date_param(window.last),
       buckets ? db::Param(std::to_string(buckets->first)) : std::nullopt,
       buckets ? db::Param(std::to_string(buckets->last)) : std::nullopt,
       mode == PairMode::kInsert ? "true" : "false"});
  if (!meetings) return meetings.error();
  return meetings->affected();
}

Result<std::int64_t> session_rows(TaskSteps& steps) {
  auto rows = steps.run("session_rows", "pair_search/session_rows.sql");
  if (!rows) return rows.error();
  return rows->affected();
}

}  // namespace conflictctl::conflict
