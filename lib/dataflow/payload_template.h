#pragma once
// Payload templates: Parameters, ResultSelector, Map's ItemSelector.
//
// Spec: a field whose name ends in ".$" has a string value that is a path or an intrinsic
// function call; the field is renamed without ".$" and its value replaced by the result of
// evaluating it (paths starting "$$" against the context object). Other values are copied
// unchanged; objects and arrays are processed recursively (arrays' elements too).
// Errors: States.Runtime for a path that selects nothing, worded as AWS words it:
//   "The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '{}'"
// (the input as compact JSON; the context object for "$$" paths); States.Runtime for a
// ".$" value that is not a string or not a valid path or call; intrinsic failures pass
// through with their names (intrinsics.h).
//
// Thread-safe except for the Random passed in. The template is only read.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "dataflow/path_context.h"

namespace conflictctl::dataflow {

Result<Json> apply_template(const Json& tmpl, const Json& input, const PathContext& context,
                            Random& random);

// Syntax check of every ".$" field in a template (paths and intrinsic calls), reporting
// each problem at the JSON Pointer of its field: `pointer` (the template's own pointer in the
// definition, e.g. "/States/Load/Parameters") with the field's path appended. Messages are
// those of check_path and check_intrinsic. Empty when the template is valid.
struct TemplateProblem {
  std::string pointer;
  std::string message;
};
std::vector<TemplateProblem> check_template(const Json& tmpl, const std::string& pointer);

}  // namespace conflictctl::dataflow
