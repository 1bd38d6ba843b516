#include "engine/map_settings.h"

#include <fmt/format.h>

#include <cmath>

#include "asl/limits.h"
#include "asl/defaults.h"
#include "core/error_names.h"
#include "dataflow/typed_path.h"

namespace conflictctl::engine {

using errors::runtime_error;

namespace {


// A literal field, or the number its …Path selects (which must be ≥ 0 and ≤ `maximum`, and
// whole for a count: MaxConcurrency 0.5 would otherwise truncate to 0, "no limit").
Result<std::optional<double>> number_field(const std::optional<double>& literal,
                                           const std::optional<std::string>& path,
                                           const std::optional<std::string>& expression,
                                           const char* field, const dataflow::PathType& type,
                                           const Json& input, const PathContext& context,
                                           const FieldExpression& jsonata) {
  if (literal) return std::optional<double>(*literal);
  if (expression && jsonata) {
    std::string_view name(field);
    if (name.ends_with("Path")) name.remove_suffix(4);  // the JSONata field has no "Path"
    auto value = jsonata(name, *expression, type);
    if (!value) return value.error();
    return std::optional<double>(value->get<double>());
  }
  if (!path) return std::optional<double>();
  auto value = dataflow::evaluate_path_as(field, *path, input, context, type);
  if (!value) return value.error();
  return std::optional<double>(value->get<double>());
}

Result<std::optional<double>> count_field(const asl::CountField& field, const char* path_name,
                                          const dataflow::PathType& type, const Json& input,
                                          const PathContext& context,
                                          const FieldExpression& jsonata) {
  return number_field(field.number, field.path, field.expression, path_name, type, input,
                      context, jsonata);
}

std::optional<double> as_double(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return static_cast<double>(*value);
}

}  // namespace

Result<MapSettings> map_settings(const asl::MapSpec& map, Json items, const Json& input,
                                 const PathContext& context, const FieldExpression& jsonata) {
  MapSettings settings;
  const dataflow::PathType count = dataflow::PathType::integer(0, 1e9);
  settings.items.assign(std::make_move_iterator(items.begin()),
                        std::make_move_iterator(items.end()));

  auto concurrency =
      number_field(as_double(map.max_concurrency), map.max_concurrency_path,
                   map.max_concurrency_expression, "MaxConcurrencyPath", count, input, context,
                   jsonata);
  if (!concurrency) return concurrency.error();
  auto limit = static_cast<std::size_t>(map.distributed
                                            ? asl::limits::kDistributedMapConcurrencyLimit
                                            : asl::limits::kInlineMapConcurrencyLimit);
  settings.max_concurrency =
      (!*concurrency || **concurrency == 0)
          ? limit
          : std::min(limit, static_cast<std::size_t>(**concurrency));

  auto percentage = number_field(
      map.tolerated_failure_percentage, map.tolerated_failure_percentage_path,
      map.tolerated_failure_percentage_expression, "ToleratedFailurePercentagePath",
      dataflow::PathType::number(0, 100), input, context, jsonata);
  if (!percentage) return percentage.error();
  settings.tolerated_percentage = *percentage;
  auto tolerated = number_field(as_double(map.tolerated_failure_count),
                                map.tolerated_failure_count_path,
                                map.tolerated_failure_count_expression,
                                "ToleratedFailureCountPath", count, input, context, jsonata);
  if (!tolerated) return tolerated.error();
  if (*tolerated) settings.tolerated_count = static_cast<std::size_t>(**tolerated);

  if (map.item_reader) {
    auto max_items = count_field(map.item_reader->max_items, "MaxItemsPath",
                                 dataflow::PathType::integer(0, asl::limits::kReaderMaxItems),
                                 input, context, jsonata);
    if (!max_items) return max_items.error();
    if (*max_items) settings.max_items = static_cast<std::uint64_t>(**max_items);
  }
  if (map.item_batcher) {
    auto per_batch = count_field(map.item_batcher->max_items_per_batch, "MaxItemsPerBatchPath",
                                 dataflow::PathType::integer(1, 1e9), input, context, jsonata);
    if (!per_batch) return per_batch.error();
    if (*per_batch) settings.max_items_per_batch = static_cast<std::size_t>(**per_batch);
    auto bytes = count_field(
        map.item_batcher->max_input_bytes_per_batch, "MaxInputBytesPerBatchPath",
        dataflow::PathType::integer(1, asl::limits::kMaxInputBytesPerBatch), input, context,
        jsonata);
    if (!bytes) return bytes.error();
    if (*bytes) settings.max_bytes_per_batch = static_cast<std::size_t>(**bytes);
  }
  return settings;
}

}  // namespace conflictctl::engine
