#include "deploy/schedule.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include "core/json.h"
#include "core/split.h"

namespace conflictctl::deploy {
namespace {

constexpr const char* kPolicyVersion = "2012-10-17";

Error invalid(std::string_view expression, const std::string& why) {
  return Error{"Deploy.InvalidSchedule", fmt::format("--schedule {}: {}", expression, why)};
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  if (text.empty() || text.size() > 4) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Result<void> check_rate(std::string_view expression, std::string_view body) {
  const std::size_t space = body.find(' ');
  const std::string usage = "a rate is rate(VALUE UNIT), VALUE a positive integer and UNIT "
                            "minute, hour or day (plural when VALUE is not 1): rate(1 day), "
                            "rate(15 minutes)";
  if (space == std::string_view::npos) return invalid(expression, usage);
  const std::optional<int> value = number(body.substr(0, space));
  std::string_view unit = body.substr(space + 1);
  if (!value || *value < 1) return invalid(expression, usage);
  const bool plural = unit.ends_with('s');
  if (plural) unit.remove_suffix(1);
  if (unit != "minute" && unit != "hour" && unit != "day") return invalid(expression, usage);
  if (plural != (*value != 1))
    return invalid(expression, fmt::format("the unit must be {} when the value is {}",
                                           plural ? "singular" : "plural", *value));
  return {};
}

struct CronField {
  const char* name;
  int low, high;
  std::array<const char*, 12> names;  // names for low, low+1, … (month, day-of-week)
  std::string_view specials;          // characters allowed besides digits , - * /
};

constexpr CronField kCronFields[] = {
    {"minutes", 0, 59, {}, ""},
    {"hours", 0, 23, {}, ""},
    {"day-of-month", 1, 31, {}, "?LW"},
    {"month", 1, 12,
     {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}, ""},
    {"day-of-week", 1, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}, "?L#"},
    {"year", 1970, 2199, {}, ""},
};

// One value of `field`: a number in its range, or one of its names.
bool cron_value(const CronField& field, std::string_view text) {
  if (auto value = number(text)) return *value >= field.low && *value <= field.high;
  for (const char* name : field.names)
    if (name != nullptr && text == name) return true;
  return false;
}

// One element of a list: *, VALUE, VALUE-VALUE, and any of those /STEP; the specials as AWS
// allows them (L, nL, nW, LW in day-of-month; L, nL, n#k in day-of-week).
bool cron_element(const CronField& field, std::string_view text) {
  const std::string_view specials = field.specials;
  if (specials.find('W') != std::string_view::npos) {
    if (text == "L" || text == "LW") return true;
    if (text.ends_with('W') || text.ends_with('L'))
      return cron_value(field, text.substr(0, text.size() - 1));
  }
  if (specials.find('#') != std::string_view::npos) {
    if (text == "L") return true;
    if (text.ends_with('L')) return cron_value(field, text.substr(0, text.size() - 1));
    if (std::size_t hash = text.find('#'); hash != std::string_view::npos) {
      const std::optional<int> nth = number(text.substr(hash + 1));
      return cron_value(field, text.substr(0, hash)) && nth && *nth >= 1 && *nth <= 5;
    }
  }
  std::string_view range = text;
  if (std::size_t slash = text.find('/'); slash != std::string_view::npos) {
    const std::optional<int> step = number(text.substr(slash + 1));
    if (!step || *step < 1) return false;
    range = text.substr(0, slash);
  }
  if (range == "*") return true;
  if (std::size_t dash = range.find('-'); dash != std::string_view::npos)
    return cron_value(field, range.substr(0, dash)) && cron_value(field, range.substr(dash + 1));
  return cron_value(field, range);
}

Result<void> check_cron(std::string_view expression, std::string_view body) {
  std::vector<std::string_view> fields;
  for (std::string_view field : split(body, ' '))
    if (!field.empty()) fields.push_back(field);
  if (fields.size() != 6)
    return invalid(expression,
                   fmt::format("a cron expression has 6 fields (minutes hours day-of-month "
                               "month day-of-week year), this one {}: e.g. cron(0 5 * * ? *) "
                               "is every day at 05:00 UTC",
                               fields.size()));
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const CronField& field = kCronFields[i];
    const bool question_allowed = field.specials.find('?') != std::string_view::npos;
    if (fields[i] == "?") {
      if (question_allowed) continue;
      return invalid(expression, fmt::format("? is allowed only in day-of-month and "
                                             "day-of-week, not in {}",
                                             field.name));
    }
    for (std::string_view element : split(fields[i], ','))
      if (!cron_element(field, element))
        return invalid(expression,
                       fmt::format("the {} field \"{}\" is not valid ({}-{}{})", field.name,
                                   fields[i], field.low, field.high,
                                   field.names[0] ? ", or names such as " +
                                                        std::string(field.names[0])
                                                  : std::string()));
  }
  if ((fields[2] == "?") == (fields[4] == "?"))
    return invalid(expression, "one of day-of-month and day-of-week must be ?, and only one "
                               "(e.g. cron(0 5 * * ? *) or cron(0 5 ? * MON-FRI *))");
  return {};
}

std::string schedule_arn(const DeploySettings& settings, const std::string& name) {
  return fmt::format("arn:aws:scheduler:{}:{}:schedule/default/{}", settings.region,
                     settings.account_id, name);
}

Json statement(const char* sid, Json actions, Json resources) {
  return Json{{"Sid", sid}, {"Effect", "Allow"}, {"Action", std::move(actions)},
              {"Resource", std::move(resources)}};
}

}  // namespace

