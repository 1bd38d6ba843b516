#include "parquet/values.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

namespace conflictctl::parquet {
namespace {

SchemaElement leaf(PhysicalType physical, std::int32_t type_length = 0) {
  SchemaElement element;
  element.name = "c";
  element.type = static_cast<std::int32_t>(physical);
  element.type_length = type_length;
  element.repetition = kOptional;
  return element;
}

SchemaElement logical(PhysicalType physical, LogicalType type, std::int32_t length = 0) {
  SchemaElement element = leaf(physical, length);
  element.logical = type;
  return element;
}

SchemaElement converted(PhysicalType physical, std::int32_t converted_type) {
  SchemaElement element = leaf(physical);
  element.converted_type = converted_type;
  return element;
}

Json integer(const SchemaElement& element, std::int64_t value) {
  return integer_json(column_type(element).value(), value).value();
}

Json bytes(const SchemaElement& element, std::string_view value) {
  return bytes_json(column_type(element).value(), value).value();
}

TEST_CASE("integers: signed, unsigned by annotation, 64-bit values exact") {
  CHECK(integer(leaf(PhysicalType::kInt64), INT64_MIN) == Json(INT64_MIN));
  CHECK(integer(converted(PhysicalType::kInt32, 13), -1) == Json(4294967295u));  // UINT_32
  CHECK(integer(converted(PhysicalType::kInt64, 14), -1) == Json(UINT64_MAX));   // UINT_64
  LogicalType u8{.kind = 10, .bit_width = 8, .is_signed = false};
  CHECK(integer(logical(PhysicalType::kInt32, u8), -1) == Json(255u));
}

TEST_CASE("dates, times and timestamps as Athena shows them, before 1970 too") {
  CHECK(integer(converted(PhysicalType::kInt32, 6), 19753) == "2024-01-31");
  CHECK(integer(converted(PhysicalType::kInt32, 6), -1) == "1969-12-31");
  CHECK(integer(converted(PhysicalType::kInt32, 6), -719529) == "-0001-12-31");
  CHECK(integer(converted(PhysicalType::kInt32, 6), 2932897) == "+10000-01-01");
  CHECK(integer(converted(PhysicalType::kInt32, 7), 49530250) == "13:45:30.250");  // TIME_MILLIS
  LogicalType nanos{.kind = 8, .adjusted_to_utc = true, .unit = 3};
  CHECK(integer(logical(PhysicalType::kInt64, nanos), -1) == "1969-12-31 23:59:59.999999999");
  CHECK(integer(converted(PhysicalType::kInt64, 10), 1706708730123456) ==  // TIMESTAMP_MICROS
        "2024-01-31 13:45:30.123456");
  // INT96: nanoseconds of the day, then the Julian day; read to the millisecond.
  std::string int96(12, '\0');
  std::int64_t nanos_of_day = 49530123456789;
  std::int32_t julian_day = 2460341;
  std::memcpy(int96.data(), &nanos_of_day, 8);
  std::memcpy(int96.data() + 8, &julian_day, 4);
  CHECK(bytes(leaf(PhysicalType::kInt96), int96) == "2024-01-31 13:45:30.123");
}

TEST_CASE("decimals: integers, numbers or exact strings by precision and scale") {
  LogicalType money{.kind = 5, .scale = 2, .precision = 9};
  CHECK(integer(logical(PhysicalType::kInt32, money), -1234) == Json(-12.34));
  CHECK(integer(logical(PhysicalType::kInt32, money), -5) == Json(-0.05));
  LogicalType whole{.kind = 5, .scale = 0, .precision = 18};
  CHECK(integer(logical(PhysicalType::kInt64, whole), 123456789012345678) ==
        Json(123456789012345678));
  LogicalType wide{.kind = 5, .scale = 4, .precision = 38};
  // -1 as a 16-byte two's complement: -0.0001; 2^64 + 1 unscaled: 1844674407370955.1617.
  CHECK(bytes(logical(PhysicalType::kFixedLenByteArray, wide, 16), std::string(16, '\xff')) ==
        "-0.0001");
  std::string big(16, '\0');
  big[7] = 1;
  big[15] = 1;
  CHECK(bytes(logical(PhysicalType::kFixedLenByteArray, wide, 16), big) ==
        "1844674407370955.1617");
}

TEST_CASE("strings, binary as base64, UUIDs, FLOAT16 and non-finite floats") {
  CHECK(bytes(converted(PhysicalType::kByteArray, 0), "Zoë") == "Zoë");
  CHECK(bytes(leaf(PhysicalType::kByteArray), std::string("\x00\x01\xff", 3)) == "AAH/");
  LogicalType uuid{.kind = 14};
  CHECK(bytes(logical(PhysicalType::kFixedLenByteArray, uuid, 16),
              std::string_view("\x12\x3e\x45\x67\xe8\x9b\x12\xd3"
                               "\xa4\x56\x42\x66\x14\x17\x40\x00",
                               16)) ==
        "123e4567-e89b-12d3-a456-426614174000");
  LogicalType half{.kind = 15};
  const SchemaElement float16 = logical(PhysicalType::kFixedLenByteArray, half, 2);
  CHECK(bytes(float16, std::string_view("\x00\x3c", 2)) == Json(1.0));
  CHECK(bytes(float16, std::string_view("\x00\xc1", 2)) == Json(-2.5));
  CHECK(float_json(std::nan("")) == "NaN");
  CHECK(float_json(-INFINITY) == "-Infinity");
  CHECK(float_json(0.1) == Json(0.1));
}

TEST_CASE("annotations that do not fit their type, and unsupported types, name the column") {
  CHECK(column_type(converted(PhysicalType::kInt64, 6)).error().cause ==
        "column \"c\": DATE needs INT32, not INT64");
  SchemaElement interval = leaf(PhysicalType::kFixedLenByteArray, 12);
  interval.converted_type = 21;
  CHECK(column_type(interval).error().cause ==
        "column \"c\": the INTERVAL type is not supported");
  CHECK(column_type(logical(PhysicalType::kByteArray, LogicalType{.kind = 16})).error().cause ==
        "column \"c\": the VARIANT logical type is not supported");
  CHECK(column_type(converted(PhysicalType::kInt32, 0)).error().cause ==
        "column \"c\": UTF8 needs BYTE_ARRAY, not INT32");
  CHECK(column_type(logical(PhysicalType::kInt64, LogicalType{.kind = 5, .scale = 3,
                                                              .precision = 2}))
            .error()
            .cause == "column \"c\": DECIMAL(2, 3) is not a valid precision and scale");
}

}  // namespace
}  // namespace conflictctl::parquet
