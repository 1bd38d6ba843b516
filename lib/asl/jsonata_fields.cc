#include "asl/jsonata_fields.h"

#include <fmt/format.h>

#include "jsonata/jsonata.h"

namespace conflictctl::asl {

bool is_jsonata_expression(std::string_view text) {
  return text.size() >= 4 && text.starts_with("{%") && text.ends_with("%}");
}

std::string_view jsonata_expression_text(std::string_view text) {
  std::string_view inside = text.substr(2, text.size() - 4);
  const auto first = inside.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return inside.substr(first, inside.find_last_not_of(" \t\r\n") - first + 1);
}

void check_jsonata(const Json& value, const std::string& pointer, Report& report) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (!is_jsonata_expression(text)) return;
    auto parsed = jsonata::Expression::parse(jsonata_expression_text(text));
    if (!parsed) {
      report.add(pointer, fmt::format("the JSONata expression '{}' is not valid: {}: {}",
                                      jsonata_expression_text(text), parsed.error().name,
                                      parsed.error().cause));
    }
    return;
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      check_jsonata(value[i], pointer_append(pointer, i), report);
  } else if (value.is_object()) {
    for (const auto& [key, element] : value.items())
      check_jsonata(element, pointer_append(pointer, key), report);
  }
}

std::optional<Json> read_jsonata_value(FieldReader& reader, const std::string& key,
                                       Report& report) {
  const Json* value = reader.value(key);
  if (!value) return std::nullopt;
  check_jsonata(*value, reader.pointer_to(key), report);
  return *value;
}

NumberOrExpression read_number_or_expression(FieldReader& reader, const std::string& key,
                                             bool integer, Report& report) {
  NumberOrExpression out;
  if (!reader.has(key)) return out;
  const Json* value = reader.value(key);
  if (value->is_string() && is_jsonata_expression(value->get_ref<const std::string&>())) {
    check_jsonata(*value, reader.pointer_to(key), report);
    out.expression = value->get<std::string>();
    return out;
  }
  if (!value->is_number()) {
    report.add(reader.pointer_to(key),
               fmt::format("{} must be {} or a JSONata expression \"{{% … %}}\", not {}", key,
                           integer ? "an integer" : "a number", describe_json_type(*value)));
    return out;
  }
  out.number = integer ? reader.integer(key) : reader.number(key);
  return out;
}

}  // namespace conflictctl::asl
