#include "tasks/plugins.h"

#include <fmt/format.h>

#include "tasks/conflict_report.h"

namespace conflictctl::tasks {

namespace {

Diagnostic at(const Bindings& bindings, const FunctionBinding& function, std::string message) {
  return Diagnostic{bindings.file, "", std::move(message), function.line, function.column};
}

}  // namespace

BuiltRunner make_runner_for(const Bindings& bindings, TaskMode mode) {
  auto registry = std::make_shared<Registry>();
  Diagnostics diagnostics;
  for (const FunctionBinding& function : bindings.functions) {
    if (function.handler != kConflictReportHandler) {
      diagnostics.push_back(at(bindings, function,
                               fmt::format("unknown handler '{}' for function '{}' (known "
                                           "handlers: {})",
                                           function.handler, function.name,
                                           kConflictReportHandler)));
    } else if (mode == TaskMode::kDatabase) {
      diagnostics.push_back(at(bindings, function,
                               fmt::format("handler '{}' of function '{}' has no database mode "
                                           "yet; run it in mock mode",
                                           function.handler, function.name)));
    } else {
      registry->bind(function.name, std::make_shared<ConflictReport>());
    }
  }
  if (!diagnostics.empty()) return {nullptr, std::move(diagnostics)};
  return {std::move(registry), {}};
}

}  // namespace conflictctl::tasks
