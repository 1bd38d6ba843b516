#include "conflict/chunks.h"

#include <fmt/format.h>

#include <cmath>

#include "conflict/run_lock.h"
#include "conflict/task_steps.h"
#include "conflict/window.h"

namespace conflictctl::conflict {
namespace {

constexpr std::string_view kChunkShape =
    R"({"chunk": 0, "buckets": [0, 4095], "of": 4096, "rows": 1200})";

Error invalid(std::string cause) { return Error{std::string(kInvalidChunk), std::move(cause)}; }

bool non_negative_integer(const Json& value) {
  return value.is_number_unsigned() || (value.is_number_integer() && value.get<std::int64_t>() >= 0);
}

}  // namespace

std::vector<Chunk> pack_chunks(const std::vector<BucketRows>& buckets, std::int64_t max_size) {
  std::vector<Chunk> chunks;
  if (buckets.empty()) return chunks;
  Chunk current;
  current.buckets.first = 0;
  for (const BucketRows& bucket : buckets) {
    if (current.rows > 0 && current.rows + bucket.rows > max_size) {
      current.buckets.last = bucket.bucket - 1;
      chunks.push_back(current);
      current = Chunk{};
      current.index = static_cast<std::int64_t>(chunks.size());
      current.buckets.first = bucket.bucket;
    }
    current.rows += bucket.rows;
  }
  current.buckets.last = kSsnBucketCount - 1;
  chunks.push_back(current);
  return chunks;
}

Json chunk_item(const Chunk& chunk) {
  Json item = Json::object();
  item["chunk"] = chunk.index;
  item["buckets"] = Json::array({chunk.buckets.first, chunk.buckets.last});
  item["of"] = kSsnBucketCount;
  item["rows"] = chunk.rows;
  return item;
}

Result<Chunk> parse_chunk_item(const Json& item) {
  if (!item.is_object())
    return invalid(fmt::format("chunk_id must be a chunk of get_task02_chunks' chunk_ids, like "
                               "{}; got {}",
                               kChunkShape, to_compact(item)));
  for (const auto& [key, value] : item.items())
    if (key != "chunk" && key != "buckets" && key != "of" && key != "rows")
      return invalid(fmt::format("chunk_id has an unknown field \"{}\"; a chunk looks like {}",
                                 key, kChunkShape));
  Chunk chunk;
  chunk.rows = -1;
  if (auto it = item.find("chunk"); it != item.end()) {
    if (!non_negative_integer(*it))
      return invalid(fmt::format("chunk_id.chunk must be a non-negative integer, got {}",
                                 to_compact(*it)));
    chunk.index = it->get<std::int64_t>();
  }
  if (auto it = item.find("rows"); it != item.end()) {
    if (!non_negative_integer(*it))
      return invalid(fmt::format("chunk_id.rows must be a non-negative integer, got {}",
                                 to_compact(*it)));
    chunk.rows = it->get<std::int64_t>();
  }
  auto of = item.find("of");
  if (of == item.end() || !of->is_number_integer() || of->get<std::int64_t>() != kSsnBucketCount)
    return invalid(fmt::format("chunk_id.of must be {} (the SSN bucket count of this "
                               "conflictctl), got {}",
                               kSsnBucketCount, of == item.end() ? "nothing" : to_compact(*of)));
  auto buckets = item.find("buckets");
  if (buckets == item.end() || !buckets->is_array() || buckets->size() != 2 ||
      !(*buckets)[0].is_number_integer() || !(*buckets)[1].is_number_integer())
    return invalid(fmt::format("chunk_id.buckets must be [first, last], two integers, got {}",
                               buckets == item.end() ? "nothing" : to_compact(*buckets)));
  chunk.buckets.first = (*buckets)[0].get<std::int64_t>();
  chunk.buckets.last = (*buckets)[1].get<std::int64_t>();
  if (chunk.buckets.first < 0 || chunk.buckets.last >= kSsnBucketCount ||
      chunk.buckets.first > chunk.buckets.last)
    return invalid(fmt::format("chunk_id.buckets must satisfy 0 <= first <= last <= {}, got "
                               "[{}, {}]",
                               kSsnBucketCount - 1, chunk.buckets.first, chunk.buckets.last));
  return chunk;
}

Result<Json> get_task02_chunks(Job& job) { return plan_task02_chunks(job, ChunkConfig{}); }

Result<Json> plan_task02_chunks(Job& job, const ChunkConfig& config) {
  const Window window = window_for(utc_date(job.now));
  return run_task_transaction(job, RunLockMode::kExclusive, [&](TaskSteps& steps) -> Result<Json> {
    auto counted = steps.run("bucket_rows", "chunks/01_bucket_rows.sql",
                             {date_param(window.first), date_param(window.last)});
    if (!counted) return counted.error();
    std::vector<BucketRows> buckets;
    std::int64_t total_rows = 0, total_keys = 0;
    for (std::size_t i = 0; i < counted->size(); ++i) {
      BucketRows bucket{integer_cell(counted->at(i, 0)), integer_cell(counted->at(i, 1)),
                        integer_cell(counted->at(i, 2))};
      total_rows += bucket.rows;
      total_keys += bucket.keys;  // an SSN lies in exactly one bucket
      buckets.push_back(bucket);
    }
    Json ids = Json::array();
    for (const Chunk& chunk : pack_chunks(buckets, config.max_size)) ids.push_back(chunk_item(chunk));

    Json result = Json::object();
    result["status"] = "success";
    result["total_rows"] = total_rows;
    result["total_keys"] = total_keys;
    result["num_chunks"] = ids.size();
    result["chunk_ids"] = std::move(ids);
    result["config"] = Json{{"target_size", config.target_size},
                            {"max_size", config.max_size},
                            {"max_concurrency", config.max_concurrency}};
    result["window"] = Json{{"first", format_date(window.first)}, {"last", format_date(window.last)}};
    return result;
  });
}

Result<Json> process_task02_chunk(Job& job, const Json& chunk_id) {
  auto chunk = parse_chunk_item(chunk_id);
  if (!chunk) return chunk.error();
  const Window window = window_for(utc_date(job.now));
  auto result = run_task_transaction(job, RunLockMode::kShared, [&](TaskSteps& steps) -> Result<Json> {
    if (auto locked = take_chunk_lock(job.session, job.schemas, chunk->buckets.first,
                                      chunk->buckets.last);
        !locked)
      return locked.error();
    if (auto settings = require_single_settings_row(steps); !settings) return settings.error();
    auto counts = refresh_conflict_rows(steps, window, chunk->buckets);
    if (!counts) return counts.error();
    Json out = Json::object();
    out["status"] = "success";
    out["chunk_id"] = chunk_id;
    out["rows_marked"] = counts->rows_marked;
    out["rows_updated"] = counts->rows_updated();
    out["estimated_rows"] = chunk->rows >= 0 ? Json(chunk->rows) : Json(nullptr);
    out["num_keys"] = counts->num_keys;
    out["rows_redetected"] = counts->rows_redetected;
    out["rows_refreshed"] = counts->rows_refreshed;
    out["rows_resolved"] = counts->rows_resolved;
    out["flags_cleared"] = counts->flags_cleared;
    out["conflicts_updated"] = counts->conflicts_updated;
    out["buckets"] = Json::array({chunk->buckets.first, chunk->buckets.last});
    if (counts->rows_marked == 0)
      out["message"] = fmt::format("no rows to refresh in SSN buckets {} to {}",
                                   chunk->buckets.first, chunk->buckets.last);
    return out;
  });
  if (!result) return result.error();
  const double seconds = (*result)["duration_seconds"].get<double>();
  const std::int64_t marked = (*result)["rows_marked"].get<std::int64_t>();
  (*result)["throughput_rows_per_sec"] =
      seconds > 0 ? std::round(static_cast<double>(marked) / seconds * 10.0) / 10.0 : 0.0;
  return result;
}

}  // namespace conflictctl::conflict
