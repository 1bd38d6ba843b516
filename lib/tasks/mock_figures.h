#pragma once
// The figures the Conflict Report function reports in mock mode, named once.
//
// Row counts are the reference mock connector's (docs/pipelines.md, "The conflict-report
// handler"): a mocked TASK_01 reports 156 rows and a mocked TASK_02 8 432; any other insert
// reports 15 234. Durations are simulated seconds on the virtual clock, inside the reference's
// expectations (TASK_01 1–2 min, TASK_02 3–10 min; a chunk of ~150 rows/s). Chunking follows
// the reference's configuration: target 10 000 rows, at most 15 000, five chunks at a time.
#include <string_view>

namespace conflictctl::tasks::mock_figures {

// validate_config: the configuration it reports. The password is never reported.
inline constexpr std::string_view kHost = "localhost";
inline constexpr int kPort = 5432;
inline constexpr std::string_view kDatabase = "conflict_report";
inline constexpr std::string_view kUser = "conflict_app";
inline constexpr double kValidateConfigSeconds = 2;

inline constexpr double kTask01Seconds = 95;
inline constexpr long kTask01AffectedRows = 156;

inline constexpr double kTask02Seconds = 410;
inline constexpr long kTask02UpdatedRows = 8432;

inline constexpr double kTask03Seconds = 150;
inline constexpr long kTask03InsertedRows = 15234;

// get_task02_chunks
inline constexpr double kGetChunksSeconds = 12;
inline constexpr int kChunkCount = 12;
inline constexpr long kChunkTargetSize = 10000;
inline constexpr long kChunkMaxSize = 15000;
inline constexpr int kChunkMaxConcurrency = 5;

// process_task02_chunk: chunk `id` takes 40 to 70 s, a fixed spread by id, and refreshes
// 150 rows a second; a (date, SSN) key holds 15 rows.
inline constexpr int kChunkMinSeconds = 40;
inline constexpr int kChunkSecondsSpread = 31;  // seconds take 31 values: 40..70
inline constexpr int kChunkSecondsStep = 7;     // co-prime with the spread: ids 0..30 differ
inline constexpr long kChunkRowsPerSecond = 150;
inline constexpr long kRowsPerKey = 15;

constexpr int chunk_seconds(int id) {
  return kChunkMinSeconds + (id * kChunkSecondsStep) % kChunkSecondsSpread;
}
constexpr long chunk_rows(int id) { return chunk_seconds(id) * kChunkRowsPerSecond; }
constexpr long chunk_keys(int id) { return chunk_rows(id) / kRowsPerKey; }

}  // namespace conflictctl::tasks::mock_figures
