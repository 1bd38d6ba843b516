#include "parquet/row_reader.h"

#include <fmt/format.h>

#include <cstring>

#include "parquet/problem.h"

namespace conflictctl::parquet {

namespace {

constexpr std::string_view kMagic = "PAR1";

Error in_group(std::size_t group, const Error& error) {
  return problem(fmt::format("row group {}: {}", group, error.cause));
}

// The leaves of a flat schema, or why the schema is not flat.
Result<std::vector<ColumnType>> flat_columns(const FileMetaData& meta) {
  if (meta.schema.empty()) return problem("the schema is empty");
  const SchemaElement& root = meta.schema[0];
  if (root.num_children < 0 ||
      static_cast<std::size_t>(root.num_children) != meta.schema.size() - 1) {
    // Either nested (some child has children) or inconsistent: find out which.
    for (std::size_t i = 1; i < meta.schema.size(); ++i)
      if (meta.schema[i].num_children > 0)
        return problem(fmt::format("column \"{}\" is nested (a group of {} fields): only flat "
                                   "schemas are read",
                                   meta.schema[i].name, meta.schema[i].num_children));
    return problem(fmt::format("the schema's root has {} fields but {} follow it",
                               root.num_children, meta.schema.size() - 1));
  }
  std::vector<ColumnType> columns;
  for (std::size_t i = 1; i < meta.schema.size(); ++i) {
    const SchemaElement& leaf = meta.schema[i];
    if (leaf.num_children > 0 || !leaf.type)
      return problem(fmt::format("column \"{}\" is nested (a group of {} fields): only flat "
                                 "schemas are read",
                                 leaf.name, leaf.num_children));
    if (leaf.repetition.value_or(kRequired) == kRepeated)
      return problem(fmt::format("column \"{}\" is REPEATED (a list): only flat schemas are "
                                 "read",
                                 leaf.name));
    auto type = column_type(leaf);
    if (!type) return type.error();
    columns.push_back(std::move(*type));
  }
  return columns;
}

}  // namespace

Result<std::unique_ptr<RowReader>> RowReader::open(std::unique_ptr<ByteSource> source) {
  const std::uint64_t size = source->size();
  if (size < 12) return problem(fmt::format("a Parquet file has at least 12 bytes, not {}", size));
  auto head = source->read(0, 4);
  if (!head) return head.error();
  auto tail = source->read(size - 8, 8);
  if (!tail) return tail.error();
  if (tail->substr(4) == "PARE") return problem("the file is encrypted, which is not supported");
  if (*head != kMagic || tail->substr(4) != kMagic)
    return problem("not a Parquet file: it does not start and end with \"PAR1\"");
  std::uint32_t footer_size;
  std::memcpy(&footer_size, tail->data(), 4);
  if (footer_size > kMaxFooterBytes)
    return problem(fmt::format("the footer takes {} bytes, more than the 5 MB ({} bytes) Step "
                               "Functions reads",
                               footer_size, kMaxFooterBytes));
  if (footer_size > size - 12)
    return problem(fmt::format("the footer's length ({} bytes) is more than the file holds",
                               footer_size));
  auto footer = source->read(size - 8 - footer_size, footer_size);
  if (!footer) return footer.error();
  auto meta = read_file_metadata(*footer);
  if (!meta) return meta.error();
  auto columns = flat_columns(*meta);
  if (!columns) return columns.error();
  for (std::size_t g = 0; g < meta->row_groups.size(); ++g) {
    const RowGroup& group = meta->row_groups[g];
    if (group.num_rows < 0) return in_group(g, problem("a negative number of rows"));
    if (group.columns.size() != columns->size())
      return in_group(g, problem(fmt::format("{} column chunks for {} columns",
                                             group.columns.size(), columns->size())));
  }
  return std::unique_ptr<RowReader>(
      new RowReader(std::move(source), std::move(*meta), std::move(*columns)));
}

Result<void> RowReader::open_row_group(std::size_t index) {
  const RowGroup& group = meta_.row_groups[index];
  readers_.clear();
  std::uint64_t group_bytes = 0;
  for (std::size_t c = 0; c < group.columns.size(); ++c) {
    const ColumnChunk& chunk = group.columns[c];
    const ColumnType& type = columns_[c];
    auto fail = [&](std::string cause) {
      return problem(fmt::format("row group {}, column \"{}\": {}", index, type.name, cause));
    };
    if (!chunk.file_path.empty())
      return fail(fmt::format("the column chunk is in another file (\"{}\"), which is not "
                              "supported",
                              chunk.file_path));
    if (!chunk.meta) return fail("the column chunk has no metadata");
    const ColumnMetaData& meta = *chunk.meta;
    if (meta.type != type.physical)
      return fail(fmt::format("the column chunk holds {}, the schema says {}",
                              physical_type_name(meta.type), physical_type_name(type.physical)));
    if (meta.path.size() != 1 || meta.path[0] != type.name)
      return fail("the column chunk's path does not name its column");
    std::int64_t start = meta.data_page_offset;
    if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
        *meta.dictionary_page_offset < start)
      start = *meta.dictionary_page_offset;
    const std::uint64_t file_size = source_->size();
    if (start < 4 || meta.total_compressed_size < 0 ||
        static_cast<std::uint64_t>(start) > file_size ||
        static_cast<std::uint64_t>(meta.total_compressed_size) >
            file_size - static_cast<std::uint64_t>(start))
      return fail(fmt::format("the column chunk ({} bytes at {}) is not inside the file",
                              meta.total_compressed_size, start));
    group_bytes += static_cast<std::uint64_t>(meta.total_compressed_size);
    if (group_bytes > kMaxRowGroupBytes)
      return problem(fmt::format("row group {} takes more than the 256 MB ({} bytes) Step "
                                 "Functions reads",
                                 index, kMaxRowGroupBytes));
    auto bytes = source_->read(static_cast<std::uint64_t>(start),
                               static_cast<std::size_t>(meta.total_compressed_size));
    if (!bytes) return fail(bytes.error().cause);
    readers_.emplace_back(type, meta.codec, std::move(*bytes), group.num_rows);
  }
  rows_left_in_group_ = group.num_rows;
  return {};
}

Result<std::optional<Json>> RowReader::next() {
  while (rows_left_in_group_ == 0) {
    if (next_group_ >= meta_.row_groups.size()) return std::optional<Json>();
    auto opened = open_row_group(next_group_++);
    if (!opened) return opened.error();
  }
  Json row = Json::object();
  for (ColumnReader& reader : readers_) {
    auto value = reader.next();
    if (!value)
      return problem(fmt::format("row group {}, column \"{}\": {}", next_group_ - 1,
                                 reader.type().name, value.error().cause));
    row[reader.type().name] = std::move(*value);
  }
  --rows_left_in_group_;
  return std::optional<Json>(std::move(row));
}

}  // namespace conflictctl::parquet
