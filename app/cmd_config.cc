// conflictctl config — the effective settings and where each came from (db/settings.h).
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "budget/run_store.h"
#include "commands.h"
#include "core/json.h"
#include "database_settings.h"
#include "exit_codes.h"
#include "pipeline/run.h"

namespace conflictctl::app {

namespace {

struct ConfigOptions {
  DatabaseOptions database;
  std::string output = "text";
};

struct Row {
  std::string name, value, from;
};

// The value to show when nothing sets `name`.
std::string default_text(std::string_view name) {
  if (name == "CONFLICTCTL_PIPELINES_DIR") return pipeline::pipelines_dir();
  if (name == "CONFLICTCTL_STATE_DIR") return budget::RunStore::default_directory();
  return db::default_setting(name);
}

// The key of the RDS secret (db/database_secret.h) that fills the setting `name`; "" for none.
std::string_view secret_key(std::string_view name) {
  if (name == "POSTGRES_HOST") return "host";
  if (name == "POSTGRES_PORT") return "port";
  if (name == "POSTGRES_DATABASE") return "dbname";
  if (name == "POSTGRES_USER") return "username";
  return "";
}

// With POSTGRES_SECRET_ID, the row of a connection setting the secret fills (config reads no
// secret: it says where the value will come from). nullopt for any other setting.
std::optional<Row> secret_row(const db::Settings& settings, std::string_view name,
                              const std::string& fallback) {
  const std::string id = settings.get("POSTGRES_SECRET_ID").value_or("");
  if (id.empty()) return std::nullopt;
  if (name == "POSTGRES_PASSWORD" && settings.get(name).value_or("").empty())
    return Row{std::string(name), fmt::format("from secret {}", id), "POSTGRES_SECRET_ID"};
  if (secret_key(name).empty() || settings.get(name)) return std::nullopt;
  return Row{std::string(name),
             fmt::format("from secret {} (its {}){}", id, secret_key(name),
                         fallback.empty() ? "" : ", else " + fallback),
             "POSTGRES_SECRET_ID"};
}

std::vector<Row> rows(const db::Settings& settings) {
  std::vector<Row> out;
  for (const db::SettingName& setting : db::kSettingNames) {
    if (auto row = secret_row(settings, setting.name, default_text(setting.name))) {
      out.push_back(std::move(*row));
      continue;
    }
    if (settings.get(setting.name)) {
      out.push_back({std::string(setting.name), settings.shown(setting.name),
                     settings.where(setting.name)});
      continue;
    }
    std::string fallback = default_text(setting.name);
    out.push_back({std::string(setting.name), fallback.empty() ? "(not set)" : fallback,
                   fallback.empty() ? "-" : "default"});
  }
  return out;
}

CommandResult config(const ConfigOptions& options) {
  auto settings = load_settings(options.database);
  if (!settings) return settings.error();
  std::vector<Row> table = rows(*settings);
  if (options.output == "json") {
    Json list = Json::array();
    for (const Row& row : table)
      list.push_back({{"name", row.name}, {"value", row.value}, {"from", row.from}});
    fmt::print("{}\n", Json{{"settings", std::move(list)}}.dump(2));
  } else {
    std::size_t name_width = 7, value_width = 5;
    for (const Row& row : table) {
      name_width = std::max(name_width, row.name.size());
      value_width = std::max(value_width, row.value.size());
    }
    fmt::print("{:<{}}  {:<{}}  FROM\n", "SETTING", name_width, "VALUE", value_width);
    for (const Row& row : table)
      fmt::print("{:<{}}  {:<{}}  {}\n", row.name, name_width, row.value, value_width, row.from);
    if (settings->get("POSTGRES_SECRET_ID").value_or("") != "")
      fmt::print("\nThe password comes from the secret (read with Secrets Manager's "
                 "GetSecretValue when a\ncommand connects; config reads nothing). "
                 "POSTGRES_HOST, _PORT, _DATABASE and _USER set\nabove win over the "
                 "secret's host, port, dbname and username.\n");
  }
  if (auto checked = db::connection_settings(*settings); !checked)
    return command_error(kInvalidInput, checked.error().cause);
  return kOk;
}

}  // namespace

void set_config_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<ConfigOptions>();
  auto* command = app.add_subcommand(
      "config", "Print the effective settings and where each came from (the environment, a "
                ".env file's line, or the default); the password is masked. Exit 3 when a "
                "value is invalid.");
  add_database_options(*command, options->database);
  command->add_option("--output", options->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->callback([options, &result] { result = config(*options); });
}

}  // namespace conflictctl::app
