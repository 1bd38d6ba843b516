#include "db/sql_template.h"

#include <fmt/format.h>

namespace conflictctl::db {

std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

Result<void> check_schema_name(std::string_view setting, std::string_view name) {
  if (name.empty() || name.size() > 63 || name.find('\0') != std::string_view::npos)
    return Error{"Configuration.Invalid",
                 fmt::format("{} must be 1 to 63 bytes without NUL, got {} bytes", setting,
                             name.size())};
  return {};
}

std::string render(std::string_view sql, const Schemas& schemas) {
  static constexpr std::string_view kConflict = "{conflict}";
  static constexpr std::string_view kAnalytics = "{analytics}";
  const std::string conflict = quote_identifier(schemas.conflict);
  const std::string analytics = quote_identifier(schemas.analytics);
  std::string out;
  out.reserve(sql.size());
  for (std::size_t i = 0; i < sql.size();) {
    if (sql.substr(i, kConflict.size()) == kConflict) {
      out += conflict;
      i += kConflict.size();
    } else if (sql.substr(i, kAnalytics.size()) == kAnalytics) {
      out += analytics;
      i += kAnalytics.size();
    } else {
      out += sql[i++];
    }
  }
  return out;
}

}  // namespace conflictctl::db
