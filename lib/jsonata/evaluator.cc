#include "jsonata/evaluator.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "jsonata/parser.h"
#include "jsonata/regex.h"

namespace conflictctl::jsonata {

#define JSONATA_TRY(name, expression)             \
  auto name##_result = (expression);              \
  if (!name##_result) return name##_result.error(); \
  auto name = std::move(*name##_result)

namespace {

constexpr std::uint64_t kFunctionSubtype = 0x4A53;  // "JS"

// floor(d) as an index into `size` items, negative from the end; -1 when out of range.
std::int64_t index_into(double d, std::int64_t size) {
  double index = std::floor(d);
  if (index < 0) index += static_cast<double>(size);
  if (!(index >= 0) || index >= static_cast<double>(size)) return -1;
  return static_cast<std::int64_t>(index);
}

std::vector<Val> items_of(const Val& value) {
  std::vector<Val> items;
  if (!value.defined) return items;
  if (value.json.is_array()) {
    items.reserve(value.json.size());
    for (const Json& item : value.json) items.emplace_back(item);
  } else {
    items.push_back(value);
  }
  return items;
}

Val sequence_of(std::vector<Val> items) {
  Val seq = Val::seq();
  for (Val& item : items) {
    if (item.defined) seq.json.push_back(std::move(item.json));
  }
  return seq;
}

}  // namespace

bool is_function(const Json& value) {
  return value.is_binary() && value.get_binary().has_subtype() &&
         value.get_binary().subtype() == kFunctionSubtype;
}

bool is_number(const Json& value) { return value.is_number(); }

Json number_value(double number) {
  if (number == 0 && std::signbit(number)) return Json(0);
  if (std::nearbyint(number) == number && std::fabs(number) < 9007199254740992.0) {
    return Json(static_cast<std::int64_t>(number));
  }
  return Json(number);
}

Error runtime_error(std::string code, std::string message, std::optional<std::size_t> position) {
  if (position) message = fmt::format("{} (position {})", message, *position);
  return Error{std::move(code), std::move(message)};
}

std::string stringify_for_message(const Json& value) {
  if (is_function(value)) return "{}";
  const Json plain = strip_functions(value);
  std::string text = plain.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > 200) text = text.substr(0, 200) + "…";
  return text;
}

Json strip_functions(const Json& value) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(strip_functions(item));
    return out;
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it)
      out[it.key()] = strip_functions(it.value());
    return out;
  }
  if (is_function(value)) return Json("");
  return value;
}

Result<std::size_t> check_depth(const Json& value) {
  std::size_t visited = 0;
  if (!value.is_structured()) return visited;
  std::vector<std::pair<const Json*, std::size_t>> stack{{&value, 1}};
  while (!stack.empty()) {
    auto [j, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxValueDepth) {
      return Error{"U1001", fmt::format("A value would nest more than {} levels deep",
                                        kMaxValueDepth)};
    }
    visited += 1 + j->size();
    for (const Json& child : *j) {
      if (child.is_structured()) stack.emplace_back(&child, depth + 1);
    }
  }
  return visited;
}

Result<void> Evaluator::check_built(const Json& value) {
  Result<std::size_t> visited = check_depth(value);
  if (!visited) return visited.error();
  return step(*visited);
}

bool deep_equal(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!deep_equal(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !deep_equal(it.value(), *other)) return false;
    }
    return true;
  }
  if (a.is_binary()) return a.get_binary() == b.get_binary();
  return a == b;
}

std::optional<bool> to_boolean(const Val& value) {
  if (!value.defined) return std::nullopt;
  const Json& j = value.json;
  if (j.is_array()) {
    if (j.size() == 1) return to_boolean(Val(j[0]));
    for (const Json& item : j) {
      if (to_boolean(Val(item)).value_or(false)) return true;
    }
    return false;
  }
  if (j.is_string()) return !j.get_ref<const std::string&>().empty();
  if (j.is_number()) return j.get<double>() != 0;
  if (j.is_object()) return !j.empty();
  if (j.is_boolean()) return j.get<bool>();
  return false;
}

bool truthy(const Val& value) { return to_boolean(value).value_or(false); }

Val lookup(const Json& in, const std::string& key) {
  if (in.is_array()) {
    Val seq = Val::seq();
    for (const Json& item : in) {
      Val found = lookup(item, key);
      if (!found.defined) continue;
      if (found.json.is_array()) {
        for (Json& v : found.json) seq.json.push_back(std::move(v));
      } else {
        seq.json.push_back(std::move(found.json));
      }
    }
    return seq;
  }
  if (in.is_object()) {
    auto it = in.find(key);
    if (it != in.end()) return Val(*it);
  }
  return Val();
}

Val append(Val a, const Val& b) {
  if (!a.defined) return b;
  if (!b.defined) return a;
  if (!a.json.is_array()) {
    Val seq = Val::seq();
    seq.json.push_back(std::move(a.json));
    a = std::move(seq);
  }
  if (b.json.is_array()) {
    for (const Json& item : b.json) a.json.push_back(item);
  } else {
    a.json.push_back(b.json);
  }
  return a;
}

void Frame::bind(std::string name, Val value) {
  for (auto& [key, existing] : bindings) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  bindings.emplace_back(std::move(name), std::move(value));
}

const Val* Frame::find(std::string_view name) const {
  for (const Frame* frame = this; frame != nullptr; frame = frame->parent.get()) {
    for (const auto& [key, value] : frame->bindings) {
      if (key == name) return &value;
    }
  }
  return nullptr;
}

Evaluator::Evaluator(const Environment& environment, Timestamp now)
    : environment_(environment), now_(now), root_(std::make_shared<Frame>()) {
  stack_base_ = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
}

Random& Evaluator::random() {
  if (environment_.random != nullptr) return *environment_.random;
  if (!own_random_) own_random_.emplace(0);
  return *own_random_;
}

Result<void> Evaluator::step(std::uint64_t count) {
  steps_ += count;
  if (steps_ > environment_.limits.max_steps) {
    return Error{"U1001", fmt::format("The evaluation took more than {} steps. Check for an "
                                      "infinite loop or a non-terminating recursive function",
                                      environment_.limits.max_steps)};
  }
  return {};
}

Json Evaluator::make_function(Function function) {
  const std::uint64_t id = functions_.size();
  functions_.push_back(std::make_shared<Function>(std::move(function)));
  std::vector<std::uint8_t> bytes(8);
  std::memcpy(bytes.data(), &id, 8);
  return Json::binary(std::move(bytes), kFunctionSubtype);
}

const Function* Evaluator::function(const Json& value) const {
  if (!is_function(value)) return nullptr;
  std::uint64_t id = 0;
  std::memcpy(&id, value.get_binary().data(), 8);
  return id < functions_.size() ? functions_[id].get() : nullptr;
}

