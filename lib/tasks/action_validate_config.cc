// The "validate_config" action: checks that the database settings are present and reports
// them, without the password (conflict-domain.md §5). Mock: the fixed settings of
// tasks/mock_figures.h.
#include <fmt/format.h>

#include <memory>

#include "tasks/action.h"
#include "tasks/mock_figures.h"
#include "tasks/task_record.h"

namespace conflictctl::tasks {

namespace {

class ValidateConfig final : public Action {
 public:
  std::string_view name() const override { return "validate_config"; }

  TaskOutcome mock(const Json&, TaskContext& context) const override {
    using namespace mock_figures;
    context.log.info(fmt::format("conflict-report: validate_config (mock): database {} on {}:{} "
                                 "as {}",
                                 kDatabase, kHost, kPort, kUser));
    Json config = Json::object();
    config["host"] = kHost;
    config["port"] = kPort;
    config["database"] = kDatabase;
    config["user"] = kUser;
    Json body = Json::object();
    body["status"] = "success";
    body["message"] = "Configuration is valid";
    body["action"] = name();
    body["config"] = std::move(config);
    return TaskOutcome::success(ok_response(std::move(body)), kValidateConfigSeconds);
  }
};

}  // namespace

std::unique_ptr<Action> make_validate_config_action() {
  return std::make_unique<ValidateConfig>();
}

}  // namespace conflictctl::tasks
