#include "conflict/run_lock.h"

#include <fmt/format.h>

#include "db/sql_files.h"

namespace conflictctl::conflict {
namespace {

Result<db::Rows> run_file(db::Session& session, std::string_view file, const db::Params& params) {
  std::optional<std::string_view> text = db::sql_file(fmt::format("tasks/{}", file));
  if (!text)
    return Error{"Conflict.Internal", fmt::format("sql/tasks/{} is not embedded in this binary", file)};
  return session.query(*text, params);
}

// Tries the lock named `name`; Database.Busy with `what` and the holder's PID when taken.
Result<void> try_lock(db::Session& session, std::string_view file, const std::string& name,
                      const std::string& what) {
  auto locked = run_file(session, file, {name});
  if (!locked) return locked.error();
  if (!locked->empty() && locked->at(0, 0) == db::Param("t")) return {};
  std::string pid = "unknown";
  if (auto holder = run_file(session, "common/run_lock_holder.sql", {name});
      holder && !holder->empty() && holder->at(0, 0))
    pid = *holder->at(0, 0);
  return Error{std::string(db::error_names::kBusy), fmt::format("{} (backend PID {})", what, pid)};
}

}  // namespace

std::string run_lock_name(const db::Schemas& schemas) {
  return "conflictctl run " + schemas.conflict;
}

Result<void> take_run_lock(db::Session& session, const db::Schemas& schemas, RunLockMode mode) {
  return try_lock(session,
                  mode == RunLockMode::kExclusive ? "common/run_lock_exclusive.sql"
                                                  : "common/run_lock_shared.sql",
                  run_lock_name(schemas),
                  fmt::format("another conflictctl task is running against schema \"{}\"",
                              schemas.conflict));
}

Result<void> take_chunk_lock(db::Session& session, const db::Schemas& schemas,
                             std::int64_t first_bucket, std::int64_t last_bucket) {
  return try_lock(session, "common/run_lock_exclusive.sql",
                  fmt::format("conflictctl chunk {} {}-{}", schemas.conflict, first_bucket,
                              last_bucket),
                  fmt::format("another conflictctl task is processing SSN buckets {} to {} of "
                              "schema \"{}\"",
                              first_bucket, last_bucket, schemas.conflict));
}

}  // namespace conflictctl::conflict