int Evaluator::arity(const Json& value) const {
  const Function* f = function(value);
  if (f == nullptr) return 0;
  switch (f->kind) {
    case Function::Kind::kLambda: return static_cast<int>(f->params.size());
    case Function::Kind::kBuiltin: return f->builtin->arity;
    case Function::Kind::kNative:
      return f->own_signature ? static_cast<int>(f->own_signature->params.size()) : 1;
    case Function::Kind::kPartial: {
      int n = 0;
      for (const auto& b : f->bound) n += b ? 0 : 1;
      return n;
    }
    case Function::Kind::kTransform:
    case Function::Kind::kRegex: return 1;
  }
  return 0;
}

Result<Value> Evaluator::run(const Node& root, const Value& input) {
  Val in;
  if (input) {
    if (input->is_array()) {
      in = Val::seq();
      in.json.push_back(*input);
      in.outer_wrapper = true;
    } else {
      in = Val(*input);
    }
  }
  root_->bind("$", in);
  JSONATA_TRY(result, eval(root, in, root_));
  if (!result.defined) return Value();
  if (is_function(result.json)) return Value(Json(""));
  return Value(strip_functions(result.json));
}

Result<Val> Evaluator::eval(const Node& node, const Val& input, const FramePtr& env) {
  // The depth bound alone does not bound the stack: a level's frames are several times larger
  // in a sanitizer build than in a release one. The stack grows down on the targets built.
  const auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  if (stack_base_ > here && stack_base_ - here > kStackBudgetBytes) {
    return Error{"U1001", fmt::format("Stack overflow error: the evaluation used more than {} "
                                      "bytes of stack. Check for non-terminating recursive "
                                      "function. Consider rewriting as tail-recursive",
                                      kStackBudgetBytes)};
  }
  if (++depth_ > environment_.limits.max_depth) {
    --depth_;
    return Error{"U1001", fmt::format("Stack overflow error: the evaluation nests more than {} "
                                      "levels deep. Check for non-terminating recursive function. "
                                      "Consider rewriting as tail-recursive",
                                      environment_.limits.max_depth)};
  }
  if (auto s = step(); !s) {
    --depth_;
    return s.error();
  }
  Result<Val> result = eval_inner(node, input, env);
  --depth_;
  return result;
}

Result<Val> Evaluator::eval_inner(const Node& node, const Val& input, const FramePtr& env) {
  Val result;
  switch (node.type) {
    case NodeType::kPath: {
      JSONATA_TRY(r, eval_path(node, input, env));
      result = std::move(r);
      break;
    }
    case NodeType::kBinary: {
      JSONATA_TRY(r, eval_binary(node, input, env));
      result = std::move(r);
      break;
    }
    case NodeType::kNegate: {
      JSONATA_TRY(r, eval(*node.lhs, input, env));
      if (r.defined) {
        if (!r.json.is_number()) {
          return runtime_error("D1002", "Cannot negate a non-numeric value: " +
                                            stringify_for_message(r.json),
                               node.position);
        }
        result = Val(number_value(-r.json.get<double>()));
      }
      break;
    }
    case NodeType::kArray: {
      Val array(Json::array());
      for (const NodePtr& item : node.items) {
        JSONATA_TRY(value, eval(*item, input, env));
        if (!value.defined) continue;
        if (item->type == NodeType::kArray) {
          if (auto d = check_built(value.json); !d) return runtime_error(d.error().name,
                                                                         d.error().cause,
                                                                         node.position);
          array.json.push_back(std::move(value.json));
        } else {
          if (auto st = step(value.json.is_array() ? value.json.size() / 4 : 0); !st) {
            return st.error();
          }
          array = append(std::move(array), value);
        }
      }
      array.sequence = false;
      if (node.cons_array) array.cons = true;
      result = std::move(array);
      break;
    }
    case NodeType::kObject: {
      JSONATA_TRY(r, eval_object(node, input, env));
      result = std::move(r);
      break;
    }
    case NodeType::kName: {
      if (input.defined) result = lookup(input.json, node.text);
      break;
    }
    case NodeType::kLiteral:
      result = Val(node.literal);
      break;
    case NodeType::kWildcard: {
      Val seq = Val::seq();
      const Json* in = input.defined ? &input.json : nullptr;
      if (in && input.outer_wrapper && in->is_array() && !in->empty()) in = &(*in)[0];
      if (in && in->is_structured()) {  // an array's "keys" are its indexes, as in JavaScript
        std::function<void(const Json&)> flatten = [&](const Json& v) {
          if (v.is_array()) {
            for (const Json& item : v) flatten(item);
          } else {
            seq.json.push_back(v);
          }
        };
        for (auto it = in->begin(); it != in->end(); ++it) flatten(it.value());
      }
      result = std::move(seq);
      break;
    }
    case NodeType::kDescendant: {
      if (!input.defined) break;
      Val seq = Val::seq();
      std::function<void(const Json&)> recurse = [&](const Json& v) {
        if (!v.is_array()) seq.json.push_back(v);
        if (v.is_array()) {
          for (const Json& item : v) recurse(item);
        } else if (v.is_object()) {
          for (auto it = v.begin(); it != v.end(); ++it) recurse(it.value());
        }
      };
      recurse(input.json);
      if (seq.json.size() == 1) {
        result = Val(std::move(seq.json[0]));
      } else {
        result = std::move(seq);
      }
      break;
    }
    case NodeType::kCondition: {
      JSONATA_TRY(condition, eval(*node.lhs, input, env));
      if (truthy(condition)) {
        JSONATA_TRY(r, eval(*node.rhs, input, env));
        result = std::move(r);
      } else if (node.third) {
        JSONATA_TRY(r, eval(*node.third, input, env));
        result = std::move(r);
      }
      break;
    }
    case NodeType::kElvis:
    case NodeType::kCoalesce: {
      JSONATA_TRY(lhs, eval(*node.lhs, input, env));
      const bool keep = node.type == NodeType::kElvis ? truthy(lhs) : lhs.defined;
      if (keep) {
        result = std::move(lhs);
      } else {
        JSONATA_TRY(r, eval(*node.rhs, input, env));
        result = std::move(r);
      }
      break;
    }
    case NodeType::kBlock: {
      auto frame = std::make_shared<Frame>();
      frame->parent = env;
      for (const NodePtr& item : node.items) {
        JSONATA_TRY(r, eval(*item, input, frame));
        result = std::move(r);
      }
      break;
    }
    case NodeType::kBind: {
      JSONATA_TRY(value, eval(*node.rhs, input, env));
      env->bind(node.text, value);
      result = std::move(value);
      break;
    }
    case NodeType::kRegex: {
      Function f;
      f.kind = Function::Kind::kRegex;
      f.regex = node.regex;
      result = Val(make_function(std::move(f)));
      break;
    }
    case NodeType::kCall: {
      JSONATA_TRY(r, eval_call(node, input, env, nullptr));
      result = std::move(r);
      break;
    }
    case NodeType::kPartial: {
      JSONATA_TRY(r, eval_partial(node, input, env));
      result = std::move(r);
      break;
    }
    case NodeType::kVariable: {
      if (node.text.empty()) {
        result = input;
        if (input.defined && input.outer_wrapper && input.json.is_array() && !input.json.empty()) {
          result = Val(input.json[0]);
        }
        // A flagged sequence stays as it is (its flags matter to the caller).
      } else {
        JSONATA_TRY(r, lookup_variable(node.text, env));
        result = std::move(r);
      }
      break;
    }
    case NodeType::kLambda: {
      Function f;
      f.kind = Function::Kind::kLambda;
      f.node = &node;
      f.frame = env;
      f.input = input;
      f.params = node.params;
      f.signature = node.signature ? &*node.signature : nullptr;
      f.thunk = node.thunk;
      result = Val(make_function(std::move(f)));
      break;
    }
    case NodeType::kApply: {
      JSONATA_TRY(r, eval_apply(node, input, env));
      result = std::move(r);
      break;
    }
    case NodeType::kTransform: {
      Function f;
      f.kind = Function::Kind::kTransform;
      f.node = &node;
      f.frame = env;
      static const Signature kTransformSignature = *Signature::parse("<(oa):o>");
      f.signature = &kTransformSignature;
      result = Val(make_function(std::move(f)));
      break;
    }
    default:
      return runtime_error("S0206", "Unknown expression type", node.position);
  }
  for (const NodePtr& predicate : node.predicates) {
    JSONATA_TRY(r, filter(*predicate, result, env));
    result = std::move(r);
  }
  if (node.type != NodeType::kPath && node.group) {
    JSONATA_TRY(r, eval_group(*node.group, result, nullptr, env));
    result = std::move(r);
  }
  if (result.defined && result.sequence && result.json.is_array()) {
    if (node.keep_array) result.keep_singleton = true;
    if (result.json.empty()) {
      result = Val();
    } else if (result.json.size() == 1 && !result.keep_singleton) {
      result = Val(std::move(result.json[0]));
    }
  }
  return result;
}

