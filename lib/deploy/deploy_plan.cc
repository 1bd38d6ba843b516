#include "deploy/deploy_plan.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "aws/arn.h"
#include "deploy/function_environment.h"
#include "core/json.h"
#include "core/json_text.h"
#include "core/split.h"

namespace conflictctl::deploy {
namespace {

// The definition's differences listed at most this many; then "… and N more".
constexpr std::size_t kMaxDefinitionChanges = 20;
// A value longer than this is cut in the plan ("…").
constexpr std::size_t kMaxValueChars = 60;

std::string shown(const Json& value) {
  std::string text = value.is_string() ? value.get<std::string>() : to_compact(value);
  if (text.size() > kMaxValueChars) text = text.substr(0, kMaxValueChars) + "…";
  return text;
}

std::string pointer_token(std::string key) {
  for (std::size_t at = 0; (at = key.find_first_of("~/", at)) != std::string::npos; at += 2)
    key.replace(at, 1, key[at] == '~' ? "~0" : "~1");
  return key;
}

// The JSON Pointers where `deployed` and `local` differ, each with both values ("" = absent).
void json_diff(const Json& deployed, const Json& local, const std::string& at,
               std::vector<FieldChange>& out) {
  if (deployed == local) return;
  if (deployed.is_object() && local.is_object()) {
    for (const auto& [key, value] : deployed.items()) {
      const std::string path = at + "/" + pointer_token(key);
      if (local.contains(key))
        json_diff(value, local.at(key), path, out);
      else
        out.push_back({"definition " + path, shown(value), ""});
    }
    for (const auto& [key, value] : local.items())
      if (!deployed.contains(key))
        out.push_back({"definition " + at + "/" + pointer_token(key), "", shown(value)});
    return;
  }
  out.push_back({"definition " + (at.empty() ? std::string("/") : at), shown(deployed),
                 shown(local)});
}

Json parse_or_null(std::string_view text) {
  std::variant<Json, JsonTextProblem> read = read_json_text(text);
  if (Json* value = std::get_if<Json>(&read)) return std::move(*value);
  return Json(nullptr);
}

// "arn:aws:lambda:REGION:ACCOUNT_ID:function:NAME[:Q]" with its placeholders filled.
std::string filled_arn(const std::string& text, const std::string& region,
                       const std::string& account) {
  auto parts = split(text, ':');
  if (parts.size() < 7 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function")
    return text;
  std::string out = fmt::format("arn:{}:lambda:{}:{}", parts[1],
                                aws::is_region_name(parts[3]) ? parts[3] : region,
                                aws::is_account_id(parts[4]) ? parts[4] : account);
  for (std::size_t i = 5; i < parts.size(); ++i) out += fmt::format(":{}", parts[i]);
  return out;
}

void fill(Json& value, const std::string& region, const std::string& account) {
  if (value.is_string()) {
    value = filled_arn(value.get<std::string>(), region, account);
  } else if (value.is_structured()) {
    for (auto& child : value) fill(child, region, account);
  }
}

void add(std::vector<FieldChange>& fields, std::string field, const std::string& deployed,
         const std::string& local) {
  if (deployed != local) fields.push_back({std::move(field), deployed, local});
}

// The environment's fields, "Environment NAME", one per variable that differs; a value that
// must not be printed (deploy/function_environment.h) shows as "(hidden)".
void environment_fields(const std::optional<std::map<std::string, std::string>>& deployed,
                        const std::optional<std::map<std::string, std::string>>& local,
                        std::vector<FieldChange>& fields) {
  if (!local) return;  // not managed
  const std::map<std::string, std::string> none;
  const auto& before = deployed ? *deployed : none;
  std::set<std::string> names;
  for (const auto& [name, value] : before) names.insert(name);
  for (const auto& [name, value] : *local) names.insert(name);
  for (const std::string& name : names) {
    auto was = before.find(name);
    auto now = local->find(name);
    const std::string old_value = was == before.end() ? "" : was->second;
    const std::string new_value = now == local->end() ? "" : now->second;
    if (was != before.end() && now != local->end() && old_value == new_value) continue;
    auto shown_value = [&](bool present, const std::string& value) -> std::string {
      if (!present) return "";
      if (is_secret_variable(name)) return "(hidden)";
      return value.empty() ? "\"\"" : shown(Json(value));
    };
    fields.push_back({"Environment " + name, shown_value(was != before.end(), old_value),
                      shown_value(now != local->end(), new_value)});
  }
}

// The logging's fields, when deploy manages it.
void logging_fields(const std::optional<aws::StateMachineLogging>& deployed,
                    const std::optional<aws::StateMachineLogging>& local,
                    std::vector<FieldChange>& fields) {
  if (!local) return;
  const aws::StateMachineLogging before = deployed.value_or(aws::StateMachineLogging{});
  const bool creating = !deployed;
  auto field = [&](const char* name, const std::string& was, const std::string& now) {
    if (creating || was != now) fields.push_back({name, creating ? "" : was, now});
  };
  field("logging level", before.level, local->level);
  field("logging includeExecutionData", before.include_execution_data ? "true" : "false",
        local->include_execution_data ? "true" : "false");
  if (creating && local->log_group_arn.empty()) return;
  field("logging logGroupArn", before.log_group_arn, local->log_group_arn);
}

std::vector<FieldChange> function_fields(const aws::FunctionSettings& deployed,
                                         const std::string& deployed_code,
                                         const aws::FunctionSettings& local,
                                         const std::string& local_code) {
  std::vector<FieldChange> fields;
  add(fields, "Role", deployed.role, local.role);
  add(fields, "Runtime", deployed.runtime, local.runtime);
  add(fields, "Handler", deployed.handler, local.handler);
  add(fields, "Timeout", deployed.timeout_seconds ? std::to_string(deployed.timeout_seconds) : "",
      std::to_string(local.timeout_seconds));
  add(fields, "MemorySize", deployed.memory_mb ? std::to_string(deployed.memory_mb) : "",
      std::to_string(local.memory_mb));
  add(fields, "Architectures", deployed.architecture, local.architecture);
  add(fields, "CodeSha256", deployed_code, local_code);
  environment_fields(deployed.environment, local.environment, fields);
  return fields;
}

bool has_field(const ResourceChange& change, std::string_view prefix) {
  for (const FieldChange& field : change.fields)
    if (field.field.rfind(prefix, 0) == 0) return true;
  return false;
}

Result<void> wait_for_update(const aws::LambdaFunctions& lambda, const std::string& name,
                             Clock& clock) {
  for (int waited = 0;; ++waited) {
    Result<std::optional<aws::DeployedFunction>> now = lambda.get(name);
    if (!now) return now.error();
    if (!now->has_value() || (*now)->last_update != "InProgress") return {};
    if (waited >= kUpdateWaitSeconds)
      return Error{"Deploy.UpdateTimeout",
                   fmt::format("the function {} was still updating after {} s", name,
                               kUpdateWaitSeconds)};
    std::mutex mutex;
    std::condition_variable never;
    std::unique_lock lock(mutex);
    clock.wait_until(never, lock, clock.now() + Millis{1000});
  }
}

}  // namespace

std::string_view package_architecture() {
#if defined(__aarch64__)
  return "arm64";
#else
  return "x86_64";
#endif
}

Result<std::string> fill_arns(const std::string& definition, const std::string& region,
                              const std::string& account_id) {
  Json document = parse_or_null(definition);
  if (!document.is_object())
    return Error{"Deploy.InvalidDefinition", "the definition is not a JSON object"};
  fill(document, region, account_id);
  return to_compact(document);
}

Result<LocalPipeline> local_pipeline(const tasks::Bindings& bindings,
                                     const std::string& definition,
                                     const std::string& code_sha256,
                                     const DeploySettings& settings) {
  Result<std::string> filled = fill_arns(definition, settings.region, settings.account_id);
  if (!filled)
    return Error{filled.error().name, bindings.definition_path + ": " + filled.error().cause};
  LocalPipeline out;
  for (const tasks::FunctionBinding& binding : bindings.functions)
    out.functions.push_back(aws::FunctionSettings{
        binding.name, settings.function_role_arn, std::string(kLambdaRuntime), binding.handler,
        binding.timeout_seconds, binding.memory_mb, std::string(package_architecture()),
        settings.environment});
  out.code_sha256 = code_sha256;
  out.machine = aws::StateMachineSettings{
      bindings.name, std::move(*filled), settings.role_arn,
      std::string(to_string(bindings.type.value_or(WorkflowType::kStandard))),
      settings.logging};
  out.machine_arn = fmt::format("arn:aws:states:{}:{}:stateMachine:{}", settings.region,
                                settings.account_id, bindings.name);
  return out;
}

bool DeployPlan::changes_anything() const {
  for (const ResourceChange& change : resources)
    if (change.changed()) return true;
  return false;
}

Result<DeployPlan> plan_deploy(const LocalPipeline& local, const aws::LambdaFunctions& lambda,
                               const aws::StepFunctions& sfn) {
  DeployPlan plan;
  for (aws::FunctionSettings wanted : local.functions) {
    Result<std::optional<aws::DeployedFunction>> deployed = lambda.get(wanted.name);
    if (!deployed) return deployed.error();
    ResourceChange change{"function", wanted.name, !deployed->has_value(), {}};
    if (!change.create && wanted.role.empty()) wanted.role = (*deployed)->settings.role;
    if (change.create && wanted.role.empty()) wanted.role = "(none: give --function-role-arn)";
    change.fields = change.create
                        ? function_fields({}, "", wanted, local.code_sha256)
                        : function_fields((*deployed)->settings, (*deployed)->code_sha256,
                                          wanted, local.code_sha256);
    plan.resources.push_back(std::move(change));
  }
  Result<std::optional<aws::DeployedStateMachine>> deployed = sfn.describe(local.machine_arn);
  if (!deployed) return deployed.error();
  ResourceChange change{"state machine", local.machine.name, !deployed->has_value(), {}};
  if (change.create) {
    add(change.fields, "type", "", local.machine.type);
    add(change.fields, "roleArn", "",
        local.machine.role_arn.empty() ? "(none: give --role-arn)" : local.machine.role_arn);
    add(change.fields, "definition", "", shown(parse_or_null(local.machine.definition)));
    logging_fields(std::nullopt, local.machine.logging, change.fields);
  } else {
    const aws::StateMachineSettings& now = (*deployed)->settings;
    add(change.fields, "type", now.type, local.machine.type);
    if (!local.machine.role_arn.empty())
      add(change.fields, "roleArn", now.role_arn, local.machine.role_arn);
    std::vector<FieldChange> definition;
    json_diff(parse_or_null(now.definition), parse_or_null(local.machine.definition), "",
              definition);
    if (definition.size() > kMaxDefinitionChanges) {
      const std::size_t more = definition.size() - kMaxDefinitionChanges;
      definition.resize(kMaxDefinitionChanges);
      definition.push_back({fmt::format("definition (and {} more differences)", more), "", ""});
    }
    for (FieldChange& field : definition) change.fields.push_back(std::move(field));
    logging_fields(now.logging.value_or(aws::StateMachineLogging{}), local.machine.logging,
                   change.fields);
  }
  plan.resources.push_back(std::move(change));
  return plan;
}

Result<void> apply_deploy(const DeployPlan& plan, const LocalPipeline& local,
                          const std::string& zip, const aws::LambdaFunctions& lambda,
                          const aws::StepFunctions& sfn, Clock& clock) {
  // Everything that would stop the deploy half way is checked before the first write.
  for (std::size_t i = 0; i < local.functions.size(); ++i)
    if (plan.resources.at(i).create && local.functions[i].role.empty())
      return Error{"Deploy.NeedsRole",
                   fmt::format("the function {} does not exist yet: give --function-role-arn "
                               "to create it",
                               local.functions[i].name)};
  const ResourceChange& machine = plan.resources.back();
  if (machine.create && local.machine.role_arn.empty())
    return Error{"Deploy.NeedsRole",
                 fmt::format("the state machine {} does not exist yet: give --role-arn to "
                             "create it",
                             local.machine.name)};
  if (!machine.create && has_field(machine, "type"))
    return Error{"Deploy.TypeChange",
                 fmt::format("the state machine {} has another type on AWS; Step Functions "
                             "cannot change it: delete the state machine first",
                             local.machine.name)};
  for (std::size_t i = 0; i < local.functions.size(); ++i) {
    const ResourceChange& change = plan.resources.at(i);
    aws::FunctionSettings wanted = local.functions[i];
    if (change.create) {
      Result<aws::DeployedFunction> created = lambda.create(wanted, zip);
      if (!created) return created.error();
      continue;
    }
    if (has_field(change, "CodeSha256") || has_field(change, "Architectures")) {
      Result<aws::DeployedFunction> updated =
          lambda.update_code(wanted.name, wanted.architecture, zip);
      if (!updated) return updated.error();
      if (Result<void> done = wait_for_update(lambda, wanted.name, clock); !done) return done;
    }
    for (std::string_view field :
         {"Role", "Runtime", "Handler", "Timeout", "MemorySize", "Environment"}) {
      if (!has_field(change, field)) continue;
      if (wanted.role.empty()) {  // kept as deployed: the plan has no Role change
        Result<std::optional<aws::DeployedFunction>> now = lambda.get(wanted.name);
        if (!now) return now.error();
        if (now->has_value()) wanted.role = (*now)->settings.role;
      }
      Result<aws::DeployedFunction> updated = lambda.update_configuration(wanted);
      if (!updated) return updated.error();
      break;
    }
  }
  if (machine.create) {
    Result<std::string> arn = sfn.create(local.machine);
    if (!arn) return arn.error();
  } else if (machine.changed()) {
    aws::StateMachineSettings wanted = local.machine;
    if (wanted.role_arn.empty()) {
      Result<std::optional<aws::DeployedStateMachine>> now = sfn.describe(local.machine_arn);
      if (!now) return now.error();
      if (now->has_value()) wanted.role_arn = (*now)->settings.role_arn;
    }
    if (Result<void> updated = sfn.update(local.machine_arn, wanted); !updated) return updated;
  }
  return {};
}

std::string format_plan(const DeployPlan& plan) {
  std::string out;
  int create = 0, update = 0, same = 0;
  for (const ResourceChange& change : plan.resources) {
    const char* action = change.create ? "create" : change.changed() ? "update" : "up to date";
    (change.create ? create : change.changed() ? update : same) += 1;
    out += fmt::format("{} {}: {}\n", change.kind, change.name, action);
    std::size_t width = 0;
    for (const FieldChange& field : change.fields) width = std::max(width, field.field.size());
    for (const FieldChange& field : change.fields) {
      if (change.create)
        out += fmt::format("  {:<{}}  {}\n", field.field, width, field.local);
      else if (field.deployed.empty() && field.local.empty())
        out += fmt::format("  {}\n", field.field);
      else
        out += fmt::format("  {:<{}}  {} -> {}\n", field.field, width,
                           field.deployed.empty() ? "(absent)" : field.deployed,
                           field.local.empty() ? "(absent)" : field.local);
    }
  }
  out += fmt::format("plan: {} to create, {} to update, {} up to date\n", create, update, same);
  return out;
}

std::vector<std::string> drift_lines(const DeployPlan& plan) {
  std::vector<std::string> out;
  for (const ResourceChange& change : plan.resources) {
    if (change.create) {
      out.push_back(fmt::format("{} {}: not deployed", change.kind, change.name));
      continue;
    }
    for (const FieldChange& field : change.fields) {
      if (field.deployed.empty() && field.local.empty())
        out.push_back(fmt::format("{} {}: {}", change.kind, change.name, field.field));
      else
        out.push_back(fmt::format("{} {}: {} is {} on AWS, {} here", change.kind, change.name,
                                  field.field, field.deployed.empty() ? "absent" : field.deployed,
                                  field.local.empty() ? "absent" : field.local));
    }
  }
  return out;
}

}  // namespace conflictctl::deploy
