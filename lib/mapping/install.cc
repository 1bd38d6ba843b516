#include "mapping/install.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "core/json.h"
#include "mapping/source_model.h"

namespace conflictctl::mapping {

namespace {

constexpr std::string_view kInvalid = "Configuration.Invalid";

std::string json_list(const std::vector<std::string>& values) {
  Json list = Json::array();
  for (const std::string& v : values) list.push_back(v);
  return list.dump();
}

Error at(const SourceMapping& mapping, Location where, std::string message) {
  return Error{std::string(kInvalid),
               Diagnostic{mapping.file, "", std::move(message), where.line, where.column}
                   .to_string()};
}

// The source columns `table` names, with where each is named.
std::vector<std::pair<std::string, Location>> named_columns(const TableMapping& table) {
  std::vector<std::pair<std::string, Location>> out;
  for (const ColumnMapping& c : table.columns)
    for (const auto* name : {&c.column, &c.latitude, &c.longitude})
      if (*name) out.emplace_back(**name, c.where);
  return out;
}

// Step 1: the source exists and has the columns.
Result<void> check_source(db::Session& session, const SourceMapping& mapping,
                          const TableMapping& table) {
  std::set<std::string> columns;
  if (table.schema) {
    auto rows = session.query(
        "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass($1) "
        "AND a.attnum > 0 AND NOT a.attisdropped",
        {table.source_name()});
    if (!rows) return rows.error();
    if (rows->empty())
      return at(mapping, table.where,
                fmt::format("table {}: {} does not exist (or has no columns)", table.target,
                            table.source_name()));
    for (std::size_t i = 0; i < rows->size(); ++i) columns.insert(rows->at(i, 0).value_or(""));
  } else {
    auto sql =
        compose(session, {"SELECT * FROM (" + escape_format(*table.query) + "\n) AS src LIMIT 0",
                          {}});
    if (!sql) return sql.error();
    auto savepoint = session.query("SAVEPOINT source_query");
    if (!savepoint) return savepoint.error();
    auto rows = session.query(*sql);
    if (!rows) {
      if (rows.error().name != "Database.QueryFailed") return rows.error();
      if (auto back = session.query("ROLLBACK TO SAVEPOINT source_query"); !back)
        return back.error();
      return at(mapping, table.where,
                fmt::format("table {}: the query failed: {}", table.target, rows.error().cause));
    }
    for (const std::string& name : rows->columns()) columns.insert(name);
  }
  for (const auto& [name, where] : named_columns(table)) {
    if (!columns.count(name))
      return at(mapping, where,
                fmt::format("{}: {} has no column {}", table.target, table.source_name(),
                            db::quote_identifier(name)));
  }
  return {};
}

struct DependentView {
  std::string name;  // quoted, schema-qualified
  std::string definition;
  bool materialized = false;
};

}  // namespace

Result<std::string> compose(db::Session& session, const ComposedSql& composed) {
  auto rows = session.query(
      "SELECT format($1, VARIADIC ARRAY(SELECT e FROM jsonb_array_elements_text($2::jsonb) "
      "WITH ORDINALITY AS t(e, i) ORDER BY i))",
      {composed.text, json_list(composed.literals)});
  if (!rows) return rows.error();
  return rows->at(0, 0).value_or("");
}

Result<InstallReport> install_source_mapping(db::Session& session, const db::Schemas& schemas,
                                             const SourceMapping& mapping) {
  InstallReport report;
  auto done = db::in_transaction(session, [&]() -> Result<void> {
    std::vector<std::string> relations;  // the analytics relations replaced, quoted
    for (const TableMapping& table : mapping.tables) {
      if (auto checked = check_source(session, mapping, table); !checked) return checked;
      relations.push_back(db::quote_identifier(schemas.analytics) + "." +
                          db::quote_identifier(table.target));
    }
    // Step 2: never replace a table holding data.
    std::vector<std::string> kinds;
    for (const std::string& relation : relations) {
      auto kind = session.query("SELECT relkind::text FROM pg_class WHERE oid = to_regclass($1)",
                                {relation});
      if (!kind) return kind.error();
      kinds.push_back(kind->empty() ? "" : kind->at(0, 0).value_or(""));
      if (kinds.back() != "r") continue;
      auto rows = session.query("SELECT EXISTS (SELECT 1 FROM " + relation + ")");
      if (!rows) return rows.error();
      if (rows->at(0, 0).value_or("f") == "t")
        return Error{std::string(kNotEmpty),
                     fmt::format("{} holds rows: the source mapping would replace it with {}; "
                                 "empty it first, or set POSTGRES_ANALYTICS_SCHEMA to a schema "
                                 "of its own",
                                 relation, mapping.mode == MappingMode::kCopy
                                               ? "a copy of yours" : "a view of yours")};
    }
    // Step 3: the views that read them.
    auto dependents = session.query(
        "WITH replaced AS (SELECT to_regclass(n) AS oid FROM jsonb_array_elements_text($1::jsonb)"
        " AS n WHERE to_regclass(n) IS NOT NULL) "
        "SELECT DISTINCT v.oid::bigint AS id, quote_ident(s.nspname) || '.' || "
        "quote_ident(v.relname) AS name, pg_get_viewdef(v.oid) AS definition, "
        "v.relkind::text AS kind "
        "FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid "
        "JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace s ON s.oid = v.relnamespace "
        "WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass "
        "AND d.refobjid IN (SELECT oid FROM replaced) AND v.oid NOT IN (SELECT oid FROM replaced) "
        "ORDER BY 1",
        {json_list(relations)});
    if (!dependents) return dependents.error();
    std::vector<DependentView> views;
    for (std::size_t i = 0; i < dependents->size(); ++i) {
      std::string definition = dependents->at(i, "definition").value_or("");
    while (!definition.empty() && (definition.back() == ';' || std::isspace(
                                       static_cast<unsigned char>(definition.back()))))
      definition.pop_back();
    views.push_back({dependents->at(i, "name").value_or(""), std::move(definition),
                       dependents->at(i, "kind").value_or("") == "m"});
      auto dropped = session.query(fmt::format(
          "DROP {} {}", views.back().materialized ? "MATERIALIZED VIEW" : "VIEW",
          views.back().name));
      if (!dropped) return dropped.error();
    }
    // Step 4: replace.
    for (std::size_t i = 0; i < mapping.tables.size(); ++i) {
      const char* drop = kinds[i] == "r"   ? "TABLE"
                         : kinds[i] == "v" ? "VIEW"
                         : kinds[i] == "m" ? "MATERIALIZED VIEW"
                                           : nullptr;
      if (drop) {
        auto dropped = session.query(fmt::format("DROP {} {}", drop, relations[i]));
        if (!dropped) return dropped.error();
      }
      for (const ComposedSql& statement :
           create_statements(mapping.tables[i], mapping.mode, schemas)) {
        auto sql = compose(session, statement);
        if (!sql) return sql.error();
        auto made = session.query(*sql);
        if (!made)
          return Error{made.error().name,
                       fmt::format("{}: table {}: {}", mapping.file, mapping.tables[i].target,
                                   made.error().cause)};
      }
      report.tables.push_back(mapping.tables[i].target);
    }
    // Step 5: the dependent views again.
    for (const DependentView& view : views) {
      auto made = session.query(fmt::format("CREATE {} {} AS {}",
                                            view.materialized ? "MATERIALIZED VIEW" : "VIEW",
                                            view.name, view.definition));
      if (!made) return made.error();
      report.views_recreated.push_back(view.name);
    }
    return {};
  });
  if (!done) return done.error();
  return report;
}

}  // namespace conflictctl::mapping
