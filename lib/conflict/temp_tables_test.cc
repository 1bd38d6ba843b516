#include "conflict/temp_tables.h"

#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "db/sql_files.h"

namespace conflictctl::conflict::temp_tables {
namespace {

using Files = std::set<std::string>;

Files split(std::string_view list) {
  Files files;
  std::size_t begin = 0;
  while (begin < list.size()) {
    std::size_t end = list.find(' ', begin);
    if (end == std::string_view::npos) end = list.size();
    if (end > begin) files.emplace(list.substr(begin, end - begin));
    begin = end + 1;
  }
  return files;
}

std::string without_comments(std::string_view sql) {
  std::string code;
  std::size_t begin = 0;
  while (begin < sql.size()) {
    std::size_t end = sql.find('\n', begin);
    if (end == std::string_view::npos) end = sql.size();
    std::string_view line = sql.substr(begin, end - begin);
    code.append(line.substr(0, line.find("--"))).push_back('\n');
    begin = end + 1;
  }
  return code;
}

// What the SQL of sql/tasks/ does with each cx_* table: the files that make it and the files
// that read it (any other mention outside a comment).
struct Uses {
  std::map<std::string, Files> made_by, read_by;
  Files without_drop;  // makers without ON COMMIT DROP
};

Uses uses_in_sql() {
  const std::regex create(R"(CREATE TEMP TABLE (cx_\w+))");
  const std::regex name(R"(\bcx_\w+)");
  constexpr std::string_view kFolder = "tasks/";
  Uses uses;
  for (const db::SqlFile& file : db::sql_files_under("tasks")) {
    const std::string path(file.path.substr(kFolder.size()));
    const std::string sql = without_comments(file.text);
    Files made;
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), create);
         it != std::sregex_iterator(); ++it)
      made.insert((*it)[1]);
    for (const std::string& table : made) uses.made_by[table].insert(path);
    if (!made.empty() && sql.find("ON COMMIT DROP") == std::string::npos)
      uses.without_drop.insert(path);
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), name);
         it != std::sregex_iterator(); ++it)
      if (!made.contains(it->str())) uses.read_by[it->str()].insert(path);
  }
  return uses;
}

std::string folder(const std::string& path) { return path.substr(0, path.find('/')); }

}  // namespace

TEST_CASE("temp_tables.h lists every cx_* table of sql/tasks/ with its makers and readers") {
  const Uses uses = uses_in_sql();
  REQUIRE_FALSE(uses.made_by.empty());
  Files listed;
  for (const TempTable& table : kAll) {
    const std::string name(table.name);
    INFO(name);
    listed.insert(name);
    CHECK(uses.made_by.contains(name));
    CHECK(uses.read_by.contains(name));
    if (auto it = uses.made_by.find(name); it != uses.made_by.end())
      CHECK(it->second == split(table.made_by));
    if (auto it = uses.read_by.find(name); it != uses.read_by.end())
      CHECK(it->second == split(table.read_by));
  }
  for (const auto& [name, files] : uses.made_by) {
    INFO(name << " is made in sql/tasks/ but not listed");
    CHECK(listed.contains(name));
  }
  for (const auto& [name, files] : uses.read_by) {
    INFO(name << " is read in sql/tasks/ but not listed");
    CHECK(listed.contains(name));
  }
  CHECK(uses.without_drop.empty());
}

TEST_CASE("a run makes each cx_* table once: one maker, or one per task folder") {
  for (const TempTable& table : kAll) {
    INFO(table.name);
    const Files makers = split(table.made_by);
    REQUIRE_FALSE(makers.empty());
    if (makers.size() == 1) continue;
    Files folders;
    for (const std::string& maker : makers) {
      CHECK(folder(maker).starts_with("task_"));
      folders.insert(folder(maker));
    }
    CHECK(folders.size() == makers.size());
  }
}

}  // namespace conflictctl::conflict::temp_tables
