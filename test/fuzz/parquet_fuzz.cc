// libFuzzer entry point: the bytes as a Parquet file → parquet::RowReader (the ItemReader's
// InputType PARQUET, engine/item_reader.h). Whatever the bytes: rows or an error with a
// cause, never a crash, a hang or undefined behaviour. At most 10,000 rows are read, since a
// tiny valid file may declare millions of all-null rows (RLE levels), which is legal and slow.
// Seeds: the small files of test/fuzz/corpus/parquet/ (made by test/parquet/make_fixtures.mjs).
#include <cstddef>
#include <cstdint>
#include <string>

#include "parquet/row_reader.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto reader = parquet::RowReader::open(parquet::memory_source(std::move(bytes)));
  if (!reader) {
    if (reader.error().cause.empty()) __builtin_trap();
    return 0;
  }
  for (int i = 0; i < 10000; ++i) {
    auto row = (*reader)->next();
    if (!row) {
      if (row.error().cause.empty()) __builtin_trap();
      return 0;
    }
    if (!*row) return 0;
    if (!(*row)->is_object()) __builtin_trap();
  }
  return 0;
}