Result<Val> Evaluator::lookup_variable(const std::string& name, const FramePtr& env) {
  if (const Val* v = env->find(name)) return *v;
  if (auto it = variable_cache_.find(name); it != variable_cache_.end()) return it->second;
  if (auto it = environment_.variables.find(name); it != environment_.variables.end()) {
    Val v(it->second);
    variable_cache_.emplace(name, v);
    return v;
  }
  if (auto it = builtin_cache_.find(name); it != builtin_cache_.end()) return Val(it->second);
  if (auto it = environment_.functions.find(name); it != environment_.functions.end()) {
    Function f;
    f.kind = Function::Kind::kNative;
    f.native = &it->second;
    f.name = name;
    if (!it->second.signature.empty()) {
      Result<Signature> signature = Signature::parse(it->second.signature);
      if (!signature) return signature.error();
      f.own_signature = std::move(*signature);
    }
    Json fn = make_function(std::move(f));
    Function* made = functions_.back().get();
    if (made->own_signature) made->signature = &*made->own_signature;
    builtin_cache_.emplace(name, fn);
    return Val(fn);
  }
  for (const Builtin& builtin : builtins()) {
    if (name == builtin.name) {
      static std::map<std::string, Signature, std::less<>> signatures = [] {
        std::map<std::string, Signature, std::less<>> map;
        for (const Builtin& b : builtins()) map.emplace(b.name, *Signature::parse(b.signature));
        return map;
      }();
      Function f;
      f.kind = Function::Kind::kBuiltin;
      f.builtin = &builtin;
      f.name = name;
      f.signature = &signatures.find(name)->second;
      Json fn = make_function(std::move(f));
      builtin_cache_.emplace(name, fn);
      return Val(fn);
    }
  }
  return Val();
}

Result<Val> Evaluator::eval_path(const Node& node, const Val& input, const FramePtr& env) {
  std::vector<Val> input_sequence;
  if (input.is_array() && node.items[0]->type != NodeType::kVariable) {
    input_sequence = items_of(input);
  } else {
    input_sequence.push_back(input);
  }
  Val result_sequence;
  bool tuple_stream = false;
  std::optional<std::vector<Tuple>> tuples;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node& step = *node.items[i];
    if (step.tuple) tuple_stream = true;
    if (i == 0 && step.cons_array) {
      Val whole = Val::seq();
      for (const Val& v : input_sequence) {
        if (v.defined) whole.json.push_back(v.json);
      }
      if (input_sequence.size() == 1) whole = input_sequence[0];
      JSONATA_TRY(r, eval(step, whole, env));
      result_sequence = std::move(r);
    } else if (tuple_stream) {
      JSONATA_TRY(t, eval_tuple_step(step, input_sequence, std::move(tuples), env));
      tuples = std::move(t);
    } else {
      JSONATA_TRY(r, eval_step(step, input_sequence, env, i + 1 == node.items.size()));
      result_sequence = std::move(r);
    }
    if (!tuple_stream && (!result_sequence.defined ||
                          (result_sequence.json.is_array() && result_sequence.json.empty()))) {
      break;
    }
    if (step.focus.empty()) {
      if (tuple_stream) {
        input_sequence.clear();
        for (const Tuple& t : *tuples) input_sequence.push_back(t.at);
      } else {
        input_sequence = result_sequence.json.is_array() ? items_of(result_sequence)
                                                         : std::vector<Val>{result_sequence};
      }
    }
  }
  if (tuple_stream) {
    result_sequence = Val::seq();
    if (tuples) {
      for (const Tuple& t : *tuples) {
        if (t.at.defined) result_sequence.json.push_back(t.at.json);
      }
    }
  }
  if (node.keep_singleton_array) {
    if (result_sequence.is_array() && result_sequence.cons && !result_sequence.sequence) {
      Val wrapped = Val::seq();
      wrapped.json.push_back(std::move(result_sequence.json));
      result_sequence = std::move(wrapped);
    }
    if (!result_sequence.defined) result_sequence = Val::seq();
    if (!result_sequence.json.is_array()) {
      Val wrapped = Val::seq();
      wrapped.json.push_back(std::move(result_sequence.json));
      result_sequence = std::move(wrapped);
    }
    result_sequence.keep_singleton = true;
  }
  if (node.group) {
    if (tuple_stream) {
      std::vector<Tuple> empty;
      return eval_group(*node.group, Val(), tuples ? &*tuples : &empty, env);
    }
    return eval_group(*node.group, result_sequence, nullptr, env);
  }
  return result_sequence;
}

Result<Val> Evaluator::eval_step(const Node& step, const std::vector<Val>& input,
                                 const FramePtr& env, bool last) {
  if (step.type == NodeType::kSort) {
    JSONATA_TRY(sorted, eval_sort(step, input, env));
    Val result = sequence_of(std::move(sorted));
    for (const Stage& stage : step.stages) {
      if (stage.is_index) continue;
      JSONATA_TRY(r, filter(*stage.filter, result, env));
      result = std::move(r);
    }
    return result;
  }
  std::vector<Val> results;
  for (const Val& item : input) {
    JSONATA_TRY(res, eval(step, item, env));
    for (const Stage& stage : step.stages) {
      if (stage.is_index) continue;
      JSONATA_TRY(r, filter(*stage.filter, res, env));
      res = std::move(r);
    }
    if (res.defined) results.push_back(std::move(res));
  }
  if (last && results.size() == 1 && results[0].is_array() && !results[0].sequence) {
    return std::move(results[0]);
  }
  Val sequence = Val::seq();
  for (Val& res : results) {
    if (!res.json.is_array() || res.cons) {
      sequence.json.push_back(std::move(res.json));
    } else {
      for (Json& v : res.json) sequence.json.push_back(std::move(v));
    }
  }
  if (auto s = this->step(0); !s) return s.error();
  return sequence;
}

