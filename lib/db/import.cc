#include "db/import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "db/sql_template.h"

namespace conflictctl::db {

namespace {

struct Column {
  std::string name;
  std::string type;  // format_type(): "text", "numeric(12,8)", "timestamp without time zone"
  bool not_null = false;
  bool has_default = false;
  bool in_key = false;  // part of the primary key
  std::string default_sql;  // pg_get_expr of its default: SQL PostgreSQL wrote; "" for none
  bool written = false; // the extract has a field for it
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string qualified(const ImportTarget& target) {
  return quote_identifier(target.schema) + "." + quote_identifier(target.table);
}

// The staging column of the table's column `index`.
std::string staged(std::size_t index) { return fmt::format("v{}", index); }

Result<std::vector<Column>> read_columns(Session& session, const ImportTarget& target) {
  auto rows = session.query(
      "SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, "
      "a.atthasdef, COALESCE(a.attnum = ANY(i.indkey), false) AS in_key, "
      "pg_get_expr(d.adbin, d.adrelid) AS default_sql "
      "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p') "
      "LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped "
      "ORDER BY a.attnum",
      {qualified(target)});
  if (!rows) return rows.error();
  std::vector<Column> columns;
  for (std::size_t r = 0; r < rows->size(); ++r)
    columns.push_back({*rows->at(r, "attname"), *rows->at(r, "type"),
                       rows->at(r, "attnotnull") == "t", rows->at(r, "atthasdef") == "t",
                       rows->at(r, "in_key") == "t", rows->at(r, "default_sql").value_or("")});
  if (!columns.empty()) return columns;
  auto tables = session.query(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE \"C\"",
      {target.schema});
  if (!tables) return tables.error();
  std::string names;
  for (std::size_t r = 0; r < tables->size(); ++r)
    names += (r ? ", " : "") + tables->at(r, 0).value_or("");
  return Error{std::string(error_names::kUnknownTable),
               tables->empty()
                   ? fmt::format("schema \"{}\" has no table \"{}\" (it has no tables: run "
                                 "`conflictctl db init`)",
                                 target.schema, target.table)
                   : fmt::format("schema \"{}\" has no table \"{}\"; its tables: {}",
                                 target.schema, target.table, names)};
}

// Matches the reader's fields (from `from` on) to columns, appending to `to_column`.
class FieldMatcher {
 public:
  FieldMatcher(std::vector<Column>& columns, const std::map<std::string, std::string>& map,
               const ImportTarget& target, std::string file)
      : columns_(columns), map_(map), target_(target), file_(std::move(file)) {}

  // Matches the fields not matched yet; `line` is where the first of them was seen.
  Result<void> match(const std::vector<std::string>& fields, std::int64_t line) {
    for (std::size_t f = to_column_.size(); f < fields.size(); ++f) {
      const std::string& field = fields[f];
      std::string wanted = field;
      if (auto mapped = map_.find(field); mapped != map_.end()) {
        if (mapped->second.empty()) {
          to_column_.push_back(std::nullopt);
          continue;
        }
        wanted = mapped->second;
      }
      std::optional<std::size_t> found;
      for (std::size_t c = 0; c < columns_.size(); ++c)
        if (columns_[c].name == wanted) found = c;
      if (!found)
        for (std::size_t c = 0; c < columns_.size(); ++c)
          if (lower(columns_[c].name) == lower(wanted)) found = c;
      if (!found)
        return bad(line, fmt::format("field \"{}\" matches no column of {}.{} (map it with "
                                     "--map \"{}=COLUMN\", or skip it with --map \"{}=\")",
                                     field, target_.schema, target_.table, field, field));
      if (columns_[*found].written)
        return bad(line, fmt::format("field \"{}\" and an earlier field both go to column "
                                     "\"{}\"",
                                     field, columns_[*found].name));
      columns_[*found].written = true;
      to_column_.push_back(*found);
    }
    return {};
  }

  // The column of field `f`; nullopt when it is skipped.
  std::optional<std::size_t> column_of(std::size_t f) const { return to_column_[f]; }

