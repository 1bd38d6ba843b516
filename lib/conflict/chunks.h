#pragma once
// TASK_02 in chunks (docs/database.md, "Chunks", which also says what the reference's chunks
// got wrong): the map rows TASK_02 marks are split by the SSN bucket of their row
// (conflict/task_02_refresh.h: bucket = hashtextextended(ssn, 0) & 4095), and a chunk is a
// contiguous range of buckets.
//
// get_task02_chunks has one step after tune (conflict/task_steps.h):
//    1 bucket_rows    the rows per bucket (sql/tasks/chunks/01_bucket_rows.sql)
// and packs consecutive buckets greedily: a chunk is closed before a bucket that would take it
// past max_size rows (a bucket bigger than that is a chunk of its own). The first chunk starts
// at bucket 0 and the last ends at 4095, empty buckets belong to their neighbours, so the
// chunks are disjoint and cover every row, even rows that appear after planning. Each element
// of "chunk_ids" is self-describing — all a worker needs, no files (the Map passes it
// unchanged as "chunk_id"):
//   {"chunk": 0, "buckets": [0, 511], "of": 4096, "rows": 14870}
// ~55 bytes each: 15,000 rows per chunk keeps the list far below the 256 KiB state payload
// limit up to tens of millions of rows.
//
// process_task02_chunk does exactly TASK_02's work restricted to the chunk's rows — the pair
// re-evaluation too (only the chunk's visits are read) — in one transaction, under the shared
// run lock plus an exclusive lock on its bucket range. A re-run changes nothing; running every
// chunk leaves the tables as one task_02 run would.
#include <cstdint>
#include <string_view>
#include <vector>

#include "conflict/job.h"
#include "conflict/task_02_refresh.h"
#include "core/error.h"
#include "core/json.h"

namespace conflictctl::conflict {

// The error of a chunk_id that is not a chunk object of get_task02_chunks.
inline constexpr std::string_view kInvalidChunk = "InvalidChunk";

// The chunking configuration reported in "config" (the reference's values).
struct ChunkConfig {
  std::int64_t target_size = 10000;  // Default: 10,000 (reported, as in the reference)
  std::int64_t max_size = 15000;     // Default: 15,000 rows per chunk at most
  int max_concurrency = 5;           // Default: 5 (the Map's MaxConcurrency)
};

// Rows to refresh in one SSN bucket.
struct BucketRows {
  std::int64_t bucket = 0;
  std::int64_t rows = 0;
  std::int64_t keys = 0;  // distinct SSNs
};

struct Chunk {
  std::int64_t index = 0;
  SsnBuckets buckets;
  std::int64_t rows = 0;  // estimated: counted when planned
};

// Packs `buckets` (ascending by bucket, rows > 0) into chunks as described above. No buckets:
// no chunks.
std::vector<Chunk> pack_chunks(const std::vector<BucketRows>& buckets, std::int64_t max_size);

// {"chunk": i, "buckets": [first, last], "of": 4096, "rows": n}
Json chunk_item(const Chunk& chunk);

// The inverse of chunk_item. "buckets" and "of" are required, "chunk" and "rows" optional
// (non-negative integers); other keys, a range outside 0…4095, first > last or another "of"
// are Error{"InvalidChunk", …} saying what is wrong. A missing "rows" gives rows = -1.
Result<Chunk> parse_chunk_item(const Json& item);

// Result:
//   {"status": "success", "total_rows": n, "total_keys": n (distinct SSNs), "num_chunks": n,
//    "chunk_ids": [chunk_item, …],
//    "config": {"target_size": 10000, "max_size": 15000, "max_concurrency": 5},
//    "window": {…}, "steps": {…}, "duration_seconds": s}
// No rows: num_chunks 0 and chunk_ids []. Exclusive run lock (Database.Busy).
Result<Json> get_task02_chunks(Job& job);
// The same with another configuration (tests use a small max_size).
Result<Json> plan_task02_chunks(Job& job, const ChunkConfig& config);

// Result:
//   {"status": "success", "chunk_id": <the item as given>, "rows_marked": n,
//    "rows_updated": n, "estimated_rows": n (the item's "rows", null without),
//    "num_keys": n, "rows_redetected": n, "rows_refreshed": n, "rows_resolved": n,
//    "flags_cleared": n, "conflicts_updated": n, "buckets": [first, last],
//    ["message": "no rows to refresh in SSN buckets a to b",]
//    "steps": {…}, "duration_seconds": s, "throughput_rows_per_sec": rows_marked / s}
// Errors: InvalidChunk (before touching the database), Database.Busy (a task_0x runs, or this
// chunk runs elsewhere), Conflict.InvalidSettings, Database.*; nothing written.
Result<Json> process_task02_chunk(Job& job, const Json& chunk_id);

}  // namespace conflictctl::conflict
