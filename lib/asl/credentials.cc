#include "asl/credentials.h"

#include <fmt/format.h>

#include "asl/jsonata_fields.h"
#include "core/diagnostic.h"
#include "core/split.h"

namespace conflictctl::asl {

std::string role_arn_problem(std::string_view text) {
  std::vector<std::string_view> p = split(text, ':');
  const bool ok = p.size() == 6 && p[0] == "arn" && !p[1].empty() && p[2] == "iam" &&
                  p[3].empty() && !p[4].empty() && p[5].starts_with("role/") &&
                  p[5].size() > 5 && !p[5].ends_with("/");
  if (ok) return "";
  return fmt::format("'{}' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)", text);
}

std::vector<CredentialsProblem> check_credentials(const Json& credentials,
                                                  const std::string& pointer, bool jsonata) {
  std::vector<CredentialsProblem> problems;
  if (!credentials.is_object()) return {{pointer, "Credentials must be an object"}};
  const std::string expected = jsonata ? "RoleArn" : "RoleArn or RoleArn.$";
  for (const auto& [key, value] : credentials.items()) {
    if (key != "RoleArn" && (jsonata || key != "RoleArn.$"))
      problems.push_back({pointer_append(pointer, key),
                          fmt::format("unknown field '{}' in Credentials (expected {})", key,
                                      expected)});
  }
  const bool literal = credentials.contains("RoleArn");
  const bool path = !jsonata && credentials.contains("RoleArn.$");
  if (literal && path)
    problems.push_back({pointer, "Credentials cannot have both RoleArn and RoleArn.$"});
  else if (!literal && !path)
    problems.push_back({pointer, fmt::format("Credentials must name the role: {}", expected)});
  if (!literal) return problems;
  const std::string at = pointer_append(pointer, "RoleArn");
  const Json& role = credentials.at("RoleArn");
  if (!role.is_string()) {
    problems.push_back({at, "RoleArn must be a string"});
    return problems;
  }
  const std::string& text = role.get_ref<const std::string&>();
  if (jsonata && is_jsonata_expression(text)) return problems;
  if (std::string problem = role_arn_problem(text); !problem.empty())
    problems.push_back({at, problem});
  return problems;
}

}  // namespace conflictctl::asl
