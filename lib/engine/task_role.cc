#include "engine/task_role.h"

#include <fmt/format.h>

#include "asl/credentials.h"
#include "core/error_names.h"

namespace conflictctl::engine {

Result<std::optional<std::string>> task_role_arn(const asl::State& state,
                                                 const QueryLanguage& language,
                                                 const Json& raw_input, const StateScope& scope) {
  const auto& task = std::get<asl::TaskSpec>(state.spec);
  if (!task.credentials) return std::optional<std::string>();
  auto resolved = language.template_value(*task.credentials, "Credentials",
                                          AssignSource{raw_input, raw_input}, scope);
  if (!resolved) return resolved.error();
  const auto role = resolved->find("RoleArn");
  if (role == resolved->end() || !role->is_string())
    return errors::runtime_error(fmt::format(
        "The Credentials of state '{}' resolved to {}, whose RoleArn is not a string.",
        state.name, to_compact(*resolved)));
  const std::string& text = role->get_ref<const std::string&>();
  if (std::string problem = asl::role_arn_problem(text); !problem.empty())
    return errors::runtime_error(
        fmt::format("The Credentials of state '{}' name no role: {}.", state.name, problem));
  return std::optional<std::string>(text);
}

}  // namespace conflictctl::engine
