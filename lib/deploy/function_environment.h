#pragma once
// What `conflictctl deploy` sets besides code and sizes (docs/deploy.md): the functions'
// environment and the state machine's logging, from the bindings (tasks/bindings.h) and the
// deployer's settings and options.
//
// The environment: each variable of the bindings' `environment:`, its value written there or,
// when none is, the deployer's own setting of that name (the environment, else .env: the one
// loader of db/settings.h) — e.g. POSTGRES_SECRET_ID, ENVIRONMENT, which differ per deployment.
// A password never reaches it: the bindings refuse POSTGRES_PASSWORD, so the database password
// comes from the secret POSTGRES_SECRET_ID names (db/database_secret.h). Values of names that
// look secret are never printed (is_secret_variable).
//
// The logging: the bindings' `logging:`, then `--logging-level` and `--log-group-arn` over it;
// REGION and ACCOUNT_ID in the log group's ARN are filled as in the definition.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "aws/step_functions.h"
#include "core/error.h"
#include "db/settings.h"
#include "tasks/bindings.h"

namespace conflictctl::deploy {

using Environment = std::map<std::string, std::string>;

// The functions' environment; nullopt when the bindings have no `environment:` (deploy leaves
// it alone). Error{"Deploy.MissingSetting", "FILE:LINE:COLUMN: NAME has no value in the
// bindings, and neither the environment nor .env sets it"}.
Result<std::optional<Environment>> function_environment(const tasks::Bindings& bindings,
                                                        const db::Settings& deployer);

// The state machine's logging; nullopt when neither the bindings nor the options set it
// (deploy leaves it alone). `level` and `log_group_arn` are the options ("" = not given).
// Error{"Deploy.InvalidLogging", …} for a level that is not one of tasks::kLogLevels, a level
// other than OFF without a log group, or an ARN that is not a log group's ("…:log-group:NAME:*").
Result<std::optional<aws::StateMachineLogging>> machine_logging(const tasks::Bindings& bindings,
                                                                const std::string& level,
                                                                const std::string& log_group_arn,
                                                                const std::string& region,
                                                                const std::string& account_id);

// True for a variable whose value is never printed: a secret setting of db::kSettingNames, or
// a name holding PASSWORD, TOKEN, SECRET_KEY or SECRET_ACCESS (POSTGRES_SECRET_ID is shown: it
// names the secret, it is not one).
bool is_secret_variable(std::string_view name);

}  // namespace conflictctl::deploy
