// The daily pipeline through a source mapping, beside the native schema.
//
//   mapping_bench [--visits N] [--seed S] [--only native|views|views-indexed|copy]
//                                              (defaults: 200000, 1, every variant)
//
// Connects with the POSTGRES_* settings (environment, then .env). For each variant it seeds N
// visits into the schemas bench_map_conflict / bench_map_analytics (dropped and recreated),
// and for the mapped ones moves five source tables into the legacy schema bench_map_legacy
// (other names, dates and times as text, GPS as "lon lat" text and as two numbers, SSNs with
// dashes; test/integration/legacy_source.h) and installs the mapping. Then it times the daily
// pipeline twice: the first run inserts every pair (task_03 does the full pair search), the
// second refreshes them (task_02) and finds none new. Variants:
//   native           the tables db init makes, with their indexes
//   views            views over the legacy tables, which have no index
//   views, indexed   the same, the legacy tables indexed on their id and join columns
//   copy             materialized views with the model's indexes, refreshed by task_01
// Prints seconds per task and run; bench/run.sh-style throwaway server recommended
// (docs/performance.md has the figures).
#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "conflict/seed.h"
#include "conflict/task_01.h"
#include "conflict/task_02.h"
#include "conflict/task_03.h"
#include "conflict/window.h"
#include "core/clock.h"
#include "db/postgres.h"
#include "db/schema.h"
#include "db/settings.h"
#include "db/sql_template.h"
#include "integration/legacy_source.h"
#include "mapping/install.h"
#include "mapping/source_mapping.h"

namespace conflictctl {
namespace {

[[noreturn]] void fail(const std::string& what, const Error& error) {
  fmt::print(stderr, "mapping_bench: {}: {}: {}\n", what, error.name, error.cause);
  std::exit(1);
}

template <class T>
T must(Result<T> result, const std::string& what) {
  if (!result) fail(what, result.error());
  return std::move(*result);
}

struct Variant {
  std::string name;
  std::string mode;  // "" native, else views or copy
  bool indexed = false;
};

class Bench {
 public:
  Bench(db::ConnectionSettings settings, std::int64_t visits, std::uint64_t seed)
      : settings_(std::move(settings)), visits_(visits), seed_(seed) {}

  void run(const Variant& variant) {
    auto session = must(db::connect(settings_), "connect");
    const std::string legacy = "bench_map_legacy";
    for (const std::string& schema :
         {settings_.schemas.conflict, settings_.schemas.analytics, legacy})
      must(session->query("DROP SCHEMA IF EXISTS " + db::quote_identifier(schema) + " CASCADE"),
           "drop schema");
    must(db::migrate(*session, settings_.schemas, clock_.now()), "db init");
    conflict::SeedOptions seed{visits_, seed_, conflict::utc_date(clock_.now())};
    seed.force = true;
    must(conflict::seed_database(*session, settings_.schemas, seed), "seed");
    double install = 0;
    if (!variant.mode.empty()) {
      for (const std::string& sql : legacy::tables_sql(settings_.schemas, legacy, true))
        must(session->query(sql), sql);
      if (variant.indexed) {
        const std::string l = db::quote_identifier(legacy);
        for (const std::string& sql :
             {"CREATE INDEX ON " + l + ".\"Shifts\" (\"ShiftKey\")",
              "CREATE INDEX ON " + l + ".\"Shifts\" (\"Worker\")",
              "CREATE INDEX ON " + l + ".\"Workers\" (\"Id\")",
              "CREATE INDEX ON " + l + ".\"Addresses\" (\"Patient\")",
              "CREATE INDEX ON " + l + ".\"Agencies\" (\"Id\")"})
          must(session->query(sql), sql);
      }
      for (const std::string& table : legacy::table_names())
        must(session->query("ANALYZE " + db::quote_identifier(legacy) + "." +
                            db::quote_identifier(table)), "analyze");
      for (const std::string& table : legacy::mapped_tables())
        must(session->query(db::render("TRUNCATE {analytics}.", settings_.schemas) +
                            db::quote_identifier(table)), "truncate");
      mapping::MappingRead read =
          mapping::parse_source_mapping(legacy::mapping_yaml(legacy, variant.mode), "bench");
      if (!read.mapping) fail("mapping", Error{"Mapping", read.diagnostics[0].to_string()});
      Timestamp start = clock_.now();
      must(mapping::install_source_mapping(*session, settings_.schemas, *read.mapping),
           "install");
      install = seconds_since(start);
      if (variant.mode == "copy")
        for (const std::string& table : legacy::mapped_tables())
          must(session->query(db::render("ANALYZE {analytics}.", settings_.schemas) +
                              db::quote_identifier(table)), "analyze");
    }
    fmt::print("{}{}\n", variant.name,
               variant.mode.empty() ? ""
                                    : fmt::format(" (mapping installed in {:.2f} s)", install));
    for (const char* run : {"first daily run (all pairs)", "second daily run"}) {
      double t1 = task(*session, conflict::run_task_01);
      double t2 = task(*session, conflict::run_task_02);
      double t3 = task(*session, conflict::run_task_03);
      fmt::print("  {:<28} {:>7.2f} s   task_01 {:.2f}  task_02 {:.2f}  task_03 {:.2f}\n", run,
                 t1 + t2 + t3, t1, t2, t3);
    }
  }

 private:
  double seconds_since(Timestamp start) const { return millis_to_seconds(clock_.now() - start); }

  double task(db::Session& session, Result<Json> (*work)(conflict::Job&)) {
    NullLogger log;
    conflict::Job job{session, settings_.schemas, clock_.now(), log};
    Timestamp start = clock_.now();
    must(work(job), "task");
    return seconds_since(start);
  }

  db::ConnectionSettings settings_;
  std::int64_t visits_;
  std::uint64_t seed_;
  SystemClock clock_;
};

}  // namespace
}  // namespace conflictctl

int main(int argc, char** argv) {
  using namespace conflictctl;
  std::int64_t visits = 200'000;
  std::uint64_t seed = 1;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--visits") visits = std::atoll(argv[i + 1]);
    else if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--only") only = argv[i + 1];
    else {
      fmt::print(stderr, "usage: mapping_bench [--visits N] [--seed S] [--only VARIANT]\n");
      return 2;
    }
  }
  db::ConnectionSettings settings =
      must(db::load_settings(db::process_environment(), ".env"), "settings");
  settings.schemas = {"bench_map_conflict", "bench_map_analytics"};
  fmt::print("{} visits (seed {})\n\n", visits, seed);
  Bench bench(settings, visits, seed);
  for (const auto& [key, variant] :
       {std::pair{"native", Variant{"native", "", false}},
        std::pair{"views", Variant{"views", "views", false}},
        std::pair{"views-indexed", Variant{"views, indexed", "views", true}},
        std::pair{"copy", Variant{"copy", "copy", false}}})
    if (only.empty() || only == key) bench.run(variant);
  return 0;
}
