#include "engine/item_reader.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "core/error_names.h"
#include "source_tree.h"

namespace conflictctl::engine {
namespace {

namespace fs = std::filesystem;

// A folder of files standing for s3://in, removed afterwards.
struct Bucket {
  fs::path dir = fs::temp_directory_path() / "conflictctl_item_reader_test";
  S3Files files{{S3Root{"in/", dir}}};
  Bucket() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Bucket() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
  }
};

asl::ItemReaderSpec reader_of(std::string type) {
  asl::ItemReaderSpec spec;
  spec.input_type = std::move(type);
  return spec;
}

// Every item, or the error that stopped the reading.
Result<Json> read_all(const Bucket& bucket, const asl::ItemReaderSpec& spec,
                      const std::string& key, std::uint64_t max_items = 0) {
  auto stream = open_item_reader(spec, "in", key, bucket.files, max_items);
  if (!stream) return stream.error();
  Json items = Json::array();
  while (true) {
    auto item = (*stream)->next();
    if (!item) return item.error();
    if (!*item) return items;
    items.push_back(std::move(**item));
  }
}

TEST_CASE("JSON Lines: one value a line, blank lines skipped, MaxItems stops early") {
  Bucket bucket;
  bucket.write("a.jsonl", "{\"n\": 1}\r\n\n  \n[2]\n\"three\"");
  CHECK(read_all(bucket, reader_of("JSONL"), "a.jsonl").value() ==
        Json::parse(R"([{"n": 1}, [2], "three"])"));
  CHECK(read_all(bucket, reader_of("JSONL"), "a.jsonl", 2).value() ==
        Json::parse(R"([{"n": 1}, [2]])"));
}

TEST_CASE("CSV: the first row names the fields, quotes keep delimiters, quotes, line breaks") {
  Bucket bucket;
  bucket.write("a.csv", "id,text\n1,\"a, b\"\n\n2,\"say \"\"x\"\"\"\n3,\"two\nlines\"\n4,\n");
  CHECK(read_all(bucket, reader_of("CSV"), "a.csv").value() == Json::parse(R"([
      {"id": "1", "text": "a, b"}, {"id": "2", "text": "say \"x\""},
      {"id": "3", "text": "two\nlines"}, {"id": "4", "text": ""}])"));
}

TEST_CASE("CSV: given headers and another delimiter") {
  Bucket bucket;
  bucket.write("a.tsv", "x\t1\ny\t2\n");
  auto spec = reader_of("CSV");
  spec.csv_header_given = true;
  spec.csv_headers = {"name", "n"};
  spec.csv_delimiter = '\t';
  CHECK(read_all(bucket, spec, "a.tsv").value() ==
        Json::parse(R"([{"name": "x", "n": "1"}, {"name": "y", "n": "2"}])"));
}

TEST_CASE("CSV problems name the file and line") {
  Bucket bucket;
  bucket.write("short.csv", "a,b\n1,2\n3\n");
  bucket.write("open.csv", "a\n\"never closed\n");
  bucket.write("empty.csv", "");
  const std::string dir = bucket.dir.string();
  CHECK(read_all(bucket, reader_of("CSV"), "short.csv").error() ==
        Error{std::string(errors::kItemReaderFailed),
              dir + "/short.csv:3: the row has 1 fields, the header 2"});
  CHECK(read_all(bucket, reader_of("CSV"), "open.csv").error().cause ==
        dir + "/open.csv:2: a quoted field is not closed before the end of the file");
  CHECK(read_all(bucket, reader_of("CSV"), "empty.csv").error().cause ==
        dir + "/empty.csv: the file is empty, with no header row");
  CHECK(read_all(bucket, reader_of("CSV"), "missing.csv").error().cause ==
        dir + "/missing.csv: cannot be read");
}

TEST_CASE("JSON: the file is one array") {
  Bucket bucket;
  bucket.write("a.json", "[1,\n {\"b\": 2}]");
  bucket.write("object.json", "{\"b\": 2}");
  CHECK(read_all(bucket, reader_of("JSON"), "a.json").value() == Json::parse(R"([1, {"b": 2}])"));
  CHECK(read_all(bucket, reader_of("JSON"), "object.json").error().cause ==
        bucket.dir.string() + "/object.json: InputType JSON needs a JSON array, not an object");
}

TEST_CASE("MANIFEST: the rows of an S3 Inventory's gzip-compressed CSV files") {
  Bucket bucket;
  bucket.write("inv/manifest.json", R"({"sourceBucket": "src",
      "destinationBucket": "arn:aws:s3:::in", "fileFormat": "CSV",
      "fileSchema": "Bucket, Key, Size",
      "files": [{"key": "inv/data/1.csv.gz"}, {"key": "inv/data/2.csv"}]})");
  fs::create_directories(bucket.dir / "inv/data");
  gzFile gz = gzopen((bucket.dir / "inv/data/1.csv.gz").c_str(), "wb");
  REQUIRE(gz);
  gzputs(gz, "\"src\",\"a.txt\",\"10\"\n\"src\",\"b.txt\",\"20\"\n");
  gzclose(gz);
  bucket.write("inv/data/2.csv", "\"src\",\"c.txt\",\"30\"\n");
  CHECK(read_all(bucket, reader_of("MANIFEST"), "inv/manifest.json").value() == Json::parse(R"([
      {"Bucket": "src", "Key": "a.txt", "Size": "10"},
      {"Bucket": "src", "Key": "b.txt", "Size": "20"},
      {"Bucket": "src", "Key": "c.txt", "Size": "30"}])"));
}

