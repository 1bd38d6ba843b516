#include "dataflow/payload_template.h"

#include <fmt/format.h>

#include "core/diagnostic.h"
#include "core/error_names.h"
#include "dataflow/intrinsics.h"
#include "dataflow/missing_path.h"
#include "dataflow/path.h"

namespace conflictctl::dataflow {

namespace {

constexpr std::string_view kSuffix = ".$";

bool is_evaluated_field(const std::string& key) {
  return key.size() > kSuffix.size() && key.ends_with(kSuffix);
}

std::string not_a_string(const std::string& key) {
  return fmt::format("the value of '{}' must be a string: a path or an intrinsic function call",
                     key);
}

// The value of one ".$" field: its path's node, or its intrinsic call's result.
Result<Json> evaluate_field(const std::string& key, const Json& expression, const Json& input,
                            const PathContext& context, Random& random) {
  if (!expression.is_string()) {
    return Error{std::string(errors::kRuntime), not_a_string(key)};
  }
  const std::string& text = expression.get_ref<const std::string&>();
  if (is_intrinsic_call(text)) {
    return evaluate_intrinsic_for_field(text, key, input, context, random);
  }
  Result<std::optional<Json>> found = find_path(text, input, context);
  if (!found) return found.error();
  if (!*found) return missing_path_error(text, key, path_document(text, input, context));
  return std::move(**found);
}

}  // namespace

Result<Json> apply_template(const Json& tmpl, const Json& input, const PathContext& context,
                            Random& random) {
  if (tmpl.is_array()) {
    Json out = Json::array();
    for (const Json& element : tmpl) {
      Result<Json> value = apply_template(element, input, context, random);
      if (!value) return value.error();
      out.push_back(std::move(*value));
    }
    return out;
  }
  if (!tmpl.is_object()) return tmpl;
  Json out = Json::object();
  out.get_ref<Json::object_t&>().reserve(tmpl.size());  // one allocation for the fields
  for (const auto& [key, value] : tmpl.get_ref<const Json::object_t&>()) {
    const bool evaluated = is_evaluated_field(key);
    Result<Json> result = evaluated ? evaluate_field(key, value, input, context, random)
                                    : apply_template(value, input, context, random);
    if (!result) return result.error();
    out[evaluated ? key.substr(0, key.size() - kSuffix.size()) : key] = std::move(*result);
  }
  return out;
}

std::vector<TemplateProblem> check_template(const Json& tmpl, const std::string& pointer) {
  std::vector<TemplateProblem> problems;
  const auto add = [&](const std::vector<TemplateProblem>& more) {
    problems.insert(problems.end(), more.begin(), more.end());
  };
  if (tmpl.is_array()) {
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
      add(check_template(tmpl[i], pointer_append(pointer, i)));
    }
    return problems;
  }
  if (!tmpl.is_object()) return problems;
  for (const auto& [key, value] : tmpl.items()) {
    const std::string at = pointer_append(pointer, key);
    if (!is_evaluated_field(key)) {
      add(check_template(value, at));
      continue;
    }
    if (!value.is_string()) {
      problems.push_back({at, not_a_string(key)});
      continue;
    }
    const std::string& text = value.get_ref<const std::string&>();
    std::string message =
        is_intrinsic_call(text) ? check_intrinsic(text) : check_path(text, PathKind::kPath);
    if (!message.empty()) problems.push_back({at, std::move(message)});
  }
  return problems;
}

}  // namespace conflictctl::dataflow
