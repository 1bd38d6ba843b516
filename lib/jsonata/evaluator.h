#pragma once
// The JSONata evaluator: one Evaluator per evaluation, walking the tree of ast.h.
// Internal to lib/jsonata (jsonata.h is the interface).
//
// Values during evaluation are `Val`: a Json (or undefined) with jsonata-js's sequence
// flags on its outermost array. Functions (lambdas, built-ins, partial applications) live in
// the evaluation's function table and travel inside Json as a binary value holding their
// index, so that arrays and objects can hold them as jsonata-js's can.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "jsonata/ast.h"
#include "jsonata/jsonata.h"

namespace conflictctl::jsonata {

struct Val {
  Json json;
  bool defined = false;
  bool sequence = false;
  bool keep_singleton = false;
  bool cons = false;
  bool outer_wrapper = false;

  Val() = default;
  explicit Val(Json value) : json(std::move(value)), defined(true) {}
  static Val seq() {
    Val v(Json::array());
    v.sequence = true;
    return v;
  }
  bool is_array() const { return defined && json.is_array(); }
};

bool is_function(const Json& value);
bool is_number(const Json& value);

struct Frame {
  std::shared_ptr<const Frame> parent;
  std::vector<std::pair<std::string, Val>> bindings;
  void bind(std::string name, Val value);
  const Val* find(std::string_view name) const;
};
using FramePtr = std::shared_ptr<Frame>;

class Evaluator;
using BuiltinCall = Result<Val> (*)(Evaluator&, std::vector<Val>& args, const Val& input);

struct Builtin {
  const char* name;
  const char* signature;
  int arity;  // what jsonata-js's higher-order functions pass a function of this arity
  BuiltinCall call;
};

// The built-in function library (functions.cc).
const std::vector<Builtin>& builtins();

struct Function {
  enum class Kind { kLambda, kBuiltin, kNative, kPartial, kTransform, kRegex };
  Kind kind = Kind::kLambda;
  const Node* node = nullptr;     // kLambda: the lambda; kTransform: the transform
  std::shared_ptr<const Frame> frame;
  Val input;
  std::vector<std::string> params;
  const Signature* signature = nullptr;
  const Builtin* builtin = nullptr;
  const NativeFunction* native = nullptr;
  std::optional<Signature> own_signature;  // kNative
  std::string name;
  Json target;                              // kPartial: the function applied
  std::vector<std::optional<Val>> bound;    // kPartial: nullopt for each '?'
  std::shared_ptr<const Regex> regex;       // kRegex
  bool thunk = false;
};

class Evaluator {
 public:
  Evaluator(const Environment& environment, Timestamp now);

  Result<Value> run(const Node& root, const Value& input);

  // For the function library.
  Result<Val> apply(const Val& procedure, std::vector<Val> args, const Val& input);
  int arity(const Json& function) const;
  const Function* function(const Json& value) const;
  Json make_function(Function function);
  Result<void> step(std::uint64_t count = 1);
  // check_depth for a value just built, with its size charged as steps (so that a loop that
  // doubles a value each time ends at Limits::max_steps, not at the end of the memory).
  Result<void> check_built(const Json& value);
  Random& random();
  Timestamp now() const { return now_; }
  const Limits& limits() const { return environment_.limits; }
  Result<Val> eval_text(const std::string& text, const Val& input);

