#pragma once
// The tables of the synthetic data set as COPY sources: for each table of
// sql/migrations/0001_init.sql that the seed fills, its columns (serial ids are left to their
// defaults) and a RowSource that produces its rows in PostgreSQL's text form from the plan.
// Rows are made one at a time and nothing is kept, so a source over a million visits needs
// no more memory than one day's visits.
//
// The order is the loading order: dimensions, then the visits, then the conflict side.
// Ownership: a SeedTable and every RowSource it makes refer to `plan`, which must outlive
// them. A RowSource is single-use and not thread-safe; call `rows()` again for a new pass.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "conflict/seed_plan.h"
#include "db/database.h"

namespace conflictctl::conflict::seed {

enum class SchemaSide : std::uint8_t { kAnalytics, kConflict };

struct SeedTable {
  SchemaSide side;
  std::string_view name;  // e.g. "visit"; "{analytics}.visit" once rendered
  std::vector<std::string> columns;
  std::function<db::RowSource()> rows;
  // A table that grows with --visits: its indexes are dropped before the COPY and built again
  // after it, which is faster than maintaining them row by row (visit, caregiver, …).
  bool bulk = false;

  // "{analytics}.visit" / "{conflict}.mph", for db::render.
  std::string placeholder_name() const;
};

std::vector<SeedTable> seed_tables(const SeedPlan& plan);

// Every table the seed empties first: the analytics tables it fills and all conflict tables
// but schema_version (map rows, their snapshot, conflicts and reminders included).
std::vector<std::string> truncated_tables();

}  // namespace conflictctl::conflict::seed
