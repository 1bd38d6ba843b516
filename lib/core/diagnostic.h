#pragma once
// A problem found in an input file (ASL definition, mock config, bindings YAML, .env),
// located by a JSON Pointer (RFC 6901) into the document or by line and column.
//
// Printed as:  "pipelines/x.asl.json: /States/Load/Retry/0/ErrorEquals: States.ALL must be alone"
//         or:  "pipelines/x.asl.json:12:5: syntax error: unexpected '}'"
//         or:  "pipelines/x.asl.json: missing required field 'StartAt'" (the whole document)
#include <string>
#include <vector>

namespace conflictctl {

struct Diagnostic {
  std::string file;     // as the user named it; may be empty for in-memory documents
  std::string pointer;  // JSON Pointer, "" for the whole document
  std::string message;  // one sentence, lower-case start, no trailing period
  int line = 0;         // 1-based; 0 when the location is a pointer
  int column = 0;

  std::string to_string() const;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

using Diagnostics = std::vector<Diagnostic>;

// Appends one JSON Pointer reference token, escaping '~' and '/' as RFC 6901 requires.
std::string pointer_append(const std::string& pointer, const std::string& token);
std::string pointer_append(const std::string& pointer, std::size_t index);

// Line and column (1-based) of a byte offset in `text`; columns count UTF-8 characters.
std::pair<int, int> line_column(const std::string& text, std::size_t offset);

}  // namespace conflictctl
