#include "dataflow/typed_path.h"

#include <fmt/format.h>

#include <cmath>

#include "core/error_names.h"
#include "core/timestamp.h"
#include "dataflow/path.h"

namespace conflictctl::dataflow {

namespace {

bool fits(const Json& value, const PathType& type) {
  using Kind = PathType::Kind;
  switch (type.kind) {
    case Kind::kInteger:
    case Kind::kNumber: {
      if (!value.is_number()) return false;
      const double number = value.get<double>();
      if (!(number >= type.minimum && number <= type.maximum)) return false;  // NaN too
      return type.kind == Kind::kNumber || std::floor(number) == number;
    }
    case Kind::kString: return value.is_string();
    case Kind::kArray: return value.is_array();
    case Kind::kArrayOrObject: return value.is_array() || value.is_object();
    case Kind::kTimestamp:
      return value.is_string() && parse_asl_timestamp(value.get_ref<const std::string&>());
    case Kind::kBoolean: return value.is_boolean();
  }
  return false;
}

std::string what(const PathType& type) {
  using Kind = PathType::Kind;
  switch (type.kind) {
    case Kind::kInteger: return fmt::format("an integer from {} to {}", type.minimum, type.maximum);
    case Kind::kNumber: return fmt::format("a number from {} to {}", type.minimum, type.maximum);
    case Kind::kString: return "a string";
    case Kind::kArray: return "a JSON array";
    case Kind::kArrayOrObject: return "a JSON array or object";
    case Kind::kTimestamp: return "an RFC 3339 timestamp";
    case Kind::kBoolean: return "a boolean";
  }
  return "a value";
}

}  // namespace

std::optional<Timestamp> parse_asl_timestamp(std::string_view text) {
  if (text.size() > 10 && text[10] == 't') return std::nullopt;
  if (!text.empty() && text.back() == 'z') return std::nullopt;
  return parse_timestamp(text);
}

Result<Json> require_type(std::string_view field, std::string_view path, Json value,
                          const PathType& type) {
  if (fits(value, type)) return value;
  return errors::runtime_error(fmt::format("The {} '{}' must select {}, but selected {}.", field,
                                           path, what(type), to_compact(value)));
}

bool has_type(const Json& value, const PathType& type) { return fits(value, type); }

std::string describe(const PathType& type) { return what(type); }

Result<Json> evaluate_path_as(std::string_view field, std::string_view path, const Json& input,
                              const PathContext& context, const PathType& type) {
  auto value = evaluate_path(path, input, context);
  if (!value) return value.error();
  return require_type(field, path, std::move(*value), type);
}

}  // namespace conflictctl::dataflow
