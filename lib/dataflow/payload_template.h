#pragma once
// Payload templates: Parameters, ResultSelector, Map's ItemSelector.
//
// Spec: a field whose name ends in ".$" has a string value that is a path or an intrinsic
// function call; the field is renamed without ".$" and its value replaced by the result of
// evaluating it (paths starting "$$" against the context object). Other values are copied
// unchanged; objects and arrays are processed recursively (arrays' elements too).
// Errors: States.Runtime for a path that selects nothing (the cause names the field and
// the path); intrinsic failures pass through with their names.
#include <string>

#include "core/error.h"
#include "core/json.h"
#include "core/random.h"

namespace conflictctl::dataflow {

Result<Json> apply_template(const Json& tmpl, const Json& input, const Json& context,
                            Random& random);

// Syntax check of every ".$" field in a template (paths and intrinsic calls), reporting
// each problem at its JSON Pointer relative to `pointer`.
struct TemplateProblem {
  std::string pointer;
  std::string message;
};
std::vector<TemplateProblem> check_template(const Json& tmpl, const std::string& pointer);

}  // namespace conflictctl::dataflow
