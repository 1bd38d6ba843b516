#include "asl/resource.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "core/split.h"

namespace conflictctl::asl {

namespace {

constexpr std::size_t kMaxFunctionNameLength = 64;
constexpr std::string_view kStatesPrefix = "states:::";
constexpr std::string_view kSdkService = "aws-sdk";

Error runtime_error(std::string cause) { return Error{"States.Runtime", std::move(cause)}; }

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

bool is_valid_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxFunctionNameLength &&
         std::all_of(name.begin(), name.end(), is_name_char);
}

bool is_valid_qualifier(std::string_view qualifier) {
  return qualifier == "$LATEST" ||
         (!qualifier.empty() && std::all_of(qualifier.begin(), qualifier.end(), is_name_char));
}

Result<FunctionRef> make_function(std::string_view whole, std::string_view name,
                                  std::string_view qualifier) {
  if (!is_valid_name(name))
    return runtime_error(fmt::format(
        "invalid Lambda function name '{}' in '{}': a name is 1 to 64 letters, digits, hyphens "
        "or underscores",
        name, whole));
  if (!qualifier.empty() && !is_valid_qualifier(qualifier))
    return runtime_error(
        fmt::format("invalid Lambda qualifier '{}' in '{}': expected a version or an alias",
                    qualifier, whole));
  return FunctionRef{std::string(name), std::string(qualifier)};
}

// "arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]"
Result<FunctionRef> parse_lambda_arn(std::string_view arn, const std::vector<std::string_view>& p) {
  if (p.size() < 7 || p.size() > 8 || p[2] != "lambda" || p[5] != "function")
    return runtime_error(fmt::format(
        "'{}' is not a Lambda function ARN "
        "(arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER])",
        arn));
  return make_function(arn, p[6], p.size() == 8 ? p[7] : std::string_view());
}

// Splits "ACTION[.sync|.sync:2|.waitForTaskToken]".
void split_pattern(std::string_view text, Resource& resource) {
  constexpr std::array<std::pair<std::string_view, IntegrationPattern>, 3> kSuffixes = {{
      {".waitForTaskToken", IntegrationPattern::kWaitForTaskToken},
      {".sync:2", IntegrationPattern::kSync},
      {".sync", IntegrationPattern::kSync},
  }};
  for (const auto& [suffix, pattern] : kSuffixes) {
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      resource.action = std::string(text.substr(0, text.size() - suffix.size()));
      resource.suffix = std::string(suffix);
      resource.pattern = pattern;
      return;
    }
  }
  resource.action = std::string(text);
}

// "arn:PARTITION:states:::SERVICE:ACTION[suffix]" or "…:::aws-sdk:SERVICE:ACTION[suffix]".
Result<Resource> parse_integration(std::string_view arn, std::string_view rest) {
  auto invalid = [&] {
    return runtime_error(fmt::format(
        "'{}' is not a service integration ARN (arn:aws:states:::SERVICE:ACTION)", arn));
  };
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return invalid();
  Resource resource;
  resource.kind = ResourceKind::kServiceIntegration;
  resource.service = std::string(rest.substr(0, colon));
  std::string_view action = rest.substr(colon + 1);
  if (resource.service == kSdkService) {
    std::size_t next = action.find(':');
    if (next == std::string_view::npos || next == 0) return invalid();
    resource.service += ":" + std::string(action.substr(0, next));
    action = action.substr(next + 1);
  }
  split_pattern(action, resource);
  if (resource.action.empty()) return invalid();
  return resource;
}

// "arn:PARTITION:states:REGION:ACCOUNT:activity:NAME": `p` is the ARN split at ':'.
Result<Resource> parse_activity(std::string_view arn, const std::vector<std::string_view>& p) {
  if (p.size() != 7 || p[2] != "states" || p[5] != "activity")
    return runtime_error(fmt::format(
        "'{}' is not an activity ARN (arn:aws:states:REGION:ACCOUNT:activity:NAME)", arn));
  if (std::string problem = activity_name_problem(p[6]); !problem.empty())
    return runtime_error(fmt::format("invalid activity name in '{}': {}", arn, problem));
  Resource resource;
  resource.kind = ResourceKind::kActivity;
  resource.activity = std::string(p[6]);
  return resource;
}

Result<Resource> lambda_function(Result<FunctionRef> function) {
  if (!function) return function.error();
  Resource resource;
  resource.function = std::move(*function);
  return resource;
}

}  // namespace

bool Resource::is_lambda_invoke() const {
  return kind == ResourceKind::kServiceIntegration && service == "lambda" && action == "invoke";
}

Result<FunctionRef> parse_function_name(std::string_view function_name) {
  std::vector<std::string_view> p = split(function_name, ':');
  if (p[0] == "arn") return parse_lambda_arn(function_name, p);
  switch (p.size()) {
    case 1: return make_function(function_name, p[0], {});
    case 2: return make_function(function_name, p[0], p[1]);
    case 3:
    case 4:
      if (p[1] == "function" && !p[0].empty())
        return make_function(function_name, p[2], p.size() == 4 ? p[3] : std::string_view());
      break;
    default: break;
  }
  return runtime_error(fmt::format(
      "'{}' is not a Lambda function name; expected NAME, NAME:QUALIFIER, "
      "ACCOUNT:function:NAME or a function ARN",
      function_name));
}

std::string activity_name_problem(std::string_view name) {
  constexpr std::size_t kMaxActivityName = 80;
  constexpr std::string_view kForbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";
  if (name.empty() || name.size() > kMaxActivityName)
    return "an activity name is 1 to 80 characters long";
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    const bool blank = std::isspace(u) || u < 0x20 || u == 0x7f;
    if (blank || kForbidden.find(c) != std::string_view::npos)
      return fmt::format("an activity name may not contain white space, control characters or "
                         "any of < > {{ }} [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : / (found {})",
                         blank ? std::string("white space") : fmt::format("'{}'", c));
  }
  return "";
}

Error unsupported_integration(std::string_view state, const Resource& resource) {
  std::string why =
      resource.kind == ResourceKind::kActivity
          ? fmt::format("no worker polls activity '{}' here", resource.activity)
      : resource.pattern == IntegrationPattern::kWaitForTaskToken
          ? "the .waitForTaskToken pattern needs a task token callback"
          : fmt::format("service integration '{}:{}' has no local runner", resource.service,
                        resource.history_resource());
  return Error{"States.Runtime", fmt::format("state '{}' cannot run locally: {}; mock it in a "
                                             "mock config file (docs/mock-config.md)",
                                             state, why)};
}

Result<Resource> parse_resource(std::string_view resource) {
  if (!resource.starts_with("arn:")) {
    return lambda_function(parse_function_name(resource));
  }
  // After "arn:PARTITION:" comes the service.
  std::size_t partition_end = resource.find(':', 4);
  if (partition_end == std::string_view::npos)
    return runtime_error(fmt::format("'{}' is not a valid ARN", resource));
  std::string_view rest = resource.substr(partition_end + 1);
  if (rest.starts_with(kStatesPrefix))
    return parse_integration(resource, rest.substr(kStatesPrefix.size()));
  if (rest.starts_with("states:")) return parse_activity(resource, split(resource, ':'));
  if (rest.starts_with("lambda:")) {
    return lambda_function(parse_lambda_arn(resource, split(resource, ':')));
  }
  return runtime_error(fmt::format(
      "unsupported Resource '{}': expected a Lambda function ARN, a service integration "
      "(arn:aws:states:::SERVICE:ACTION) or an activity ARN",
      resource));
}

}  // namespace conflictctl::asl
