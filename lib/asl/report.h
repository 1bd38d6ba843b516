#pragma once
// Collects the diagnostics found in one definition file, in the order they are found, and
// what the reader could not read. Used by the JSON reader, the model reader and the
// validator. Not thread-safe.
#include <string>
#include <utility>

#include "asl/validator.h"
#include "core/diagnostic.h"

namespace conflictctl::asl {

class Report {
 public:
  explicit Report(std::string file) : file_(std::move(file)) {}

  void add(std::string pointer, std::string message) {
    diagnostics_.push_back(Diagnostic{file_, std::move(pointer), std::move(message)});
  }
  void add(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }

  bool empty() const { return diagnostics_.empty(); }
  std::size_t size() const { return diagnostics_.size(); }
  const Diagnostics& diagnostics() const { return diagnostics_; }
  Diagnostics take() { return std::move(diagnostics_); }

  // What the reader could not read, for the validator (asl/validator.h).
  ReadGaps& gaps() { return gaps_; }

 private:
  std::string file_;
  Diagnostics diagnostics_;
  ReadGaps gaps_;
};

}  // namespace conflictctl::asl