FramePtr Evaluator::tuple_frame(const FramePtr& env, const Tuple& tuple) {
  auto frame = std::make_shared<Frame>();
  frame->parent = env;
  for (const auto& [name, value] : tuple.bindings) frame->bind(name, value);
  return frame;
}

Result<std::vector<Evaluator::Tuple>> Evaluator::eval_tuple_step(
    const Node& step, const std::vector<Val>& input, std::optional<std::vector<Tuple>> tuples,
    const FramePtr& env) {
  std::vector<Tuple> result;
  if (step.type == NodeType::kSort) {
    if (tuples) {
      JSONATA_TRY(sorted, eval_sort_tuples(step, std::move(*tuples), env));
      result = std::move(sorted);
    } else {
      JSONATA_TRY(sorted, eval_sort(step, input, env));
      for (std::size_t i = 0; i < sorted.size(); ++i) {
        Tuple t;
        t.at = sorted[i];
        if (!step.index.empty()) t.bindings.emplace_back(step.index, Val(Json(i)));
        result.push_back(std::move(t));
      }
    }
  } else {
    if (!tuples) {
      tuples.emplace();
      for (const Val& item : input) tuples->push_back(Tuple{item, {}});
    }
    for (const Tuple& tuple : *tuples) {
      FramePtr frame = tuple_frame(env, tuple);
      JSONATA_TRY(res, eval(step, tuple.at, frame));
      if (!res.defined) continue;
      std::vector<Val> values = res.json.is_array() ? items_of(res) : std::vector<Val>{res};
      for (std::size_t b = 0; b < values.size(); ++b) {
        Tuple t = tuple;
        if (!step.focus.empty()) {
          bool found = false;
          for (auto& [name, value] : t.bindings) {
            if (name == step.focus) {
              value = values[b];
              found = true;
            }
          }
          if (!found) t.bindings.emplace_back(step.focus, values[b]);
        } else {
          t.at = values[b];
        }
        if (!step.index.empty()) {
          bool found = false;
          for (auto& [name, value] : t.bindings) {
            if (name == step.index) {
              value = Val(Json(b));
              found = true;
            }
          }
          if (!found) t.bindings.emplace_back(step.index, Val(Json(b)));
        }
        result.push_back(std::move(t));
      }
    }
  }
  for (const Stage& stage : step.stages) {
    if (stage.is_index) {
      for (std::size_t i = 0; i < result.size(); ++i) {
        bool found = false;
        for (auto& [name, value] : result[i].bindings) {
          if (name == stage.variable) {
            value = Val(Json(i));
            found = true;
          }
        }
        if (!found) result[i].bindings.emplace_back(stage.variable, Val(Json(i)));
      }
    } else {
      JSONATA_TRY(filtered, filter_tuples(*stage.filter, std::move(result), env));
      result = std::move(filtered);
    }
  }
  return result;
}

Result<std::vector<Evaluator::Tuple>> Evaluator::filter_tuples(const Node& predicate,
                                                               std::vector<Tuple> input,
                                                               const FramePtr& env) {
  std::vector<Tuple> results;
  const auto size = static_cast<std::int64_t>(input.size());
  if (predicate.type == NodeType::kLiteral && predicate.literal.is_number()) {
    const std::int64_t index = index_into(predicate.literal.get<double>(), size);
    if (index >= 0) results.push_back(std::move(input[index]));
    return results;
  }
  for (std::int64_t index = 0; index < size; ++index) {
    Tuple& item = input[index];
    FramePtr frame = tuple_frame(env, item);
    JSONATA_TRY(res, eval(predicate, item.at, frame));
    if (res.defined && res.json.is_number()) res = Val(Json::array({res.json}));
    bool numbers = res.is_array();
    if (numbers) {
      for (const Json& v : res.json) numbers = numbers && v.is_number();
    }
    if (numbers) {
      for (const Json& v : res.json) {
        if (index_into(v.get<double>(), size) == index) results.push_back(item);
      }
    } else if (truthy(res)) {
      results.push_back(item);
    }
  }
  return results;
}

Result<Val> Evaluator::filter(const Node& predicate, const Val& input, const FramePtr& env) {
  Val results = Val::seq();
  std::vector<Val> items = input.is_array() ? items_of(input) : std::vector<Val>{input};
  const auto size = static_cast<std::int64_t>(items.size());
  if (predicate.type == NodeType::kLiteral && predicate.literal.is_number()) {
    const std::int64_t index = index_into(predicate.literal.get<double>(), size);
    if (index >= 0 && items[index].defined) {
      if (items[index].json.is_array()) return items[index];
      results.json.push_back(items[index].json);
    }
    return results;
  }
  for (std::int64_t index = 0; index < size; ++index) {
    const Val& item = items[index];
    JSONATA_TRY(res, eval(predicate, item, env));
    if (res.defined && res.json.is_number()) res = Val(Json::array({res.json}));
    bool numbers = res.is_array();
    if (numbers) {
      for (const Json& v : res.json) numbers = numbers && v.is_number();
    }
    if (numbers) {
      for (const Json& v : res.json) {
        if (index_into(v.get<double>(), size) == index && item.defined) {
          results.json.push_back(item.json);
        }
      }
    } else if (truthy(res) && item.defined) {
      results.json.push_back(item.json);
    }
  }
  return results;
}

Result<Val> Evaluator::eval_object(const Node& node, const Val& input, const FramePtr& env) {
  return eval_pairs(node.pairs, node.position, input, nullptr, env);
}

Result<Val> Evaluator::eval_group(const Group& group, const Val& input,
                                  const std::vector<Tuple>* tuples, const FramePtr& env) {
  return eval_pairs(group.pairs, group.position, input, tuples, env);
}

