#pragma once
// How a Parquet column's values become JSON: one column of a flat schema, its physical type
// and annotation (the LogicalType, or the older ConvertedType) resolved into one of the
// renderings below. AWS documents that each row of a PARQUET ItemReader is an item but not
// how each type is written in it; conflictctl renders them as Athena shows the same columns,
// in JSON's own types where they are exact (docs/commands.md, "Map over files"):
//
//   BOOLEAN                               true / false
//   INT32, INT64, INT_8 … INT_64          a number: 42
//   UINT_8 … UINT_64                      a number, read unsigned: 18446744073709551615
//   FLOAT, DOUBLE                         a number: 2.5; NaN and ±Infinity as the strings
//                                         "NaN", "Infinity", "-Infinity" (JSON has no such
//                                         numbers)
//   FLOAT16 (2-byte FIXED_LEN_BYTE_ARRAY) a number
//   STRING/UTF8, ENUM, JSON               a string (JSON's text is not parsed)
//   BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY      base64 text, as the AWS SDKs write binary: "AAEC"
//     without those annotations, BSON
//   UUID                                  "123e4567-e89b-12d3-a456-426614174000"
//   DECIMAL(p, s)                         s = 0 and p ≤ 18: an integer; s > 0 and p ≤ 15: a
//                                         number (12.34); wider: a string with the exact
//                                         digits ("12345678901234567890.12"), since JSON
//                                         numbers in Step Functions are doubles
//   DATE                                  "2024-01-31"
//   TIME (millis, micros, nanos)          "13:45:30.250" with 3, 6 or 9 fraction digits
//   TIMESTAMP (millis, micros, nanos)     "2024-01-31 13:45:30.250", Athena's form, with 3,
//                                         6 or 9 fraction digits (TIMESTAMP_MILLIS/MICROS
//                                         too)
//   INT96 (Impala, Hive, Spark)           a timestamp as Athena reads it: milliseconds,
//                                         "2024-01-31 13:45:30.250"
// Years outside 0000–9999 are written with a sign, as ISO 8601 extends them: "+12345-01-01".
// A null (an OPTIONAL column with no value) is JSON null.
//
// Refused, with the column named: INTERVAL, MAP/LIST annotations on a leaf, VARIANT,
// GEOMETRY, GEOGRAPHY, UNKNOWN and annotations that do not fit their physical type
// ("column \"d\": DATE needs INT32, not INT64"). Pure; thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "parquet/metadata.h"

namespace conflictctl::parquet {

enum class Rendering {
  kBoolean,
  kSigned,
  kUnsigned,
  kFloat,
  kFloat16,
  kText,
  kBase64,
  kUuid,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kInt96Timestamp,
};

struct ColumnType {
  std::string name;
  std::int32_t physical = 0;
  std::int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY's width
  bool optional = false;
  Rendering rendering = Rendering::kSigned;
  int bit_width = 64;  // kSigned, kUnsigned: 8, 16, 32 or 64
  int unit = 1;        // kTime, kTimestamp: 1 millis, 2 micros, 3 nanos
  std::int32_t scale = 0, precision = 0;  // kDecimal
};

// The column type of a leaf of the schema, or why it cannot be read.
Result<ColumnType> column_type(const SchemaElement& leaf);

// A non-null value as JSON. The integer forms take INT32 (sign-extended) and INT64 values;
// the bytes forms take BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 values. Fails only for a
// value the rendering cannot hold (a DECIMAL wider than 64 bytes, a FLOAT16 of 3 bytes), with
// a cause that does not name the column (the row reader adds where).
Result<Json> integer_json(const ColumnType& type, std::int64_t value);
Json float_json(double value);
Result<Json> bytes_json(const ColumnType& type, std::string_view bytes);

}  // namespace conflictctl::parquet
