#include "parquet/row_reader.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "source_tree.h"

namespace conflictctl::parquet {
namespace {

std::string fixture_bytes(const std::string& name) {
  std::ifstream file(test::source_path("test/golden/files/parquet/" + name), std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Every row of `bytes`, or the error that stopped the reading.
Result<Json> rows_of(std::string bytes, std::size_t limit = 100000) {
  auto reader = RowReader::open(memory_source(std::move(bytes)));
  if (!reader) return reader.error();
  Json rows = Json::array();
  for (std::size_t i = 0; i < limit; ++i) {
    auto row = (*reader)->next();
    if (!row) return row.error();
    if (!*row) break;
    rows.push_back(std::move(**row));
  }
  return rows;
}

const Json kOrders = Json::parse(R"([
  {"id": 1, "name": "Ada", "amount": 12.5, "note": "first"},
  {"id": 2, "name": "Lin", "amount": 7.25, "note": null},
  {"id": 3, "name": "Smith, Jr.", "amount": 0.0, "note": "said \"hi\""},
  {"id": 4, "name": "Zoë", "amount": -3.5, "note": null},
  {"id": 5, "name": "Ada", "amount": 100.0, "note": "last"}])");

TEST_CASE("the same rows from every codec and both data page versions, in row groups of 2") {
  for (std::string codec : {"uncompressed", "snappy", "gzip", "zstd"}) {
    for (std::string version : {"v1", "v2"}) {
      std::string name = "orders_" + codec + "_" + version + ".parquet";
      INFO(name);
      auto reader = RowReader::open(memory_source(fixture_bytes(name)));
      REQUIRE(reader);
      CHECK((*reader)->num_rows() == 5);
      CHECK(rows_of(fixture_bytes(name)).value() == kOrders);
    }
  }
}

TEST_CASE("every type of a flat schema, with nulls, in PLAIN and in DELTA encodings") {
  const Json expected = Json::parse(R"([
    {"flag": true, "i8": 1, "i16": 300, "i32": 70000, "i64": 9007199254740993, "u8": 255,
     "u16": 65535, "u32": 4294967295, "u64": 18446744073709551615, "f32": 1.5, "f64": 2.25,
     "text": "text", "bytes": "AAH/", "dec_small": 12.34, "dec_mid": -1234567.891,
     "dec_int": 123456789012345678, "dec_wide": "12345678901234567890123456.7890",
     "day": "2024-01-31", "clock": "13:45:30.250000", "ts_us": "2024-01-31 13:45:30.123456",
     "ts_ms": "2024-01-31 13:45:30.123", "ts_ns": "2024-01-31 13:45:30.123456789",
     "ts_utc": "2024-01-31 13:45:30.500000", "id": "123e4567-e89b-12d3-a456-426614174000",
     "special": "NaN"},
    {"flag": null, "i8": -128, "i16": -32768, "i32": -2147483648,
     "i64": -9223372036854775808, "u8": 0, "u16": 0, "u32": 0, "u64": 0, "f32": -0.125,
     "f64": -1e300, "text": "", "bytes": "", "dec_small": -0.01, "dec_mid": 0.0, "dec_int": -1,
     "dec_wide": "-0.0001", "day": "1969-12-31", "clock": "00:00:00.000000",
     "ts_us": "1900-01-01 00:00:00.000000", "ts_ms": "1969-12-31 23:59:59.999",
     "ts_ns": "1970-01-01 00:00:00.000000000", "ts_utc": "2000-02-29 00:00:00.000000",
     "id": null, "special": "Infinity"}])");
  for (std::string name : {"types_v1.parquet", "types_v2.parquet"}) {
    INFO(name);
    auto rows = rows_of(fixture_bytes(name));
    REQUIRE(rows);
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[0] == expected[0]);
    CHECK((*rows)[1] == expected[1]);
    for (const auto& [key, value] : (*rows)[2].items())
      CHECK((key == "flag" || key == "special" || value.is_null()));
  }
}

TEST_CASE("dictionary pages over several row groups, read one row at a time") {
  for (std::string name : {"many_v1.parquet", "many_v2.parquet"}) {
    INFO(name);
    auto reader = RowReader::open(memory_source(fixture_bytes(name)));
    REQUIRE(reader);
    for (int n = 0; n < 1000; ++n) {
      auto row = (*reader)->next();
      REQUIRE(row);
      REQUIRE(*row);
      Json expected = {{"n", n}, {"city", "city-" + std::to_string(n % 7)},
                       {"third", n % 3 == 0}, {"half", n % 5 == 0 ? Json() : Json(n * 1.5)}};
      if (**row != expected) FAIL("row " << n << ": " << (*row)->dump());
    }
    CHECK_FALSE((*reader)->next().value());
  }
}

TEST_CASE("INT96 timestamps (Impala, Spark) as Athena reads them: to the millisecond") {
  CHECK(rows_of(fixture_bytes("int96.parquet")).value() == Json::parse(R"([
      {"id": 1, "at": "2024-01-31 13:45:30.123"}, {"id": 2, "at": "1970-01-01 00:00:00.001"},
      {"id": 3, "at": "1969-12-31 23:59:59.999"}, {"id": 4, "at": null}])"));
}

TEST_CASE("nested columns, other codecs and files that are not Parquet are refused") {
  CHECK(rows_of(fixture_bytes("nested.parquet")).error().cause ==
        "column \"address\" is nested (a group of 2 fields): only flat schemas are read");
  CHECK(rows_of(fixture_bytes("list.parquet")).error().cause ==
        "column \"tags\" is nested (a group of 1 fields): only flat schemas are read");
  CHECK(rows_of(fixture_bytes("orders_lz4.parquet")).error().cause ==
        "row group 0, column \"id\": codec LZ4_RAW is not supported (UNCOMPRESSED, SNAPPY, "
        "GZIP and ZSTD are)");
  CHECK(rows_of("id,name\n1,Ada\n").error().cause ==
        "not a Parquet file: it does not start and end with \"PAR1\"");
  CHECK(rows_of("PAR1").error().cause == "a Parquet file has at least 12 bytes, not 4");
  CHECK(rows_of("PAR1" + std::string(8, '\0') + "PARE").error().cause ==
        "the file is encrypted, which is not supported");
}

TEST_CASE("a footer over the 5 MB that Step Functions reads is refused") {
  std::string huge = "PAR1" + std::string(16, '\0');
  std::uint32_t length = 5 * 1024 * 1024 + 1;
  huge.append(reinterpret_cast<const char*>(&length), 4);
  huge += "PAR1";
  CHECK(rows_of(huge).error().cause ==
        "the footer takes 5242881 bytes, more than the 5 MB (5242880 bytes) Step Functions "
        "reads");
}

TEST_CASE("a damaged file fails with a message, whatever byte is damaged or cut") {
  const std::string good = fixture_bytes("orders_snappy_v1.parquet");
  for (std::size_t at = 0; at < good.size(); ++at) {
    for (char flip : {'\x01', '\x80', '\xff'}) {
      std::string damaged = good;
      damaged[at] = static_cast<char>(damaged[at] ^ flip);
      auto rows = rows_of(damaged, 1000);
      if (!rows) CHECK_FALSE(rows.error().cause.empty());
    }
    auto cut = rows_of(good.substr(0, at), 1000);
    CHECK_FALSE(cut);
  }
}

}  // namespace
}  // namespace conflictctl::parquet