// jsonata-js's evaluateGroupExpression: each item (or tuple) grouped under the key its pair
// gives, then each group's value evaluated once over its items.
Result<Val> Evaluator::eval_pairs(const std::vector<std::pair<NodePtr, NodePtr>>& pairs,
                                  std::size_t position, const Val& input,
                                  const std::vector<Tuple>* tuples, const FramePtr& env) {
  struct Entry {
    Val data;
    std::vector<Tuple> tuples;
    std::size_t pair;
  };
  std::vector<std::pair<std::string, Entry>> groups;
  std::vector<Val> items;
  if (!tuples) {
    items = input.is_array() ? items_of(input) : std::vector<Val>{input};
    if (items.empty()) items.emplace_back();
  }
  const std::size_t count = tuples ? tuples->size() : items.size();
  for (std::size_t i = 0; i < count; ++i) {
    const Val& item = tuples ? (*tuples)[i].at : items[i];
    FramePtr frame = tuples ? tuple_frame(env, (*tuples)[i]) : env;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      JSONATA_TRY(key, eval(*pairs[p].first, item, frame));
      if (!key.defined) continue;
      if (!key.json.is_string()) {
        return runtime_error("T1003", "Key in object structure must evaluate to a string; got: " +
                                          stringify_for_message(key.json),
                             position);
      }
      const std::string& k = key.json.get_ref<const std::string&>();
      auto it = std::find_if(groups.begin(), groups.end(), [&](auto& g) { return g.first == k; });
      if (it != groups.end()) {
        if (it->second.pair != p) {
          return runtime_error("D1009",
                               "Multiple key definitions evaluate to same key: " +
                                   Json(k).dump(-1, ' ', false, Json::error_handler_t::replace),
                               position);
        }
        if (tuples) {
          it->second.tuples.push_back((*tuples)[i]);
        } else {
          it->second.data = append(std::move(it->second.data), item);
        }
      } else {
        Entry entry{tuples ? Val() : item, {}, p};
        if (tuples) entry.tuples.push_back((*tuples)[i]);
        groups.emplace_back(k, std::move(entry));
      }
    }
  }
  Json result = Json::object();
  for (auto& [key, entry] : groups) {
    Val context = entry.data;
    FramePtr frame = env;
    if (tuples) {
      // reduceTupleStream: each binding appended across the group's tuples.
      Tuple reduced = entry.tuples[0];
      for (std::size_t t = 1; t < entry.tuples.size(); ++t) {
        reduced.at = append(std::move(reduced.at), entry.tuples[t].at);
        for (const auto& [name, value] : entry.tuples[t].bindings) {
          bool found = false;
          for (auto& [n, v] : reduced.bindings) {
            if (n == name) {
              v = append(std::move(v), value);
              found = true;
            }
          }
          if (!found) reduced.bindings.emplace_back(name, value);
        }
      }
      context = reduced.at;
      frame = tuple_frame(env, reduced);
    }
    JSONATA_TRY(value, eval(*pairs[entry.pair].second, context, frame));
    if (value.defined) result[key] = std::move(value.json);
  }
  if (auto d = check_built(result); !d) return d.error();
  return Val(std::move(result));
}

namespace {

// Merge sort as jsonata-js's $sort: `swap(a, b)` true puts b first; stable.
template <class T, class Swap>
Result<void> merge_sort(std::vector<T>& items, Swap& swap) {
  if (items.size() < 2) return {};
  const std::size_t middle = items.size() / 2;
  std::vector<T> left(std::make_move_iterator(items.begin()),
                      std::make_move_iterator(items.begin() + middle));
  std::vector<T> right(std::make_move_iterator(items.begin() + middle),
                       std::make_move_iterator(items.end()));
  if (auto r = merge_sort(left, swap); !r) return r;
  if (auto r = merge_sort(right, swap); !r) return r;
  items.clear();
  std::size_t l = 0, r = 0;
  while (l < left.size() && r < right.size()) {
    Result<bool> s = swap(left[l], right[r]);
    if (!s) return s.error();
    if (*s) {
      items.push_back(std::move(right[r++]));
    } else {
      items.push_back(std::move(left[l++]));
    }
  }
  while (l < left.size()) items.push_back(std::move(left[l++]));
  while (r < right.size()) items.push_back(std::move(right[r++]));
  return {};
}

}  // namespace

Result<std::vector<Val>> Evaluator::eval_sort(const Node& sort, const std::vector<Val>& input,
                                              const FramePtr& env) {
  std::vector<Tuple> tuples;
  for (const Val& v : input) tuples.push_back(Tuple{v, {}});
  JSONATA_TRY(sorted, eval_sort_tuples(sort, std::move(tuples), env));
  std::vector<Val> out;
  for (Tuple& t : sorted) out.push_back(std::move(t.at));
  return out;
}

Result<std::vector<Evaluator::Tuple>> Evaluator::eval_sort_tuples(const Node& sort,
                                                                  std::vector<Tuple> input,
                                                                  const FramePtr& env) {
  auto swap = [&](const Tuple& a, const Tuple& b) -> Result<bool> {
    int comp = 0;
    for (std::size_t i = 0; comp == 0 && i < sort.terms.size(); ++i) {
      const SortTerm& term = sort.terms[i];
      JSONATA_TRY(aa, eval(*term.expression, a.at, a.bindings.empty() ? env : tuple_frame(env, a)));
      JSONATA_TRY(bb, eval(*term.expression, b.at, b.bindings.empty() ? env : tuple_frame(env, b)));
      if (!aa.defined) {
        comp = bb.defined ? 1 : 0;
        continue;
      }
      if (!bb.defined) {
        comp = -1;
        continue;
      }
      const bool a_ok = aa.json.is_string() || aa.json.is_number();
      const bool b_ok = bb.json.is_string() || bb.json.is_number();
      if (!a_ok || !b_ok) {
        return runtime_error("T2008",
                             "The expressions within an order-by clause must evaluate to numeric "
                             "or string values",
                             sort.position);
      }
      if (aa.json.is_string() != bb.json.is_string()) {
        return runtime_error(
            "T2007",
            fmt::format("Type mismatch when comparing values {} and {} in "
                        "order-by clause",
                        stringify_for_message(aa.json), stringify_for_message(bb.json)),
            sort.position);
      }
      if (aa.json.is_string()) {
        const auto& x = aa.json.get_ref<const std::string&>();
        const auto& y = bb.json.get_ref<const std::string&>();
        comp = x == y ? 0 : x < y ? -1 : 1;
      } else {
        const double x = aa.json.get<double>(), y = bb.json.get<double>();
        comp = x == y ? 0 : x < y ? -1 : 1;
      }
      if (term.descending) comp = -comp;
    }
    return comp == 1;
  };
  if (auto r = merge_sort(input, swap); !r) return r.error();
  for (const Stage& stage : sort.stages) {
    if (stage.is_index) {
      for (std::size_t i = 0; i < input.size(); ++i) {
        input[i].bindings.emplace_back(stage.variable, Val(Json(i)));
      }
    } else {
      JSONATA_TRY(filtered, filter_tuples(*stage.filter, std::move(input), env));
      input = std::move(filtered);
    }
  }
  return input;
}

namespace {

std::string js_compare_text(const Json& j) { return stringify_for_message(j); }

}  // namespace

