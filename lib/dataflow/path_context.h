#pragma once
// What a JSONPath can read besides the value it is evaluated against.
//
// A path starts from one of three roots:
//   "$"      the value the field reads (a state's input, a task's result, …), passed apart;
//   "$$"     the context object ($$.Execution.Id, $$.Map.Item.Value, …);
//   "$name"  the workflow variable `name` (AWS: "To reference a variable, prepend the name
//            with a dollar sign ($)", e.g. "$productName" or "$order.items[0]").
// A PathContext carries the last two. It is built implicitly from the context object alone,
// for callers with no variables in scope: every "$name" path then fails as undefined.
//
// Both are borrowed: they must outlive the PathContext. Thread safety is the Variables'.
#include <string_view>

#include "core/json.h"

namespace conflictctl::dataflow {

// The workflow variables a state can read (engine/variables.h implements it per scope).
class Variables {
 public:
  virtual ~Variables() = default;
  // The value of `name` (without the '$'), or null when no visible scope defines it.
  virtual const Json* find(std::string_view name) const = 0;
  // Every visible variable, name → value (JSONata binds them all by name).
  virtual Json visible() const = 0;
};

struct PathContext {
  // NOLINTNEXTLINE(google-explicit-constructor): a context object alone is a PathContext.
  PathContext(const Json& context_object, const Variables* visible = nullptr)
      : object(context_object), variables(visible) {}

  const Json& object;                    // "$$"
  const Variables* variables = nullptr;  // "$name"; null: none defined
};

// Whether `text` starts with a variable root: '$' then a letter, '_' or a non-ASCII byte.
bool starts_with_variable(std::string_view text);

// The name of the variable a path starting with one reads ("$order.items" → "order").
std::string_view variable_name(std::string_view text);

// Whether `c` may be part of a variable name: a letter, digit, '_' or a non-ASCII byte.
bool is_variable_name_char(char c);

}  // namespace conflictctl::dataflow
