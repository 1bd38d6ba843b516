// The "process_task02_chunk" action: refreshes the conflict pairs of one chunk planned by
// get_task02_chunks (docs/database.md, "Chunks"). The event carries "chunk_id", the Map item.
// It returns a bare object: {status, chunk_id, rows_marked, rows_updated, estimated_rows,
// duration_seconds, throughput_rows_per_sec}. Database mode: chunk_id is the self-describing
// chunk object of get_task02_chunks (conflict/chunks.h); a bad one fails with the error
// named there. Mock: a missing, non-integer or unknown chunk_id fails with "InvalidChunkId"
// (tasks/mock_figures.h).
#include <fmt/format.h>

#include <memory>

#include "conflict/chunks.h"
#include "tasks/action.h"
#include "tasks/database_run.h"
#include "tasks/mock_figures.h"

namespace conflictctl::tasks {

namespace {

constexpr std::string_view kInvalidChunkId = "InvalidChunkId";

class ProcessTask02Chunk final : public Action {
 public:
  std::string_view name() const override { return "process_task02_chunk"; }

  engine::TaskOutcome mock(const Json& event, engine::TaskContext& context) const override {
    using namespace mock_figures;
    auto it = event.find("chunk_id");
    if (it == event.end())
      return invalid("the event has no 'chunk_id'; pass the Map item as \"chunk_id.$\": \"$\"");
    if (!it->is_number_integer())
      return invalid(fmt::format("chunk_id must be an integer, not {}", to_compact(*it)));
    long long id = it->get<long long>();
    if (id < 0 || id >= kChunkCount)
      return invalid(fmt::format("chunk_id {} does not exist; get_task02_chunks planned "
                                 "chunks 0 to {}",
                                 id, kChunkCount - 1));

    int chunk = static_cast<int>(id);
    double seconds = chunk_seconds(chunk);
    long rows = chunk_rows(chunk);
    context.log.info(fmt::format("conflict-report: process_task02_chunk (mock): chunk {}, {} "
                                 "rows updated in {} s",
                                 chunk, rows, seconds));
    Json result = Json::object();
    result["status"] = "success";
    result["chunk_id"] = chunk;
    result["rows_marked"] = rows;
    result["rows_updated"] = rows;
    result["estimated_rows"] = rows;
    result["duration_seconds"] = seconds;
    result["throughput_rows_per_sec"] = static_cast<double>(rows) / seconds;
    return engine::TaskOutcome::success(std::move(result), seconds);
  }

  engine::TaskOutcome run(const Json& event, engine::TaskContext& context,
                  const TaskDatabase& database) const override {
    auto it = event.find("chunk_id");
    if (it == event.end())
      return invalid("the event has no 'chunk_id'; pass the Map item as \"chunk_id.$\": \"$\"");
    const Json& chunk = *it;
    DatabaseRun run = run_on_database(database, context, name(), [&](conflict::Job& job) {
      return conflict::process_task02_chunk(job, chunk);
    });
    if (!run.result) return {Result<Json>(run.result.error()), std::nullopt};
    Json result = std::move(*run.result);
    result["duration_seconds"] = run.seconds;
    return engine::TaskOutcome::success(std::move(result));
  }

 private:
  static engine::TaskOutcome invalid(std::string cause) {
    return engine::TaskOutcome::failure(std::string(kInvalidChunkId), std::move(cause));
  }
};

}  // namespace

std::unique_ptr<Action> make_process_task02_chunk_action() {
  return std::make_unique<ProcessTask02Chunk>();
}

}  // namespace conflictctl::tasks
