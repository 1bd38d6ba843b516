#include "engine/item_reader.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/error_names.h"
#include "scratch_dir.h"
#include "source_tree.h"

namespace conflictctl::engine {
namespace {

namespace fs = std::filesystem;

// A folder of files standing for s3://in, removed afterwards.
struct Bucket {
  test::ScratchDir scratch{"item_reader"};
  fs::path dir = scratch.path();
  S3Files files{{S3Root{"in/", dir}}};
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
Result<Json> read_all(const S3Files& files, const asl::ItemReaderSpec& spec,
                      const std::string& key, std::uint64_t max_items = 0) {
  auto stream = open_item_reader(spec, "in", key, files, max_items);
  if (!stream) return stream.error();
  Json items = Json::array();
  while (true) {
    auto item = (*stream)->next();
    if (!item) return item.error();
    if (!*item) return items;
    items.push_back(std::move(**item));
  }
}

Result<Json> read_all(const Bucket& bucket, const asl::ItemReaderSpec& spec,
                      const std::string& key, std::uint64_t max_items = 0) {
  return read_all(bucket.files, spec, key, max_items);
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

TEST_CASE("CSV: a backslash escapes a backslash, a quote or the delimiter, else is dropped") {
  // AWS's own example: "C:\\Program Files\\MyApp.exe" is C:\Program Files\MyApp.exe.
  Bucket bucket;
  bucket.write("a.csv",
               "path|size\n"
               "C:\\\\Program Files\\\\MyApp.exe|6534512\n"
               "a\\|b|\\\"q\\\"\n"
               "\"in \\\"quotes\\\" \\| and \\\\\"|\\n\\t end\\\n");
  auto spec = reader_of("CSV");
  spec.csv_delimiter = '|';
  CHECK(read_all(bucket, spec, "a.csv").value() == Json::parse(R"([
      {"path": "C:\\Program Files\\MyApp.exe", "size": "6534512"},
      {"path": "a|b", "size": "\"q\""},
      {"path": "in \"quotes\" | and \\", "size": "nt end"}])"));
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

TEST_CASE("CSV: a short row gets empty strings, a long row loses its extra fields") {
  Bucket bucket;
  bucket.write("ragged.csv", "a,b\n1,2\n3\n4,5,6\n");
  CHECK(read_all(bucket, reader_of("CSV"), "ragged.csv").value() == Json::parse(R"([
      {"a": "1", "b": "2"}, {"a": "3", "b": ""}, {"a": "4", "b": "5"}])"));
}

TEST_CASE("CSV problems name the file and line") {
  Bucket bucket;
  bucket.write("open.csv", "a\n\"never closed\n");
  bucket.write("empty.csv", "");
  const std::string dir = bucket.dir.string();
  CHECK(read_all(bucket, reader_of("CSV"), "open.csv").error() ==
        Error{std::string(errors::kItemReaderFailed),
              dir + "/open.csv:2: a quoted field is not closed before the end of the file"});
  CHECK(read_all(bucket, reader_of("CSV"), "open.csv").error().cause ==
        dir + "/open.csv:2: a quoted field is not closed before the end of the file");
  CHECK(read_all(bucket, reader_of("CSV"), "empty.csv").error().cause ==
        dir + "/empty.csv: the file is empty, with no header row");
  CHECK(read_all(bucket, reader_of("CSV"), "missing.csv").error().cause ==
        dir + "/missing.csv: cannot be read");
}

// Every item with where it came from: {"item", "source"?, "key"?} (item_source, item_key).
Result<Json> read_with_origins(Result<std::unique_ptr<ItemStream>> stream) {
  if (!stream) return stream.error();
  Json items = Json::array();
  while (true) {
    auto item = (*stream)->next();
    if (!item) return item.error();
    if (!*item) return items;
    Json entry{{"item", std::move(**item)}};
    if (const std::string* source = (*stream)->item_source()) entry["source"] = *source;
    if (const std::string* key = (*stream)->item_key()) entry["key"] = *key;
    items.push_back(std::move(entry));
  }
}

TEST_CASE("JSON: the file is an array, or an object whose entries are the items") {
  Bucket bucket;
  bucket.write("a.json", "[1,\n {\"b\": 2}]");
  bucket.write("object.json", "{\"b\": 2, \"a\": [3]}");
  bucket.write("number.json", "7");
  CHECK(read_all(bucket, reader_of("JSON"), "a.json").value() == Json::parse(R"([1, {"b": 2}])"));
  CHECK(read_with_origins(open_item_reader(reader_of("JSON"), "in", "object.json", bucket.files,
                                           0))
            .value() == Json::parse(R"([{"item": 2, "key": "b"}, {"item": [3], "key": "a"}])"));
  CHECK(read_all(bucket, reader_of("JSON"), "number.json").error().cause ==
        bucket.dir.string() + "/number.json: InputType JSON needs a JSON array or object, not "
                              "a number");
}

TEST_CASE("JSON: ItemsPointer selects the array or object inside the file") {
  Bucket bucket;
  bucket.write("nested.json", R"({"version": 1, "updates": {"items": [{"id": 1}, {"id": 2}],
      "byName": {"x": 1}}})");
  auto spec = reader_of("JSON");
  spec.items_pointer = "/updates/items";
  CHECK(read_all(bucket, spec, "nested.json").value() == Json::parse(R"([{"id": 1}, {"id": 2}])"));
  spec.items_pointer = "/updates/byName";
  CHECK(read_with_origins(open_item_reader(spec, "in", "nested.json", bucket.files, 0)).value() ==
        Json::parse(R"([{"item": 1, "key": "x"}])"));
  spec.items_pointer = "/updates/none";
  CHECK(read_all(bucket, spec, "nested.json").error().cause ==
        bucket.dir.string() +
            "/nested.json: ItemsPointer \"/updates/none\" selects nothing in the file");
  spec.items_pointer = "/version";
  CHECK(read_all(bucket, spec, "nested.json").error().cause ==
        bucket.dir.string() + "/nested.json: InputType JSON needs a JSON array or object at "
                              "ItemsPointer \"/version\", not a number");
}

TEST_CASE("ATHENA_DATA: the items of the data files an UNLOAD manifest lists, file by file") {
  Bucket bucket;
  bucket.write("q/abc-manifest.csv",
               "s3://in/out/part-0.gz\n\ns3://in/out/part-1\n");
  fs::create_directories(bucket.dir / "out");
  gzFile gz = gzopen((bucket.dir / "out/part-0.gz").c_str(), "wb");
  REQUIRE(gz);
  gzputs(gz, "{\"id\": 1}\n{\"id\": 2}\n");
  gzclose(gz);
  bucket.write("out/part-1", "{\"id\": 3}\n");
  auto spec = reader_of("JSONL");
  spec.athena_manifest = true;
  CHECK(read_with_origins(open_item_reader(spec, "in", "q/abc-manifest.csv", bucket.files, 0))
            .value() == Json::parse(R"([
      {"item": {"id": 1}, "source": "s3://in/out/part-0.gz"},
      {"item": {"id": 2}, "source": "s3://in/out/part-0.gz"},
      {"item": {"id": 3}, "source": "s3://in/out/part-1"}])"));
  CHECK(read_all(bucket, spec, "q/abc-manifest.csv", 2).value() ==
        Json::parse(R"([{"id": 1}, {"id": 2}])"));

  // CSV data files have no header row: CSVHeaders name the columns.
  bucket.write("q/csv-manifest.csv", "s3://in/out/a.csv\n");
  bucket.write("out/a.csv", "x|1\ny|2\n");
  auto csv = reader_of("CSV");
  csv.athena_manifest = true;
  csv.csv_header_given = true;
  csv.csv_headers = {"name", "n"};
  csv.csv_delimiter = '|';
  CHECK(read_all(bucket, csv, "q/csv-manifest.csv").value() ==
        Json::parse(R"([{"name": "x", "n": "1"}, {"name": "y", "n": "2"}])"));

  bucket.write("q/bad-manifest.csv", "s3://in/out/a.csv\nout/b.csv\n");
  CHECK(read_all(bucket, csv, "q/bad-manifest.csv").error() ==
        Error{std::string(errors::kItemReaderFailed),
              bucket.dir.string() + "/q/bad-manifest.csv:2: an Athena manifest lists "
                                    "s3://BUCKET/KEY URIs, not \"out/b.csv\""});
  bucket.write("q/elsewhere-manifest.csv", "s3://other/a.csv\n");
  CHECK(read_all(bucket, csv, "q/elsewhere-manifest.csv").error().cause ==
        "s3://other/a.csv has no local folder: give one with --s3-root s3://other=DIR");
}

// A listObjectsV2 reader's items (with LOAD_AND_FLATTEN: its InputType).
Result<Json> list_all(const Bucket& bucket, const std::string& prefix,
                      const asl::ItemReaderSpec& spec = {}, std::uint64_t max_items = 0) {
  asl::ItemReaderSpec listing = spec;
  listing.listing = true;
  return read_with_origins(open_object_listing(listing, "in", prefix, bucket.files, max_items));
}

TEST_CASE("listObjectsV2: each object's metadata, in key order, every folder deep") {
  Bucket bucket;
  bucket.write("a/b.txt", "abc");
  bucket.write("a-c.txt", "");
  bucket.write("a0.txt", "x");
  const auto when = fs::file_time_type::clock::from_sys(
      std::chrono::sys_seconds(std::chrono::seconds(1668699881)));
  for (const char* name : {"a/b.txt", "a-c.txt", "a0.txt"})
    fs::last_write_time(bucket.dir / name, when);
  fs::create_directories(bucket.dir / "empty");
  // '-' < '/' < '0' in UTF-8: "a-c.txt" < "a/b.txt" < "a0.txt", as S3 orders the keys.
  CHECK(list_all(bucket, "").value() == Json::parse(R"([
      {"item": {"Etag": "\"d41d8cd98f00b204e9800998ecf8427e\"", "Key": "a-c.txt",
                "LastModified": 1668699881, "Size": 0, "StorageClass": "STANDARD"}},
      {"item": {"Etag": "\"900150983cd24fb0d6963f7d28e17f72\"", "Key": "a/b.txt",
                "LastModified": 1668699881, "Size": 3, "StorageClass": "STANDARD"}},
      {"item": {"Etag": "\"9dd4e461268c8034f5c8564e155c67a6\"", "Key": "a0.txt",
                "LastModified": 1668699881, "Size": 1, "StorageClass": "STANDARD"}}])"));
  auto keys = [&](const std::string& prefix, std::uint64_t max_items = 0) {
    const Json listed = list_all(bucket, prefix, {}, max_items).value();
    Json found = Json::array();
    for (const Json& entry : listed) found.push_back(entry["item"]["Key"]);
    return found;
  };
  CHECK(keys("", 2) == Json::parse(R"(["a-c.txt", "a/b.txt"])"));
  CHECK(keys("a/") == Json::parse(R"(["a/b.txt"])"));
  CHECK(keys("a") == Json::parse(R"(["a-c.txt", "a/b.txt", "a0.txt"])"));
  CHECK(keys("a/b") == Json::parse(R"(["a/b.txt"])"));
  CHECK(keys("b") == Json::array());
}

TEST_CASE("listObjectsV2: a root for a prefix lists the keys below it") {
  Bucket bucket;
  bucket.write("logs/1.txt", "1");
  bucket.write("logs/2.txt", "2");
  S3Files files({S3Root{"in/data/", bucket.dir / "logs"}});
  asl::ItemReaderSpec spec;
  spec.listing = true;
  auto listed = read_with_origins(open_object_listing(spec, "in", "data/2", files, 0));
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  CHECK((*listed)[0]["item"]["Key"] == "data/2.txt");
  CHECK(read_with_origins(open_object_listing(spec, "in", "", files, 0)).error() ==
        Error{std::string(errors::kItemReaderFailed),
              "s3://in/ has no local folder to list: give one with --s3-root s3://in=DIR"});
}

TEST_CASE("listObjectsV2 with LOAD_AND_FLATTEN: the contents of each object, one after another") {
  Bucket bucket;
  bucket.write("logs/01.jsonl", "{\"n\": 1}\n{\"n\": 2}\n");
  bucket.write("logs/02.jsonl", "{\"n\": 3}\n");
  bucket.write("logs10/x.jsonl", "{\"n\": 4}\n");
  auto spec = reader_of("JSONL");
  spec.load_and_flatten = true;
  CHECK(list_all(bucket, "logs/", spec).value() == Json::parse(R"([
      {"item": {"n": 1}, "source": "s3://in/logs/01.jsonl"},
      {"item": {"n": 2}, "source": "s3://in/logs/01.jsonl"},
      {"item": {"n": 3}, "source": "s3://in/logs/02.jsonl"}])"));
  CHECK(list_all(bucket, "logs", spec, 4).value().size() == 4);
  bucket.write("bad/x.jsonl", "{\n");
  CHECK(list_all(bucket, "bad/", spec).error().cause ==
        bucket.dir.string() + "/bad/x.jsonl:1:2: not valid JSON: syntax error while parsing "
                              "object key - unexpected end of input; expected string literal");
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
  auto read = [&](const std::string& key, std::uint64_t max_items) {
    return read_all(files, reader_of("PARQUET"), key, max_items);
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

TEST_CASE("PARQUET files through an Athena manifest and through LOAD_AND_FLATTEN") {
  const fs::path fixtures = test::source_path("test/golden/files/parquet");
  Bucket bucket;
  fs::create_directories(bucket.dir / "unload");
  fs::copy_file(fixtures / "orders_snappy_v1.parquet", bucket.dir / "unload/part-0.parquet");
  fs::copy_file(fixtures / "int96.parquet", bucket.dir / "unload/part-1.parquet");
  bucket.write("q/manifest.csv",
               "s3://in/unload/part-0.parquet\ns3://in/unload/part-1.parquet\n");
  auto athena = reader_of("PARQUET");
  athena.athena_manifest = true;
  auto items =
      read_with_origins(open_item_reader(athena, "in", "q/manifest.csv", bucket.files, 0));
  REQUIRE(items.ok());
  REQUIRE(items->size() == 9);  // orders_*: 5 rows; int96: 4
  CHECK((*items)[1] == Json::parse(R"({"item": {"id": 2, "name": "Lin", "amount": 7.25,
      "note": null}, "source": "s3://in/unload/part-0.parquet"})"));
  CHECK((*items)[5] == Json::parse(R"({"item": {"id": 1, "at": "2024-01-31 13:45:30.123"},
      "source": "s3://in/unload/part-1.parquet"})"));

  auto flatten = reader_of("PARQUET");
  flatten.load_and_flatten = true;
  auto listed = list_all(bucket, "unload/", flatten, 2);
  REQUIRE(listed.ok());
  CHECK(*listed == Json::array({(*items)[0], (*items)[1]}));

  bucket.write("unload/part-2.parquet", "PAR1 not really");
  auto broken = list_all(bucket, "unload/part-2", flatten);
  CHECK(broken.error().name == errors::kItemReaderFailed);
  CHECK(broken.error().cause.rfind((bucket.dir / "unload/part-2.parquet").string() + ": ", 0) ==
        0);
}

TEST_CASE("S3 roots: the longest prefix wins, keys stay inside their folder") {
  S3Files files({*parse_s3_root("s3://b=/data/b"), *parse_s3_root("s3://b/deep/=/other")});
  CHECK(files.path_of("b", "x/y.csv", "E").value() == fs::path("/data/b/x/y.csv"));
  CHECK(files.path_of("b", "deep/y.csv", "E").value() == fs::path("/other/y.csv"));
  S3Files without_slash({*parse_s3_root("s3://b/deep=/other")});
  CHECK(without_slash.path_of("b", "deep/y.csv", "E").value() == fs::path("/other/y.csv"));
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