Result<Val> Evaluator::eval_binary(const Node& node, const Val& input, const FramePtr& env) {
  const std::string& op = node.op;
  JSONATA_TRY(lhs, eval(*node.lhs, input, env));
  if (op == "and" || op == "or") {
    const bool l = truthy(lhs);
    if (op == "and" && !l) return Val(Json(false));
    if (op == "or" && l) return Val(Json(true));
    JSONATA_TRY(rhs, eval(*node.rhs, input, env));
    return Val(Json(truthy(rhs)));
  }
  JSONATA_TRY(rhs, eval(*node.rhs, input, env));
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
    if (lhs.defined && !lhs.json.is_number()) {
      return runtime_error(
          "T2001",
          fmt::format("The left side of the {} operator must evaluate to a "
                      "number",
                      Json(op).dump(-1, ' ', false, Json::error_handler_t::replace)),
          node.position);
    }
    if (rhs.defined && !rhs.json.is_number()) {
      return runtime_error(
          "T2002",
          fmt::format("The right side of the {} operator must evaluate to "
                      "a number",
                      Json(op).dump(-1, ' ', false, Json::error_handler_t::replace)),
          node.position);
    }
    if (!lhs.defined || !rhs.defined) return Val();
    const double a = lhs.json.get<double>(), b = rhs.json.get<double>();
    double r = 0;
    if (op == "+") r = a + b;
    if (op == "-") r = a - b;
    if (op == "*") r = a * b;
    if (op == "/") r = a / b;
    if (op == "%") r = std::fmod(a, b);
    if (!std::isfinite(r)) {
      return runtime_error("D1001", "Number out of range: " + js_number_text(r), node.position);
    }
    return Val(number_value(r));
  }
  if (op == "=" || op == "!=") {
    if (!lhs.defined || !rhs.defined) return Val(Json(false));
    const bool equal = deep_equal(lhs.json, rhs.json);
    return Val(Json(op == "=" ? equal : !equal));
  }
  if (op == "<" || op == "<=" || op == ">" || op == ">=") {
    auto comparable = [](const Val& v) {
      return !v.defined || v.json.is_string() || v.json.is_number();
    };
    if (!comparable(lhs) || !comparable(rhs)) {
      const Val& bad = !comparable(lhs) ? lhs : rhs;
      (void)bad;
      return runtime_error(
          "T2010",
          fmt::format("The expressions either side of operator {} must "
                      "evaluate to numeric or string values",
                      Json(op).dump(-1, ' ', false, Json::error_handler_t::replace)),
          node.position);
    }
    if (!lhs.defined || !rhs.defined) return Val();
    if (lhs.json.is_string() != rhs.json.is_string()) {
      return runtime_error(
          "T2009",
          fmt::format("The values {} and {} either side of operator {} "
                      "must be of the same data type",
                      js_compare_text(lhs.json), js_compare_text(rhs.json),
                      Json(op).dump(-1, ' ', false, Json::error_handler_t::replace)),
          node.position);
    }
    int c = 0;
    if (lhs.json.is_string()) {
      const auto& x = lhs.json.get_ref<const std::string&>();
      const auto& y = rhs.json.get_ref<const std::string&>();
      c = x == y ? 0 : x < y ? -1 : 1;
    } else {
      const double x = lhs.json.get<double>(), y = rhs.json.get<double>();
      c = x == y ? 0 : x < y ? -1 : 1;
    }
    bool r = op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
    return Val(Json(r));
  }
  if (op == "&") {
    std::string out;
    if (lhs.defined) {
      JSONATA_TRY(s, to_string(lhs));
      out += s;
    }
    if (rhs.defined) {
      JSONATA_TRY(s, to_string(rhs));
      out += s;
    }
    if (auto st = step(out.size() / 64); !st) return st.error();
    if (out.size() > environment_.limits.max_string_bytes) {
      return runtime_error("U1001", fmt::format("A string would be longer than {} bytes",
                                                environment_.limits.max_string_bytes),
                           node.position);
    }
    return Val(Json(std::move(out)));
  }
  if (op == "..") {
    auto integer = [](const Val& v) {
      if (!v.json.is_number()) return false;
      const double d = v.json.get<double>();
      return std::nearbyint(d) == d;
    };
    if (lhs.defined && !integer(lhs)) {
      return runtime_error("T2003", "The left side of the range operator (..) must evaluate to an "
                                    "integer",
                           node.position);
    }
    if (rhs.defined && !integer(rhs)) {
      return runtime_error("T2004", "The right side of the range operator (..) must evaluate to an "
                                    "integer",
                           node.position);
    }
    if (!lhs.defined || !rhs.defined) return Val();
    const double a = lhs.json.get<double>(), b = rhs.json.get<double>();
    if (a > b) return Val();
    const double size = b - a + 1;
    if (size > 1e7) {
      return runtime_error("D2014", fmt::format("The size of the sequence allocated by the range "
                                                "operator (..) must not exceed 1e7.  Attempted to "
                                                "allocate {}.",
                                                js_number_text(size)),
                           node.position);
    }
    if (auto s = step(static_cast<std::uint64_t>(size)); !s) return s.error();
    Val seq = Val::seq();
    for (double i = 0; i < size; ++i) seq.json.push_back(number_value(a + i));
    return seq;
  }
  if (op == "in") {
    if (!lhs.defined || !rhs.defined) return Val(Json(false));
    auto same = [&](const Json& x) {
      // JavaScript ===: primitives by value, objects and arrays by identity (never equal here).
      if (x.is_number() && lhs.json.is_number()) return x.get<double>() == lhs.json.get<double>();
      if (x.is_structured() || lhs.json.is_structured()) return false;
      return x == lhs.json;
    };
    if (rhs.json.is_array()) {
      for (const Json& x : rhs.json) {
        if (same(x)) return Val(Json(true));
      }
      return Val(Json(false));
    }
    return Val(Json(same(rhs.json)));
  }
  return runtime_error(
      "S0201", "Syntax error: " + Json(op).dump(-1, ' ', false, Json::error_handler_t::replace),
      node.position);
}

Result<Val> Evaluator::eval_call(const Node& node, const Val& input, const FramePtr& env,
                                 const Val* apply_to) {
  JSONATA_TRY(procedure, eval(*node.lhs, input, env));
  std::string name;
  if (node.lhs->type == NodeType::kPath && node.lhs->items[0]->type == NodeType::kName) {
    name = node.lhs->items[0]->text;
  } else if (node.lhs->type == NodeType::kVariable) {
    name = node.lhs->text;
  }
  if (!procedure.defined && node.lhs->type == NodeType::kPath &&
      node.lhs->items[0]->type == NodeType::kName) {
    JSONATA_TRY(known, lookup_variable(name, env));
    if (known.defined) {
      return runtime_error("T1005", fmt::format("Attempted to invoke a non-function. Did you mean "
                                                "${}?",
                                                name),
                           node.position);
    }
  }
  std::vector<Val> args;
  if (apply_to != nullptr) args.push_back(*apply_to);
  for (const NodePtr& arg : node.items) {
    JSONATA_TRY(value, eval(*arg, input, env));
    args.push_back(std::move(value));
  }
  Result<Val> result = apply(procedure, std::move(args), input);
  if (!result) {
    Error error = result.error();
    if (error.cause.find("(position ") == std::string::npos &&
        error.cause.find("{token}") == std::string::npos) {
      error.cause = fmt::format("{} (position {})", error.cause, node.position);
    }
    const std::string token = name.empty() ? std::string("function") : "$" + name;
    std::string::size_type at;
    while ((at = error.cause.find("{token}")) != std::string::npos) {
      error.cause.replace(at, 7,
                          name.empty()
                              ? std::string("")
                              : Json(name).dump(-1, ' ', false, Json::error_handler_t::replace));
    }
    (void)token;
    return error;
  }
  return result;
}

