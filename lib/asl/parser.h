#pragma once
// Reading an ASL definition: JSON text → validated asl::StateMachine.
//
// Every problem becomes a Diagnostic naming the file and the JSON Pointer of the offending
// field (or line:column for JSON syntax errors). All problems are reported, not only the
// first. The machine is returned only when there are none, so the engine never sees an
// invalid definition. See asl/validator.h for the rules checked after the shape is read.
//
// Three stages, each reporting every problem it finds: the JSON text (syntax errors at
// line:column, duplicate keys; asl/json_document.h), the shape of the document (JSON types,
// unknown and missing fields, payload templates; asl/machine_reader.h), and the validator's
// rules. A problem with one field never hides another: the reader goes on past a field it
// cannot read, and the validator checks what was read, leaving out what only follows from
// the reader's problems (a finding at, inside or around a field the reader reported; a
// transition to a state it could not read; an unreachable state where a transition may be
// missing: asl/validator.h ReadGaps). Diagnostics are listed in document order.
#include <memory>
#include <string>

#include "asl/model.h"
#include "core/diagnostic.h"

namespace conflictctl::asl {

struct Loaded {
  std::shared_ptr<const StateMachine> machine;  // null when diagnostics is not empty
  Diagnostics diagnostics;
  Json document;  // the raw definition (null when it did not parse as JSON)
};

// Parses `text`; `file` is only used in diagnostics.
Loaded parse_definition(const std::string& text, const std::string& file);

// Reads the file, then parse_definition. A missing or unreadable file is one diagnostic.
Loaded load_definition(const std::string& path);

}  // namespace conflictctl::asl
