#include "asl/field_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace conflictctl::asl {

std::string describe_json_type(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "a number";
    default:
      return "binary data";
  }
}

FieldReader::FieldReader(const Json& object, std::string pointer, Report& report,
                         QueryLanguage language)
    : object_(object), pointer_(std::move(pointer)), report_(report), language_(language) {}

std::string FieldReader::pointer_to(const std::string& key) const {
  return pointer_append(pointer_, key);
}

bool FieldReader::has(const std::string& key) const { return object_.contains(key); }

const Json* FieldReader::find(const std::string& key) {
  known_.insert(key);
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

void FieldReader::wrong_type(const std::string& key, const std::string& expected,
                             const Json& actual) {
  report_.add(pointer_to(key),
              fmt::format("{} must be {}, not {}", key, expected, describe_json_type(actual)));
}

std::optional<std::string> FieldReader::string(const std::string& key) {
  const Json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    wrong_type(key, "a string", *value);
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<bool> FieldReader::boolean(const std::string& key) {
  const Json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    wrong_type(key, "a boolean", *value);
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<double> FieldReader::number(const std::string& key) {
  const Json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_number()) {
    wrong_type(key, "a number", *value);
    return std::nullopt;
  }
  return value->get<double>();
}

std::optional<double> FieldReader::integer(const std::string& key) {
  const Json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_number()) {
    wrong_type(key, "an integer", *value);
    return std::nullopt;
  }
  double number = value->get<double>();
  if (std::trunc(number) != number) {
    report_.add(pointer_to(key), fmt::format("{} must be an integer, not {}", key, number));
    return std::nullopt;
  }
  return number;
}

const Json* FieldReader::object(const std::string& key) {
  const Json* value = find(key);
  if (value && !value->is_object()) {
    wrong_type(key, "an object", *value);
    return nullptr;
  }
  return value;
}

const Json* FieldReader::array(const std::string& key) {
  const Json* value = find(key);
  if (value && !value->is_array()) {
    wrong_type(key, "an array", *value);
    return nullptr;
  }
  return value;
}

const Json* FieldReader::value(const std::string& key) { return find(key); }

PathField FieldReader::path(const std::string& key, bool nullable) {
  PathField field;
  const Json* value = find(key);
  if (!value) return field;
  if (value->is_null() && nullable) {
    field.discard = true;
  } else if (value->is_string()) {
    field.path = value->get<std::string>();
  } else {
    wrong_type(key, nullable ? "a string or null" : "a string", *value);
  }
  return field;
}

bool FieldReader::require(const std::string& key) {
  if (has(key)) return true;
  report_.add(pointer_, fmt::format("missing required field '{}'", key));
  return false;
}

std::vector<std::string> FieldReader::unknown_keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object_.items()) {
    if (!known_.contains(key)) keys.push_back(key);
  }
  return keys;
}

namespace {

// The fields only JSONPath states have, and those only JSONata states have (AWS: JSONata
// reduces "five JSONPath fields (InputPath, Parameters, ResultSelector, ResultPath, and
// OutputPath) to only two fields: Arguments and Output").
bool is_jsonpath_only(std::string_view key) {
  static constexpr std::array<std::string_view, 17> kFields = {
      "InputPath",          "OutputPath",          "Parameters",
      "ResultPath",         "ResultSelector",      "ItemsPath",
      "Result",             "SecondsPath",         "TimestampPath",
      "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath",
      "ErrorPath",          "CausePath",           "ToleratedFailurePercentagePath",
      "ToleratedFailureCountPath", "Variable"};
  return std::find(kFields.begin(), kFields.end(), key) != kFields.end();
}

bool is_jsonata_only(std::string_view key) {
  return key == "Arguments" || key == "Output" || key == "Items" || key == "Condition";
}

}  // namespace

void FieldReader::report_unknown(const std::string& owner) {
  for (const std::string& key : unknown_keys()) {
    std::string message;
    if (language_ == QueryLanguage::kJsonata && is_jsonpath_only(key)) {
      message = fmt::format("'{}' is a JSONPath field, which {} in the JSONata query language "
                            "does not have (JSONata states use Arguments, Output and "
                            "\"{{% … %}}\" expressions)",
                            key, owner);
    } else if (language_ == QueryLanguage::kJsonPath && is_jsonata_only(key)) {
      message = fmt::format("'{}' belongs to the JSONata query language; set \"QueryLanguage\": "
                            "\"JSONata\" on the state or the state machine to use it",
                            key);
    } else {
      message = fmt::format("unknown field '{}' in {}", key, owner);
    }
    report_.add(pointer_to(key), std::move(message));
  }
}

int saturate_to_int(double value) {
  constexpr double kLow = std::numeric_limits<int>::min();
  constexpr double kHigh = std::numeric_limits<int>::max();
  if (std::isnan(value)) return 0;
  if (value <= kLow) return std::numeric_limits<int>::min();
  if (value >= kHigh) return std::numeric_limits<int>::max();
  return static_cast<int>(value);
}

}  // namespace conflictctl::asl