 private:
  Error bad(std::int64_t line, std::string what) const {
    return Error{std::string(error_names::kBadMapping), fmt::format("{}:{}: {}", file_, line,
                                                                    what)};
  }
  std::vector<Column>& columns_;
  const std::map<std::string, std::string>& map_;
  const ImportTarget& target_;
  std::string file_;
  std::vector<std::optional<std::size_t>> to_column_;
};

// Step 2: the records into cx_import; the unreadable ones into `rejected`.
Result<std::int64_t> stage(Session& session, ExtractReader& reader, FieldMatcher& matcher,
                           std::size_t column_count, std::vector<Rejection>& rejected) {
  std::string create = "CREATE TEMP TABLE cx_import (cx_line bigint";
  std::vector<std::string> staging{"cx_line"};
  for (std::size_t c = 0; c < column_count; ++c) {
    create += ", " + staged(c) + " text";
    staging.push_back(staged(c));
  }
  create += ", cx_absent integer[]) ON COMMIT DROP";
  staging.push_back("cx_absent");
  if (auto made = session.query(create); !made) return made.error();
  if (auto made = session.query("CREATE TEMP TABLE cx_import_rejected (cx_line bigint, "
                                "column_name text, reason text) ON COMMIT DROP");
      !made)
    return made.error();

  std::optional<Error> failed;
  std::int64_t records = 0;
  RowSource rows = [&](std::vector<Param>& row) {
    for (;;) {
      auto next = reader.next();
      if (!next) {
        failed = next.error();
        return false;
      }
      if (!*next) return false;
      ExtractRecord& record = **next;
      ++records;
      if (!record.problem.empty()) {
        rejected.push_back({record.line, record.problem_field, record.problem});
        continue;
      }
      if (auto matched = matcher.match(reader.fields(), record.line); !matched) {
        failed = matched.error();
        return false;
      }
      row.assign(column_count + 2, std::nullopt);
      row[0] = std::to_string(record.line);
      // Absent: every column no field of this record fills (for JSON Lines, a key it lacks,
      // including keys first seen on later lines).
      std::vector<bool> filled(column_count, false);
      for (std::size_t f = 0; f < record.values.size(); ++f) {
        auto column = matcher.column_of(f);
        if (!column || (!record.given.empty() && !record.given[f])) continue;
        row[*column + 1] = std::move(record.values[f]);
        filled[*column] = true;
      }
      std::string absent;
      for (std::size_t c = 0; c < column_count; ++c)
        if (!filled[c]) absent += (absent.empty() ? "" : ",") + std::to_string(c);
      row[column_count + 1] = "{" + absent + "}";
      return true;
    }
  };
  auto copied = session.copy_in("cx_import", staging, rows);
  if (failed) return *failed;
  if (!copied) return copied.error();
  return records;
}

// The SQL that converts staging column `c` to its column's type.
std::string cast(const Column& column, std::size_t c) {
  return fmt::format("{}::{}", staged(c), column.type);
}

// Step 3 for one column's values: rejected when they do not convert.
Result<void> check_values(Session& session, const Column& column, std::size_t c) {
  if (column.type == "text") return {};
  // The whole column at once; only a column that fails is tried value by value.
  if (auto saved = session.query("SAVEPOINT cx_import_cast"); !saved) return saved.error();
  if (session.query(fmt::format("SELECT count({}) FROM cx_import", cast(column, c)))) {
    auto released = session.query("RELEASE SAVEPOINT cx_import_cast");
    if (!released) return released.error();
    return {};
  }
  if (auto back = session.query("ROLLBACK TO SAVEPOINT cx_import_cast"); !back)
    return back.error();
  // PostgreSQL's own message for each value that does not convert (data exceptions only:
  // anything else fails the import).
  std::string function = fmt::format("pg_temp.cx_import_error_{}", c);
  if (auto made = session.query(fmt::format(
          "CREATE OR REPLACE FUNCTION {}(value text) RETURNS text LANGUAGE plpgsql AS $f$ "
          "BEGIN PERFORM value::{}; RETURN NULL; "
          "EXCEPTION WHEN data_exception THEN RETURN SQLERRM; END $f$",
          function, column.type));
      !made)
    return made.error();
  auto found = session.query(
      fmt::format("INSERT INTO cx_import_rejected SELECT cx_line, $1::text, reason FROM "
                  "(SELECT cx_line, {}({}) AS reason FROM cx_import WHERE {} IS NOT NULL) s "
                  "WHERE reason IS NOT NULL",
                  function, staged(c), staged(c)),
      {column.name});
  if (!found) return found.error();
  return {};
}

constexpr std::string_view kAccepted =
    "cx_import WHERE cx_line NOT IN (SELECT cx_line FROM cx_import_rejected)";

// Step 3 for the primary key: a key already in the table, or repeated in the file.
Result<void> check_key(Session& session, const std::vector<Column>& columns,
                       const ImportTarget& target) {
  std::vector<std::size_t> key;
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c].in_key) key.push_back(c);
  if (key.empty()) return {};
  for (std::size_t c : key)
    if (!columns[c].written) return {};  // defaults fill it: nothing to compare before insert
  std::string names, values, equal, partition;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const std::size_t c = key[i];
    names += (i ? ", " : "") + columns[c].name;
    values += fmt::format("{}{}", i ? " || ', ' || " : "", staged(c));
    equal += fmt::format("{}t.{} = s.{}", i ? " AND " : "", quote_identifier(columns[c].name),
                         cast(columns[c], c));
    partition += (i ? ", " : "") + cast(columns[c], c);
  }
  auto in_table = session.query(
      fmt::format("INSERT INTO cx_import_rejected "
                  "WITH s AS MATERIALIZED (SELECT * FROM {}) "
                  "SELECT s.cx_line, $1::text, "
                  "format('key (%s)=(%s) is already in the table', $1::text, {}) "
                  "FROM s WHERE EXISTS (SELECT 1 FROM {} t WHERE {})",
                  kAccepted, values, qualified(target), equal),
      {names});
  if (!in_table) return in_table.error();
  auto repeated = session.query(
      fmt::format("INSERT INTO cx_import_rejected "
                  "WITH s AS MATERIALIZED (SELECT * FROM {}) "
                  "SELECT cx_line, $1::text, "
                  "format('key (%s)=(%s) is already on line %s', $1::text, k, "
                  "first_line) FROM (SELECT cx_line, {} AS k, "
                  "first_value(cx_line) OVER w AS first_line, row_number() OVER w AS n "
                  "FROM s WINDOW w AS (PARTITION BY {} ORDER BY cx_line)) d WHERE n > 1",
                  kAccepted, values, partition),
      {names});
  if (!repeated) return repeated.error();
  return {};
}

