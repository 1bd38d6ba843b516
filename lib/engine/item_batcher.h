#pragma once
// ItemBatcher: a Distributed Map's items gathered into the inputs of its child executions.
//
// AWS, "ItemBatcher (Map)": each child execution gets
//   {"BatchInput": <BatchInput, when given>, "Items": [item, item, …]}
// with at most MaxItemsPerBatch items, and MaxInputBytesPerBatch bounding that whole input's
// size (its compact JSON, in bytes). Items keep their order; a batch ends when the next item
// would not fit, and that item starts the next batch. One item larger than the byte limit on
// its own is States.Runtime:
//   "Item 7 of the Map state 'Process' is larger than MaxInputBytesPerBatch (256 bytes) on its
//    own."
//
// Used by the engine's Map Run (items streamed, a batch at a time) and by test-state
// (afterItemBatcher): the one place the rule is written.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/json.h"

namespace conflictctl::engine {

class ItemBatcher {
 public:
  // The next item, or nullopt when there are no more.
  using NextItem = std::function<Result<std::optional<Json>>()>;

  // `max_items`, `max_bytes`: 0 for no limit. `state`: the Map state, named in errors.
  ItemBatcher(std::optional<Json> batch_input, std::size_t max_items, std::size_t max_bytes,
              std::string state);

  // The next batch of items taken from `next`, or nullopt when there are none left.
  Result<std::optional<Json>> next(const NextItem& next);

  // How many items the last batch holds.
  std::size_t last_size() const { return last_size_; }

 private:
  std::optional<Json> batch_input_;
  std::size_t max_items_, max_bytes_;
  std::string state_;
  std::optional<Json> pending_;  // read for the last batch, which it did not fit
  std::size_t read_ = 0;         // items taken from `next` so far
  std::size_t last_size_ = 0;
};

}  // namespace conflictctl::engine
