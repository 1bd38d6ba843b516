#include "engine/item_batcher.h"

#include <fmt/format.h>

#include "core/error_names.h"
#include "core/json.h"

namespace conflictctl::engine {

ItemBatcher::ItemBatcher(std::optional<Json> batch_input, std::size_t max_items,
                         std::size_t max_bytes, std::string state)
    : batch_input_(std::move(batch_input)),
      max_items_(max_items),
      max_bytes_(max_bytes),
      state_(std::move(state)) {}

Result<std::optional<Json>> ItemBatcher::next(const NextItem& next) {
  last_size_ = 0;
  Json batch = Json::object();
  if (batch_input_) batch["BatchInput"] = *batch_input_;
  batch["Items"] = Json::array();
  Json& items = batch["Items"];
  std::size_t bytes = to_compact(batch).size();
  while (max_items_ == 0 || items.size() < max_items_) {
    std::optional<Json> item = std::move(pending_);
    pending_.reset();
    if (!item) {
      auto read = next();
      if (!read) return read.error();
      if (!*read) break;
      item = std::move(*read);
      ++read_;
    }
    if (max_bytes_ != 0) {
      const std::size_t size = to_compact(*item).size() + (items.empty() ? 0 : 1);
      if (bytes + size > max_bytes_) {
        if (items.empty())
          return errors::runtime_error(
              fmt::format("Item {} of the Map state '{}' is larger than MaxInputBytesPerBatch "
                          "({} bytes) on its own.",
                          read_ - 1, state_, max_bytes_));
        pending_ = std::move(item);
        break;
      }
      bytes += size;
    }
    items.push_back(std::move(*item));
  }
  if (items.empty()) return std::optional<Json>();
  last_size_ = items.size();
  return std::optional<Json>(std::move(batch));
}

}  // namespace conflictctl::engine
