#pragma once
// What a Map state iterates over and how, resolved from its input.
//
//  - The items come from the query language (QueryLanguage::items: JSONPath's ItemsPath,
//    JSONata's Items).
//  - MaxConcurrency / MaxConcurrencyPath: 0 or absent means "no limit"; inline Map runs at
//    most asl::limits::kInlineMapConcurrencyLimit iterations at once, as Step Functions does.
//  - ToleratedFailureCount / Percentage (and their …Path forms): how many failed iterations
//    the Map accepts before it fails with States.ExceedToleratedFailureThreshold.
//  - A Distributed Map runs up to asl::limits::kDistributedMapConcurrencyLimit child
//    executions at once; its ItemReader's MaxItems and its ItemBatcher's limits (each a
//    literal, a …Path or a JSONata expression, asl::CountField) are resolved here too.
#include <optional>
#include <vector>

#include "asl/model.h"
#include "core/error.h"
#include "core/json.h"
#include "dataflow/path_context.h"
#include "engine/query_language.h"

namespace conflictctl::engine {

using dataflow::PathContext;  // dataflow/path_context.h

struct MapSettings {
  std::vector<Json> items;
  std::size_t max_concurrency = 0;  // ≥ 1
  std::optional<double> tolerated_percentage;
  std::optional<std::size_t> tolerated_count;
  std::uint64_t max_items = 0;            // ItemReader's MaxItems; 0: all
  std::size_t max_items_per_batch = 0;    // ItemBatcher's; 0: no limit
  std::size_t max_bytes_per_batch = 0;    // ItemBatcher's MaxInputBytesPerBatch; 0: no limit
};

// `items` are the Map's items; `jsonata` evaluates a JSONata state's MaxConcurrency and
// tolerated failure expressions.
Result<MapSettings> map_settings(const asl::MapSpec& map, Json items, const Json& input,
                                 const PathContext& context,
                                 const FieldExpression& jsonata = nullptr);

}  // namespace conflictctl::engine
