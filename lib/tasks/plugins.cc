#include "tasks/plugins.h"

#include <fmt/format.h>

#include "tasks/conflict_report.h"

namespace conflictctl::tasks {

namespace {

Diagnostic at(const Bindings& bindings, const FunctionBinding& function, std::string message) {
  return Diagnostic{bindings.file, "", std::move(message), function.line, function.column};
}

}  // namespace

Result<std::shared_ptr<engine::TaskRunner>> make_handler(std::string_view handler, TaskMode mode,
                                                 std::shared_ptr<const TaskDatabase> database) {
  if (handler != kConflictReportHandler)
    return Error{"Configuration.UnknownHandler",
                 fmt::format("unknown handler '{}' (known handlers: {})", handler,
                             kConflictReportHandler)};
  if (mode == TaskMode::kDatabase && !database)
    return Error{"Configuration.MissingDatabase",
                 "the handler runs against a database, but no database settings were given"};
  return std::shared_ptr<engine::TaskRunner>(
      std::make_shared<ConflictReport>(mode == TaskMode::kDatabase ? database : nullptr));
}

BuiltRunner make_runner_for(const Bindings& bindings, TaskMode mode,
                            std::shared_ptr<const TaskDatabase> database) {
  auto registry = std::make_shared<Registry>();
  Diagnostics diagnostics;
  for (const FunctionBinding& function : bindings.functions) {
    auto runner = make_handler(function.handler, mode, database);
    if (runner)
      registry->bind(function.name, std::move(*runner));
    else
      diagnostics.push_back(at(bindings, function,
                               fmt::format("function '{}': {}", function.name,
                                           runner.error().cause)));
  }
  if (!diagnostics.empty()) return {nullptr, std::move(diagnostics)};
  return {std::move(registry), {}};
}

}  // namespace conflictctl::tasks
