// The Conflict Report tasks on a large seeded database, against the machine's own lower bound.
//
//   pipeline_bench [--visits N] [--workers W] [--seed S] [--rounds R]
//                                                   (defaults: 1000000, 2, 1, 1)
//
// Connects with the POSTGRES_* settings (environment, then .env), works in the schemas
// bench_conflict / bench_analytics (dropped and recreated), seeds N visits, and times:
//   - the lower bound: a sequential scan of analytics.visit, and a sort of it by
//     (caregiver, date, start) — any pair search must at least read and group the visits;
//   - the reference point: the candidate pairs alone over a narrow copy of the visits
//     indexed on (ssn, visit_date) (no eligibility, no flags), with the copy's build time;
//   - task_03 on the fresh data (inserts every conflict pair: the full pair search), then the
//     daily pipeline task_01 + task_02 + task_03 on that state, then task_02 in chunks with W
//     workers (get_task02_chunks, then the chunks on W connections at once);
// and prints each as seconds and as a multiple of the sort, with the steps inside each task.
// With R > 1 the daily pipeline runs R times (a daily run leaves the tables as it found them)
// and its minimum, median and maximum are printed too: a shared host's noise is often as
// large as the change being measured.
// bench/run.sh starts a throwaway server and runs this; docs/performance.md has the figures.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "conflict/chunks.h"
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

namespace conflictctl {
namespace {

struct Options {
  std::int64_t visits = 1'000'000;
  int workers = 2;
  std::uint64_t seed = 1;
  int rounds = 1;
};

[[noreturn]] void fail(const std::string& what, const Error& error) {
  fmt::print(stderr, "pipeline_bench: {}: {}: {}\n", what, error.name, error.cause);
  std::exit(1);
}

template <class T>
T must(Result<T> result, const std::string& what) {
  if (!result) fail(what, result.error());
  return std::move(*result);
}

std::unique_ptr<db::Session> open(const db::ConnectionSettings& settings) {
  return must(db::connect(settings), "connect");
}

class Bench {
 public:
  Bench(const db::ConnectionSettings& settings, Options options)
      : settings_(settings), options_(options) {}

  void run() {
    auto session = open(settings_);
    reset(*session);
    const conflict::Date today = conflict::utc_date(clock_.now());
    fmt::print("Seeding {} visits (seed {}) into {} / {} …\n", options_.visits, options_.seed,
               settings_.schemas.conflict, settings_.schemas.analytics);
    Timestamp start = clock_.now();
    conflict::SeedOptions seed{options_.visits, options_.seed, today};
    seed.force = true;  // the bench replaces its own data on every run
    auto report = must(conflict::seed_database(*session, settings_.schemas, seed), "seed");
    fmt::print("  seeded in {:.1f} s (COPY {:.1f} s, ANALYZE {:.1f} s)\n\n", seconds_since(start),
               report.load_seconds, report.analyze_seconds);

    const std::string visit = db::render("{analytics}.visit", settings_.schemas);
    double scan = best_of(*session, "SELECT count(*), sum(length(visit_id)) FROM " + visit);
    sort_ = best_of(*session,
                    "SELECT max(n) FROM (SELECT row_number() OVER (ORDER BY caregiver_id, "
                    "visit_date, sch_start) AS n FROM " + visit + ") s");
    line("sequential scan of visit", scan);
    line("sort of visit (the bound)", sort_);
    indexed_candidates(*session);
    fmt::print("\n");

    task("task_03, first run (all pairs)", *session, conflict::run_task_03);
    std::vector<double> daily;
    for (int round = 0; round < options_.rounds; ++round) {
      const bool detail = round == 0;
      double seconds = 0;
      seconds += task("task_01", *session, conflict::run_task_01, detail);
      seconds += task("task_02", *session, conflict::run_task_02, detail);
      seconds += task("task_03, daily (no new pairs)", *session, conflict::run_task_03, detail);
      line(fmt::format("daily pipeline task_01+02+03{}",
                       options_.rounds > 1 ? fmt::format(", #{}", round + 1) : ""),
           seconds);
      daily.push_back(seconds);
    }
    if (daily.size() > 1) {
      std::sort(daily.begin(), daily.end());
      line(fmt::format("daily pipeline, median of {}", daily.size()), daily[daily.size() / 2],
           fmt::format("min {:.2f} s, max {:.2f} s", daily.front(), daily.back()));
    }
    fmt::print("\n");
    chunked();
  }

 private:
  void reset(db::Session& session) {
    for (const std::string& schema : {settings_.schemas.conflict, settings_.schemas.analytics})
      must(session.query("DROP SCHEMA IF EXISTS " + db::quote_identifier(schema) + " CASCADE"),
           "drop schema");
    must(db::migrate(session, settings_.schemas, clock_.now()), "db init");
  }

