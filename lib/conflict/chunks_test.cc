#include "conflict/chunks.h"

#include <catch2/catch.hpp>

using namespace conflictctl;
using namespace conflictctl::conflict;

TEST_CASE("chunks cover every bucket, contiguous, and stay under the maximum") {
  std::vector<BucketRows> buckets = {{3, 40, 4}, {10, 50, 5}, {11, 30, 3}, {2000, 75, 6},
                                     {4095, 10, 1}};
  std::vector<Chunk> chunks = pack_chunks(buckets, 100);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0].buckets.first == 0);
  CHECK(chunks[0].buckets.last == 10);  // 40 + 50 = 90; + 30 would pass 100
  CHECK(chunks[0].rows == 90);
  CHECK(chunks[1].buckets.first == 11);
  CHECK(chunks[1].buckets.last == 1999);
  CHECK(chunks[1].rows == 30);
  CHECK(chunks[2].buckets.first == 2000);
  CHECK(chunks[2].buckets.last == 4095);
  CHECK(chunks[2].rows == 85);
  for (std::size_t i = 0; i < chunks.size(); ++i) CHECK(chunks[i].index == static_cast<std::int64_t>(i));
}

TEST_CASE("a bucket larger than the maximum is a chunk of its own") {
  std::vector<Chunk> chunks = pack_chunks({{5, 10, 1}, {6, 500, 9}, {7, 10, 1}}, 100);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[1].buckets.first == 6);
  CHECK(chunks[1].buckets.last == 6);
  CHECK(chunks[1].rows == 500);
}

TEST_CASE("no rows: no chunks") { CHECK(pack_chunks({}, 15000).empty()); }

TEST_CASE("a chunk item is self-describing and parses back") {
  Chunk chunk;
  chunk.index = 2;
  chunk.buckets = {11, 1999};
  chunk.rows = 30;
  Json item = chunk_item(chunk);
  CHECK(to_compact(item) == R"({"chunk":2,"buckets":[11,1999],"of":4096,"rows":30})");
  auto parsed = parse_chunk_item(item);
  REQUIRE(parsed);
  CHECK(parsed->index == 2);
  CHECK(parsed->buckets.first == 11);
  CHECK(parsed->buckets.last == 1999);
  CHECK(parsed->rows == 30);
}

TEST_CASE("a bad chunk_id is an InvalidChunk error that says what is wrong") {
  auto error_of = [](const Json& item) {
    auto parsed = parse_chunk_item(item);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().name == "InvalidChunk");
    return parsed.error().cause;
  };
  CHECK_THAT(error_of(Json(3)), Catch::Contains("chunk_id must be a chunk of get_task02_chunks"));
  CHECK_THAT(error_of(Json::parse(R"({"buckets":[0,10],"of":1024})")),
             Catch::Contains("chunk_id.of must be 4096"));
  CHECK_THAT(error_of(Json::parse(R"({"buckets":[10,5],"of":4096})")),
             Catch::Contains("0 <= first <= last <= 4095, got [10, 5]"));
  CHECK_THAT(error_of(Json::parse(R"({"buckets":[0,4096],"of":4096})")),
             Catch::Contains("got [0, 4096]"));
  CHECK_THAT(error_of(Json::parse(R"({"buckets":"0-10","of":4096})")),
             Catch::Contains("chunk_id.buckets must be [first, last]"));
  CHECK_THAT(error_of(Json::parse(R"({"buckets":[0,10],"of":4096,"keys":[]})")),
             Catch::Contains("unknown field \"keys\""));
  CHECK_THAT(error_of(Json::parse(R"({"buckets":[0,10],"of":4096,"rows":-1})")),
             Catch::Contains("chunk_id.rows must be a non-negative integer"));
}

TEST_CASE("the chunk list of a large run stays far below the 256 KiB state limit") {
  // 8.5 million rows (the reference's map table) in buckets of ~2,000 rows.
  std::vector<BucketRows> buckets;
  for (std::int64_t b = 0; b < kSsnBucketCount; ++b) buckets.push_back({b, 2075, 200});
  Json ids = Json::array();
  for (const Chunk& chunk : pack_chunks(buckets, ChunkConfig{}.max_size))
    ids.push_back(chunk_item(chunk));
  CHECK(ids.size() == 586);  // 7 buckets (14,525 rows) per chunk
  CHECK(to_compact(ids).size() < 40 * 1024);
}