Result<Val> Evaluator::apply(const Val& procedure, std::vector<Val> args, const Val& input) {
  JSONATA_TRY(result, apply_inner(procedure, std::move(args), input));
  for (;;) {
    const Function* thunk = result.defined ? function(result.json) : nullptr;
    if (thunk == nullptr || !thunk->thunk || thunk->kind != Function::Kind::kLambda) break;
    const Node& call = *thunk->node->lhs;
    auto frame = std::const_pointer_cast<Frame>(thunk->frame);
    JSONATA_TRY(next, eval(*call.lhs, thunk->input, frame));
    std::vector<Val> next_args;
    for (const NodePtr& arg : call.items) {
      JSONATA_TRY(value, eval(*arg, thunk->input, frame));
      next_args.push_back(std::move(value));
    }
    JSONATA_TRY(r, apply_inner(next, std::move(next_args), input));
    result = std::move(r);
  }
  return result;
}

Result<std::vector<Val>> Evaluator::validate(const Signature& signature, std::vector<Val> args,
                                             const Val& context, const std::string& name) {
  auto symbol = [&](const Val& v) -> char {
    if (!v.defined) return 'm';
    const Json& j = v.json;
    if (is_function(j)) return 'f';
    if (j.is_string()) return 's';
    if (j.is_number()) return 'n';
    if (j.is_boolean()) return 'b';
    if (j.is_null()) return 'l';
    if (j.is_array()) return 'a';
    return 'o';
  };
  std::string supplied;
  for (const Val& a : args) supplied += symbol(a);
  const std::string token =
      name.empty() ? "{token}" : Json(name).dump(-1, ' ', false, Json::error_handler_t::replace);
  std::optional<std::vector<std::string>> parts = signature.match(supplied);
  if (!parts) {
    const std::size_t good = signature.matched_prefix(supplied);
    return Error{"T0410",
                 fmt::format("Argument {} of function {} does not match function signature",
                             good + 1, token)};
  }
  std::vector<Val> validated;
  std::size_t arg_index = 0;
  for (std::size_t p = 0; p < signature.params.size(); ++p) {
    const Signature::Param& param = signature.params[p];
    const std::string& match = (*parts)[p];
    if (match.empty()) {
      if (param.context) {
        const char type = symbol(context);
        std::string allowed = param.allowed;
        if (allowed.find(type) != std::string::npos) {
          validated.push_back(context);
        } else {
          return Error{"T0411",
                       fmt::format("Context value is not a compatible type with argument {} "
                                   "of function {}",
                                   arg_index + 1, token)};
        }
      } else {
        validated.push_back(arg_index < args.size() ? args[arg_index] : Val());
        ++arg_index;
      }
      continue;
    }
    for (char single : match) {
      Val arg = arg_index < args.size() ? args[arg_index] : Val();
      if (param.type == 'a') {
        if (single == 'm') {
          arg = Val();
        } else {
          bool ok = true;
          if (!param.subtype.empty()) {
            if (single != 'a' && match != param.subtype) {
              ok = false;
            } else if (single == 'a' && !arg.json.empty()) {
              const char first = symbol(Val(arg.json[0]));
              if (first != param.subtype[0]) {
                ok = false;
              } else {
                for (const Json& item : arg.json) ok = ok && symbol(Val(item)) == first;
              }
            }
          }
          if (!ok) {
            static const std::map<char, std::string> kNames = {
                {'a', "arrays"}, {'b', "booleans"}, {'f', "functions"},
                {'n', "numbers"}, {'o', "objects"}, {'s', "strings"}};
            auto it = kNames.find(param.subtype[0]);
            return Error{
                "T0412",
                fmt::format(
                    "Argument {} of function {} must be an array of {}", arg_index + 1, token,
                    it == kNames.end()
                        ? ""
                        : Json(it->second).dump(-1, ' ', false, Json::error_handler_t::replace))};
          }
          if (single != 'a') {
            Val wrapped(Json::array({arg.json}));
            arg = std::move(wrapped);
          }
        }
      }
      validated.push_back(std::move(arg));
      ++arg_index;
    }
  }
  return validated;
}

Result<Val> Evaluator::apply_inner(const Val& procedure, std::vector<Val> args,
                                   const Val& input) {
  const Function* f = procedure.defined ? function(procedure.json) : nullptr;
  if (f == nullptr) return Error{"T1006", "Attempted to invoke a non-function"};
  if (f->signature != nullptr) {
    JSONATA_TRY(validated, validate(*f->signature, std::move(args), input, f->name));
    args = std::move(validated);
  }
  switch (f->kind) {
    case Function::Kind::kLambda: {
      auto frame = std::make_shared<Frame>();
      frame->parent = f->frame;
      for (std::size_t i = 0; i < f->params.size(); ++i) {
        frame->bind(f->params[i], i < args.size() ? args[i] : Val());
      }
      return eval(*f->node->lhs, f->input, frame);
    }
    case Function::Kind::kBuiltin: {
      if (auto s = step(); !s) return s.error();
      ++depth_;
      Result<Val> r = f->builtin->call(*this, args, input);
      --depth_;
      return r;
    }
    case Function::Kind::kNative: {
      std::vector<Value> values;
      for (Val& a : args) {
        if (a.defined) {
          values.emplace_back(strip_functions(a.json));
        } else {
          values.emplace_back();
        }
      }
      JSONATA_TRY(r, f->native->call(values));
      return r ? Val(std::move(*r)) : Val();
    }
    case Function::Kind::kPartial: {
      std::vector<Val> full;
      std::size_t next = 0;
      for (const std::optional<Val>& b : f->bound) {
        if (b) {
          full.push_back(*b);
        } else {
          full.push_back(next < args.size() ? args[next] : Val());
          ++next;
        }
      }
      return apply(Val(f->target), std::move(full), input);
    }
    case Function::Kind::kTransform:
      return transform(*f, args.empty() ? Val() : args[0]);
    case Function::Kind::kRegex: {
      if (args.empty() || !args[0].defined || !args[0].json.is_string()) return Val();
      const std::string& s = args[0].json.get_ref<const std::string&>();
      JSONATA_TRY(m, f->regex->find(s, 0));
      if (!m) return Val();
      Json groups = Json::array();
      for (auto& g : m->groups) groups.push_back(g ? Json(*g) : Json(""));
      return Val(Json{{"match", s.substr(m->start, m->end - m->start)},
                      {"start", m->start},
                      {"end", m->end},
                      {"groups", groups}});
    }
  }
  return Error{"T1006", "Attempted to invoke a non-function"};
}

