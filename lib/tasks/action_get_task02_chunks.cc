// The "get_task02_chunks" action: plans TASK_02 as chunks that a Map state refreshes in
// parallel (docs/database.md, "Chunks"). It returns a bare object (no statusCode), which the
// chunked definition reads as $.task02_chunks: {status, total_rows, total_keys, num_chunks,
// chunk_ids, chunks, config, duration_seconds}.
//
// Each chunk describes itself, so that any worker can process it without shared files: in
// database mode each element of chunk_ids is an object naming a range of SSN hash buckets
// (conflict/chunks.h), which the Map passes unchanged to process_task02_chunk. Mock: integer
// ids 0..n-1 (tasks/mock_figures.h), each with a description in "chunks".
#include <fmt/format.h>

#include <memory>

#include "conflict/chunks.h"
#include "conflict/window.h"
#include "tasks/action.h"
#include "tasks/database_run.h"
#include "tasks/mock_figures.h"

namespace conflictctl::tasks {

namespace {

// The task window as "YYYY-MM-DD" texts (conflict/window.h).
std::pair<std::string, std::string> window(Timestamp now) {
  conflict::Window window = conflict::window_for(conflict::utc_date(now));
  return {conflict::format_date(window.first), conflict::format_date(window.last)};
}

class GetTask02Chunks final : public Action {
 public:
  std::string_view name() const override { return "get_task02_chunks"; }

  engine::TaskOutcome mock(const Json&, engine::TaskContext& context) const override {
    using namespace mock_figures;
    auto [date_from, date_to] = window(context.clock.now());
    Json ids = Json::array(), chunks = Json::array();
    long total_rows = 0, total_keys = 0;
    for (int id = 0; id < kChunkCount; ++id) {
      ids.push_back(id);
      chunks.push_back(Json{{"id", id},
                            {"ssn_bucket", id},
                            {"buckets", kChunkCount},
                            {"date_from", date_from},
                            {"date_to", date_to}});
      total_rows += chunk_rows(id);
      total_keys += chunk_keys(id);
    }
    context.log.info(fmt::format("conflict-report: get_task02_chunks (mock): {} rows in {} "
                                 "chunks, {} to {}",
                                 total_rows, kChunkCount, date_from, date_to));
    Json result = Json::object();
    result["status"] = "success";
    result["total_rows"] = total_rows;
    result["total_keys"] = total_keys;
    result["num_chunks"] = kChunkCount;
    result["chunk_ids"] = std::move(ids);
    result["chunks"] = std::move(chunks);
    result["config"] = Json{{"target_size", kChunkTargetSize},
                            {"max_size", kChunkMaxSize},
                            {"max_concurrency", kChunkMaxConcurrency}};
    result["duration_seconds"] = kGetChunksSeconds;
    return engine::TaskOutcome::success(std::move(result), kGetChunksSeconds);
  }

  engine::TaskOutcome run(const Json&, engine::TaskContext& context,
                  const TaskDatabase& database) const override {
    DatabaseRun run = run_on_database(database, context, name(), conflict::get_task02_chunks);
    if (!run.result) return {Result<Json>(run.result.error()), std::nullopt};
    Json result = std::move(*run.result);
    result["duration_seconds"] = run.seconds;
    return engine::TaskOutcome::success(std::move(result));
  }
};

}  // namespace

std::unique_ptr<Action> make_get_task02_chunks_action() {
  return std::make_unique<GetTask02Chunks>();
}

}  // namespace conflictctl::tasks