 private:
  Result<Val> eval(const Node& node, const Val& input, const FramePtr& env);
  Result<Val> eval_inner(const Node& node, const Val& input, const FramePtr& env);
  Result<Val> eval_path(const Node& node, const Val& input, const FramePtr& env);
  Result<Val> eval_step(const Node& step, const std::vector<Val>& input, const FramePtr& env,
                        bool last);
  struct Tuple {
    Val at;
    std::vector<std::pair<std::string, Val>> bindings;
  };
  Result<std::vector<Tuple>> eval_tuple_step(const Node& step, const std::vector<Val>& input,
                                             std::optional<std::vector<Tuple>> tuples,
                                             const FramePtr& env);
  FramePtr tuple_frame(const FramePtr& env, const Tuple& tuple);
  Result<Val> filter(const Node& predicate, const Val& input, const FramePtr& env);
  Result<std::vector<Tuple>> filter_tuples(const Node& predicate, std::vector<Tuple> input,
                                           const FramePtr& env);
  Result<Val> eval_binary(const Node& node, const Val& input, const FramePtr& env);
  Result<Val> eval_group(const Group& group, const Val& input,
                         const std::vector<Tuple>* tuples, const FramePtr& env);
  Result<Val> eval_object(const Node& node, const Val& input, const FramePtr& env);
  // What eval_group and eval_object share: the pairs of a group or object constructor.
  Result<Val> eval_pairs(const std::vector<std::pair<NodePtr, NodePtr>>& pairs,
                         std::size_t position, const Val& input,
                         const std::vector<Tuple>* tuples, const FramePtr& env);
  Result<std::vector<Val>> eval_sort(const Node& sort, const std::vector<Val>& input,
                                     const FramePtr& env);
  Result<std::vector<Tuple>> eval_sort_tuples(const Node& sort, std::vector<Tuple> input,
                                              const FramePtr& env);
  Result<Val> eval_call(const Node& node, const Val& input, const FramePtr& env,
                        const Val* apply_to);
  Result<Val> eval_partial(const Node& node, const Val& input, const FramePtr& env);
  Result<Val> eval_apply(const Node& node, const Val& input, const FramePtr& env);
  Result<Val> lookup_variable(const std::string& name, const FramePtr& env);
  Result<Val> apply_inner(const Val& procedure, std::vector<Val> args, const Val& input);
  Result<std::vector<Val>> validate(const Signature& signature, std::vector<Val> args,
                                    const Val& context, const std::string& name);
  Result<Val> transform(const Function& function, const Val& object);

  const Environment& environment_;
  Timestamp now_;
  std::vector<std::shared_ptr<Function>> functions_;
  std::map<std::string, Json, std::less<>> builtin_cache_;
  std::map<std::string, Val, std::less<>> variable_cache_;
  std::optional<Random> own_random_;
  std::size_t depth_ = 0;
  // Where the machine stack stood when the evaluation began (eval() checks how far it has
  // grown since: kStackBudgetBytes).
  std::uintptr_t stack_base_ = 0;
  std::uint64_t steps_ = 0;
  FramePtr root_;
  std::vector<NodePtr> evaluated_trees_;  // $eval texts, alive while their functions are
};

// Helpers shared with the function library.
Json number_value(double number);                 // integral → integer Json
bool deep_equal(const Json& a, const Json& b);
bool truthy(const Val& value);                    // fn.boolean (undefined → false)
std::optional<bool> to_boolean(const Val& value); // fn.boolean
Result<std::string> to_string(const Val& value, bool pretty = false);  // $string
std::string js_number_text(double number);        // Number.prototype.toString
Val append(Val a, const Val& b);                  // fn.append
Val lookup(const Json& in, const std::string& key);  // fn.lookup: `key` of each object in `in`
Json strip_functions(const Json& value);          // functions → as JSON.stringify drops them
Error runtime_error(std::string code, std::string message,
                    std::optional<std::size_t> position = std::nullopt);
std::string stringify_for_message(const Json& value);

// Values an expression builds may nest at most this deep (arrays and objects), so that
// copying, printing and comparing them (which recurse once per level) stay within the stack.
// Inputs are already bounded by kMaxJsonDepth (core/json_text.h).
inline constexpr std::size_t kMaxValueDepth = 500;
// U1001 when `value` nests deeper than kMaxValueDepth; else the number of arrays and objects
// and their items visited. Iterative; O(size of value).
Result<std::size_t> check_depth(const Json& value);

}  // namespace conflictctl::jsonata