Result<Val> Evaluator::transform(const Function& f, const Val& object) {
  if (!object.defined) return Val();
  const Node& node = *f.node;
  auto env = std::const_pointer_cast<Frame>(f.frame);
  // $clone, then update each match in place: the matches are found again by path in the clone.
  Json result = strip_functions(object.json);
  const std::string kMarker = "\x01jsonata-transform-id";
  // Every object of the clone gets an id, so that the matches (copies) can be found in it.
  std::size_t next_id = 0;
  std::function<void(Json&)> mark = [&](Json& j) {
    if (j.is_object()) {
      j[kMarker] = next_id++;
      for (auto it = j.begin(); it != j.end(); ++it) mark(it.value());
    } else if (j.is_array()) {
      for (Json& item : j) mark(item);
    }
  };
  mark(result);
  std::function<Json*(Json&, std::size_t)> find = [&](Json& j, std::size_t id) -> Json* {
    if (j.is_object()) {
      auto it = j.find(kMarker);
      if (it != j.end() && it->is_number() && it->get<std::size_t>() == id) return &j;
    }
    if (j.is_structured()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (Json* found = find(it.value(), id)) return found;
      }
    }
    return nullptr;
  };
  if (auto st = step(next_id); !st) return st.error();
  Val marked(result);
  if (marked.json.is_array()) {
    Val seq = Val::seq();
    seq.json.push_back(marked.json);
    seq.outer_wrapper = true;
    marked = seq;
  }
  JSONATA_TRY(matches, eval(*node.lhs, marked, env));
  std::vector<std::size_t> ids;
  std::vector<Json> match_values;
  if (matches.defined) {
    std::vector<Val> list = matches.json.is_array() ? items_of(matches) : std::vector<Val>{matches};
    for (Val& m : list) {
      if (m.json.is_object() && m.json.contains(kMarker)) {
        ids.push_back(m.json[kMarker].get<std::size_t>());
        match_values.push_back(m.json);
      }
    }
  }
  std::function<void(Json&)> unmark = [&](Json& j) {
    if (j.is_object()) {
      j.erase(kMarker);
      for (auto it = j.begin(); it != j.end(); ++it) unmark(it.value());
    } else if (j.is_array()) {
      for (Json& item : j) unmark(item);
    }
  };
  for (std::size_t k = 0; k < ids.size(); ++k) {
    Json match = match_values[k];
    unmark(match);
    JSONATA_TRY(update, eval(*node.rhs, Val(match), env));
    Json* found = find(result, ids[k]);
    if (found == nullptr) continue;
    Json& target = *found;
    if (update.defined) {
      if (!update.json.is_object()) {
        return runtime_error("T2011", "The insert/update clause of the transform expression must "
                                      "evaluate to an object: " +
                                          stringify_for_message(update.json),
                             node.rhs->position);
      }
      for (auto it = update.json.begin(); it != update.json.end(); ++it) {
        target[it.key()] = it.value();
        match[it.key()] = it.value();
      }
    }
    if (node.third) {
      JSONATA_TRY(deletions, eval(*node.third, Val(match), env));
      if (deletions.defined) {
        Json list = deletions.json.is_array() ? deletions.json : Json::array({deletions.json});
        for (const Json& d : list) {
          if (!d.is_string()) {
            return runtime_error("T2012", "The delete clause of the transform expression must "
                                          "evaluate to a string or array of strings: " +
                                              stringify_for_message(deletions.json),
                                 node.third->position);
          }
        }
        for (const Json& d : list) target.erase(d.get<std::string>());
      }
    }
  }
  unmark(result);
  if (auto d = check_built(result); !d) return d.error();
  return Val(std::move(result));
}

Result<Val> Evaluator::eval_partial(const Node& node, const Val& input, const FramePtr& env) {
  std::vector<std::optional<Val>> bound;
  for (const NodePtr& arg : node.items) {
    if (arg->type == NodeType::kPlaceholder) {
      bound.emplace_back();
    } else {
      JSONATA_TRY(value, eval(*arg, input, env));
      bound.emplace_back(std::move(value));
    }
  }
  JSONATA_TRY(procedure, eval(*node.lhs, input, env));
  const Function* f = procedure.defined ? function(procedure.json) : nullptr;
  std::string name;
  if (node.lhs->type == NodeType::kPath && node.lhs->items[0]->type == NodeType::kName) {
    name = node.lhs->items[0]->text;
  } else if (node.lhs->type == NodeType::kVariable) {
    name = node.lhs->text;
  }
  if (f == nullptr) {
    if (node.lhs->type == NodeType::kPath && node.lhs->items[0]->type == NodeType::kName) {
      JSONATA_TRY(known, lookup_variable(name, env));
      if (known.defined) {
        return runtime_error("T1007",
                             fmt::format("Attempted to partially apply a non-function. Did "
                                         "you mean ${}?",
                                         name),
                             node.position);
      }
    }
    return runtime_error("T1008", "Attempted to partially apply a non-function", node.position);
  }
  if (f->kind == Function::Kind::kLambda) {
    auto frame = std::make_shared<Frame>();
    frame->parent = f->frame;
    Function partial = *f;
    partial.params.clear();
    partial.signature = nullptr;
    for (std::size_t i = 0; i < f->params.size(); ++i) {
      if (i < bound.size() && bound[i]) {
        frame->bind(f->params[i], *bound[i]);
      } else if (i < bound.size()) {
        partial.params.push_back(f->params[i]);
      } else {
        frame->bind(f->params[i], Val());
      }
    }
    partial.frame = frame;
    return Val(make_function(std::move(partial)));
  }
  Function partial;
  partial.kind = Function::Kind::kPartial;
  partial.target = procedure.json;
  partial.bound = std::move(bound);
  partial.name = f->name;
  if (f->kind == Function::Kind::kBuiltin) {
    while (static_cast<int>(partial.bound.size()) < f->builtin->arity)
      partial.bound.emplace_back(Val());
  }
  return Val(make_function(std::move(partial)));
}

Result<Val> Evaluator::eval_apply(const Node& node, const Val& input, const FramePtr& env) {
  JSONATA_TRY(lhs, eval(*node.lhs, input, env));
  if (node.rhs->type == NodeType::kCall) return eval_call(*node.rhs, input, env, &lhs);
  JSONATA_TRY(func, eval(*node.rhs, input, env));
  if (!func.defined || !is_function(func.json)) {
    return runtime_error("T2006", "The right side of the function application operator ~> must be "
                                  "a function",
                         node.position);
  }
  if (lhs.defined && is_function(lhs.json)) {
    // Function composition: function($x){ rhs(lhs($x)) }.
    static const NodePtr chain = [] {
      Result<NodePtr> parsed = parse_expression("function($f, $g) { function($x){ $g($f($x)) } }");
      return std::move(*parsed);
    }();
    JSONATA_TRY(composer, eval(*chain, Val(), root_));
    return apply(composer, {lhs, func}, Val());
  }
  return apply(func, {lhs}, input);
}

Result<Val> Evaluator::eval_text(const std::string& text, const Val& input) {
  Result<NodePtr> parsed = parse_expression(text);
  if (!parsed) {
    return Error{
        "D3120",
        "Syntax error in expression passed to function eval: " +
            Json(parsed.error().cause).dump(-1, ' ', false, Json::error_handler_t::replace)};
  }
  // The parsed tree must outlive the functions it creates: kept for the evaluation.
  evaluated_trees_.push_back(std::move(*parsed));
  Result<Val> result = eval(*evaluated_trees_.back(), input, root_);
  if (!result) {
    return Error{
        "D3121",
        "Dynamic error evaluating the expression passed to function eval: " +
            Json(result.error().cause).dump(-1, ' ', false, Json::error_handler_t::replace)};
  }
  return result;
}

}  // namespace conflictctl::jsonata
