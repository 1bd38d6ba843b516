#include "dataflow/path.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/error_names.h"
#include "dataflow/json_equality.h"
#include "dataflow/jsonpath_parser.h"
#include "dataflow/parse_cache.h"
#include "dataflow/scanner.h"

namespace conflictctl::dataflow {

namespace {

using jsonpath::Comparison;
using jsonpath::FilterExpr;
using jsonpath::Operand;
using jsonpath::Path;
using jsonpath::Root;
using jsonpath::Selector;
using Nodes = std::vector<const Json*>;

// What a path can start from: the input, the context object, a workflow variable.
struct Documents {
  const Json& input;
  const PathContext& context;
};

// The node a path starts from; null for a variable no visible scope defines.
const Json* root_node(const Path& path, const Json& current, const Documents& documents) {
  switch (path.root) {
    case Root::kInput: return &documents.input;
    case Root::kContext: return &documents.context.object;
    case Root::kCurrent: return &current;
    case Root::kVariable:
      return documents.context.variables ? documents.context.variables->find(path.variable)
                                         : nullptr;
  }
  return &current;
}

std::string syntax_message(std::string_view text, const std::string& reason, PathKind kind) {
  const char* what = kind == PathKind::kReferencePath ? "reference path" : "JSONPath";
  return fmt::format("'{}' is not a valid {}: {}", quoted_text(text), what, reason);
}

// Spec: "A reference path is a path whose syntax is limited in such a way that it can
// identify only a single node … The operators @ .. , : ? * aren't supported."
std::string reference_path_problem(const Path& path) {
  for (const jsonpath::Segment& segment : path.segments) {
    if (segment.descendant) return "'..' is not allowed";
    if (segment.selectors.size() > 1) return "unions ('[a,b]') are not allowed";
    switch (segment.selectors.front().kind) {
      case Selector::Kind::kWildcard: return "wildcards ('*') are not allowed";
      case Selector::Kind::kSlice: return "slices ('[a:b]') are not allowed";
      case Selector::Kind::kFilter: return "filters ('[?(…)]') are not allowed";
      case Selector::Kind::kName:
      case Selector::Kind::kIndex: break;
    }
  }
  return "";
}

// ---- Definite paths, with Jayway JsonPath's wording for what is missing --------------

std::string name_step(const std::string& name) { return fmt::format("['{}']", name); }
std::string index_step(std::int64_t index) { return fmt::format("[{}]", index); }

// Jayway's normalized form of a definite path: $['a']['b'][0].
std::string normalized(const Path& path) {
  std::string text = "$";
  for (const jsonpath::Segment& segment : path.segments) {
    const Selector& selector = segment.selectors.front();
    text += selector.kind == Selector::Kind::kName ? name_step(selector.name)
                                                   : index_step(selector.index);
  }
  return text;
}

const char* type_name(const Json& value) {
  if (value.is_object()) return "object";
  if (value.is_array()) return "array";
  if (value.is_string()) return "string";
  if (value.is_boolean()) return "boolean";
  if (value.is_number()) return "number";
  return "null";
}

// Position of `index` (negative counts from the end) in an array of `size`, if inside it.
std::optional<std::size_t> array_position(std::int64_t index, std::size_t size) {
  const std::int64_t position = index < 0 ? static_cast<std::int64_t>(size) + index : index;
  if (position < 0 || position >= static_cast<std::int64_t>(size)) return std::nullopt;
  return static_cast<std::size_t>(position);
}

// The node a definite path names, or why there is none.
struct Lookup {
  const Json* node = nullptr;
  std::string missing;  // Jayway's message when node is null
};

// "$['a'][2]": the first `count` steps of a definite path, as the messages name them.
std::string walked(const Path& path, std::size_t count) {
  std::string text = "$";
  for (std::size_t i = 0; i < count; ++i) {
    const Selector& selector = path.segments[i].selectors.front();
    text += selector.kind == Selector::Kind::kName ? name_step(selector.name)
                                                   : index_step(selector.index);
  }
  return text;
}

Lookup lookup(const Path& path, const Json& root) {
  const Json* node = &root;
  for (std::size_t i = 0; i < path.segments.size(); ++i) {
    const Selector& selector = path.segments[i].selectors.front();
    const bool leaf = i + 1 == path.segments.size();
    if (selector.kind == Selector::Kind::kName) {
      if (!node->is_object()) {
        return {nullptr, fmt::format("Expected to find an object with property {} in path {} "
                                     "but found '{}'",
                                     name_step(selector.name), walked(path, i), type_name(*node))};
      }
      const auto found = node->find(selector.name);
      if (found == node->end()) {
        return {nullptr, leaf ? "No results for path: " + normalized(path)
                              : "Missing property in path " + walked(path, i + 1)};
      }
      node = &*found;
      continue;
    }
    if (node->is_null()) return {nullptr, fmt::format("The path {} is null", walked(path, i))};
    if (!node->is_array()) {
      return {nullptr, fmt::format("Filter: {} can only be applied to arrays. Current context "
                                   "is: {}",
                                   index_step(selector.index), to_compact(*node))};
    }
    const auto position = array_position(selector.index, node->size());
    if (!position) return {nullptr, "No results for path: " + normalized(path)};
    node = &(*node)[*position];
  }
  return {node, ""};
}

// ---- Any path: the matching nodes in document order ---------------------------------

Nodes select_all(const Path& path, const Json& current, const Documents& documents);

std::optional<Json> operand_value(const Operand& operand, const Json& current,
                                  const Documents& documents) {
  if (!operand.path) return operand.literal;
  const Json* root = root_node(*operand.path, current, documents);
  if (root == nullptr) return std::nullopt;
  if (operand.path->is_definite()) {
    const Lookup found = lookup(*operand.path, *root);
    if (found.node == nullptr) return std::nullopt;
    return *found.node;
  }
  Json matches = Json::array();
  for (const Json* node : select_all(*operand.path, current, documents)) matches.push_back(*node);
  return matches;
}

// "[?(@.isbn)]": the path names a node, or (indefinite) matches at least one.
bool exists(const Path& path, const Json& current, const Documents& documents) {
  if (path.is_definite()) {
    const Json* root = root_node(path, current, documents);
    return root != nullptr && lookup(path, *root).node != nullptr;
  }
  return !select_all(path, current, documents).empty();
}

bool values_equal(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return json_equal(a, b);
}

// Jayway orders numbers with numbers and strings with strings; anything else is false.
bool ordered(Comparison comparison, const Json& a, const Json& b) {
  int order = 0;
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    order = x < y ? -1 : (x > y ? 1 : 0);
  } else if (a.is_string() && b.is_string()) {
    order = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
  } else {
    return false;
  }
  switch (comparison) {
    case Comparison::kLess: return order < 0;
    case Comparison::kLessOrEqual: return order <= 0;
    case Comparison::kGreater: return order > 0;
    case Comparison::kGreaterOrEqual: return order >= 0;
    default: return false;
  }
}

bool compare(const FilterExpr& expr, const Json& current, const Documents& documents) {
  const std::optional<Json> left = operand_value(expr.left, current, documents);
  const std::optional<Json> right = operand_value(expr.right, current, documents);
  const bool both = left.has_value() && right.has_value();
  switch (expr.comparison) {
    case Comparison::kEqual: return both && values_equal(*left, *right);
    // As in Jayway, "!=" is the negation of "==", so a missing field is "!=" anything.
    case Comparison::kNotEqual: return !(both && values_equal(*left, *right));
    default: return both && ordered(expr.comparison, *left, *right);
  }
}

bool test(const FilterExpr& expr, const Json& current, const Documents& documents) {
  switch (expr.kind) {
    case FilterExpr::Kind::kOr:
      return test(expr.operands[0], current, documents) ||
             test(expr.operands[1], current, documents);
    case FilterExpr::Kind::kAnd:
      return test(expr.operands[0], current, documents) &&
             test(expr.operands[1], current, documents);
    case FilterExpr::Kind::kNot: return !test(expr.operands[0], current, documents);
    case FilterExpr::Kind::kExists: return exists(*expr.left.path, current, documents);
    case FilterExpr::Kind::kCompare: return compare(expr, current, documents);
  }
  return false;
}

// Python-style slice positions of an array of `size`.
std::vector<std::size_t> slice_positions(const jsonpath::Slice& slice, std::size_t size) {
  const auto length = static_cast<std::int64_t>(size);
  const auto clamp = [&](std::optional<std::int64_t> bound, std::int64_t fallback, std::int64_t low,
                         std::int64_t high) {
    if (!bound) return fallback;
    const std::int64_t value = *bound < 0 ? *bound + length : *bound;
    return std::clamp(value, low, high);
  };
  std::vector<std::size_t> positions;
  if (slice.step > 0) {
    const std::int64_t start = clamp(slice.start, 0, 0, length);
    const std::int64_t end = clamp(slice.end, length, 0, length);
    // The next position is i + step only while it stays below `end`; comparing the
    // distance instead of adding keeps a step near INT64_MAX from overflowing.
    for (std::int64_t i = start; i < end; i += slice.step) {
      positions.push_back(i);
      if (slice.step >= end - i) break;
    }
  } else {
    const std::int64_t start = clamp(slice.start, length - 1, -1, length - 1);
    const std::int64_t end = clamp(slice.end, -1, -1, length - 1);
    // i >= 0 inside the loop, so i + step cannot overflow even for a step of INT64_MIN.
    for (std::int64_t i = start; i > end; i += slice.step) positions.push_back(i);
  }
  return positions;
}

void select(const Selector& selector, const Json& node, const Documents& documents, Nodes& out) {
  switch (selector.kind) {
    case Selector::Kind::kName:
      if (node.is_object()) {
        const auto found = node.find(selector.name);
        if (found != node.end()) out.push_back(&*found);
      }
      return;
    case Selector::Kind::kIndex:
      if (node.is_array()) {
        if (const auto position = array_position(selector.index, node.size())) {
          out.push_back(&node[*position]);
        }
      }
      return;
    case Selector::Kind::kWildcard:
      if (node.is_structured()) {
        for (const Json& child : node) out.push_back(&child);
      }
      return;
    case Selector::Kind::kSlice:
      if (node.is_array()) {
        for (std::size_t i : slice_positions(selector.slice, node.size())) out.push_back(&node[i]);
      }
      return;
    case Selector::Kind::kFilter:
      // Jayway tests each element of an array, and an object as a whole.
      if (node.is_array()) {
        for (const Json& child : node) {
          if (test(*selector.filter, child, documents)) out.push_back(&child);
        }
      } else if (node.is_object() && test(*selector.filter, node, documents)) {
        out.push_back(&node);
      }
      return;
  }
}

// `node` and every node below it, parents before children, in document order.
void collect_subtree(const Json& node, Nodes& out) {
  out.push_back(&node);
  if (node.is_structured()) {
    for (const Json& child : node) collect_subtree(child, out);
  }
}

Nodes select_all(const Path& path, const Json& current, const Documents& documents) {
  const Json* root = root_node(path, current, documents);
  if (root == nullptr) return {};
  Nodes nodes{root};
  for (const jsonpath::Segment& segment : path.segments) {
    Nodes scope;
    if (segment.descendant) {
      for (const Json* node : nodes) collect_subtree(*node, scope);
    } else {
      scope = std::move(nodes);
    }
    Nodes next;
    for (const Json* node : scope) {
      for (const Selector& selector : segment.selectors) select(selector, *node, documents, next);
    }
    nodes = std::move(next);
  }
  return nodes;
}

// ---- Shared by the public functions -------------------------------------------------

// The parsed path, or the States.Runtime error a malformed one gives.
Result<Path> parse(std::string_view text, PathKind kind) {
  jsonpath::ParsedPath parsed = jsonpath::parse_path(text);
  if (!parsed.ok()) {
    return Error{std::string(errors::kRuntime), syntax_message(text, parsed.error, kind)};
  }
  if (kind == PathKind::kReferencePath) {
    const std::string problem = reference_path_problem(parsed.path);
    if (!problem.empty()) {
      return Error{std::string(errors::kRuntime),
                   syntax_message(text, problem + "; a reference path names a single node", kind)};
    }
  }
  return std::move(parsed.path);
}

// parse(text, kind), memoised for this thread (dataflow/parse_cache.h).
std::shared_ptr<const Result<Path>> parse_cached(std::string_view text, PathKind kind) {
  static thread_local ParseCache<Result<Path>> paths;
  static thread_local ParseCache<Result<Path>> reference_paths;
  auto& cache = kind == PathKind::kPath ? paths : reference_paths;
  return cache.get(text, [&] { return parse(text, kind); });
}

// What the path selects: its node (definite) or the array of its matches (indefinite);
// for a definite path that names nothing, Jayway's reason instead.
struct Selection {
  std::optional<Json> value;
  std::string missing;
};

Selection evaluate(const Path& path, const Json& input, const PathContext& context) {
  const Documents documents{input, context};
  const Json* root = root_node(path, input, documents);
  if (root == nullptr) return {};  // an undefined variable: the caller says so
  if (path.is_definite()) {
    const Lookup found = lookup(path, *root);
    if (found.node == nullptr) return {std::nullopt, found.missing};
    return {*found.node, ""};
  }
  Json matches = Json::array();
  for (const Json* node : select_all(path, input, documents)) matches.push_back(*node);
  return {std::move(matches), ""};
}

Error undefined_variable(std::string_view text, const Path& path) {
  return Error{std::string(errors::kRuntime),
               fmt::format("Invalid path '{}' : no variable named '{}' is assigned in this scope",
                           text, path.variable)};
}

}  // namespace

