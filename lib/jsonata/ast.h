#pragma once
// The parse tree of a JSONata expression, as the parser (parser.h) leaves it for the
// evaluator (evaluator.h). Internal to lib/jsonata.
//
// The shape follows jsonata-js's processed tree: a path is a Path node holding its steps; a
// predicate on a step is a "stage" of that step; `{…}` after a path is the path's group;
// `^(…)` is a Sort step. Nodes are owned by their parent; the tree is immutable after parse.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "jsonata/signature.h"

namespace conflictctl::jsonata {

class Regex;

enum class NodeType {
  kPath,        // steps
  kBinary,      // op, lhs, rhs (arithmetic, comparison, and/or, in, &, ..)
  kNegate,      // unary '-': lhs
  kArray,       // [ items ]
  kObject,      // { pairs } (unary)
  kName,        // a field name: text
  kLiteral,     // a string, number, true, false or null: literal
  kWildcard,    // *
  kDescendant,  // **
  kParent,      // %
  kCondition,   // lhs ? rhs : third
  kElvis,       // lhs ?: rhs
  kCoalesce,    // lhs ?? rhs
  kBlock,       // ( items ; … )
  kBind,        // $text := rhs
  kRegex,       // /…/flags: regex
  kCall,        // lhs( items )
  kPartial,     // lhs( items with kPlaceholder )
  kPlaceholder, // the '?' of a partial application
  kVariable,    // $text ($ alone: text empty)
  kLambda,      // function(params)<signature>{ lhs }
  kApply,       // lhs ~> rhs
  kTransform,   // | lhs | rhs , third |
  kSort,        // a sort step: terms
  // Raw forms that only exist between the Pratt parser and the tree's processing.
  kRawBinary,   // op in . [ { ^ @ # := ~> with lhs/rhs (rhs pairs/terms for { and ^)
  kOperator,    // an operator token used as an operand (and, or, in as names; '?')
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Stage {
  bool is_index = false;  // #$var stage (else a filter)
  NodePtr filter;
  std::string variable;
  std::size_t position = 0;
};

struct SortTerm {
  bool descending = false;
  NodePtr expression;
};

struct Group {
  std::vector<std::pair<NodePtr, NodePtr>> pairs;
  std::size_t position = 0;
};

struct Node {
  NodeType type;
  std::size_t position = 0;  // where jsonata-js reports it: just after the token
  std::size_t height = 1;    // nesting below and including this node (parse depth bound)
  std::string op;            // operator of kBinary/kRawBinary
  std::string text;          // name of kName/kVariable/kBind; regex source
  Json literal;
  NodePtr lhs, rhs, third;
  std::vector<NodePtr> items;  // steps, array items, block items, call arguments
  std::vector<std::pair<NodePtr, NodePtr>> pairs;  // object constructor, raw group
  std::vector<SortTerm> terms;
  // Steps and other nodes.
  std::vector<NodePtr> predicates;  // on a non-step node
  std::vector<Stage> stages;        // on a step of a path
  std::unique_ptr<Group> group;
  bool keep_array = false;          // `[]` after the node
  bool keep_singleton_array = false;  // path: a step had `[]`
  bool cons_array = false;          // array constructor as first/last step of a path
  bool tuple = false;               // step binds @ or # (a tuple stream)
  std::string focus;                // @$focus
  std::string index;                // #$index
  std::string ancestor;             // % label bound by this step
  std::vector<std::pair<std::string, int>> seeking_parent;  // unresolved % (label, level)
  bool thunk = false;               // tail call wrapper (kLambda)
  // Lambda.
  std::vector<std::string> params;
  std::optional<Signature> signature;
  std::shared_ptr<const Regex> regex;
};

}  // namespace conflictctl::jsonata
