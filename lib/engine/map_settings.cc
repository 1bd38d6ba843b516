#include "engine/map_settings.h"

#include <fmt/format.h>

#include <cmath>

#include "asl/limits.h"
#include "asl/defaults.h"
#include "core/error_names.h"
#include "dataflow/path.h"

namespace conflictctl::engine {

using errors::runtime_error;

namespace {


enum class Kind { kNumber, kInteger };

// A literal field, or the number its …Path selects (which must be ≥ 0 and ≤ `maximum`, and
// whole for a count: MaxConcurrency 0.5 would otherwise truncate to 0, "no limit").
Result<std::optional<double>> number_field(const std::optional<double>& literal,
                                           const std::optional<std::string>& path,
                                           const char* name, Kind kind, double maximum,
                                           const Json& input, const Json& context) {
  if (literal) return std::optional<double>(*literal);
  if (!path) return std::optional<double>();
  auto value = dataflow::evaluate_path(*path, input, context);
  if (!value) return value.error();
  const double number = value->is_number() ? value->get<double>() : -1;
  const bool whole = kind == Kind::kNumber || std::floor(number) == number;
  if (!value->is_number() || !(number >= 0 && number <= maximum) || !whole)
    return runtime_error(fmt::format("The {}Path '{}' must select {} from 0 to {}, but "
                                     "selected {}.",
                                     name, *path,
                                     kind == Kind::kInteger ? "an integer" : "a number", maximum,
                                     to_compact(*value)));
  return std::optional<double>(number);
}

std::optional<double> as_double(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return static_cast<double>(*value);
}

}  // namespace

Result<MapSettings> map_settings(const asl::MapSpec& map, const Json& input, const Json& context) {
  MapSettings settings;
  auto items = map.items_path.path == "$"
                   ? Result<Json>(input)
                   : dataflow::evaluate_path(map.items_path.path, input, context);
  if (!items) return items.error();
  if (!items->is_array())
    return runtime_error(fmt::format("The ItemsPath '{}' must select a JSON array, but "
                                     "selected {}.",
                                     map.items_path.path, to_compact(*items)));
  settings.items.assign(std::make_move_iterator(items->begin()),
                        std::make_move_iterator(items->end()));

  auto concurrency = number_field(as_double(map.max_concurrency), map.max_concurrency_path,
                                  "MaxConcurrency", Kind::kInteger, 1e9, input, context);
  if (!concurrency) return concurrency.error();
  auto limit = static_cast<std::size_t>(asl::limits::kInlineMapConcurrencyLimit);
  settings.max_concurrency =
      (!*concurrency || **concurrency == 0)
          ? limit
          : std::min(limit, static_cast<std::size_t>(**concurrency));

  auto percentage = number_field(map.tolerated_failure_percentage,
                                 map.tolerated_failure_percentage_path,
                                 "ToleratedFailurePercentage", Kind::kNumber, 100, input, context);
  if (!percentage) return percentage.error();
  settings.tolerated_percentage = *percentage;
  auto count = number_field(as_double(map.tolerated_failure_count),
                            map.tolerated_failure_count_path, "ToleratedFailureCount", Kind::kInteger, 1e9,
                            input, context);
  if (!count) return count.error();
  if (*count) settings.tolerated_count = static_cast<std::size_t>(**count);
  return settings;
}

}  // namespace conflictctl::engine
