#include "mapping/source_mapping.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "db/sql_template.h"
#include "mapping/source_model.h"

namespace conflictctl::mapping {

namespace {

const std::vector<std::string_view> kTopKeys = {"mode", "tables"};
const std::vector<std::string_view> kTableKeys = {"table", "query", "columns"};
const std::vector<std::string_view> kColumnKeys = {
    "column", "value", "format", "true_values", "ssn",
    "separator", "order", "latitude", "longitude"};

Location location(const YAML::Mark& mark) {
  if (mark.is_null()) return {1, 1};
  return {mark.line + 1, mark.column + 1};
}

std::string alternatives(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void report(Location at, std::string message) {
    diagnostics_.push_back(Diagnostic{file_, "", std::move(message), at.line, at.column});
  }
  void report(const YAML::Mark& mark, std::string message) {
    report(location(mark), std::move(message));
  }

  // The keys of a mapping node, in order, reporting unknown and duplicate ones.
  std::vector<std::pair<YAML::Node, YAML::Node>> entries(
      const YAML::Node& map, const std::vector<std::string_view>* allowed) {
    std::vector<std::pair<YAML::Node, YAML::Node>> out;
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) {
        report(it->first.Mark(), "a key must be a name");
        continue;
      }
      const std::string key = it->first.Scalar();
      if (allowed && std::find(allowed->begin(), allowed->end(), key) == allowed->end()) {
        report(it->first.Mark(),
               fmt::format("unknown key '{}' (expected {})", key, alternatives(*allowed)));
      } else if (!seen.insert(key).second) {
        report(it->first.Mark(), fmt::format("duplicate key '{}'", key));
      } else {
        out.emplace_back(it->first, it->second);
      }
    }
    return out;
  }

  // A non-empty name (a table or column of the user's database).
  std::optional<std::string> name(const YAML::Node& key, const YAML::Node& value,
                                  std::string_view what) {
    if (!value.IsScalar() || value.Scalar().empty()) {
      report(value.IsNull() ? key.Mark() : value.Mark(),
             fmt::format("'{}' must be a {} name", key.Scalar(), what));
      return std::nullopt;
    }
    if (value.Scalar().size() > 63 || value.Scalar().find('\0') != std::string::npos) {
      report(value.Mark(), fmt::format("'{}' is not a PostgreSQL name (1 to 63 bytes)",
                                       value.Scalar()));
      return std::nullopt;
    }
    return value.Scalar();
  }

  Diagnostics take() { return std::move(diagnostics_); }
  std::size_t count() const { return diagnostics_.size(); }

 private:
  std::string file_;
  Diagnostics diagnostics_;
};

std::string_view kind_noun(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kBoolean: return "a boolean";
    case ColumnKind::kDate: return "a date";
    case ColumnKind::kTimestamp: return "a timestamp";
    case ColumnKind::kNumeric: return "a number";
    case ColumnKind::kGps: return "a GPS text";
    case ColumnKind::kSsn: return "an SSN";
    case ColumnKind::kText: break;
  }
  return "a text";
}

