#include "tasks/task_database.h"

#include "db/postgres.h"

namespace conflictctl::tasks {

std::shared_ptr<TaskDatabase> open_task_database(const db::ConnectionSettings& settings,
                                                 db::Connector connector) {
  auto database = std::make_shared<TaskDatabase>();
  database->settings = settings;
  if (!connector) connector = [settings] { return db::connect(settings); };
  database->pool = std::make_shared<db::Pool>(settings.max_workers, std::move(connector));
  return database;
}

}  // namespace conflictctl::tasks
