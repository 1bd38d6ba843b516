#include "dataflow/missing_path.h"

#include <fmt/format.h>

#include "core/error_names.h"

namespace conflictctl::dataflow {

Error missing_path_error(std::string_view path, std::string_view field, const Json& document) {
  const std::string for_field =
      field.empty() ? "" : fmt::format(" specified for the field '{}'", field);
  return Error{std::string(errors::kRuntime),
               fmt::format("The JSONPath '{}'{} could not be found in the input '{}'", path,
                           for_field, to_compact(document))};
}

}  // namespace conflictctl::dataflow