// `{…}` form of a column; `model` is the column it maps to.
void read_column_map(Reader& reader, const YAML::Node& key, const YAML::Node& node,
                     const ModelTable& table, const ModelColumn& model, ColumnMapping& out) {
  const std::string where = fmt::format("{}.{}", table.name, model.name);
  bool gps_pair = false;
  const std::size_t problems = reader.count();
  for (const auto& [k, v] : reader.entries(node, &kColumnKeys)) {
    const std::string field = k.Scalar();
    auto refuse = [&](std::string_view only) {
      reader.report(k.Mark(), fmt::format("{}: '{}' applies only to {} (this column is {})",
                                          where, field, only, kind_noun(model.kind)));
    };
    if (field == "column") {
      out.column = reader.name(k, v, "column");
    } else if (field == "value") {
      out.constant = true;
      if (v.IsNull()) {
        out.value.reset();
      } else if (v.IsScalar()) {
        out.value = v.Scalar();
      } else {
        reader.report(v.Mark(), fmt::format("{}: 'value' must be a single value or null", where));
      }
    } else if (field == "format") {
      if (model.kind != ColumnKind::kDate && model.kind != ColumnKind::kTimestamp) {
        refuse("date and timestamp columns");
      } else if (!v.IsScalar() || v.Scalar().empty()) {
        reader.report(v.Mark(), fmt::format("{}: 'format' must be a to_timestamp format such "
                                            "as 'YYYY-MM-DD HH24:MI:SS'", where));
      } else {
        out.format = v.Scalar();
      }
    } else if (field == "true_values") {
      if (model.kind != ColumnKind::kBoolean) {
        refuse("boolean columns");
      } else if (!v.IsSequence() || v.size() == 0) {
        reader.report(v.Mark(), fmt::format("{}: 'true_values' must be a list of the texts that "
                                            "mean true, such as [Y, yes]", where));
      } else {
        for (const YAML::Node& item : v) {
          if (item.IsScalar()) out.true_values.push_back(item.Scalar());
          else reader.report(item.Mark(), fmt::format("{}: a true value must be a text", where));
        }
      }
    } else if (field == "ssn") {
      if (model.kind != ColumnKind::kSsn) {
        refuse("caregiver.ssn");
      } else if (v.IsScalar() && v.Scalar() == "digits") {
        out.ssn = SsnFormat::kDigits;
      } else if (v.IsScalar() && v.Scalar() == "number") {
        out.ssn = SsnFormat::kNumber;
      } else {
        reader.report(v.Mark(), fmt::format("{}: 'ssn' must be digits or number", where));
      }
    } else if (field == "separator") {
      if (model.kind != ColumnKind::kGps) {
        refuse("gps_in and gps_out");
      } else if (!v.IsScalar() || v.Scalar().empty()) {
        reader.report(v.Mark(), fmt::format("{}: 'separator' must be the text between latitude "
                                            "and longitude, such as ';'", where));
      } else {
        out.separator = v.Scalar();
      }
    } else if (field == "order") {
      if (model.kind != ColumnKind::kGps) {
        refuse("gps_in and gps_out");
      } else if (v.IsScalar() && v.Scalar() == "lat_lon") {
        out.order = GpsOrder::kLatLon;
      } else if (v.IsScalar() && v.Scalar() == "lon_lat") {
        out.order = GpsOrder::kLonLat;
      } else {
        reader.report(v.Mark(), fmt::format("{}: 'order' must be lat_lon or lon_lat", where));
      }
    } else {  // latitude, longitude
      if (model.kind != ColumnKind::kGps) {
        refuse("gps_in and gps_out");
      } else {
        gps_pair = true;
        (field == "latitude" ? out.latitude : out.longitude) = reader.name(k, v, "column");
      }
    }
  }
  if (reader.count() != problems) return;
  const int sources = (out.column ? 1 : 0) + (out.constant ? 1 : 0) + (gps_pair ? 1 : 0);
  if (sources != 1) {
    reader.report(key.Mark(), fmt::format("{}: give exactly one of 'column', 'value' and "
                                          "'latitude' with 'longitude'", where));
  } else if (gps_pair && (!out.latitude || !out.longitude)) {
    reader.report(key.Mark(), fmt::format("{}: 'latitude' and 'longitude' go together", where));
  } else if (!out.column && (out.format || !out.true_values.empty() ||
                             out.ssn != SsnFormat::kAsIs || out.separator)) {
    reader.report(key.Mark(), fmt::format("{}: a conversion needs a 'column'", where));
  } else if (out.constant && !out.value && model.required) {
    reader.report(key.Mark(), fmt::format("{}: cannot be null (NOT NULL in the source model)",
                                          where));
  }
  if (out.column && model.kind == ColumnKind::kGps && !out.separator &&
      out.order == GpsOrder::kLonLat)
    out.separator = ",";
}

void read_columns(Reader& reader, const YAML::Node& node, const ModelTable& table,
                  TableMapping& out) {
  if (!node.IsMap()) {
    reader.report(node.Mark(), fmt::format("table {}: 'columns' must map the model's columns "
                                           "to yours", table.name));
    return;
  }
  for (const auto& [key, value] : reader.entries(node, nullptr)) {
    const ModelColumn* model = table.column(key.Scalar());
    if (!model) {
      std::vector<std::string_view> names;
      for (const ModelColumn& c : table.columns) names.push_back(c.name);
      reader.report(key.Mark(), fmt::format("table {} has no column '{}' (its columns: {})",
                                            table.name, key.Scalar(), alternatives(names)));
      continue;
    }
    ColumnMapping column;
    column.target = model->name;
    column.where = location(key.Mark());
    if (value.IsScalar() || value.IsNull()) {
      column.column = reader.name(key, value, "column");
    } else if (value.IsMap()) {
      read_column_map(reader, key, value, table, *model, column);
    } else {
      reader.report(value.Mark(), fmt::format("{}.{}: expected a column name or a mapping such "
                                              "as {{column: NAME, format: FORMAT}}",
                                              table.name, model->name));
      continue;
    }
    out.columns.push_back(std::move(column));
  }
  for (const ModelColumn& model : table.columns) {
    if (!model.required) continue;
    bool mapped = std::any_of(out.columns.begin(), out.columns.end(),
                              [&](const ColumnMapping& c) { return c.target == model.name; });
    if (!mapped)
      reader.report(out.where, fmt::format("table {}: column {} must be mapped (NOT NULL in the "
                                           "source model)", table.name, model.name));
  }
}

