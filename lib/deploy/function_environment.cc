#include "deploy/function_environment.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "aws/arn.h"
#include "core/split.h"

namespace conflictctl::deploy {
namespace {

Error invalid_logging(std::string cause) {
  return Error{"Deploy.InvalidLogging", std::move(cause)};
}

// "arn:aws:logs:REGION:ACCOUNT_ID:log-group:NAME:*" with its placeholders filled; nullopt when
// it is not a log group's ARN.
std::optional<std::string> log_group(const std::string& arn, const std::string& region,
                                     const std::string& account) {
  auto parts = split(arn, ':');
  if (parts.size() != 8 || parts[0] != "arn" || parts[2] != "logs" || parts[5] != "log-group" ||
      parts[6].empty() || parts[7] != "*")
    return std::nullopt;
  return fmt::format("arn:{}:logs:{}:{}:log-group:{}:*", parts[1],
                     aws::is_region_name(parts[3]) ? parts[3] : region,
                     aws::is_account_id(parts[4]) ? parts[4] : account, parts[6]);
}

}  // namespace

Result<std::optional<Environment>> function_environment(const tasks::Bindings& bindings,
                                                        const db::Settings& deployer) {
  if (!bindings.environment) return std::optional<Environment>();
  Environment out;
  for (const tasks::EnvironmentBinding& variable : *bindings.environment) {
    std::optional<std::string> value = variable.value;
    if (!value) value = deployer.get(variable.name);
    if (!value)
      return Error{"Deploy.MissingSetting",
                   fmt::format("{}:{}:{}: {} has no value in the bindings, and neither the "
                               "environment nor .env sets it",
                               bindings.file, variable.line, variable.column, variable.name)};
    out[variable.name] = *value;
  }
  return std::optional<Environment>(std::move(out));
}

Result<std::optional<aws::StateMachineLogging>> machine_logging(const tasks::Bindings& bindings,
                                                                const std::string& level,
                                                                const std::string& log_group_arn,
                                                                const std::string& region,
                                                                const std::string& account_id) {
  if (!bindings.logging && level.empty() && log_group_arn.empty())
    return std::optional<aws::StateMachineLogging>();
  aws::StateMachineLogging out;
  if (bindings.logging) {
    out.level = bindings.logging->level;
    out.include_execution_data = bindings.logging->include_execution_data;
    out.log_group_arn = bindings.logging->log_group_arn;
  }
  if (!level.empty()) out.level = level;
  if (!log_group_arn.empty()) out.log_group_arn = log_group_arn;
  if (std::find(std::begin(tasks::kLogLevels), std::end(tasks::kLogLevels), out.level) ==
      std::end(tasks::kLogLevels))
    return invalid_logging(fmt::format("logging level '{}' is not one of ALL, ERROR, FATAL, OFF",
                                       out.level));
  if (!out.log_group_arn.empty()) {
    std::optional<std::string> filled = log_group(out.log_group_arn, region, account_id);
    if (!filled)
      return invalid_logging(fmt::format("'{}' is not a log group's ARN "
                                         "(arn:aws:logs:REGION:ACCOUNT_ID:log-group:NAME:*)",
                                         out.log_group_arn));
    out.log_group_arn = std::move(*filled);
  }
  if (out.level != "OFF" && out.log_group_arn.empty())
    return invalid_logging(fmt::format("logging level {} needs a log group: give "
                                       "--log-group-arn, or log_group_arn in the bindings' "
                                       "logging:",
                                       out.level));
  return std::optional<aws::StateMachineLogging>(std::move(out));
}

bool is_secret_variable(std::string_view name) {
  for (const db::SettingName& setting : db::kSettingNames)
    if (setting.name == name) return setting.secret;
  for (std::string_view part : {"PASSWORD", "TOKEN", "SECRET_KEY", "SECRET_ACCESS"})
    if (name.find(part) != std::string_view::npos) return true;
  return false;
}

}  // namespace conflictctl::deploy
