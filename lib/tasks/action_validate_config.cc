// The "validate_config" action: checks that the database settings are present, that the
// database answers and that its schema is at this binary's version, and reports the settings
// without the password (docs/pipelines.md, "The conflict-report handler"). Missing settings
// fail with "ConfigurationError" naming every missing variable; an unreachable database or a
// schema at another version fail with their Database.* error. Mock: the fixed settings of
// tasks/mock_figures.h.
#include <fmt/format.h>

#include <memory>
#include <string_view>
#include <vector>

#include "tasks/action.h"
#include "db/schema.h"
#include "tasks/database_run.h"
#include "tasks/mock_figures.h"
#include "tasks/task_record.h"

namespace conflictctl::tasks {

namespace {

class ValidateConfig final : public Action {
 public:
  std::string_view name() const override { return "validate_config"; }

  engine::TaskOutcome mock(const Json&, engine::TaskContext& context) const override {
    using namespace mock_figures;
    context.log.info(fmt::format("conflict-report: validate_config (mock): database {} on {}:{} "
                                 "as {}",
                                 kDatabase, kHost, kPort, kUser));
    return engine::TaskOutcome::success(
        ok_response(body(std::string(kHost), kPort, std::string(kDatabase), std::string(kUser))),
        kValidateConfigSeconds);
  }

  engine::TaskOutcome run(const Json&, engine::TaskContext& context,
                  const TaskDatabase& database) const override {
    const db::ConnectionSettings& s = database.settings;
    const std::vector<std::string_view> missing = db::missing_settings(s);
    if (!missing.empty())
      return engine::TaskOutcome::failure("ConfigurationError",
                                          db::missing_settings_message(missing));
    DatabaseRun run = run_on_database(database, context, name(), [](conflict::Job& job) -> Result<Json> {
      auto rows = job.session.query("SELECT current_setting('server_version')");
      if (!rows) return rows.error();
      return Json(rows->at(0, 0).value_or(""));
    });
    if (!run.result) return {Result<Json>(run.result.error()), std::nullopt};
    Json reply = body(s.host, s.port, s.database, s.user);
    reply["config"]["server_version"] = *run.result;
    reply["config"]["schema_version"] = db::kSchemaVersion;
    return engine::TaskOutcome::success(ok_response(std::move(reply)));
  }

 private:
  Json body(std::string host, int port, std::string database, std::string user) const {
    Json config = Json::object();
    config["host"] = std::move(host);
    config["port"] = port;
    config["database"] = std::move(database);
    config["user"] = std::move(user);
    Json body = Json::object();
    body["status"] = "success";
    body["message"] = "Configuration is valid";
    body["action"] = name();
    body["config"] = std::move(config);
    return body;
  }
};

}  // namespace

std::unique_ptr<Action> make_validate_config_action() {
  return std::make_unique<ValidateConfig>();
}

}  // namespace conflictctl::tasks
