#include "parquet/metadata.h"

#include <fmt/format.h>

#include <array>

#include "parquet/problem.h"
#include "parquet/thrift_compact.h"

namespace conflictctl::parquet {

namespace {

using Reader = CompactReader;

// Reads the fields of a struct, calling `field(reader, header)` for each; the callback
// returns false for a field it does not read, which is then skipped.
template <class F>
void read_struct(Reader& reader, F&& field) {
  if (!reader.enter()) return;
  std::int16_t last = 0;
  while (auto header = reader.next_field(last)) {
    if (!field(*header)) reader.skip(header->type);
    if (reader.failed()) break;
  }
  reader.leave();
}

// A list of structs or values, `element(reader)` reading each.
template <class F>
void read_list(Reader& reader, ThriftType expected, F&& element) {
  ThriftList list = reader.read_list_header();
  if (reader.failed()) return;
  if (list.size != 0 && list.element != expected) {
    for (std::uint32_t i = 0; i < list.size && !reader.failed(); ++i) reader.skip(list.element);
    return;
  }
  for (std::uint32_t i = 0; i < list.size && !reader.failed(); ++i) element();
}

bool is(const ThriftField& field, int id, ThriftType type) {
  return field.id == id && field.type == type;
}
bool is_bool(const ThriftField& field, int id) {
  return field.id == id && (field.type == ThriftType::kTrue || field.type == ThriftType::kFalse);
}

void read_time_unit(Reader& reader, int& unit) {
  read_struct(reader, [&](const ThriftField& field) {
    if (field.type != ThriftType::kStruct || field.id < 1 || field.id > 3) return false;
    unit = field.id;
    reader.skip(ThriftType::kStruct);
    return true;
  });
}

void read_logical_type(Reader& reader, LogicalType& logical) {
  read_struct(reader, [&](const ThriftField& field) {
    if (field.type != ThriftType::kStruct) return false;
    logical.kind = field.id;
    switch (field.id) {
      case 5:  // DECIMAL
        read_struct(reader, [&](const ThriftField& f) {
          if (is(f, 1, ThriftType::kI32)) logical.scale = reader.read_i32();
          else if (is(f, 2, ThriftType::kI32)) logical.precision = reader.read_i32();
          else return false;
          return true;
        });
        return true;
      case 7:  // TIME
      case 8:  // TIMESTAMP
        read_struct(reader, [&](const ThriftField& f) {
          if (is_bool(f, 1)) logical.adjusted_to_utc = reader.read_bool(f.type);
          else if (is(f, 2, ThriftType::kStruct)) read_time_unit(reader, logical.unit);
          else return false;
          return true;
        });
        return true;
      case 10:  // INTEGER
        read_struct(reader, [&](const ThriftField& f) {
          if (is(f, 1, ThriftType::kByte)) logical.bit_width = reader.read_byte();
          else if (is_bool(f, 2)) logical.is_signed = reader.read_bool(f.type);
          else return false;
          return true;
        });
        return true;
      default:
        return false;  // an empty struct, or one whose fields are not needed
    }
  });
}

void read_schema_element(Reader& reader, SchemaElement& element) {
  read_struct(reader, [&](const ThriftField& field) {
    if (is(field, 1, ThriftType::kI32)) element.type = reader.read_i32();
    else if (is(field, 2, ThriftType::kI32)) element.type_length = reader.read_i32();
    else if (is(field, 3, ThriftType::kI32)) element.repetition = reader.read_i32();
    else if (is(field, 4, ThriftType::kBinary)) element.name = reader.read_binary();
    else if (is(field, 5, ThriftType::kI32)) element.num_children = reader.read_i32();
    else if (is(field, 6, ThriftType::kI32)) element.converted_type = reader.read_i32();
    else if (is(field, 7, ThriftType::kI32)) element.scale = reader.read_i32();
    else if (is(field, 8, ThriftType::kI32)) element.precision = reader.read_i32();
    else if (is(field, 10, ThriftType::kStruct)) read_logical_type(reader, element.logical);
    else return false;
    return true;
  });
}

void read_column_meta(Reader& reader, ColumnMetaData& meta) {
  read_struct(reader, [&](const ThriftField& field) {
    if (is(field, 1, ThriftType::kI32)) meta.type = reader.read_i32();
    else if (is(field, 3, ThriftType::kList))
      read_list(reader, ThriftType::kBinary,
                [&] { meta.path.push_back(reader.read_binary()); });
    else if (is(field, 4, ThriftType::kI32)) meta.codec = reader.read_i32();
    else if (is(field, 5, ThriftType::kI64)) meta.num_values = reader.read_i64();
    else if (is(field, 6, ThriftType::kI64)) meta.total_uncompressed_size = reader.read_i64();
    else if (is(field, 7, ThriftType::kI64)) meta.total_compressed_size = reader.read_i64();
    else if (is(field, 9, ThriftType::kI64)) meta.data_page_offset = reader.read_i64();
    else if (is(field, 11, ThriftType::kI64)) meta.dictionary_page_offset = reader.read_i64();
    else return false;
    return true;
  });
}

void read_column_chunk(Reader& reader, ColumnChunk& chunk) {
  read_struct(reader, [&](const ThriftField& field) {
    if (is(field, 1, ThriftType::kBinary)) {
      chunk.file_path = reader.read_binary();
    } else if (is(field, 3, ThriftType::kStruct)) {
      chunk.meta.emplace();
      read_column_meta(reader, *chunk.meta);
    } else {
      return false;
    }
    return true;
  });
}

void read_row_group(Reader& reader, RowGroup& group) {
  read_struct(reader, [&](const ThriftField& field) {
    if (is(field, 1, ThriftType::kList))
      read_list(reader, ThriftType::kStruct, [&] {
        group.columns.emplace_back();
        read_column_chunk(reader, group.columns.back());
      });
    else if (is(field, 2, ThriftType::kI64)) group.total_byte_size = reader.read_i64();
    else if (is(field, 3, ThriftType::kI64)) group.num_rows = reader.read_i64();
    else return false;
    return true;
  });
}

// DataPageHeader (5), DictionaryPageHeader (7), DataPageHeaderV2 (8).
void read_type_header(Reader& reader, int id, PageHeader& page) {
  page.has_type_header = true;
  read_struct(reader, [&](const ThriftField& f) {
    if (is(f, 1, ThriftType::kI32)) page.num_values = reader.read_i32();
    else if (id == 7 && is(f, 2, ThriftType::kI32)) page.encoding = reader.read_i32();
    else if (id == 5 && is(f, 2, ThriftType::kI32)) page.encoding = reader.read_i32();
    else if (id == 5 && is(f, 3, ThriftType::kI32))
      page.definition_level_encoding = reader.read_i32();
    else if (id == 8 && is(f, 2, ThriftType::kI32)) page.num_nulls = reader.read_i32();
    else if (id == 8 && is(f, 3, ThriftType::kI32)) page.num_rows = reader.read_i32();
    else if (id == 8 && is(f, 4, ThriftType::kI32)) page.encoding = reader.read_i32();
    else if (id == 8 && is(f, 5, ThriftType::kI32))
      page.definition_levels_byte_length = reader.read_i32();
    else if (id == 8 && is(f, 6, ThriftType::kI32))
      page.repetition_levels_byte_length = reader.read_i32();
    else if (id == 8 && is_bool(f, 7)) page.is_compressed = reader.read_bool(f.type);
    else return false;
    return true;
  });
}

}  // namespace

std::string_view physical_type_name(std::int32_t type) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY",
      "FIXED_LEN_BYTE_ARRAY"};
  if (type < 0 || type >= static_cast<std::int32_t>(kNames.size())) return "an unknown type";
  return kNames[static_cast<std::size_t>(type)];
}

