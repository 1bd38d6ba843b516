// parquet_rows FILE: prints each row of a Parquet file as conflictctl reads it
// (parquet/row_reader.h), one compact JSON object a line; a problem is printed as
// "error: CAUSE" on the last line, with exit status 1. Used by test/parquet/differential.sh.
#include <cstdio>
#include <iostream>

#include "core/json.h"
#include "parquet/byte_source.h"
#include "parquet/row_reader.h"

int main(int argc, char** argv) {
  using namespace conflictctl;
  if (argc != 2) {
    std::cerr << "usage: parquet_rows FILE\n";
    return 2;
  }
  auto fail = [](const Error& error) {
    std::cout << "error: " << error.cause << "\n";
    return 1;
  };
  auto source = parquet::file_source(argv[1]);
  if (!source) return fail(source.error());
  auto reader = parquet::RowReader::open(std::move(*source));
  if (!reader) return fail(reader.error());
  while (true) {
    auto row = (*reader)->next();
    if (!row) return fail(row.error());
    if (!*row) return 0;
    std::cout << to_compact(**row) << "\n";
  }
}
