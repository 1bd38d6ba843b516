#include "settings.h"

#include <cstdlib>
#include <set>
#include <string_view>

namespace conflictctl::app {
namespace {

// The names preload_settings exported: original_environment() does not see them.
std::set<std::string, std::less<>>& exported() {
  static std::set<std::string, std::less<>> names;
  return names;
}

// The value of --env-file on the command line, else ".env".
std::string env_file_argument(int argc, char** argv) {
  constexpr std::string_view kOption = "--env-file";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == kOption && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with(kOption) && arg.size() > kOption.size() && arg[kOption.size()] == '=')
      return std::string(arg.substr(kOption.size() + 1));
  }
  return ".env";
}

}  // namespace

void preload_settings(int argc, char** argv) {
  auto settings = db::read_settings(db::process_environment(), env_file_argument(argc, argv));
  if (!settings) return;
  for (const db::SettingName& setting : db::kSettingNames) {
    if (!setting.process_wide || setting.secret) continue;
    db::Settings::Value value = settings->value(setting.name);
    if (value.source != db::SettingSource::kDotenv) continue;
    std::string name(setting.name);
    if (::setenv(name.c_str(), value.text.c_str(), /*overwrite=*/0) == 0)
      exported().insert(std::move(name));
  }
}

db::EnvLookup original_environment() {
  return [environment = db::process_environment()](
             std::string_view name) -> std::optional<std::string> {
    if (exported().count(name)) return std::nullopt;
    return environment(name);
  };
}

}  // namespace conflictctl::app