void read_table(Reader& reader, const YAML::Node& key, const YAML::Node& node,
                SourceMapping& mapping) {
  const ModelTable* model = find_model_table(key.Scalar());
  if (!model) {
    std::vector<std::string_view> names;
    for (const ModelTable& t : source_model()) names.push_back(t.name);
    reader.report(key.Mark(), fmt::format("'{}' is not a table of the source model (expected {})",
                                          key.Scalar(), alternatives(names)));
    return;
  }
  TableMapping table;
  table.target = model->name;
  table.where = location(key.Mark());
  if (!node.IsMap()) {
    reader.report(node.IsNull() ? key.Mark() : node.Mark(),
                  fmt::format("table {}: expected 'table' or 'query', and 'columns'", model->name));
    return;
  }
  bool has_columns = false;
  const std::size_t problems = reader.count();
  for (const auto& [k, v] : reader.entries(node, &kTableKeys)) {
    const std::string field = k.Scalar();
    if (field == "table") {
      auto text = reader.name(k, v, "table");
      if (!text) continue;
      const auto dot = text->find('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == text->size() ||
          text->find('.', dot + 1) != std::string::npos) {
        reader.report(v.Mark(), fmt::format("table {}: '{}' must be schema.table", model->name,
                                            *text));
        continue;
      }
      table.schema = text->substr(0, dot);
      table.table = text->substr(dot + 1);
    } else if (field == "query") {
      if (!v.IsScalar() || v.Scalar().find_first_not_of(" \t\r\n") == std::string::npos) {
        reader.report(v.IsNull() ? k.Mark() : v.Mark(),
                      fmt::format("table {}: 'query' must be a SELECT statement", model->name));
        continue;
      }
      table.query = v.Scalar();
    } else {
      has_columns = true;
      read_columns(reader, v, *model, table);
    }
  }
  if (table.schema && table.query) {
    reader.report(key.Mark(), fmt::format("table {}: give 'table' or 'query', not both",
                                          model->name));
  } else if (!table.schema && !table.query && reader.count() == problems) {
    reader.report(key.Mark(), fmt::format("table {}: missing 'table' (schema.table) or 'query'",
                                          model->name));
  }
  if (!has_columns && reader.count() == problems)
    reader.report(key.Mark(), fmt::format("table {}: missing 'columns'", model->name));
  mapping.tables.push_back(std::move(table));
}

}  // namespace

std::string TableMapping::source_name() const {
  if (!schema) return "the query";
  return db::quote_identifier(*schema) + "." + db::quote_identifier(*table);
}

const TableMapping* SourceMapping::table(std::string_view target) const {
  for (const TableMapping& t : tables)
    if (t.target == target) return &t;
  return nullptr;
}

std::string_view mode_name(MappingMode mode) {
  return mode == MappingMode::kCopy ? "copy" : "views";
}

MappingRead parse_source_mapping(const std::string& text, const std::string& file) {
  Reader reader(file);
  MappingRead read;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    reader.report(e.mark, e.msg);
    read.diagnostics = reader.take();
    return read;
  }
  SourceMapping mapping;
  mapping.file = file;
  if (!root.IsMap()) {
    reader.report(root.Mark(), "expected a mapping with 'mode' and 'tables'");
    read.diagnostics = reader.take();
    return read;
  }
  bool has_tables = false;
  for (const auto& [key, value] : reader.entries(root, &kTopKeys)) {
    if (key.Scalar() == "mode") {
      if (value.IsScalar() && value.Scalar() == "views") {
        mapping.mode = MappingMode::kViews;
      } else if (value.IsScalar() && value.Scalar() == "copy") {
        mapping.mode = MappingMode::kCopy;
      } else {
        reader.report(value.IsNull() ? key.Mark() : value.Mark(),
                      "'mode' must be views or copy");
      }
    } else if (!value.IsMap() || value.size() == 0) {
      has_tables = true;
      reader.report(value.IsNull() ? key.Mark() : value.Mark(),
                    "'tables' must map tables of the source model to yours");
    } else {
      has_tables = true;
      for (const auto& [name, table] : reader.entries(value, nullptr))
        read_table(reader, name, table, mapping);
    }
  }
  if (!has_tables) reader.report(root.Mark(), "missing 'tables'");
  read.diagnostics = reader.take();
  if (read.diagnostics.empty()) read.mapping = std::move(mapping);
  return read;
}

MappingRead read_source_mapping(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    MappingRead read;
    read.diagnostics.push_back(Diagnostic{file, "", "cannot read the file", 0, 0});
    return read;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_source_mapping(text.str(), file);
}

}  // namespace conflictctl::mapping
