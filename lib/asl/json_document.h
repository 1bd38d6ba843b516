#pragma once
// Reading the JSON text of a definition, more strictly than nlohmann's DOM parser does.
//
//  - A syntax error becomes one Diagnostic located by line and column (1-based; columns
//    count UTF-8 characters), e.g. "x.asl.json:3:5: syntax error while parsing object - …".
//  - A key that appears twice in one object is reported at the JSON Pointer of the key:
//    "duplicate key 'Load'; only the last one is kept". The document is still returned, with
//    the last value, as nlohmann would build it.
//  - Nesting deeper than asl::limits::kMaxJsonDepth is refused like a syntax error.
#include <string>

#include "core/diagnostic.h"
#include "core/json.h"

namespace conflictctl::asl {

struct JsonDocument {
  bool parsed = false;  // false after a syntax error or excessive nesting; value is then null
  Json value;
  Diagnostics diagnostics;
};

// `file` is only used in diagnostics.
JsonDocument read_json_document(const std::string& text, const std::string& file);

}  // namespace conflictctl::asl
