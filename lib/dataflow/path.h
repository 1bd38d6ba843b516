#pragma once
// Paths in the JSONPath query language of ASL.
//
// A *path* is a JSONPath expression rooted at "$" (the state's input) or "$$" (the context
// object). A *reference path* is a path that may only name a single node: "$.a.b",
// "$['a b'][0]", "$$.Map.Item.Value" — no wildcards, filters, slices, unions or "..".
//
// Evaluation follows Step Functions, which implements Jayway JsonPath: a definite path
// yields its node; an indefinite path (wildcard, filter "[?(@.x > 1)]", slice "[1:3]",
// union, recursive descent "..") yields a JSON array of every match in document order —
// [] when nothing matches. A definite path that names nothing is an error (name
// States.Runtime) worded as AWS words it:
//   "Invalid path '$.missing' : No results for path: $['missing']"
// (jsonpath_parser.h has the grammar; "@" and "$" operands work inside filters, "$" meaning
// the input.) Functions such as length() and Jayway's regex/"in" filter operators are not
// supported; check_path reports them.
//
// Thread-safe: no shared state. Cost: one parse per call; evaluation is linear in the nodes
// visited (".." visits the whole subtree).
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "dataflow/path_context.h"

namespace conflictctl::dataflow {

enum class PathKind {
  kPath,           // any JSONPath (Parameters ".$" values, InputPath, OutputPath, ItemsPath)
  kReferencePath,  // ResultPath, Choice Variable, *Path operands, SecondsPath, …
};

// Syntax check only. Returns an empty string when `text` is a valid path of `kind`, else a
// message a person understands, e.g. "'$.a[' is not a valid JSONPath: unclosed '['".
std::string check_path(std::string_view text, PathKind kind);

// Evaluates `text` against `input` ("$…"), the context object ("$$…") or a variable
// ("$name…"), dataflow/path_context.h.
// Errors: States.Runtime when the path is invalid, or definite and names nothing, or reads a
// variable no visible scope assigns: "Invalid path '$x.a' : no variable named 'x' is
// assigned in this scope".
Result<Json> evaluate_path(std::string_view text, const Json& input, const PathContext& context);

// Like evaluate_path, but a definite path that names nothing gives nullopt instead of an
// error (Choice's IsPresent and the comparisons of absent fields need this); an undefined
// variable is still an error. An indefinite path always gives its array of matches.
Result<std::optional<Json>> find_path(std::string_view text, const Json& input,
                                      const PathContext& context);

// The document a path reads from: the context object ("$$"), a variable's value ("$name";
// JSON null when undefined) or `input`. For messages that quote what a path searched.
const Json& path_document(std::string_view text, const Json& input, const PathContext& context);

// Writes `value` at reference path `path` inside a copy of `target`, creating missing
// objects on the way ("$.a.b" on {} gives {"a":{"b":value}}); "$" replaces the whole.
// Errors: States.ResultPathMatchFailure when a step goes through a non-object, or through
// an array index that does not exist, with AWS's cause
//   "Unable to apply ReferencePath $.a.b to input \"text\""
// (the target as compact JSON); States.Runtime when `path` is not a reference path or
// starts with "$$" or a variable.
Result<Json> write_reference_path(std::string_view path, const Json& target, Json value);

}  // namespace conflictctl::dataflow
