#include "parquet/thrift_compact.h"

#include <catch2/catch.hpp>

#include <string>

namespace conflictctl::parquet {
namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out += static_cast<char>(value);
  return out;
}

TEST_CASE("compact protocol: short and long field ids, zigzag integers, binary, struct end") {
  // field 1 i32 = -3 (zigzag 5); field 4 (delta 3) binary "ab"; field 300 (long form) i64 = 7.
  std::string data = bytes({0x15, 0x05, 0x38, 0x02, 'a', 'b', 0x06, 0xd8, 0x04, 0x0e, 0x00});
  CompactReader reader(data);
  std::int16_t last = 0;
  auto first = reader.next_field(last);
  REQUIRE(first);
  CHECK(first->id == 1);
  CHECK(first->type == ThriftType::kI32);
  CHECK(reader.read_i32() == -3);
  auto second = reader.next_field(last);
  REQUIRE(second);
  CHECK(second->id == 4);
  CHECK(reader.read_binary() == "ab");
  auto third = reader.next_field(last);
  REQUIRE(third);
  CHECK(third->id == 300);
  CHECK(reader.read_i64() == 7);
  CHECK_FALSE(reader.next_field(last));
  CHECK_FALSE(reader.failed());
  CHECK(reader.position() == data.size());
}

TEST_CASE("compact protocol: unknown structs, lists, maps and booleans are skipped whole") {
  // field 1 struct {field 1 true, field 2 list<i32>[1, 2]}, field 2 map<i32, binary>{1: "x"},
  // field 3 i32 9.
  std::string data = bytes({0x1c, 0x11, 0x19, 0x25, 0x02, 0x04, 0x00,  //
                            0x1b, 0x01, 0x58, 0x02, 0x01, 'x',        //
                            0x15, 0x12, 0x00});
  CompactReader reader(data);
  std::int16_t last = 0;
  auto field = reader.next_field(last);
  REQUIRE(field);
  reader.skip(field->type);
  field = reader.next_field(last);
  REQUIRE(field);
  CHECK(field->type == ThriftType::kMap);
  reader.skip(field->type);
  field = reader.next_field(last);
  REQUIRE(field);
  CHECK(field->id == 3);
  CHECK(reader.read_i32() == 9);
  CHECK_FALSE(reader.failed());
}

TEST_CASE("compact protocol: hostile bytes fail with where, never read past the end") {
  SECTION("a binary longer than the data") {
    const std::string data = bytes({0x7f, 'a'});
    CompactReader reader(data);
    CHECK(reader.read_binary().empty());
    CHECK(reader.problem() == "the Thrift structure ends early at byte 1");
  }
  SECTION("a list longer than the bytes left") {
    const std::string data = bytes({0xf5, 0xff, 0xff, 0x03, 0x01});
    CompactReader reader(data);
    CHECK(reader.read_list_header().size == 0);
    CHECK(reader.problem() == "a Thrift list is longer than the bytes left at byte 4");
  }
  SECTION("a varint of more than 64 bits") {
    const std::string data = bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f});
    CompactReader reader(data);
    reader.read_i64();
    CHECK(reader.problem() == "a Thrift varint is longer than 64 bits at byte 10");
  }
  SECTION("structs nested deeper than the limit") {
    std::string data(200, static_cast<char>(0x1c));
    CompactReader reader(data);
    reader.skip(ThriftType::kStruct);
    CHECK(reader.problem().value_or("").starts_with("Thrift structures nest too deeply"));
  }
  SECTION("an unknown type") {
    const std::string data = bytes({0x1d});
    CompactReader reader(data);
    std::int16_t last = 0;
    CHECK_FALSE(reader.next_field(last));
    CHECK(reader.problem() == "unknown Thrift type 13 at byte 1");
  }
}

}  // namespace
}  // namespace conflictctl::parquet