std::string check_path(std::string_view text, PathKind kind) {
  const Result<Path> parsed = parse(text, kind);
  return parsed ? "" : parsed.error().cause;
}

Result<Json> evaluate_path(std::string_view text, const Json& input,
                           const PathContext& context) {
  const auto path = parse_cached(text, PathKind::kPath);
  if (!*path) return path->error();
  Selection selection = evaluate(**path, input, context);
  if (!selection.value) {
    if (selection.missing.empty()) return undefined_variable(text, **path);
    // As Step Functions reports it: "Invalid path '$.x' : No results for path: $['x']".
    return Error{std::string(errors::kRuntime),
                 fmt::format("Invalid path '{}' : {}", text, selection.missing)};
  }
  return std::move(*selection.value);
}

Result<std::optional<Json>> find_path(std::string_view text, const Json& input,
                                      const PathContext& context) {
  const auto path = parse_cached(text, PathKind::kPath);
  if (!*path) return path->error();
  Selection selection = evaluate(**path, input, context);
  if (!selection.value && selection.missing.empty()) return undefined_variable(text, **path);
  return std::move(selection.value);
}

const Json& path_document(std::string_view text, const Json& input, const PathContext& context) {
  static const Json kNull;
  if (text.starts_with("$$")) return context.object;
  if (!starts_with_variable(text)) return input;
  const Json* value =
      context.variables ? context.variables->find(variable_name(text)) : nullptr;
  return value ? *value : kNull;
}

