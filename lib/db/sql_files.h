#pragma once
// The SQL files of the repository's sql/ folder, compiled into the binary: a deployed Lambda
// function or a copied binary needs no files beside it, and a missing SQL file is a build
// error, not a runtime surprise. Paths are relative to sql/, e.g. "migrations/0001_init.sql".
// Their text still holds the {conflict}/{analytics} placeholders (db/sql_template.h).
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace conflictctl::db {

struct SqlFile {
  std::string_view path;
  std::string_view text;
};

// The file's text; nullopt when sql/ had no such file.
std::optional<std::string_view> sql_file(std::string_view path);

// The files directly or indirectly under `folder` ("migrations"), sorted by path.
std::vector<SqlFile> sql_files_under(std::string_view folder);

namespace generated {
extern const SqlFile kSqlFiles[];
extern const std::size_t kSqlFileCount;
}  // namespace generated

}  // namespace conflictctl::db