Result<void> check_schedule_expression(std::string_view expression) {
  auto inside = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (!expression.starts_with(prefix) || !expression.ends_with(')')) return std::nullopt;
    return expression.substr(prefix.size(), expression.size() - prefix.size() - 1);
  };
  if (auto body = inside("rate(")) return check_rate(expression, *body);
  if (auto body = inside("cron(")) return check_cron(expression, *body);
  if (inside("at("))
    return invalid(expression, "deploy makes a recurring schedule: give cron(...) or "
                               "rate(...), not a one-time at(...)");
  return invalid(expression, "a schedule is cron(MINUTES HOURS DAY-OF-MONTH MONTH DAY-OF-WEEK "
                             "YEAR) or rate(VALUE UNIT), e.g. 'cron(0 5 * * ? *)'");
}

Result<aws::ScheduleSettings> local_schedule(const LocalPipeline& local,
                                             const ScheduleOptions& options) {
  if (Result<void> checked = check_schedule_expression(options.expression); !checked)
    return checked.error();
  aws::ScheduleSettings out;
  out.name = local.machine.name;
  out.expression = options.expression;
  out.timezone = options.timezone;
  out.target_arn = local.machine_arn;
  out.role_arn = options.role_arn;
  out.input = options.input.empty() ? std::string("{}") : options.input;
  return out;
}

Result<ResourceChange> plan_schedule(const aws::ScheduleSettings& local,
                                     const aws::Scheduler& scheduler) {
  Result<std::optional<aws::DeployedSchedule>> deployed = scheduler.get(local.name);
  if (!deployed) return deployed.error();
  ResourceChange change{"schedule", local.name, !deployed->has_value(), {}};
  const aws::ScheduleSettings none;
  const aws::ScheduleSettings& now = change.create ? none : (*deployed)->settings;
  auto add = [&](const char* field, const std::string& there, const std::string& here) {
    if (change.create || there != here) change.fields.push_back({field, there, here});
  };
  add("ScheduleExpression", now.expression, local.expression);
  if (change.create || !local.timezone.empty() || !now.timezone.empty())
    add("ScheduleExpressionTimezone", now.timezone.empty() ? "UTC" : now.timezone,
        local.timezone.empty() ? "UTC" : local.timezone);
  add("Target.Arn", now.target_arn, local.target_arn);
  if (change.create && local.role_arn.empty())
    add("Target.RoleArn", "", "(none: give --schedule-role-arn)");
  else if (!local.role_arn.empty())
    add("Target.RoleArn", now.role_arn, local.role_arn);
  add("Target.Input", now.input, local.input);
  add("State", now.state, local.state);
  return change;
}

Result<void> schedule_ready(const ResourceChange& change, const aws::ScheduleSettings& local) {
  if (change.create && local.role_arn.empty())
    return Error{"Deploy.NeedsRole",
                 fmt::format("the schedule {} does not exist yet: give --schedule-role-arn to "
                             "create it (`conflictctl deploy --print-policy --schedule ...` "
                             "prints the role's policies)",
                             local.name)};
  return {};
}

Result<void> apply_schedule(const ResourceChange& change, const aws::ScheduleSettings& local,
                            const aws::Scheduler& scheduler) {
  if (Result<void> ready = schedule_ready(change, local); !ready) return ready;
  if (change.create) {
    Result<std::string> arn = scheduler.create(local);
    if (!arn) return arn.error();
    return {};
  }
  if (!change.changed()) return {};
  aws::ScheduleSettings wanted = local;
  if (wanted.role_arn.empty()) {  // kept as deployed: UpdateSchedule replaces every field
    Result<std::optional<aws::DeployedSchedule>> now = scheduler.get(local.name);
    if (!now) return now.error();
    if (now->has_value()) wanted.role_arn = (*now)->settings.role_arn;
  }
  return scheduler.update(wanted);
}

std::vector<PolicyDocument> schedule_policies(const LocalPipeline& local,
                                              const DeploySettings& settings,
                                              const ScheduleOptions& options) {
  const std::string role =
      options.role_arn.empty() ? fmt::format("arn:aws:iam::{}:role/*", settings.account_id)
                               : options.role_arn;
  Json trust{{"Version", kPolicyVersion},
             {"Statement",
              Json::array({Json{{"Effect", "Allow"},
                                {"Principal", Json{{"Service", "scheduler.amazonaws.com"}}},
                                {"Action", "sts:AssumeRole"},
                                {"Condition", Json{{"StringEquals",
                                                    Json{{"aws:SourceAccount",
                                                          settings.account_id}}}}}}})}};
  Json pass = statement("PassScheduleRole", "iam:PassRole", Json::array({role}));
  pass["Condition"] =
      Json{{"StringEquals", Json{{"iam:PassedToService", "scheduler.amazonaws.com"}}}};
  return {
      {"schedule role (--schedule-role-arn)", std::move(trust),
       Json{{"Version", kPolicyVersion},
            {"Statement", Json::array({statement("StartPipelineExecutions",
                                                 "states:StartExecution",
                                                 Json::array({local.machine_arn}))})}}},
      {"the deployer's schedule permissions (with --schedule)", Json(nullptr),
       Json{{"Version", kPolicyVersion},
            {"Statement",
             Json::array({statement("DeploySchedule",
                                    Json::array({"scheduler:GetSchedule",
                                                 "scheduler:CreateSchedule",
                                                 "scheduler:UpdateSchedule"}),
                                    Json::array({schedule_arn(settings, local.machine.name)})),
                          std::move(pass)})}}}};
}

}  // namespace conflictctl::deploy
