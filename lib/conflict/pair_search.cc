#include "conflict/pair_search.h"

#include <string>

namespace conflictctl::conflict {

Result<std::int64_t> search_pairs(TaskSteps& steps, const Window& window, PairMode mode,
                                  std::optional<SsnBuckets> buckets) {
  const bool insert = mode == PairMode::kInsert;
  auto pairs = steps.run(
      "pair_search", "pairs_search.sql",
      {date_param(window.first), date_param(window.last), date_param(window.today),
       insert ? "true" : "false",
       buckets ? db::Param(std::to_string(buckets->first)) : std::nullopt,
       buckets ? db::Param(std::to_string(buckets->last)) : std::nullopt});
  if (!pairs) return pairs.error();
  // A fresh temporary table has no statistics; the joins that follow plan better with them.
  auto analyzed = steps.run_text("analyze_pairs", "ANALYZE cx_pair");
  if (!analyzed) return analyzed.error();
  return pairs->affected();
}

Result<std::int64_t> describe_rows(TaskSteps& steps) {
  auto analyzed = steps.run_text("analyze_rows", "ANALYZE cx_rows");
  if (!analyzed) return analyzed.error();
  auto described = steps.run("describe", "pairs_describe.sql");
  if (!described) return described.error();
  auto analyzed_sides = steps.run_text("analyze_sides", "ANALYZE cx_side");
  if (!analyzed_sides) return analyzed_sides.error();
  return described->affected();
}

}  // namespace conflictctl::conflict