// A field of `field_map` that the extract lacks (once every record is read) is a mistake the
// user would not see: the column stays empty.
Result<void> check_mapped_fields(const ExtractReader& reader,
                                 const std::map<std::string, std::string>& field_map) {
  const std::vector<std::string>& fields = reader.fields();
  for (const auto& [field, column] : field_map) {
    if (std::find(fields.begin(), fields.end(), field) != fields.end()) continue;
    std::string names;
    for (const std::string& name : fields) names += (names.empty() ? "" : ", ") + name;
    return Error{std::string(error_names::kBadMapping),
                 fmt::format("{}: --map \"{}={}\" names a field the extract does not have "
                             "(its fields: {})",
                             reader.name(), field, column, names.empty() ? "none" : names)};
  }
  return {};
}

Result<ImportReport> run_import(Session& session, const ImportTarget& target,
                                ExtractReader& reader, const ImportOptions& options,
                                StepObserver* steps) {
  auto columns = read_columns(session, target);
  if (!columns) return columns.error();
  FieldMatcher matcher(*columns, options.field_map, target, reader.name());
  if (auto matched = matcher.match(reader.fields(), 1); !matched) return matched.error();

  ImportReport report;
  const std::string reading = "reading " + reader.name();
  if (steps) steps->started(reading);
  std::vector<Rejection> unreadable;
  auto records = stage(session, reader, matcher, columns->size(), unreadable);
  if (!records) return records.error();
  report.records = *records;
  if (steps) steps->finished(reading, fmt::format("{} records", report.records));
  if (auto mapped = check_mapped_fields(reader, options.field_map); !mapped)
    return mapped.error();

  for (const Column& column : *columns)
    if (column.not_null && !column.has_default && !column.written)
      return Error{std::string(error_names::kBadMapping),
                   fmt::format("{}: no field goes to column \"{}\", which is NOT NULL and has "
                               "no default",
                               reader.name(), column.name)};

  if (steps) steps->started("checking rows");
  for (std::size_t c = 0; c < columns->size(); ++c) {
    const Column& column = (*columns)[c];
    if (!column.written) continue;
    report.columns.push_back(column.name);
    if (column.not_null) {
      auto missing = session.query(
          fmt::format("INSERT INTO cx_import_rejected SELECT cx_line, $1::text, "
                      "'no value, and the column is NOT NULL' FROM cx_import WHERE {} IS NULL{}",
                      staged(c),
                      column.default_sql.empty()
                          ? ""
                          : fmt::format(" AND NOT {} = ANY(cx_absent)", c)),
          {column.name});
      if (!missing) return missing.error();
    }
    if (auto checked = check_values(session, column, c); !checked) return checked.error();
  }
  if (auto checked = check_key(session, *columns, target); !checked) return checked.error();
  auto found = session.query("SELECT cx_line, column_name, reason FROM cx_import_rejected");
  if (!found) return found.error();
  report.rejections = std::move(unreadable);
  for (std::size_t r = 0; r < found->size(); ++r)
    report.rejections.push_back({std::stoll(*found->at(r, 0)), found->at(r, 1).value_or(""),
                                 found->at(r, 2).value_or("")});
  auto position = [&](const std::string& name) {
    for (std::size_t c = 0; c < columns->size(); ++c)
      if ((*columns)[c].name == name) return c;
    return columns->size();  // a field of an unreadable record, or a key of several columns
  };
  std::stable_sort(report.rejections.begin(), report.rejections.end(),
                   [&](const Rejection& a, const Rejection& b) {
                     if (a.line != b.line) return a.line < b.line;
                     return position(a.column) < position(b.column);
                   });
  for (std::size_t i = 0; i < report.rejections.size(); ++i)
    if (i == 0 || report.rejections[i].line != report.rejections[i - 1].line)
      ++report.rejected_records;
  if (steps)
    steps->finished("checking rows", fmt::format("{} rejected", report.rejected_records));
  if (options.max_rejects && report.rejected_records > *options.max_rejects) {
    report.refused = true;
    return report;
  }

  const std::string inserting = fmt::format("inserting into {}.{}", target.schema, target.table);
  if (steps) steps->started(inserting);
  std::string names, values;
  for (std::size_t c = 0; c < columns->size(); ++c) {
    const Column& column = (*columns)[c];
    if (!column.written) continue;
    names += (names.empty() ? "" : ", ") + quote_identifier(column.name);
    values += (values.empty() ? "" : ", ") +
              (column.default_sql.empty()
                   ? cast(column, c)
                   : fmt::format("CASE WHEN {} = ANY(cx_absent) THEN {} ELSE {} END", c,
                                 column.default_sql, cast(column, c)));
  }
  auto inserted = session.query(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {} ORDER BY "
                                            "cx_line",
                                            qualified(target), names, values, kAccepted));
  if (!inserted) return inserted.error();
  report.imported = inserted->affected();
  if (steps) steps->finished(inserting, fmt::format("{} rows", report.imported));
  return report;
}

}  // namespace

Result<ImportReport> import_extract(Session& session, const ImportTarget& target,
                                    ExtractReader& reader, const ImportOptions& options,
                                    StepObserver* steps) {
  ImportReport report;
  auto done = in_transaction(session, [&]() -> Result<void> {
    auto imported = run_import(session, target, reader, options, steps);
    if (!imported) return imported.error();
    report = std::move(*imported);
    return {};
  });
  if (!done) return done.error();
  return report;
}

}  // namespace conflictctl::db
