#pragma once
// Reading a data extract — a CSV file with a header row, or JSON Lines — one record at a time,
// for `db import` (db/import.h). Nothing here knows of tables or databases.
//
// CSV (RFC 4180, as a Snowflake unload writes it with HEADER = TRUE):
//   - fields are separated by commas; a record ends with LF or CRLF;
//   - a field may be enclosed in double quotes, and then holds commas, line breaks and doubled
//     quotes ("" is one "); a quote inside an unquoted field is taken as it is;
//   - NULL: an unquoted empty field, or a field that is exactly the null marker (Snowflake's
//     NULL_IF default, `\N`); a quoted empty field "" is the empty string;
//   - the first record is the header: the field names, matched to columns by the caller;
//   - a record is numbered by the line it starts on (the header is line 1); a blank line is
//     skipped.
// JSON Lines: one JSON object per line; its keys are the field names, in the order they are
// first seen. null is NULL; a string is its text; a number, true and false their JSON text;
// an array or object its compact JSON text. A key missing from a line is marked absent there
// (`given`), so the importer can give its column the column's default.
//
// A record that cannot be read (a wrong number of fields, a quote left open, a line that is not
// a JSON object) is not an error of the whole file: next() returns it with `problem` set, and
// reading goes on with the next one. A file that cannot be opened or read, or whose header is
// unusable, is an Error (`Import.BadFile`) naming the file and line.
//
// Thread safety: one thread at a time.
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "db/database.h"

namespace conflictctl::db {

enum class ExtractFormat { kCsv, kJsonLines };

inline constexpr std::string_view kDefaultNullMarker = "\\N";  // Snowflake's NULL_IF default

namespace error_names {
inline constexpr std::string_view kBadFile = "Import.BadFile";
}  // namespace error_names

struct ExtractRecord {
  std::int64_t line = 0;      // where the record starts, 1-based
  std::vector<Param> values;  // by field index (fields()); shorter than fields() = NULL after
  std::vector<bool> given;    // JSON Lines: whether the line has field i; empty for CSV (all)
  std::string problem;        // why the record could not be read; empty when it could
  std::string problem_field;  // the field the problem is in, when one is to blame
};

class ExtractReader {
 public:
  // Reads from `in` (kept alive by the caller), named `name` in messages ("visits.csv", "-").
  // A CSV header is read here: an empty file or a header with an empty or repeated name is an
  // Error.
  static Result<std::unique_ptr<ExtractReader>> open(std::istream& in, std::string name,
                                                     ExtractFormat format,
                                                     std::string null_marker = std::string(
                                                         kDefaultNullMarker));
  virtual ~ExtractReader() = default;

  // The field names seen so far: a CSV file's header; for JSON Lines, the keys of the lines
  // read so far (a new key is appended when first seen).
  virtual const std::vector<std::string>& fields() const = 0;

  // The next record, or nullopt at the end. An Error only when the stream cannot be read.
  virtual Result<std::optional<ExtractRecord>> next() = 0;

  const std::string& name() const { return name_; }

 protected:
  explicit ExtractReader(std::string name) : name_(std::move(name)) {}

 private:
  std::string name_;
};

}  // namespace conflictctl::db
