#include <stdexcept>
#include <string>

#include "db/database.h"

namespace conflictctl::db {

std::size_t Rows::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i] == name) return i;
  throw std::out_of_range("no column " + std::string(name) + " in the result");
}

Result<void> in_transaction(Session& session, const std::function<Result<void>()>& work) {
  if (auto begun = session.query("BEGIN"); !begun) return begun.error();
  Result<void> done = work();
  if (done) {
    auto committed = session.query("COMMIT");
    if (committed) return {};
    done = committed.error();
  }
  // Best effort: after a lost connection the server has rolled back already.
  if (session.healthy()) (void)session.query("ROLLBACK");
  return done;
}

}  // namespace conflictctl::db
