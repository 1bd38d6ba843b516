#include "conflict/pair_search.h"

#include <string>

namespace conflictctl::conflict {

Result<std::int64_t> search_pairs(TaskSteps& steps, const Window& window, PairMode mode,
                                  std::optional<SsnBuckets> buckets) {
  const bool insert = mode == PairMode::kInsert;
  auto pairs = steps.run(
      "pair_search", "pair_search/pair_search.sql",
      {date_param(window.first), date_param(window.last), date_param(window.today),
       insert ? "true" : "false",
       buckets ? db::Param(std::to_string(buckets->first)) : std::nullopt,
       buckets ? db::Param(std::to_string(buckets->last)) : std::nullopt});
  if (!pairs) return pairs.error();
  return pairs->affected();
}

Result<std::int64_t> describe_rows(TaskSteps& steps) {
  // (No ANALYZE of the temporary tables: it costs more than it saves. Without statistics the
  // planner estimates their rows from their size, which is all the hash joins that follow
  // need.)
  auto described = steps.run("describe", "pair_search/describe.sql");
  if (!described) return described.error();
  return described->affected();
}

}  // namespace conflictctl::conflict
