#include "jsonata/jsonata.h"

#include "jsonata/evaluator.h"
#include "jsonata/parser.h"

namespace conflictctl::jsonata {

namespace detail {
struct Program {
  std::string text;
  NodePtr root;
};
}  // namespace detail

Result<Expression> Expression::parse(std::string_view text) {
  Result<NodePtr> root = parse_expression(text);
  if (!root) return root.error();
  auto program = std::make_shared<detail::Program>();
  program->text = std::string(text);
  program->root = std::move(*root);
  return Expression(std::move(program));
}

Result<Value> Expression::evaluate(const Value& input, const Environment& environment) const {
  Evaluator evaluator(environment, environment.now);
  return evaluator.run(*program_->root, input);
}

const std::string& Expression::text() const { return program_->text; }

Result<Value> evaluate(std::string_view text, const Value& input, const Environment& environment) {
  Result<Expression> expression = Expression::parse(text);
  if (!expression) return expression.error();
  return expression->evaluate(input, environment);
}

}  // namespace conflictctl::jsonata
