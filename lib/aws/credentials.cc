#include "aws/credentials.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace conflictctl::aws {
namespace {

using Section = std::map<std::string, std::string>;

struct IniFile {
  std::string path;
  bool found = false;
  std::map<std::string, Section> sections;
};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

Error config_error(const std::string& path, int line, std::string_view what) {
  return Error{"Aws.ConfigError", fmt::format("{}:{}: {}", path, line, what)};
}

// The AWS INI dialect: "[section]", "key = value", '#' or ';' comments, and indented lines
// under a key (nested settings such as `s3 =`), which we skip. Messages never quote a line:
// it may hold a secret.
Result<IniFile> parse_ini(const std::string& path, const std::string& text) {
  IniFile file{path, true, {}};
  Section* current = nullptr;
  bool after_key = false;
  std::istringstream in(text);
  std::string raw;
  for (int line = 1; std::getline(in, raw); ++line) {
    const std::string_view content = trim(raw);
    if (content.empty() || content.front() == '#' || content.front() == ';') continue;
    const bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (indented && after_key) continue;
    if (content.front() == '[') {
      if (content.back() != ']') return config_error(path, line, "a section header must end with ']'");
      const std::string name(trim(content.substr(1, content.size() - 2)));
      if (name.empty()) return config_error(path, line, "empty section name");
      current = &file.sections[name];
      after_key = false;
      continue;
    }
    const auto equals = content.find('=');
    if (equals == std::string_view::npos)
      return config_error(path, line, "expected \"[section]\" or \"key = value\"");
    if (current == nullptr) return config_error(path, line, "a setting before any [section]");
    const std::string key(trim(content.substr(0, equals)));
    if (key.empty()) return config_error(path, line, "a setting without a name");
    (*current)[key] = std::string(trim(content.substr(equals + 1)));
    after_key = true;
  }
  return file;
}

Result<IniFile> load_ini(const AwsEnvironment& env, const std::string& path) {
  const std::optional<std::string> text = env.read_file(path);
  if (!text) return IniFile{path, false, {}};
  return parse_ini(path, *text);
}

std::optional<std::string> variable(const AwsEnvironment& env, const std::string& name) {
  std::optional<std::string> value = env.variable(name);
  if (value && value->empty()) return std::nullopt;  // set but empty counts as unset, as in the CLI
  return value;
}

// The profile and the two files it lives in, after the environment's overrides.
struct Locations {
  std::string profile;
  std::string credentials_path;
  std::string config_path;
};

Locations locations(const AwsEnvironment& env) {
  const std::string home = variable(env, "HOME").value_or("~");
  return Locations{variable(env, "AWS_PROFILE").value_or("default"),
                   variable(env, "AWS_SHARED_CREDENTIALS_FILE").value_or(home + "/.aws/credentials"),
                   variable(env, "AWS_CONFIG_FILE").value_or(home + "/.aws/config")};
}

// The profile's section: "[NAME]" in the credentials file; "[profile NAME]" in the config
// file, where the default profile may also be written "[default]".
const Section* find_profile(const IniFile& file, const std::string& profile, bool config) {
  std::vector<std::string> names;
  if (config) names.push_back("profile " + profile);
  if (!config || profile == "default") names.push_back(profile);
  for (const std::string& name : names)
    if (auto it = file.sections.find(name); it != file.sections.end()) return &it->second;
  return nullptr;
}

std::string lookup(const Section* section, const std::string& key) {
  if (section == nullptr) return {};
  const auto it = section->find(key);
  return it == section->end() ? std::string{} : it->second;
}

std::string describe_file(const IniFile& file) {
  return file.found ? file.path : file.path + " (not found)";
}

}  // namespace

std::string Credentials::describe() const {
  const std::string key = access_key_id.size() > 8
                              ? access_key_id.substr(0, 4) + "..." +
                                    access_key_id.substr(access_key_id.size() - 4)
                              : std::string("****");
  return fmt::format("{} (secret ****{}) from {}", key,
                     session_token.empty() ? "" : ", session token ****", source);
}

AwsEnvironment system_environment() {
  return AwsEnvironment{
      [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
      },
      [](const std::string& path) -> std::optional<std::string> {
        std::ifstream in(path, std::ios::binary);
        if (!in) return std::nullopt;
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
      }};
}

Result<Credentials> resolve_credentials(const AwsEnvironment& env) {
  const std::optional<std::string> key_id = variable(env, "AWS_ACCESS_KEY_ID");
  if (key_id) {
    std::optional<std::string> secret = variable(env, "AWS_SECRET_ACCESS_KEY");
    if (!secret)
      return Error{"Aws.CredentialsError",
                   "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"};
    return Credentials{*key_id, std::move(*secret),
                       variable(env, "AWS_SESSION_TOKEN").value_or(""), "environment"};
  }

  const Locations where = locations(env);
  Result<IniFile> credentials_file = load_ini(env, where.credentials_path);
  if (!credentials_file) return credentials_file.error();
  Result<IniFile> config_file = load_ini(env, where.config_path);
  if (!config_file) return config_file.error();

  const std::pair<const IniFile*, bool> files[] = {{&*credentials_file, false},
                                                   {&*config_file, true}};
  for (const auto& [file, is_config] : files) {
    const Section* section = find_profile(*file, where.profile, is_config);
    std::string id = lookup(section, "aws_access_key_id");
    if (id.empty()) continue;
    std::string secret = lookup(section, "aws_secret_access_key");
    const std::string source = fmt::format("{} [{}]", file->path, where.profile);
    if (secret.empty())
      return Error{"Aws.CredentialsError",
                   fmt::format("{} has aws_access_key_id but no aws_secret_access_key", source)};
    return Credentials{std::move(id), std::move(secret), lookup(section, "aws_session_token"),
                       source};
  }
  return Error{"Aws.CredentialsError",
               fmt::format("no AWS credentials found: AWS_ACCESS_KEY_ID is not set, and profile "
                           "\"{}\" has no aws_access_key_id in {} or {}",
                           where.profile, describe_file(*credentials_file),
                           describe_file(*config_file))};
}

Result<std::string> resolve_region(const AwsEnvironment& env) {
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (std::optional<std::string> region = variable(env, name)) return *region;
  const Locations where = locations(env);
  Result<IniFile> config_file = load_ini(env, where.config_path);
  if (!config_file) return config_file.error();
  return lookup(find_profile(*config_file, where.profile, true), "region");
}

std::string redact_secrets(std::string text, const Credentials& credentials) {
  for (const std::string* secret : {&credentials.secret_access_key, &credentials.session_token}) {
    if (secret->empty()) continue;
    for (size_t at = text.find(*secret); at != std::string::npos; at = text.find(*secret, at))
      text.replace(at, secret->size(), "****");
  }
  return text;
}

}  // namespace conflictctl::aws
