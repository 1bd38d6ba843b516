#include "db/fake_session.h"

#include <fmt/format.h>

namespace conflictctl::db {

void FakeSession::respond(std::string sql_part, Rows rows, int times) {
  std::lock_guard lock(mutex_);
  scripts_.push_back(Script{std::move(sql_part), std::move(rows), times});
}

void FakeSession::fail(std::string sql_part, Error error, int times) {
  std::lock_guard lock(mutex_);
  scripts_.push_back(Script{std::move(sql_part), std::move(error), times});
}

void FakeSession::make_unhealthy() { healthy_ = false; }

std::vector<FakeSession::Statement> FakeSession::statements() const {
  std::lock_guard lock(mutex_);
  return statements_;
}

std::vector<std::string> FakeSession::sql() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> texts;
  for (const auto& statement : statements_) texts.push_back(statement.sql);
  return texts;
}

std::vector<FakeSession::Copy> FakeSession::copies() const {
  std::lock_guard lock(mutex_);
  return copies_;
}

std::variant<Rows, Error> FakeSession::answer(std::string sql, Params params) {
  std::lock_guard lock(mutex_);
  statements_.push_back(Statement{sql, std::move(params)});
  if (!healthy_.load())
    return Error{std::string(error_names::kConnectionLost), "the fake session was made unhealthy"};
  for (Script& script : scripts_) {
    if (script.uses_left == 0 || sql.find(script.sql_part) == std::string::npos) continue;
    if (script.uses_left > 0) --script.uses_left;
    if (auto* error = std::get_if<Error>(&script.answer);
        error && error->name == error_names::kConnectionLost)
      healthy_ = false;
    return script.answer;
  }
  return Rows();
}

Result<Rows> FakeSession::query(std::string_view sql, const Params& params) {
  auto result = answer(std::string(sql), params);
  if (auto* error = std::get_if<Error>(&result)) return *error;
  return std::get<Rows>(std::move(result));
}

Result<void> FakeSession::execute_script(std::string_view sql) {
  auto result = answer(std::string(sql), {});
  if (auto* error = std::get_if<Error>(&result)) return *error;
  return {};
}

Result<std::int64_t> FakeSession::copy_in(std::string_view table,
                                          const std::vector<std::string>& columns,
                                          const RowSource& rows) {
  std::string column_list;
  for (const auto& column : columns) column_list += (column_list.empty() ? "" : ", ") + column;
  auto result = answer(fmt::format("COPY {} ({}) FROM STDIN", table, column_list), {});
  if (auto* error = std::get_if<Error>(&result)) return *error;
  Copy copy{std::string(table), columns, {}};
  std::vector<Param> row;
  while (true) {
    row.clear();
    if (!rows(row)) break;
    if (row.size() != columns.size())
      return Error{std::string(error_names::kQueryFailed),
                   fmt::format("row {} has {} values for {} columns", copy.rows.size() + 1,
                               row.size(), columns.size())};
    copy.rows.push_back(row);
  }
  const auto count = static_cast<std::int64_t>(copy.rows.size());
  std::lock_guard lock(mutex_);
  copies_.push_back(std::move(copy));
  return count;
}

}  // namespace conflictctl::db
