#pragma once
// The JSONata parser: text → the processed parse tree of ast.h, or the jsonata-js syntax
// error (S01xx from the tokenizer, S02xx from the grammar, S03xx from regular expressions,
// S04xx from signatures). A top-down operator-precedence (Pratt) parser with jsonata-js's
// binding powers, followed by the same tree processing jsonata-js does (paths flattened into
// steps, predicates into stages, tail calls in lambdas marked for the trampoline).
#include <string_view>

#include "core/error.h"
#include "jsonata/ast.h"

namespace conflictctl::jsonata {

// Errors carry " (position N)" in their cause; nesting deeper than kMaxParseDepth is U1001.
Result<NodePtr> parse_expression(std::string_view text);

// An Error with jsonata-js's message for `code` and its position.
Error syntax_error(std::string_view code, std::string message, std::size_t position);

}  // namespace conflictctl::jsonata