Result<Json> write_reference_path(std::string_view path_text, const Json& target, Json value) {
  const auto parsed = parse_cached(path_text, PathKind::kReferencePath);
  if (!*parsed) return parsed->error();
  const Path* path = &**parsed;
  if (path->root != Root::kInput) {
    return Error{std::string(errors::kRuntime),
                 fmt::format("'{}' cannot be written: only paths starting with '$' can place a "
                             "result, not the context object or a variable",
                             path_text)};
  }
  const auto mismatch = [&] {
    return Error{
        std::string(errors::kResultPathMatchFailure),
        fmt::format("Unable to apply ReferencePath {} to input {}", path_text, to_compact(target))};
  };
  Json output = target;
  Json* node = &output;
  for (const jsonpath::Segment& segment : path->segments) {
    const Selector& selector = segment.selectors.front();
    if (selector.kind == Selector::Kind::kName) {
      if (!node->is_object()) return mismatch();
      if (!node->contains(selector.name)) (*node)[selector.name] = Json::object();
      node = &(*node)[selector.name];
    } else {
      if (!node->is_array()) return mismatch();
      const auto position = array_position(selector.index, node->size());
      if (!position) return mismatch();
      node = &(*node)[*position];
    }
  }
  *node = std::move(value);
  return output;
}

}  // namespace conflictctl::dataflow
