#include "tasks/plugins.h"

#include <fmt/format.h>

#include "tasks/conflict_report.h"

namespace conflictctl::tasks {

namespace {

Diagnostic at(const Bindings& bindings, const FunctionBinding& function, std::string message) {
  return Diagnostic{bindings.file, "", std::move(message), function.line, function.column};
}

}  // namespace

BuiltRunner make_runner_for(const Bindings& bindings, TaskMode mode,
                            std::shared_ptr<const TaskDatabase> database) {
  auto registry = std::make_shared<Registry>();
  Diagnostics diagnostics;
  for (const FunctionBinding& function : bindings.functions) {
    if (function.handler != kConflictReportHandler) {
      diagnostics.push_back(at(bindings, function,
                               fmt::format("unknown handler '{}' for function '{}' (known "
                                           "handlers: {})",
                                           function.handler, function.name,
                                           kConflictReportHandler)));
    } else if (mode == TaskMode::kDatabase && !database) {
      diagnostics.push_back(at(bindings, function,
                               fmt::format("function '{}' runs against a database, but no "
                                           "database settings were given",
                                           function.name)));
    } else {
      registry->bind(function.name, std::make_shared<ConflictReport>(
                                        mode == TaskMode::kDatabase ? database : nullptr));
    }
  }
  if (!diagnostics.empty()) return {nullptr, std::move(diagnostics)};
  return {std::move(registry), {}};
}

}  // namespace conflictctl::tasks
