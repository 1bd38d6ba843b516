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

constexpr std::string_view kGetObject = "arn:aws:states:::s3:getObject";
constexpr std::string_view kListObjects = "arn:aws:states:::s3:listObjectsV2";
constexpr std::string_view kPutObject = "arn:aws:states:::s3:putObject";

// Resource, one of `allowed`; returns the one given ("" when absent or another).
template <std::size_t N>
std::string read_resource(FieldReader& reader, const std::array<std::string_view, N>& allowed,
                          Report& report) {
  auto value = reader.string("Resource");
  if (!value) return "";
  if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return *value;
  std::string names;
  for (std::string_view name : allowed)
    names += (names.empty() ? "\"" : " or \"") + std::string(name) + "\"";
  report.add(reader.pointer_to("Resource"),
             fmt::format("Resource \"{}\" is not supported here: conflictctl reads and writes "
                         "local files through {} only",
                         *value, names));
  return "";
}

// The CSV fields: CSVHeaderLocation, CSVHeaders, CSVDelimiter.
void read_csv_fields(FieldReader& reader, ItemReaderSpec& spec, Report& report) {
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
}

// AWS, "ItemReader (Map)": InputType "Accepts one of the following values: CSV, JSON,
// JSONL, PARQUET, MANIFEST"; ManifestType "ATHENA_DATA or S3_INVENTORY ... If set to
// S3_INVENTORY, you must not also specify InputType because the type is assumed to be CSV";
// Transformation "NONE or LOAD_AND_FLATTEN ... When set to LOAD_AND_FLATTEN, you must also
// set InputType" (a listObjectsV2 reader's); for Athena manifests "You set ManifestType to
// ATHENA_DATA, and InputType to either CSV, JSONL, or Parquet".
void read_reader_config(FieldReader& reader, ItemReaderSpec& spec, Report& report) {
  static constexpr std::array<std::string_view, 5> kTypes = {"JSON", "JSONL", "CSV", "MANIFEST",
                                                             "PARQUET"};
  spec.input_type = read_enum(reader, "InputType", kTypes, "", report);
  static constexpr std::array<std::string_view, 2> kManifests = {"ATHENA_DATA", "S3_INVENTORY"};
  const std::string manifest = read_enum(reader, "ManifestType", kManifests, "", report);
  static constexpr std::array<std::string_view, 2> kTransformations = {"NONE",
                                                                       "LOAD_AND_FLATTEN"};
  spec.load_and_flatten =
      read_enum(reader, "Transformation", kTransformations, "NONE", report) == "LOAD_AND_FLATTEN";
  if (spec.listing) {
    if (reader.has("ManifestType"))
      report.add(reader.pointer_to("ManifestType"),
                 "ManifestType is only valid with Resource \"arn:aws:states:::s3:getObject\"");
    if (spec.load_and_flatten && !reader.has("InputType"))
      report.add(reader.pointer(), "Transformation LOAD_AND_FLATTEN needs an InputType");
    if (spec.load_and_flatten && spec.input_type == "MANIFEST")
      report.add(reader.pointer_to("InputType"),
                 "Transformation LOAD_AND_FLATTEN reads each object as CSV, JSON, JSONL or "
                 "PARQUET, not MANIFEST");
    if (!spec.load_and_flatten) spec.input_type.clear();  // the items are metadata
  } else {
    if (reader.has("Transformation"))
      report.add(reader.pointer_to("Transformation"),
                 "Transformation is only valid with Resource "
                 "\"arn:aws:states:::s3:listObjectsV2\"");
    if (manifest == "S3_INVENTORY") {
      if (reader.has("InputType"))
        report.add(reader.pointer_to("InputType"),
                   "InputType cannot be given with ManifestType S3_INVENTORY: an S3 inventory "
                   "is read as CSV");
      spec.input_type = "MANIFEST";
    } else if (!reader.has("InputType")) {
      reader.require("InputType");
    }
    spec.athena_manifest = manifest == "ATHENA_DATA";
    if (spec.athena_manifest && (spec.input_type == "JSON" || spec.input_type == "MANIFEST"))
      report.add(reader.pointer_to("InputType"),
                 fmt::format("ManifestType ATHENA_DATA needs InputType CSV, JSONL or PARQUET, "
                             "not {}",
                             spec.input_type));
  }
  read_csv_fields(reader, spec, report);
  if (auto items_pointer = reader.string("ItemsPointer")) {
    if (spec.input_type != "JSON")
      report.add(reader.pointer_to("ItemsPointer"),
                 "ItemsPointer is only valid with InputType JSON");
    else if (!items_pointer->empty() && items_pointer->front() != '/')
      report.add(reader.pointer_to("ItemsPointer"),
                 fmt::format("ItemsPointer must be a JSON Pointer (\"/a/b\"), not \"{}\"",
                             *items_pointer));
    else
      spec.items_pointer = *items_pointer;
  }
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
  reader.require("Resource");
  static constexpr std::array<std::string_view, 2> kReaders = {kGetObject, kListObjects};
  spec.resource = read_resource(reader, kReaders, report);
  spec.listing = spec.resource == kListObjects;
  spec.parameters = read_parameters(reader, report);
  if (!spec.listing) reader.require("ReaderConfig");
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

// AWS, "ResultWriter (Map)": "The ResultWriter field cannot be empty. You must specify one
// of these sets of sub-fields. WriterConfig - to preview the formatted output, without
// saving the results to Amazon S3. Resource and Parameters - to save the results to Amazon
// S3 without additional formatting. All three fields".
std::optional<ResultWriterSpec> read_result_writer(FieldReader& map, Report& report) {
  const Json* object = map.object("ResultWriter");
  if (!object) return std::nullopt;
  ResultWriterSpec spec;
  spec.pointer = map.pointer_to("ResultWriter");
  FieldReader reader(*object, spec.pointer, report, map.language());
  static constexpr std::array<std::string_view, 1> kWriters = {kPutObject};
  spec.resource = read_resource(reader, kWriters, report);
  const std::string parameters_key = is_jsonata(reader) ? "Arguments" : "Parameters";
  spec.parameters = read_parameters(reader, report);
  if (const Json* config = reader.object("WriterConfig")) {
    spec.writer_config = true;
    FieldReader config_reader(*config, reader.pointer_to("WriterConfig"), report,
                              map.language());
    static constexpr std::array<std::string_view, 3> kTransformations = {"NONE", "COMPACT",
                                                                         "FLATTEN"};
    if (config_reader.has("Transformation"))
      spec.transformation =
          read_enum(config_reader, "Transformation", kTransformations, "NONE", report);
    static constexpr std::array<std::string_view, 2> kOutputTypes = {"JSON", "JSONL"};
    spec.jsonl = read_enum(config_reader, "OutputType", kOutputTypes, "JSON", report) == "JSONL";
    config_reader.report_unknown("a WriterConfig");
  }
  const bool has_resource = reader.has("Resource");
  const bool has_parameters = reader.has(parameters_key);
  if (!has_resource && !has_parameters && !reader.has("WriterConfig"))
    report.add(spec.pointer,
               fmt::format("a ResultWriter needs WriterConfig, or Resource and {}, or all three",
                           parameters_key));
  else if (has_resource != has_parameters)
    report.add(spec.pointer, fmt::format("a ResultWriter's Resource and {} go together: give "
                                         "both to write the results to S3, or neither",
                                         parameters_key));
  reader.report_unknown("a ResultWriter");
  return spec;
}

}  // namespace conflictctl::asl
