#include "conflict/seed.h"

#include <fmt/format.h>

#include "conflict/run_lock.h"
#include "conflict/seed_tables.h"
#include "core/number_text.h"
#include "db/schema.h"

namespace conflictctl::conflict {

namespace {

double seconds_between(Timestamp from, Timestamp to) { return millis_to_seconds(to - from); }

std::string display_name(const seed::SeedTable& table, const db::Schemas& schemas) {
  return fmt::format(
      "{}.{}", table.side == seed::SchemaSide::kAnalytics ? schemas.analytics : schemas.conflict,
      table.name);
}

std::string table_list(const std::vector<std::string>& placeholders, const db::Schemas& schemas) {
  std::string list;
  for (const std::string& name : placeholders) {
    if (!list.empty()) list += ", ";
    list += db::render(name, schemas);
  }
  return list;
}

// "{analytics}.visit" → "analytics.visit", with the configured names, unquoted.
std::string display_placeholder(const std::string& placeholder, const db::Schemas& schemas) {
  std::size_t close = placeholder.find('}');
  std::string side = placeholder.substr(1, close - 1);
  return (side == "analytics" ? schemas.analytics : schemas.conflict) +
         placeholder.substr(close + 1);
}

// The row count of every table the seed empties, in one statement.
Result<std::vector<SeedTarget>> count_targets(db::Session& session, const db::Schemas& schemas) {
  const std::vector<std::string> tables = seed::truncated_tables();
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < tables.size(); ++i)
    sql += fmt::format("{}(SELECT count(*) FROM {})", i ? ", " : "", db::render(tables[i], schemas));
  auto counted = session.query(sql);
  if (!counted) return counted.error();
  if (counted->size() != 1 || counted->columns().size() != tables.size())
    return Error{"Database.QueryFailed", "counting the rows of the tables db seed empties: "
                                         "not one row of counts"};
  std::vector<SeedTarget> targets;
  for (std::size_t i = 0; i < tables.size(); ++i)
    targets.push_back({display_placeholder(tables[i], schemas),
                       std::stoll(counted->at(0, i).value_or("0"))});
  return targets;
}

// "schemas "conflict" and "analytics" already hold data (analytics.visit: 3,000 rows, …)".
Error not_empty(const std::vector<SeedTarget>& targets, const db::Schemas& schemas) {
  std::string listed;
  for (const SeedTarget& target : targets) {
    if (target.rows == 0 || target.table == schemas.conflict + ".settings") continue;
    if (!listed.empty()) listed += ", ";
    listed += fmt::format("{}: {}", target.table, count_text(target.rows, "row"));
  }
  return Error{std::string(seed::kNotEmpty),
               fmt::format("db seed: schemas \"{}\" and \"{}\" already hold data ({}); seeding "
                           "deletes it. Run with --dry-run to see what would be deleted, with "
                           "--force to replace it",
                           schemas.conflict, schemas.analytics, listed)};
}

// Drops the PRIMARY KEY / UNIQUE constraints and the other indexes of `table` (a rendered,
// quoted name) and returns the statements that rebuild them exactly: names and definitions
// come from the catalog (pg_get_constraintdef, pg_get_indexdef), so the schema stays the one
// sql/migrations created. Runs inside the seed's transaction: a failure rolls the drop back.
Result<std::vector<std::string>> drop_indexes(db::Session& session, const std::string& table) {
  auto constraints = session.query(
      "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
      "WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY conname",
      {table});
  if (!constraints) return constraints.error();
  auto indexes = session.query(
      "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
      "WHERE i.indrelid = $1::regclass AND NOT EXISTS "
      "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
      {table});
  if (!indexes) return indexes.error();
  std::vector<std::string> drops, rebuilds;
  for (std::size_t r = 0; r < constraints->size(); ++r) {
    std::string name = db::quote_identifier(*constraints->at(r, 0));
    drops.push_back("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
    rebuilds.push_back("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " +
                       *constraints->at(r, 1));
  }
  for (std::size_t r = 0; r < indexes->size(); ++r) {
    drops.push_back("DROP INDEX " + *indexes->at(r, 0));
    rebuilds.push_back(*indexes->at(r, 1));
  }
  for (const std::string& statement : drops)
    if (auto dropped = session.query(statement); !dropped) return dropped.error();
  return rebuilds;
}

}  // namespace

Result<std::vector<SeedTarget>> seed_targets(db::Session& session, const db::Schemas& schemas) {
  if (auto current = db::require_current_schema(session, schemas); !current) return current.error();
  std::vector<SeedTarget> targets;
  auto read = db::in_transaction(session, [&]() -> Result<void> {
    if (auto snapshot = session.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        !snapshot)
      return snapshot.error();
    auto counted = count_targets(session, schemas);
    if (!counted) return counted.error();
    targets = std::move(*counted);
    return {};
  });
  if (!read) return read.error();
  return targets;
}

bool holds_data(const std::vector<SeedTarget>& targets, const db::Schemas& schemas) {
  for (const SeedTarget& target : targets)
    if (target.rows > 0 && target.table != schemas.conflict + ".settings") return true;
  return false;
}

std::array<std::int64_t, seed::kScenarioCount> eligible_planted(const seed::SeedPlan& plan) {
  std::array<std::int64_t, seed::kScenarioCount> counts{};
  for (const seed::PersonPlan& person : plan.persons) {
    if (person.ssn_kind != seed::SsnKind::kUsable) continue;
    for (std::uint32_t d = 0; d < person.day_count; ++d) {
      const seed::DayPlan& day = plan.days[person.first_day + d];
      if (day.scenario == seed::Scenario::kNormal) continue;
      if (plan.providers[person.providers[day.slot_a]].eligible() &&
          plan.providers[person.providers[day.slot_b]].eligible())
        ++counts[static_cast<int>(day.scenario)];
    }
  }
  return counts;
}

Result<SeedReport> seed_database(db::Session& session, const db::Schemas& schemas,
                                 const SeedOptions& options, const Clock& clock,
                                 StepObserver* steps) {
  const Timestamp started = clock.now();
  if (auto checked = seed::check_options(options); !checked) return checked.error();
  if (auto current = db::require_current_schema(session, schemas); !current) return current.error();

  const seed::SeedPlan plan = seed::make_plan(options);
  const std::vector<seed::SeedTable> tables = seed::seed_tables(plan);
  SeedReport report;
  report.persons = static_cast<std::int64_t>(plan.persons.size());
  report.eligible_planted = eligible_planted(plan);

  auto loaded = db::in_transaction(session, [&]() -> Result<void> {
    // The run lock first: a running task holds it, and a TRUNCATE queued behind that task
    // would block every task after it. Then no lock wait longer than kSeedLockTimeoutMillis.
    if (auto locked = take_run_lock(session, schemas, RunLockMode::kExclusive); !locked)
      return Error{locked.error().name, fmt::format("db seed: {}", locked.error().cause)};
    if (auto limited = session.query("SELECT set_config('lock_timeout', $1, true)",
                                     {std::to_string(kSeedLockTimeoutMillis)});
        !limited)
      return limited.error();
    if (!options.force) {
      auto targets = count_targets(session, schemas);
      if (!targets) return targets.error();
      if (holds_data(*targets, schemas)) return not_empty(*targets, schemas);
    }
    constexpr std::string_view kEmptying = "emptying the tables";
    if (steps) steps->started(kEmptying);
    auto truncated = session.query("TRUNCATE " + table_list(seed::truncated_tables(), schemas) +
                                   " RESTART IDENTITY");
    if (!truncated) return truncated.error();
    if (steps) steps->finished(kEmptying, "");
    for (const seed::SeedTable& table : tables) {
      const Timestamp copy_started = clock.now();
      const std::string name = db::render(table.placeholder_name(), schemas);
      if (steps) steps->started(display_name(table, schemas));
      auto fail = [&](Error error) {
        error.cause = fmt::format("seeding {}: {}", display_name(table, schemas), error.cause);
        return error;
      };
      std::vector<std::string> rebuilds;
      if (table.bulk) {
        auto dropped = drop_indexes(session, name);
        if (!dropped) return fail(dropped.error());
        rebuilds = std::move(*dropped);
      }
      auto copied = session.copy_in(name, table.columns, table.rows());
      if (!copied) return fail(copied.error());
      for (const std::string& statement : rebuilds)
        if (auto rebuilt = session.query(statement); !rebuilt) return fail(rebuilt.error());
      report.tables.push_back(
          {display_name(table, schemas), *copied, seconds_between(copy_started, clock.now())});
      if (steps) steps->finished(report.tables.back().table, count_text(*copied, "row"));
    }
    return {};
  });
  if (!loaded) return loaded.error();
  const Timestamp committed = clock.now();
  report.load_seconds = seconds_between(started, committed);

  std::vector<std::string> analyzed;
  for (const seed::SeedTable& table : tables) analyzed.push_back(table.placeholder_name());
  if (steps) steps->started("ANALYZE");
  if (auto analyze = session.query("ANALYZE " + table_list(analyzed, schemas)); !analyze)
    return analyze.error();
  if (steps) steps->finished("ANALYZE", "");
  const Timestamp finished = clock.now();
  report.analyze_seconds = seconds_between(committed, finished);
  report.seconds = seconds_between(started, finished);
  return report;
}

Result<SeedReport> seed_database(db::Session& session, const db::Schemas& schemas,
                                 const SeedOptions& options) {
  const SystemClock clock;
  return seed_database(session, schemas, options, clock);
}

}  // namespace conflictctl::conflict
