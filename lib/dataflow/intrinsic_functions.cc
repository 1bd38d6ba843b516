#include "dataflow/intrinsic_functions.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>

#include "core/base64.h"
#include "core/error_names.h"
#include "core/json_text.h"
#include "dataflow/digest.h"
#include "dataflow/json_equality.h"
#include "dataflow/utf8.h"

namespace conflictctl::dataflow {

namespace {

// AWS: "The new array can contain up to 1000 elements."
constexpr double kMaxRangeElements = 1000;
// AWS: Base64Encode/Base64Decode take "a data string of up to 10,000 characters"; States.Hash:
// "The data you provide must be an object string containing 10,000 characters or less."
constexpr std::size_t kMaxDataCharacters = 10000;

// "1 value", "2 values".
std::string count_of(std::string_view noun, std::size_t n) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

Error invalid(const IntrinsicCall& call, std::string_view detail) {
  return Error{std::string(errors::kRuntime),
               fmt::format("Invalid arguments in {}: {}", call.node.text, detail)};
}

const Json& arg(const IntrinsicCall& call, std::size_t i) { return call.arguments[i]; }

// A number as a 64-bit integer, by `to_integer` (truncation or rounding); nullopt for
// anything else, or a number out of range.
std::optional<std::int64_t> integer(const Json& value, double (*to_integer)(double)) {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  if (value.is_number_unsigned()) {
    if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMax)) return std::nullopt;
    return value.get<std::int64_t>();
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (!value.is_number_float()) return std::nullopt;
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  const double whole = to_integer(value.get<double>());
  if (!(whole >= -kLimit && whole < kLimit)) return std::nullopt;  // also NaN
  return static_cast<std::int64_t>(whole);
}

double truncate(double x) { return std::trunc(x); }
// Java's Math.round: half up, so -1.5 rounds to -1 (AWS: MathAdd(-1.5, -1.51) is -3).
double round_half_up(double x) { return std::floor(x + 0.5); }

std::optional<std::int64_t> truncated(const Json& value) { return integer(value, truncate); }

// The natural string form of a scalar in States.Format: strings without quotes.
std::string format_value(const Json& value) {
  return value.is_string() ? value.get<std::string>() : to_compact(value);
}

// ---- JSON ------------------------------------------------------------------------------

// Splits a States.Format template at its "{}" placeholders. In a literal written in the call
// (`escapes`), "\{", "\}", "\'" and "\\" stand for the character. A brace that is not part
// of "{}" makes the template invalid.
std::optional<std::vector<std::string>> split_template(std::string_view text, bool escapes) {
  std::vector<std::string> pieces(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (escapes && c == '\\' && i + 1 < text.size()) {
      pieces.back() += text[++i];
    } else if (c == '{' && i + 1 < text.size() && text[i + 1] == '}') {
      pieces.emplace_back();
      ++i;
    } else if (c == '{' || c == '}') {
      return std::nullopt;
    } else {
      pieces.back() += c;
    }
  }
  return pieces;
}

// Spec: "There MUST be as many remaining arguments in the Intrinsic Function as there are
// occurrences of {}. … The Value MUST NOT be a JSON array or object."
Result<Json> format(const IntrinsicCall& call) {
  if (!arg(call, 0).is_string()) return invalid(call, "the template must be a string");
  const IntrinsicNode& written = call.node.arguments[0];
  const bool literal = written.kind == IntrinsicNode::Kind::kString;
  const auto pieces =
      split_template(literal ? written.text : arg(call, 0).get<std::string>(), literal);
  if (!pieces) return invalid(call, "a '{' or '}' in the template is not part of '{}'");
  const std::size_t values = call.arguments.size() - 1;
  if (pieces->size() - 1 != values) {
    return invalid(call, fmt::format("the template expects {} for its '{{}}' placeholders, got {}",
                                     count_of("value", pieces->size() - 1), values));
  }
  std::string text = (*pieces)[0];
  for (std::size_t i = 1; i < pieces->size(); ++i) {
    if (arg(call, i).is_structured()) {
      return invalid(call, "values must be strings, numbers, booleans or null");
    }
    text += format_value(arg(call, i));
    text += (*pieces)[i];
  }
  return Json(std::move(text));
}

Result<Json> string_to_json(const IntrinsicCall& call) {
  if (!arg(call, 0).is_string()) return invalid(call, "the argument must be a string");
  const std::string& text = arg(call, 0).get_ref<const std::string&>();
  // Observed on AWS: an empty string parses to null.
  if (text.empty()) return Json(nullptr);
  if (find_excess_nesting(text) != std::string::npos) {
    return invalid(call, fmt::format("the argument is JSON nested more than {} levels deep",
                                     kMaxJsonDepth));
  }
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return invalid(call, "the argument is not valid JSON");
  return parsed;
}

Result<Json> json_to_string(const IntrinsicCall& call) { return Json(to_compact(arg(call, 0))); }

// AWS: "In the shallow mode, if the same key exists in both JSON objects, the latter
// object's key overrides the same key in the first object. … Currently, Step Functions only
// supports the shallow merging mode; therefore, you must specify the boolean value as false."
Result<Json> json_merge(const IntrinsicCall& call) {
  if (!arg(call, 0).is_object() || !arg(call, 1).is_object()) {
    return invalid(call, "the first two arguments must be objects");
  }
  if (arg(call, 2).is_boolean() && arg(call, 2).get<bool>()) {
    return invalid(call, "deep merge (true) is not supported; the third argument must be false");
  }
  Json merged = arg(call, 0);
  for (const auto& [key, value] : arg(call, 1).items()) merged[key] = value;
  return merged;
}

// ---- Arrays ----------------------------------------------------------------------------

Result<Json> array(const IntrinsicCall& call) { return Json(call.arguments); }

Result<Json> array_partition(const IntrinsicCall& call) {
  if (!arg(call, 0).is_array()) return invalid(call, "the first argument must be an array");
  const auto size = truncated(arg(call, 1));
  if (!size || *size <= 0) return invalid(call, "the chunk size must be a positive integer");
  const Json& items = arg(call, 0);
  Json chunks = Json::array();
  for (std::size_t i = 0; i < items.size(); i += static_cast<std::size_t>(*size)) {
    const std::size_t end = std::min(items.size(), i + static_cast<std::size_t>(*size));
    chunks.push_back(Json(items.begin() + static_cast<std::ptrdiff_t>(i),
                          items.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  return chunks;
}

Result<Json> array_contains(const IntrinsicCall& call) {
  if (!arg(call, 0).is_array()) return invalid(call, "the first argument must be an array");
  const nlohmann::json wanted = sorted_key(arg(call, 1));
  for (const Json& item : arg(call, 0)) {
    if (sorted_key(item) == wanted) return Json(true);
  }
  return Json(false);
}

// AWS: "The first argument is the first element of the new array, the second argument is
// the final element of the new array, and the third argument is the increment value";
// "You must specify a non-zero value for the third argument"; "The newly generated array
// can't contain more than 1000 items."
Result<Json> array_range(const IntrinsicCall& call) {
  const auto first = truncated(arg(call, 0));
  const auto last = truncated(arg(call, 1));
  const auto step = truncated(arg(call, 2));
  if (!first || !last || !step) return invalid(call, "all three arguments must be integers");
  if (*step == 0) return invalid(call, "the step must not be 0");
  // Exact, in 128 bits: doubles cannot tell 2^63 - 2 from 2^63 - 1.
  const __int128 distance = static_cast<__int128>(*last) - *first;
  const __int128 count =
      (distance != 0 && (distance < 0) != (*step < 0)) ? 0 : distance / *step + 1;
  if (count > kMaxRangeElements) {
    return invalid(call, fmt::format("the range has {:.0f} elements; at most 1000 are allowed",
                                     static_cast<double>(count)));
  }
  // The count came from doubles; each element is still computed with overflow checks, and
  // the range ends at the first value past `last` or outside 64 bits.
  Json range = Json::array();
  std::int64_t value = *first;
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) {
    if (*step > 0 ? value > *last : value < *last) break;
    range.push_back(value);
    if (__builtin_add_overflow(value, *step, &value)) break;
  }
  return range;
}

Result<Json> array_get_item(const IntrinsicCall& call) {
  if (!arg(call, 0).is_array()) return invalid(call, "the first argument must be an array");
  const auto index = truncated(arg(call, 1));
  if (!index) return invalid(call, "the index must be an integer");
  const Json& items = arg(call, 0);
  if (*index < 0 || static_cast<std::size_t>(*index) >= items.size()) {
    return invalid(
        call, fmt::format("index {} is outside the array of {} elements", *index, items.size()));
  }
  return items[static_cast<std::size_t>(*index)];
}

Result<Json> array_length(const IntrinsicCall& call) {
  if (!arg(call, 0).is_array()) return invalid(call, "the argument must be an array");
  return Json(arg(call, 0).size());
}

// Keeps the first of each group of equal elements, in order.
Result<Json> array_unique(const IntrinsicCall& call) {
  if (!arg(call, 0).is_array()) return invalid(call, "the argument must be an array");
  std::set<nlohmann::json> seen;
  Json unique = Json::array();
  for (const Json& item : arg(call, 0)) {
    if (seen.insert(sorted_key(item)).second) unique.push_back(item);
  }
  return unique;
}

// ---- Encoding and hashing --------------------------------------------------------------

// The data string of States.Base64Encode/Decode: a string of at most 10,000 characters.
std::optional<Error> check_data_string(const IntrinsicCall& call) {
  if (!arg(call, 0).is_string()) return invalid(call, "the argument must be a string");
  const std::size_t length = utf8_length(arg(call, 0).get_ref<const std::string&>());
  if (length > kMaxDataCharacters) {
    return invalid(call,
                   fmt::format("the string has {} characters; at most 10000 are allowed", length));
  }
  return std::nullopt;
}

Result<Json> base64_encode_function(const IntrinsicCall& call) {
  if (auto error = check_data_string(call)) return *error;
  return Json(base64_encode(arg(call, 0).get_ref<const std::string&>()));
}

Result<Json> base64_decode_function(const IntrinsicCall& call) {
  if (auto error = check_data_string(call)) return *error;
  auto decoded = base64_decode(arg(call, 0).get_ref<const std::string&>());
  if (!decoded) return invalid(call, "the argument is not valid Base64");
  return Json(std::move(*decoded));
}

// Observed on AWS: data that is not a string is hashed as its JSON text.
Result<Json> hash(const IntrinsicCall& call) {
  const std::string data = format_value(arg(call, 0));
  const std::size_t length = utf8_length(data);
  if (length > kMaxDataCharacters) {
    return invalid(call,
                   fmt::format("the data has {} characters; at most 10000 are allowed", length));
  }
  if (!arg(call, 1).is_string()) {
    return invalid(call, "the algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
  }
  auto digest = hex_digest(arg(call, 1).get_ref<const std::string&>(), data);
  if (!digest) {
    return invalid(call, fmt::format("unknown algorithm '{}'; use MD5, SHA-1, SHA-256, SHA-384 "
                                     "or SHA-512",
                                     arg(call, 1).get<std::string>()));
  }
  return Json(std::move(*digest));
}

// ---- Math ------------------------------------------------------------------------------

// A random integer from the start (inclusive) to the end (exclusive). AWS: "If you use this
// function with the same seed value, it returns an identical number."
Result<Json> math_random(const IntrinsicCall& call) {
  const auto start = truncated(arg(call, 0));
  const auto end = truncated(arg(call, 1));
  if (!start || !end) return invalid(call, "the start and end must be integers");
  if (*start >= *end) return invalid(call, "the start must be less than the end");
  if (call.arguments.size() < 3) return Json(call.random.uniform_int(*start, *end - 1));
  const auto seed = truncated(arg(call, 2));
  if (!seed) return invalid(call, "the seed must be an integer");
  Random seeded(static_cast<std::uint64_t>(*seed));
  return Json(seeded.uniform_int(*start, *end - 1));
}

// AWS: "If you specify a non-integer value for one or both the arguments, Step Functions
// will round it off to the nearest integer."
Result<Json> math_add(const IntrinsicCall& call) {
  const auto a = integer(arg(call, 0), round_half_up);
  const auto b = integer(arg(call, 1), round_half_up);
  if (!a || !b) return invalid(call, "both arguments must be numbers");
  std::int64_t sum = 0;
  if (__builtin_add_overflow(*a, *b, &sum)) {
    return invalid(call, "the sum is outside the range of 64-bit integers");
  }
  return Json(sum);
}

// ---- Strings ---------------------------------------------------------------------------

// Each character of the second argument is a delimiter; as observed on AWS, empty pieces
// (from adjacent, leading or trailing delimiters) are dropped.
Result<Json> string_split(const IntrinsicCall& call) {
  if (!arg(call, 0).is_string() || !arg(call, 1).is_string()) {
    return invalid(call, "both arguments must be strings");
  }
  const std::vector<std::string_view> delimiters =
      utf8_characters(arg(call, 1).get_ref<const std::string&>());
  const auto is_delimiter = [&](std::string_view c) {
    return std::find(delimiters.begin(), delimiters.end(), c) != delimiters.end();
  };
  Json pieces = Json::array();
  std::string piece;
  for (std::string_view c : utf8_characters(arg(call, 0).get_ref<const std::string&>())) {
    if (!is_delimiter(c)) {
      piece += c;
    } else if (!piece.empty()) {
      pieces.push_back(std::move(piece));
      piece.clear();
    }
  }
  if (!piece.empty()) pieces.push_back(std::move(piece));
  return pieces;
}

Result<Json> uuid(const IntrinsicCall& call) { return Json(call.random.uuid()); }

constexpr std::size_t kAny = IntrinsicFunction::kUnlimited;

constexpr std::array<IntrinsicFunction, 18> kFunctions = {{
    {"States.Format", 1, kAny, format},
    {"States.StringToJson", 1, 1, string_to_json},
    {"States.JsonToString", 1, 1, json_to_string},
    {"States.Array", 0, kAny, array},
    {"States.ArrayPartition", 2, 2, array_partition},
    {"States.ArrayContains", 2, 2, array_contains},
    {"States.ArrayRange", 3, 3, array_range},
    {"States.ArrayGetItem", 2, 2, array_get_item},
    {"States.ArrayLength", 1, 1, array_length},
    {"States.ArrayUnique", 1, 1, array_unique},
    {"States.Base64Encode", 1, 1, base64_encode_function},
    {"States.Base64Decode", 1, 1, base64_decode_function},
    {"States.Hash", 2, 2, hash},
    {"States.JsonMerge", 3, 3, json_merge},
    {"States.MathRandom", 2, 3, math_random},
    {"States.MathAdd", 2, 2, math_add},
    {"States.StringSplit", 2, 2, string_split},
    {"States.UUID", 0, 0, uuid},
}};

}  // namespace

const IntrinsicFunction* find_intrinsic_function(std::string_view name) {
  for (const IntrinsicFunction& function : kFunctions) {
    if (function.name == name) return &function;
  }
  return nullptr;
}

std::string describe_arity(const IntrinsicFunction& function) {
  if (function.max_arguments == kAny) {
    return "at least " + count_of("argument", function.min_arguments);
  }
  if (function.max_arguments == 0) return "no arguments";
  if (function.min_arguments == function.max_arguments) {
    return count_of("argument", function.min_arguments);
  }
  return fmt::format("{} or {} arguments", function.min_arguments, function.max_arguments);
}

}  // namespace conflictctl::dataflow
