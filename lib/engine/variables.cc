#include "engine/variables.h"

#include <fmt/format.h>

#include "asl/limits.h"
#include "core/error_names.h"

namespace conflictctl::engine {

namespace {

Error runtime(std::string cause) { return Error{std::string(errors::kRuntime), std::move(cause)}; }

}  // namespace

VariableScope::VariableScope(std::shared_ptr<VariableBudget> budget,
                             std::shared_ptr<const VariableScope> outer)
    : budget_(std::move(budget)), outer_(std::move(outer)) {}

VariableScope::~VariableScope() {
  for (const auto& [name, bytes] : sizes_) budget_->bytes -= bytes;
}

const Json* VariableScope::find(std::string_view name) const {
  if (auto found = values_.find(name); found != values_.end()) return &found->second;
  return outer_ ? outer_->find(name) : nullptr;
}

bool VariableScope::outer_holds(std::string_view name) const {
  return outer_ && outer_->find(name) != nullptr;
}

Result<void> VariableScope::assign(const Json& values) {
  std::size_t total = 0;
  std::size_t grows_by = 0;
  std::map<std::string_view, std::size_t> sizes;
  for (const auto& [name, value] : values.items()) {
    if (outer_holds(name)) {
      return runtime(fmt::format("Cannot assign to variable '{}': it belongs to an outer scope "
                                 "(a Parallel branch or a Map iteration may read the variables "
                                 "of the states around it, not assign them)",
                                 name));
    }
    const std::size_t bytes = to_compact(value).size();
    if (bytes > asl::limits::kVariableBytes) {
      return runtime(fmt::format("The value assigned to variable '{}' is {} bytes, over the "
                                 "{} bytes a variable may hold",
                                 name, bytes, asl::limits::kVariableBytes));
    }
    total += bytes;
    sizes[name] = bytes;
    const auto old = sizes_.find(name);
    const std::size_t before = old == sizes_.end() ? 0 : old->second;
    grows_by += bytes > before ? bytes - before : 0;
  }
  if (total > asl::limits::kAssignBytes) {
    return runtime(fmt::format("The values of one Assign are {} bytes together, over the {} "
                               "bytes an Assign may set",
                               total, asl::limits::kAssignBytes));
  }
  std::size_t after = budget_->bytes + grows_by;
  if (after > asl::limits::kExecutionVariableBytes) {
    return runtime(fmt::format("The execution's variables would take {} bytes, over the {} "
                               "bytes an execution may store",
                               after, asl::limits::kExecutionVariableBytes));
  }
  for (const auto& [name, value] : values.items()) {
    const auto old = sizes_.find(name);
    if (old != sizes_.end()) budget_->bytes -= old->second;
    budget_->bytes += sizes[name];
    sizes_[name] = sizes[name];
    values_[name] = value;
  }
  return {};
}

Json VariableScope::visible() const {
  Json all = outer_ ? outer_->visible() : Json::object();
  for (const auto& [name, value] : values_) all[name] = value;
  return all;
}

Json assigned_variables_detail(const Json& values) {
  Json detail = Json::object();
  for (const auto& [name, value] : values.items()) detail[name] = to_compact(value);
  return detail;
}

}  // namespace conflictctl::engine