  // The reference point: the candidate pairs alone (same SSN and date, other agency;
  // no eligibility, no flags) over a narrow copy of the visits indexed on (ssn, visit_date),
  // the planner free to merge the index with itself or to hash. Whatever a search adds goes on
  // top of this.
  void indexed_candidates(db::Session& session) {
    const std::string copy = db::render("{conflict}.bench_visit_ssn", settings_.schemas);
    Timestamp start = clock_.now();
    for (const std::string& sql :
         {"DROP TABLE IF EXISTS " + copy,
          db::render("CREATE TABLE {conflict}.bench_visit_ssn AS "
                     "SELECT v.visit_id, btrim(c.ssn, ' ') AS ssn, v.visit_date, v.provider_id "
                     "FROM {analytics}.visit v "
                     "JOIN {analytics}.caregiver c ON c.caregiver_id = v.caregiver_id "
                     "WHERE NOT v.is_missed AND btrim(c.ssn, ' ') <> ''",
                     settings_.schemas),
          "CREATE INDEX ON " + copy + " (ssn, visit_date)", "VACUUM ANALYZE " + copy})
      must(session.query(sql), sql);
    double build = seconds_since(start);
    double pairs = best_of(session,
                           "SELECT count(*) FROM " + copy + " a JOIN " + copy +
                               " b ON b.ssn = a.ssn AND b.visit_date = a.visit_date "
                               "WHERE a.visit_id < b.visit_id AND a.provider_id <> b.provider_id");
    must(session.query("DROP TABLE " + copy), "drop the copy");
    line("candidate pairs, (ssn, date) index", pairs,
         fmt::format("narrow copy and index built in {:.1f} s", build));
  }

  double seconds_since(Timestamp start) const { return millis_to_seconds(clock_.now() - start); }

  // The fastest of three runs (the first warms the cache).
  double best_of(db::Session& session, const std::string& sql) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
      Timestamp start = clock_.now();
      must(session.query(sql), sql);
      best = std::min(best, seconds_since(start));
    }
    return best;
  }

  void line(const std::string& what, double seconds, const std::string& detail = "") {
    fmt::print("  {:<36} {:>8.2f} s  {:>6.2f} × sort  {}\n", what, seconds, seconds / sort_,
               detail);
  }

  // Runs one task and returns its seconds; with `detail`, prints its line and its steps.
  double task(const std::string& what, db::Session& session, Result<Json> (*work)(conflict::Job&),
              bool detail = true) {
    NullLogger log;
    conflict::Job job{session, settings_.schemas, clock_.now(), log};
    Timestamp start = clock_.now();
    Json result = must(work(job), what);
    double seconds = seconds_since(start);
    std::string rows;
    for (const char* key : {"affected_rows", "updated_rows", "inserted_rows"})
      if (result.contains(key)) rows = fmt::format("{} {}", result[key].dump(), key);
    if (!detail) return seconds;
    line(what, seconds, rows);
    if (result.contains("steps"))
      for (const auto& [step, figures] : result["steps"].items())
        fmt::print("      {:<32} {:>8.2f} s  {:>9} rows\n", step,
                   figures.value("seconds", 0.0), figures.value("rows", Json(0)).dump());
    return seconds;
  }

  // get_task02_chunks, then every chunk on `workers` connections at once.
  void chunked() {
    auto session = open(settings_);
    NullLogger log;
    Timestamp start = clock_.now();
    conflict::Job job{*session, settings_.schemas, clock_.now(), log};
    Json plan = must(conflict::get_task02_chunks(job), "get_task02_chunks");
    const Json chunks = plan["chunk_ids"];
    double planning = seconds_since(start);

    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::vector<std::thread> workers;
    for (int w = 0; w < options_.workers; ++w)
      workers.emplace_back([&] {
        auto own = open(settings_);
        NullLogger quiet;
        for (std::size_t i = next++; i < chunks.size(); i = next++) {
          conflict::Job chunk_job{*own, settings_.schemas, clock_.now(), quiet};
          auto done = conflict::process_task02_chunk(chunk_job, chunks[i]);
          std::lock_guard lock(mutex);
          if (!done) fail("process_task02_chunk", done.error());
        }
      });
    for (auto& worker : workers) worker.join();
    line(fmt::format("task_02 in {} chunks, {} workers", chunks.size(), options_.workers),
         seconds_since(start), fmt::format("planning {:.2f} s", planning));
  }

  const db::ConnectionSettings& settings_;
  Options options_;
  SystemClock clock_;
  double sort_ = 1;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--visits") options.visits = std::atoll(argv[i + 1]);
    else if (flag == "--workers") options.workers = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--seed") options.seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--rounds") options.rounds = std::max(1, std::atoi(argv[i + 1]));
    else {
      fmt::print(stderr,
                 "usage: pipeline_bench [--visits N] [--workers W] [--seed S] [--rounds R]\n");
      std::exit(2);
    }
  }
  return options;
}

}  // namespace
}  // namespace conflictctl

int main(int argc, char** argv) {
  using namespace conflictctl;
  Options options = parse(argc, argv);
  db::ConnectionSettings settings =
      must(db::load_settings(db::process_environment(), ".env"), "settings");
  settings.schemas = {"bench_conflict", "bench_analytics"};
  Bench(settings, options).run();
  return 0;
}