TEST_CASE("PARQUET: each row is an item, MaxItems stops early, problems name the file") {
  // The S3 root is the folder of committed Parquet fixtures (test/parquet/make_fixtures.mjs).
  const fs::path dir = test::source_path("test/golden/files/parquet");
  S3Files files{{S3Root{"in/", dir}}};
  auto read = [&](const std::string& key, std::uint64_t max_items) -> Result<Json> {
    auto stream = open_item_reader(reader_of("PARQUET"), "in", key, files, max_items);
    if (!stream) return stream.error();
    Json items = Json::array();
    while (true) {
      auto item = (*stream)->next();
      if (!item) return item.error();
      if (!*item) return items;
      items.push_back(std::move(**item));
    }
  };
  CHECK(read("orders_zstd_v2.parquet", 2).value() == Json::parse(R"([
      {"id": 1, "name": "Ada", "amount": 12.5, "note": "first"},
      {"id": 2, "name": "Lin", "amount": 7.25, "note": null}])"));
  CHECK(read("many_v1.parquet", 0).value().size() == 1000);
  CHECK(read("nested.parquet", 0).error() ==
        Error{std::string(errors::kItemReaderFailed),
              (dir / "nested.parquet").string() +
                  ": column \"address\" is nested (a group of 2 fields): only flat schemas are "
                  "read"});
  CHECK(read("missing.parquet", 0).error().cause ==
        (dir / "missing.parquet").string() + ": cannot be read");
  CHECK(open_parquet_items(dir / "int96.parquet", 1).value()->next().value() ==
        Json::parse(R"({"id": 1, "at": "2024-01-31 13:45:30.123"})"));
}

TEST_CASE("S3 roots: the longest prefix wins, keys stay inside their folder") {
  S3Files files({*parse_s3_root("s3://b=/data/b"), *parse_s3_root("s3://b/deep/=/other")});
  CHECK(files.path_of("b", "x/y.csv", "E").value() == fs::path("/data/b/x/y.csv"));
  CHECK(files.path_of("b", "deep/y.csv", "E").value() == fs::path("/other/y.csv"));
  CHECK(files.path_of("b", "../etc/passwd", "E").error() ==
        Error{"E", "s3://b/../etc/passwd: a key with '..' would leave the folder of its root"});
  CHECK(files.path_of("c", "k", "E").error().cause ==
        "s3://c/k has no local folder: give one with --s3-root s3://c=DIR");
  CHECK(parse_s3_root("bucket=/d").error().cause ==
        "'bucket=/d' is not of the form s3://BUCKET[/PREFIX]=DIR");
  CHECK(parse_s3_root("s3://b=").error().cause ==
        "'s3://b=' is not of the form s3://BUCKET[/PREFIX]=DIR");
}

}  // namespace
}  // namespace conflictctl::engine
