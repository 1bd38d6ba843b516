#include "core/json.h"

namespace conflictctl {

std::string to_compact(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace conflictctl
