#include "dataflow/intrinsics.h"

#include <fmt/format.h>

#include <cctype>
#include <vector>

#include "core/error_names.h"
#include "dataflow/intrinsic_functions.h"
#include "dataflow/intrinsic_parser.h"
#include "dataflow/missing_path.h"
#include "dataflow/parse_cache.h"
#include "dataflow/path.h"
#include "dataflow/scanner.h"

namespace conflictctl::dataflow {

namespace {

// AWS: "You can nest up to 10 intrinsic functions within a field." Its example with
// "nine nested intrinsic functions" counts every call in the field.
constexpr std::size_t kMaxCalls = 10;

std::size_t count_calls(const IntrinsicNode& node) {
  if (node.kind != IntrinsicNode::Kind::kCall) return 0;
  std::size_t calls = 1;
  for (const IntrinsicNode& argument : node.arguments) calls += count_calls(argument);
  return calls;
}

// The first problem in the call tree that the parser cannot see: an unknown function, a
// wrong number of arguments, or a path that is not valid. Empty when there is none.
std::string find_problem(const IntrinsicNode& node) {
  if (node.kind == IntrinsicNode::Kind::kPath) return check_path(node.text, PathKind::kPath);
  if (node.kind != IntrinsicNode::Kind::kCall) return "";
  const IntrinsicFunction* function = find_intrinsic_function(node.text);
  if (function == nullptr) return fmt::format("unknown function '{}'", node.text);
  const std::size_t count = node.arguments.size();
  if (count < function->min_arguments || count > function->max_arguments) {
    return fmt::format("{} takes {}, not {}", node.text, describe_arity(*function), count);
  }
  for (const IntrinsicNode& argument : node.arguments) {
    std::string problem = find_problem(argument);
    if (!problem.empty()) return problem;
  }
  return "";
}

// Points every call in a checked tree at its function.
void resolve_functions(IntrinsicNode& node) {
  if (node.kind != IntrinsicNode::Kind::kCall) return;
  node.function = find_intrinsic_function(node.text);
  for (IntrinsicNode& argument : node.arguments) resolve_functions(argument);
}

// The checked call tree, or the States.Runtime error a malformed call gives.
Result<IntrinsicNode> parse_checked(std::string_view text) {
  ParsedIntrinsic parsed = parse_intrinsic(text);
  std::string problem = parsed.ok() ? find_problem(parsed.call) : parsed.error;
  if (problem.empty() && count_calls(parsed.call) > kMaxCalls) {
    problem = fmt::format("a field may hold at most {} intrinsic functions, found {}", kMaxCalls,
                          count_calls(parsed.call));
  }
  if (!problem.empty()) {
    return Error{std::string(errors::kRuntime),
                 fmt::format("'{}' is not a valid intrinsic function call: {}", quoted_text(text),
                             problem)};
  }
  resolve_functions(parsed.call);
  return std::move(parsed.call);
}

struct Scope {
  std::string_view field;
  const Json& input;
  const PathContext& context;
  Random& random;
};

Result<Json> evaluate_node(const IntrinsicNode& node, const Scope& scope);

Result<Json> evaluate_call(const IntrinsicNode& node, const Scope& scope) {
  std::vector<Json> arguments;
  arguments.reserve(node.arguments.size());
  for (const IntrinsicNode& argument : node.arguments) {
    Result<Json> value = evaluate_node(argument, scope);
    if (!value) return value.error();
    arguments.push_back(std::move(*value));
  }
  // Every evaluated tree comes from parse_checked, which resolved its functions.
  return node.function->apply(IntrinsicCall{node, arguments, scope.random});
}

Result<Json> evaluate_node(const IntrinsicNode& node, const Scope& scope) {
  switch (node.kind) {
    case IntrinsicNode::Kind::kLiteral:
    case IntrinsicNode::Kind::kString: return node.value;
    case IntrinsicNode::Kind::kCall: return evaluate_call(node, scope);
    case IntrinsicNode::Kind::kPath: break;
  }
  Result<std::optional<Json>> found = find_path(node.text, scope.input, scope.context);
  if (!found) return found.error();
  if (!*found) {
    return missing_path_error(node.text, scope.field,
                              path_document(node.text, scope.input, scope.context));
  }
  return std::move(**found);
}

}  // namespace

bool is_intrinsic_call(std::string_view text) {
  constexpr std::string_view kPrefix = "States.";
  if (!text.starts_with(kPrefix)) return false;
  std::size_t end = kPrefix.size();
  while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
  return end > kPrefix.size() && end < text.size() && text[end] == '(';
}

std::string check_intrinsic(std::string_view text) {
  const Result<IntrinsicNode> call = parse_checked(text);
  return call ? "" : call.error().cause;
}

Result<Json> evaluate_intrinsic(std::string_view text, const Json& input,
                                const PathContext& context, Random& random) {
  return evaluate_intrinsic_for_field(text, "", input, context, random);
}

Result<Json> evaluate_intrinsic_for_field(std::string_view text, std::string_view field,
                                          const Json& input, const PathContext& context,
                                          Random& random) {
  static thread_local ParseCache<Result<IntrinsicNode>> calls;  // dataflow/parse_cache.h
  const auto call = calls.get(text, [&] { return parse_checked(text); });
  if (!*call) return call->error();
  return evaluate_node(**call, Scope{field, input, context, random});
}

}  // namespace conflictctl::dataflow
