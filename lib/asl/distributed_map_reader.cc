#include "asl/distributed_map_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "asl/jsonata_fields.h"
#include "asl/limits.h"
#include "core/diagnostic.h"
#include "dataflow/payload_template.h"

namespace conflictctl::asl {

namespace {

bool is_jsonata(const FieldReader& reader) { return reader.language() == QueryLanguage::kJsonata; }

// One of `allowed`, else reported; `fallback` when absent or wrong.
template <std::size_t N>
std::string read_enum(FieldReader& reader, const std::string& key,
                      const std::array<std::string_view, N>& allowed, std::string fallback,
                      Report& report) {
  auto value = reader.string(key);
  if (!value) return fallback;
  if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return *value;
  std::string names;
  for (std::string_view name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
  report.add(reader.pointer_to(key),
             fmt::format("{} must be one of {}, not \"{}\"", key, names, *value));
  return fallback;
}

// KEY (an integer from `minimum` to `maximum`, or a JSONata expression) or KEYPath (JSONPath:
// a reference path), not both.
CountField read_count(FieldReader& reader, const std::string& key, double minimum,
                      double maximum, Report& report) {
  CountField field;
  if (is_jsonata(reader)) {
    auto read = read_number_or_expression(reader, key, true, report);
    field.number = read.number;
    field.expression = read.expression;
  } else {
    field.number = reader.integer(key);
    field.path = reader.string(key + "Path");
    if (field.number && field.path)
      report.add(reader.pointer_to(key + "Path"),
                 fmt::format("{} and {}Path cannot both be set", key, key));
  }
  if (field.number && (*field.number < minimum || *field.number > maximum))
    report.add(reader.pointer_to(key),
               fmt::format("{} must be from {} to {}, not {}", key, minimum, maximum,
                           *field.number));
  return field;
}

// Parameters (JSONPath, a payload template) or Arguments (JSONata).
Json read_parameters(FieldReader& reader, Report& report) {
  const std::string key = is_jsonata(reader) ? "Arguments" : "Parameters";
  const Json* value = reader.object(key);
  if (!value) return Json::object();
  if (is_jsonata(reader)) {
    check_jsonata(*value, reader.pointer_to(key), report);
  } else {
    for (const auto& problem : dataflow::check_template(*value, reader.pointer_to(key)))
      report.add(problem.pointer, problem.message);
  }
  return *value;
}

void read_resource(FieldReader& reader, std::string& resource, std::string_view expected,
                   Report& report) {
  reader.require("Resource");
  auto value = reader.string("Resource");
  if (!value) return;
  resource = *value;
  if (resource != expected)
    report.add(reader.pointer_to("Resource"),
               fmt::format("Resource \"{}\" is not supported here: conflictctl reads and writes "
                           "local files through \"{}\" only",
                           resource, expected));
}

void read_reader_config(FieldReader& reader, ItemReaderSpec& spec, Report& report) {
  reader.require("InputType");
  static constexpr std::array<std::string_view, 5> kTypes = {"JSON", "JSONL", "CSV", "PARQUET",
                                                             "MANIFEST"};
  spec.input_type = read_enum(reader, "InputType", kTypes, "", report);
  static constexpr std::array<std::string_view, 2> kLocations = {"FIRST_ROW", "GIVEN"};
  spec.csv_header_given =
      read_enum(reader, "CSVHeaderLocation", kLocations, "FIRST_ROW", report) == "GIVEN";
  if (const Json* headers = reader.array("CSVHeaders")) {
    for (std::size_t i = 0; i < headers->size(); ++i) {
      if (!(*headers)[i].is_string()) {
        report.add(pointer_append(reader.pointer_to("CSVHeaders"), i),
                   "CSVHeaders must hold strings");
        continue;
      }
      spec.csv_headers.push_back((*headers)[i].get<std::string>());
    }
  }
  if (spec.csv_header_given && !reader.has("CSVHeaders"))
    report.add(reader.pointer(), "CSVHeaderLocation GIVEN needs CSVHeaders");
  if (!spec.csv_header_given && reader.has("CSVHeaders"))
    report.add(reader.pointer_to("CSVHeaders"),
               "CSVHeaders is only valid with CSVHeaderLocation GIVEN");
  static constexpr std::array<std::string_view, 5> kDelimiters = {"COMMA", "PIPE", "SEMICOLON",
                                                                  "SPACE", "TAB"};
  static constexpr std::array<char, 5> kDelimiterChars = {',', '|', ';', ' ', '\t'};
  std::string delimiter = read_enum(reader, "CSVDelimiter", kDelimiters, "COMMA", report);
  for (std::size_t i = 0; i < kDelimiters.size(); ++i)
    if (kDelimiters[i] == delimiter) spec.csv_delimiter = kDelimiterChars[i];
  if (spec.input_type != "CSV" && spec.input_type != "" &&
      (reader.has("CSVHeaderLocation") || reader.has("CSVHeaders") || reader.has("CSVDelimiter")))
    report.add(reader.pointer(),
               fmt::format("CSVHeaderLocation, CSVHeaders and CSVDelimiter are only valid with "
                           "InputType CSV, not {}",
                           spec.input_type));
  if (auto manifest = reader.string("ManifestType"); manifest && *manifest != "S3_INVENTORY")
    report.add(reader.pointer_to("ManifestType"),
               fmt::format("ManifestType \"{}\" is not supported: only S3_INVENTORY", *manifest));
  spec.max_items = read_count(reader, "MaxItems", 0, limits::kReaderMaxItems, report);
  reader.report_unknown("a ReaderConfig");
}

}  // namespace

std::optional<ItemReaderSpec> read_item_reader(FieldReader& map, Report& report) {
  const Json* object = map.object("ItemReader");
  if (!object) return std::nullopt;
  ItemReaderSpec spec;
  spec.pointer = map.pointer_to("ItemReader");
  FieldReader reader(*object, spec.pointer, report, map.language());
  read_resource(reader, spec.resource, "arn:aws:states:::s3:getObject", report);
  spec.parameters = read_parameters(reader, report);
  reader.require("ReaderConfig");
  if (const Json* config = reader.object("ReaderConfig")) {
    FieldReader config_reader(*config, reader.pointer_to("ReaderConfig"), report,
                              map.language());
    read_reader_config(config_reader, spec, report);
  }
  // AWS: "The VersionId field is not supported for InputType=Parquet."
  if (spec.input_type == "PARQUET" && spec.parameters.is_object()) {
    const std::string key = is_jsonata(reader) ? "Arguments" : "Parameters";
    for (const char* name : {"VersionId", "VersionId.$"})
      if (spec.parameters.contains(name))
        report.add(pointer_append(reader.pointer_to(key), name),
                   "VersionId is not supported with InputType PARQUET");
  }
  reader.report_unknown("an ItemReader");
  return spec;
}

std::optional<ItemBatcherSpec> read_item_batcher(FieldReader& map, Report& report) {
  const Json* object = map.object("ItemBatcher");
  if (!object) return std::nullopt;
  ItemBatcherSpec spec;
  spec.pointer = map.pointer_to("ItemBatcher");
  FieldReader reader(*object, spec.pointer, report, map.language());
  spec.max_items_per_batch = read_count(reader, "MaxItemsPerBatch", 1, 1e9, report);
  spec.max_input_bytes_per_batch =
      read_count(reader, "MaxInputBytesPerBatch", 1, limits::kMaxInputBytesPerBatch, report);
  if (!spec.max_items_per_batch.given() && !spec.max_input_bytes_per_batch.given())
    report.add(spec.pointer,
               "an ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch (or their Path "
               "forms)");
  if (is_jsonata(reader)) {
    spec.batch_input = read_jsonata_value(reader, "BatchInput", report);
  } else if (const Json* batch_input = reader.object("BatchInput")) {
    for (const auto& problem :
         dataflow::check_template(*batch_input, reader.pointer_to("BatchInput")))
      report.add(problem.pointer, problem.message);
    spec.batch_input = *batch_input;
  }
  reader.report_unknown("an ItemBatcher");
  return spec;
}

std::optional<ResultWriterSpec> read_result_writer(FieldReader& map, Report& report) {
  const Json* object = map.object("ResultWriter");
  if (!object) return std::nullopt;
  ResultWriterSpec spec;
  spec.pointer = map.pointer_to("ResultWriter");
  FieldReader reader(*object, spec.pointer, report, map.language());
  read_resource(reader, spec.resource, "arn:aws:states:::s3:putObject", report);
  spec.parameters = read_parameters(reader, report);
  if (reader.has("WriterConfig")) {
    reader.accept("WriterConfig");
    report.add(reader.pointer_to("WriterConfig"), "WriterConfig is not supported yet");
  }
  reader.report_unknown("a ResultWriter");
  return spec;
}

}  // namespace conflictctl::asl
