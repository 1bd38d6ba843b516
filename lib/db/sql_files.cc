#include "db/sql_files.h"

namespace conflictctl::db {

std::optional<std::string_view> sql_file(std::string_view path) {
  for (std::size_t i = 0; i < generated::kSqlFileCount; ++i)
    if (generated::kSqlFiles[i].path == path) return generated::kSqlFiles[i].text;
  return std::nullopt;
}

std::vector<SqlFile> sql_files_under(std::string_view folder) {
  std::vector<SqlFile> found;
  for (std::size_t i = 0; i < generated::kSqlFileCount; ++i) {
    std::string_view path = generated::kSqlFiles[i].path;
    if (path.size() > folder.size() && path.substr(0, folder.size()) == folder &&
        path[folder.size()] == '/')
      found.push_back(generated::kSqlFiles[i]);
  }
  return found;  // kSqlFiles is sorted by path
}

}  // namespace conflictctl::db
