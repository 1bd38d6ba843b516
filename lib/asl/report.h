#pragma once
// Collects the diagnostics found in one definition file, in the order they are found.
// Used by the JSON reader, the model reader and the validator. Not thread-safe.
#include <string>
#include <utility>

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
  Diagnostics take() { return std::move(diagnostics_); }

 private:
  std::string file_;
  Diagnostics diagnostics_;
};

}  // namespace conflictctl::asl
