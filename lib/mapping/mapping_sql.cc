#include "mapping/mapping_sql.h"

#include <fmt/format.h>

namespace conflictctl::mapping {

std::string escape_format(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '%') out += '%';
  }
  return out;
}

namespace {

class Builder {
 public:
  std::string literal(std::string value) {
    literals_.push_back(std::move(value));
    return "%L";
  }
  std::vector<std::string> take() { return std::move(literals_); }

 private:
  std::vector<std::string> literals_;
};

std::string src(const std::string& column) { return "src." + format_identifier(column); }

std::string gps_text(Builder& b, const ColumnMapping& c) {
  const std::string x = "btrim(" + src(*c.column) + "::text)";
  const std::string sep = b.literal(*c.separator);
  const char* first = c.order == GpsOrder::kLatLon ? "1" : "2";
  const char* second = c.order == GpsOrder::kLatLon ? "2" : "1";
  // The second literal repeats the separator: format() consumes one value per %L.
  const std::string sep2 = b.literal(*c.separator);
  return fmt::format("CASE WHEN nullif({0}, '') IS NULL THEN NULL ELSE "
                     "btrim(split_part({0}, {1}, {2})) || ',' || "
                     "btrim(split_part({0}, {3}, {4})) END",
                     x, sep, first, sep2, second);
}

std::string expression(Builder& b, const ColumnMapping* c, const ModelColumn& model) {
  const std::string type(model.sql_type);
  if (!c) {
    if (!model.default_sql.empty()) return std::string(model.default_sql) + "::" + type;
    return "NULL::" + type;
  }
  if (c->constant) {
    if (!c->value) return "NULL::" + type;
    return b.literal(*c->value) + "::" + type;
  }
  if (c->latitude) {
    return fmt::format("CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL ELSE "
                       "{0}::numeric::text || ',' || {1}::numeric::text END",
                       src(*c->latitude), src(*c->longitude));
  }
  const std::string x = src(*c->column);
  if (c->format) {
    if (model.kind == ColumnKind::kDate)
      return fmt::format("to_date({}::text, {})", x, b.literal(*c->format));
    return fmt::format("to_timestamp({}::text, {})::timestamp", x, b.literal(*c->format));
  }
  if (!c->true_values.empty()) {
    std::string values;
    for (const std::string& v : c->true_values)
      values += (values.empty() ? "" : ", ") + b.literal(v);
    return fmt::format("coalesce(btrim({}::text) = ANY (ARRAY[{}]::text[]), false)", x, values);
  }
  if (c->ssn == SsnFormat::kDigits)
    return fmt::format("regexp_replace({}::text, '[^0-9]', '', 'g')", x);
  if (c->ssn == SsnFormat::kNumber) return fmt::format("lpad({}::bigint::text, 9, '0')", x);
  if (c->separator) return gps_text(b, *c);
  return fmt::format("({})::{}", x, type);
}

std::string column_list(const std::vector<std::string_view>& columns) {
  std::string out;
  for (std::string_view c : columns) out += (out.empty() ? "" : ", ") + format_identifier(c);
  return out;
}

}  // namespace

std::string format_identifier(std::string_view name) {
  return escape_format(db::quote_identifier(name));
}

ComposedSql select_sql(const TableMapping& table, const ModelTable& model) {
  Builder b;
  std::string text = "SELECT ";
  bool first = true;
  for (const ModelColumn& column : model.columns) {
    const ColumnMapping* mapped = nullptr;
    for (const ColumnMapping& c : table.columns)
      if (c.target == column.name) mapped = &c;
    if (!first) text += ",\n       ";
    first = false;
    text += expression(b, mapped, column) + " AS " + format_identifier(column.name);
  }
  text += "\nFROM ";
  if (table.query) {
    text += "(" + escape_format(*table.query) + "\n) AS src";
  } else {
    text += format_identifier(*table.schema) + "." + format_identifier(*table.table) + " AS src";
  }
  return {std::move(text), b.take()};
}

std::vector<ComposedSql> create_statements(const TableMapping& table, MappingMode mode,
                                           const db::Schemas& schemas) {
  const ModelTable* model = find_model_table(table.target);
  if (!model) return {};
  const std::string relation =
      format_identifier(schemas.analytics) + "." + format_identifier(table.target);
  ComposedSql select = select_sql(table, *model);
  std::vector<ComposedSql> out;
  const char* kind = mode == MappingMode::kCopy ? "MATERIALIZED VIEW" : "VIEW";
  out.push_back({fmt::format("CREATE {} {} AS\n{}", kind, relation, select.text),
                 std::move(select.literals)});
  if (mode == MappingMode::kCopy) {
    out.push_back({fmt::format("CREATE UNIQUE INDEX ON {} ({})", relation,
                               column_list(model->key)), {}});
    for (const auto& index : model->indexes)
      out.push_back({fmt::format("CREATE INDEX ON {} ({})", relation, column_list(index)), {}});
  }
  return out;
}

}  // namespace conflictctl::mapping
