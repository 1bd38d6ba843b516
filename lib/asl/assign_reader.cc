#include "asl/assign_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "asl/jsonata_fields.h"
#include "dataflow/path_context.h"
#include "dataflow/payload_template.h"

namespace conflictctl::asl {

namespace {

constexpr std::string_view kEvaluated = ".$";

std::string name_problem(std::string_view name) {
  if (name == "states") {
    return "'states' is reserved: $states is Step Functions' own variable";
  }
  const bool valid = dataflow::starts_with_variable(fmt::format("${}", name)) &&
                     std::all_of(name.begin(), name.end(), dataflow::is_variable_name_char);
  if (valid) return "";
  return fmt::format("'{}' is not a valid variable name: a name starts with a letter or '_' and "
                     "goes on with letters, digits and '_'",
                     name);
}

}  // namespace

std::optional<Json> read_assign(FieldReader& reader, Report& report) {
  const Json* assign = reader.object("Assign");
  if (!assign) return std::nullopt;
  const std::string pointer = reader.pointer_to("Assign");
  const bool jsonata = reader.language() == QueryLanguage::kJsonata;
  for (const auto& [key, value] : assign->items()) {
    std::string_view name = key;
    if (!jsonata && name.ends_with(kEvaluated)) name.remove_suffix(kEvaluated.size());
    if (std::string problem = name_problem(name); !problem.empty()) {
      report.add(pointer_append(pointer, key), problem);
    }
  }
  if (jsonata) {
    check_jsonata(*assign, pointer, report);
    return *assign;
  }
  for (const auto& problem : dataflow::check_template(*assign, pointer)) {
    report.add(problem.pointer, problem.message);
  }
  return *assign;
}

}  // namespace conflictctl::asl