std::string encoding_name(std::int32_t encoding) {
  static constexpr std::array<std::string_view, 10> kNames = {
      "PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED",
      "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY", "RLE_DICTIONARY",
      "BYTE_STREAM_SPLIT"};
  if (encoding < 0 || encoding >= static_cast<std::int32_t>(kNames.size()))
    return std::to_string(encoding);
  return std::string(kNames[static_cast<std::size_t>(encoding)]);
}

std::string codec_name(std::int32_t codec) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  if (codec < 0 || codec >= static_cast<std::int32_t>(kNames.size()))
    return std::to_string(codec);
  return std::string(kNames[static_cast<std::size_t>(codec)]);
}

Result<FileMetaData> read_file_metadata(std::string_view bytes) {
  Reader reader(bytes);
  FileMetaData meta;
  read_struct(reader, [&](const ThriftField& field) {
    if (is(field, 1, ThriftType::kI32)) meta.version = reader.read_i32();
    else if (is(field, 2, ThriftType::kList))
      read_list(reader, ThriftType::kStruct, [&] {
        meta.schema.emplace_back();
        read_schema_element(reader, meta.schema.back());
      });
    else if (is(field, 3, ThriftType::kI64)) meta.num_rows = reader.read_i64();
    else if (is(field, 4, ThriftType::kList))
      read_list(reader, ThriftType::kStruct, [&] {
        meta.row_groups.emplace_back();
        read_row_group(reader, meta.row_groups.back());
      });
    else if (is(field, 6, ThriftType::kBinary)) meta.created_by = reader.read_binary();
    else return false;
    return true;
  });
  if (reader.failed()) return problem("the footer is not valid Thrift: " + *reader.problem());
  return meta;
}

Result<PageHeader> read_page_header(std::string_view bytes, std::size_t& size) {
  Reader reader(bytes);
  PageHeader page;
  read_struct(reader, [&](const ThriftField& field) {
    if (is(field, 1, ThriftType::kI32)) page.type = reader.read_i32();
    else if (is(field, 2, ThriftType::kI32)) page.uncompressed_page_size = reader.read_i32();
    else if (is(field, 3, ThriftType::kI32)) page.compressed_page_size = reader.read_i32();
    else if (field.type == ThriftType::kStruct && (field.id == 5 || field.id == 7 || field.id == 8))
      read_type_header(reader, field.id, page);
    else return false;
    return true;
  });
  if (reader.failed()) return problem("a page header is not valid Thrift: " + *reader.problem());
  if (page.uncompressed_page_size < 0 || page.compressed_page_size < 0 || page.num_values < 0 ||
      page.num_nulls < 0 || page.definition_levels_byte_length < 0 ||
      page.repetition_levels_byte_length < 0)
    return problem("a page header holds a negative size or count");
  size = reader.position();
  return page;
}

}  // namespace conflictctl::parquet
