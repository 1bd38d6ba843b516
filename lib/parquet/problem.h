#pragma once
// The error every function of lib/parquet/ fails with: a cause a person understands, with
// where in the file it was found ("row group 0, column \"price\": …"). The name is the same
// for every problem; the caller that reads a Parquet file for a purpose (a Distributed Map's
// ItemReader, engine/item_reader.h) gives it its own error name and the file's name.
#include <string>
#include <string_view>

#include "core/error.h"

namespace conflictctl::parquet {

inline constexpr std::string_view kParquetError = "Parquet.Error";

inline Error problem(std::string cause) {
  return Error{std::string(kParquetError), std::move(cause)};
}

}  // namespace conflictctl::parquet
