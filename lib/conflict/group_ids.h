#pragma once
// GroupIDs (docs/database.md, "Map rows"; unlike the reference's three rounds of label
// propagation, "The tasks against the reference"): a group is a connected component of the
// graph whose nodes are visits and whose edges are map rows (visit_id — con_visit_id), however
// long the chain: A–B, B–C, C–D is one group.
//
// Numbering, so that ids are stable from run to run:
//   - a component whose rows already carry group ids keeps the smallest of them; when that id
//     is already kept by another component (a group that fell apart, or inconsistent data),
//     it keeps its next smallest free one;
//   - every other component gets a new id: current maximum + 1, + 2, … in the order of the
//     components' smallest visit_id (byte order, as PostgreSQL's C collation);
//   - every row gets its component's id.
//
// Pure: no database. Union-find with path halving and union by size: O(rows · α(rows)).
// Thread-safe (no shared state).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conflictctl::conflict {

// One map row as the grouping sees it. The views must outlive the call.
struct GroupRow {
  std::string_view visit_id;
  std::optional<std::string_view> con_visit_id;  // nullopt: the row links nothing
  std::optional<std::int64_t> group_id;          // nullopt: not assigned yet (new rows)
};

struct GroupAssignment {
  // The visits whose rows need another group id than they hold (at least one of their rows
  // does), with that id; each visit once, in first-seen order.
  std::vector<std::pair<std::string, std::int64_t>> changed;
  std::int64_t components = 0;   // components over all rows
  std::int64_t new_groups = 0;   // components given a new id
  std::int64_t rows_changed = 0; // rows whose group id changes
};

GroupAssignment assign_group_ids(const std::vector<GroupRow>& rows);

}  // namespace conflictctl::conflict
