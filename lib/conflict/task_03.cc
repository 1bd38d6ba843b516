#include "conflict/task_03.h"

#include <fmt/format.h>

#include <charconv>
#include <string>

#include "conflict/group_ids.h"
#include "conflict/pair_search.h"
#include "conflict/task_steps.h"
#include "conflict/temp_tables.h"
#include "conflict/window.h"

namespace conflictctl::conflict {
namespace {

// Reads the GroupID graph (existing and new rows), computes the components in C++ and writes
// the visits whose group changes into cx_group.
Result<GroupAssignment> compute_groups(TaskSteps& steps) {
  auto edges = steps.run("group_edges", "task_03/08_group_edges.sql");
  if (!edges) return edges.error();
  std::vector<GroupRow> rows;
  rows.reserve(edges->size());
  for (std::size_t i = 0; i < edges->size(); ++i) {
    GroupRow row;
    row.visit_id = *edges->at(i, 0);  // NOT NULL
    if (const db::Param& con = edges->at(i, 1)) row.con_visit_id = *con;
    if (const db::Param& group = edges->at(i, 2)) {
      std::int64_t id = 0;
      std::from_chars(group->data(), group->data() + group->size(), id);
      row.group_id = id;
    }
    rows.push_back(row);
  }
  GroupAssignment assignment = assign_group_ids(rows);

  auto table = steps.run("group_table", "task_03/09_group_table.sql");
  if (!table) return table.error();
  std::size_t next = 0;
  auto copied = steps.copy("group_copy", fmt::format("pg_temp.{}", temp_tables::kGroup.name),
                           {"visit_id", "group_id"}, [&](std::vector<db::Param>& row) {
                             if (next == assignment.changed.size()) return false;
                             const auto& [visit, group] = assignment.changed[next++];
                             row.emplace_back(visit);
                             row.emplace_back(std::to_string(group));
                             return true;
                           });
  if (!copied) return copied.error();
  return assignment;
}

}  // namespace

Result<Json> run_task_03(Job& job) {
  const Window window = window_for(utc_date(job.now));
  const db::Param now = timestamp_param(job.now);
  return run_task_transaction(job, RunLockMode::kExclusive, [&](TaskSteps& steps) -> Result<Json> {
    if (auto settings = require_single_settings_row(steps); !settings) return settings.error();

    auto found =
        search_pairs(steps, window, PairMode::kInsert, {"new_rows", "task_03/02_new_rows.sql"});
    if (!found) return found.error();
    // Before the ConflictIDs and GroupIDs: the new session rows take theirs like any row
    // still without one.
    auto sessions = steps.run("session_insert", "task_03/06_session_insert.sql", {now});
    if (!sessions) return sessions.error();
    auto ids = steps.run("conflict_ids", "task_03/07_conflict_ids.sql");
    if (!ids) return ids.error();
    auto groups = compute_groups(steps);
    if (!groups) return groups.error();

    auto inserted = steps.run("insert", "task_03/11_insert.sql", {now});
    if (!inserted) return inserted.error();
    auto filled = steps.run("fill_conflict_ids", "task_03/12_fill_conflict_ids.sql", {now});
    if (!filled) return filled.error();
    auto regrouped = steps.run("update_groups", "task_03/13_update_groups.sql", {now});
    if (!regrouped) return regrouped.error();
    auto conflicts = steps.run("new_conflicts", "task_03/14_new_conflicts.sql", {now});
    if (!conflicts) return conflicts.error();
    auto assigned = steps.run("new_conflict_ids", "task_03/15_new_conflict_ids.sql");
    if (!assigned) return assigned.error();

    Json result = Json::object();
    result["status"] = "success";
    result["inserted_rows"] = inserted->affected() + sessions->affected();
    result["conflict_pairs"] = found->pairs;
    result["session_meetings"] = found->meetings;
    result["session_rows_inserted"] = sessions->affected();
    result["new_rows"] = found->rows;
    result["conflict_ids_assigned"] = assigned->empty() ? 0 : integer_cell(assigned->at(0, 0));
    result["conflicts_inserted"] = conflicts->affected();
    result["rows_given_conflict_id"] = filled->affected();
    result["groups"] = Json{{"components", groups->components},
                            {"new_groups", groups->new_groups},
                            {"rows_changed", groups->rows_changed},
                            {"rows_updated", regrouped->affected()}};
    result["window"] = Json{{"first", format_date(window.first)}, {"last", format_date(window.last)}};
    return result;
  });
}

}  // namespace conflictctl::conflict
