#include "parquet/column_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "parquet/compression.h"
#include "parquet/encodings.h"
#include "parquet/metadata.h"
#include "parquet/problem.h"

namespace conflictctl::parquet {

namespace {

template <class T>
T little_endian(const char* data) {
  T value;
  std::memcpy(&value, data, sizeof value);
  return value;
}

std::size_t value_width(const ColumnType& type) {
  switch (static_cast<PhysicalType>(type.physical)) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return static_cast<std::size_t>(type.type_length);
    default: return 0;
  }
}

Error too_short(std::size_t got, std::size_t expected) {
  return problem(fmt::format("the PLAIN data ends after {} of {} values", got, expected));
}

// `count` PLAIN values.
Result<std::vector<Json>> decode_plain(const ColumnType& type, std::string_view bytes,
                                       std::size_t count) {
  std::vector<Json> values;
  const auto physical = static_cast<PhysicalType>(type.physical);
  if (physical == PhysicalType::kBoolean) {
    if ((count + 7) / 8 > bytes.size()) return too_short(bytes.size() * 8, count);
    values.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
      values.emplace_back(((static_cast<unsigned char>(bytes[i / 8]) >> (i % 8)) & 1) != 0);
    return values;
  }
  if (physical == PhysicalType::kByteArray) {
    std::size_t at = 0;
    values.reserve(std::min(count, bytes.size() / 4));
    for (std::size_t i = 0; i < count; ++i) {
      if (bytes.size() - at < 4) return too_short(i, count);
      auto length = little_endian<std::uint32_t>(bytes.data() + at);
      at += 4;
      if (length > bytes.size() - at) return too_short(i, count);
      auto value = bytes_json(type, bytes.substr(at, length));
      if (!value) return value.error();
      values.push_back(std::move(*value));
      at += length;
    }
    return values;
  }
  std::size_t width = value_width(type);
  if (width == 0 || bytes.size() / width < count)
    return too_short(bytes.size() / std::max<std::size_t>(width, 1), count);
  values.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const char* at = bytes.data() + i * width;
    Result<Json> value = Json();
    switch (physical) {
      case PhysicalType::kInt32: value = integer_json(type, little_endian<std::int32_t>(at)); break;
      case PhysicalType::kInt64: value = integer_json(type, little_endian<std::int64_t>(at)); break;
      case PhysicalType::kFloat: value = float_json(little_endian<float>(at)); break;
      case PhysicalType::kDouble: value = float_json(little_endian<double>(at)); break;
      default: value = bytes_json(type, std::string_view(at, width)); break;
    }
    if (!value) return value.error();
    values.push_back(std::move(*value));
  }
  return values;
}

}  // namespace

Result<void> ColumnReader::read_dictionary(const std::string& page, std::int32_t encoding,
                                           std::size_t count) {
  if (has_dictionary_) return problem("a second dictionary page");
  if (encoding != static_cast<std::int32_t>(Encoding::kPlain) &&
      encoding != static_cast<std::int32_t>(Encoding::kPlainDictionary))
    return problem(fmt::format("a dictionary page in {} encoding (PLAIN is read)",
                               encoding_name(encoding)));
  auto values = decode_plain(type_, page, count);
  if (!values) return values.error();
  dictionary_ = std::move(*values);
  has_dictionary_ = true;
  return {};
}

Result<void> ColumnReader::read_values(std::string_view bytes, std::int32_t encoding,
                                       std::size_t count) {
  values_.clear();
  indices_.clear();
  indexed_ = false;
  const auto physical = static_cast<PhysicalType>(type_.physical);
  auto take = [&](Result<std::vector<Json>> decoded) -> Result<void> {
    if (!decoded) return decoded.error();
    values_ = std::move(*decoded);
    return {};
  };
  auto convert_integers = [&](const std::vector<std::int64_t>& numbers) -> Result<void> {
    values_.reserve(numbers.size());
    for (std::int64_t number : numbers) {
      // INT32 deltas wrap at 32 bits.
      auto value = integer_json(type_, physical == PhysicalType::kInt32
                                           ? static_cast<std::int32_t>(number)
                                           : number);
      if (!value) return value.error();
      values_.push_back(std::move(*value));
    }
    return {};
  };
  auto convert_bytes = [&](const std::vector<std::string>& strings) -> Result<void> {
    values_.reserve(strings.size());
    for (const std::string& bytes_value : strings) {
      if (physical == PhysicalType::kFixedLenByteArray &&
          bytes_value.size() != static_cast<std::size_t>(type_.type_length))
        return problem(fmt::format("a FIXED_LEN_BYTE_ARRAY value of {} bytes, not {}",
                                   bytes_value.size(), type_.type_length));
      auto value = bytes_json(type_, bytes_value);
      if (!value) return value.error();
      values_.push_back(std::move(*value));
    }
    return {};
  };
  auto unsupported = [&] {
    return problem(fmt::format("encoding {} is not supported for {} values",
                               encoding_name(encoding), physical_type_name(type_.physical)));
  };

  switch (static_cast<Encoding>(encoding)) {
    case Encoding::kPlain:
      return take(decode_plain(type_, bytes, count));
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (!has_dictionary_) return problem("dictionary-encoded values without a dictionary page");
      if (count == 0) {
        indexed_ = true;
        return {};
      }
      if (bytes.empty()) return problem("the dictionary indices have no bit width");
      int width = static_cast<unsigned char>(bytes[0]);
      auto indices = decode_rle_hybrid(bytes.substr(1), width, count);
      if (!indices) return indices.error();
      for (std::uint32_t index : *indices)
        if (index >= dictionary_.size())
          return problem(fmt::format("dictionary index {} is past the dictionary's {} values",
                                     index, dictionary_.size()));
      indices_ = std::move(*indices);
      indexed_ = true;
      return {};
    }
    case Encoding::kRle: {
      if (physical != PhysicalType::kBoolean) return unsupported();
      if (bytes.size() < 4) return problem("RLE booleans without their length");
      auto length = little_endian<std::uint32_t>(bytes.data());
      if (length > bytes.size() - 4) return problem("RLE booleans longer than their page");
      auto bits = decode_rle_hybrid(bytes.substr(4, length), 1, count);
      if (!bits) return bits.error();
      values_.reserve(count);
      for (std::uint32_t bit : *bits) values_.emplace_back(bit != 0);
      return {};
    }
    case Encoding::kDeltaBinaryPacked: {
      if (physical != PhysicalType::kInt32 && physical != PhysicalType::kInt64)
        return unsupported();
      std::size_t used = 0;
      auto numbers = decode_delta_binary_packed(bytes, count, used);
      if (!numbers) return numbers.error();
      if (numbers->size() != count)
        return problem(fmt::format("the DELTA_BINARY_PACKED data holds {} of {} values",
                                   numbers->size(), count));
      return convert_integers(*numbers);
    }
    case Encoding::kDeltaLengthByteArray: {
      if (physical != PhysicalType::kByteArray) return unsupported();
      auto strings = decode_delta_length_byte_array(bytes, count);
      if (!strings) return strings.error();
      return convert_bytes(*strings);
    }
    case Encoding::kDeltaByteArray: {
      if (physical != PhysicalType::kByteArray && physical != PhysicalType::kFixedLenByteArray)
        return unsupported();
      auto strings = decode_delta_byte_array(bytes, count, kMaxPageBytes);
      if (!strings) return strings.error();
      return convert_bytes(*strings);
    }
    case Encoding::kByteStreamSplit: {
      std::size_t width = value_width(type_);
      if (width == 0 || physical == PhysicalType::kInt96) return unsupported();
      auto plain = decode_byte_stream_split(bytes, width, count);
      if (!plain) return plain.error();
      return take(decode_plain(type_, *plain, count));
    }
    default:
      return unsupported();
  }
}

Result<void> ColumnReader::read_page() {
  while (true) {
    if (position_ >= chunk_.size())
      return problem(fmt::format("the column chunk ends with {} rows still to read", rows_left_));
    std::size_t header_size = 0;
    auto header = read_page_header(std::string_view(chunk_).substr(position_), header_size);
    if (!header) return header.error();
    position_ += header_size;
    const PageHeader& page = *header;
    if (static_cast<std::size_t>(page.compressed_page_size) > chunk_.size() - position_)
      return problem(fmt::format("a page of {} bytes runs past the end of its column chunk",
                                 page.compressed_page_size));
    std::string_view body(chunk_.data() + position_,
                          static_cast<std::size_t>(page.compressed_page_size));
    position_ += body.size();
    if (static_cast<std::size_t>(page.uncompressed_page_size) > kMaxPageBytes)
      return problem(fmt::format("a page of {} bytes is larger than the {} read",
                                 page.uncompressed_page_size, kMaxPageBytes));
    if (static_cast<std::size_t>(page.num_values) > kMaxPageValues)
      return problem(fmt::format("a page of {} values is more than the {} read", page.num_values,
                                 kMaxPageValues));
    if ((page.type == kDataPage || page.type == kDictionaryPage || page.type == kDataPageV2) &&
        !page.has_type_header)
      return problem("a page header without its data or dictionary page header");

    if (page.type == kIndexPage) continue;
    if (page.type == kDictionaryPage) {
      auto bytes = decompress(codec_, body, static_cast<std::size_t>(page.uncompressed_page_size));
      if (!bytes) return bytes.error();
      auto read = read_dictionary(*bytes, page.encoding, static_cast<std::size_t>(page.num_values));
      if (!read) return read;
      continue;
    }
    if (page.type != kDataPage && page.type != kDataPageV2)
      return problem(fmt::format("page type {} is not a Parquet page type", page.type));

    std::size_t count = static_cast<std::size_t>(page.num_values);
    if (count == 0) continue;
    if (static_cast<std::int64_t>(count) > rows_left_)
      return problem(fmt::format("a page holds {} values where {} rows are left in its row group",
                                 count, rows_left_));
    std::string decompressed;
    std::string_view levels, values;
    if (page.type == kDataPage) {
      auto bytes = decompress(codec_, body, static_cast<std::size_t>(page.uncompressed_page_size));
      if (!bytes) return bytes.error();
      decompressed = std::move(*bytes);
      values = decompressed;
      if (type_.optional) {
        if (page.definition_level_encoding != static_cast<std::int32_t>(Encoding::kRle))
          return problem(fmt::format("definition levels in {} encoding are not supported (RLE "
                                     "is)",
                                     encoding_name(page.definition_level_encoding)));
        if (values.size() < 4) return problem("a data page's definition levels have no length");
        auto length = little_endian<std::uint32_t>(values.data());
        if (length > values.size() - 4)
          return problem("a data page's definition levels are longer than the page");
        levels = values.substr(4, length);
        values.remove_prefix(4 + length);
      }
    } else {
      auto levels_size = static_cast<std::size_t>(page.definition_levels_byte_length) +
                         static_cast<std::size_t>(page.repetition_levels_byte_length);
      if (levels_size > body.size() ||
          levels_size > static_cast<std::size_t>(page.uncompressed_page_size))
        return problem("a data page v2's levels are longer than the page");
      levels = body.substr(static_cast<std::size_t>(page.repetition_levels_byte_length),
                           static_cast<std::size_t>(page.definition_levels_byte_length));
      std::string_view compressed = body.substr(levels_size);
      std::size_t expected = static_cast<std::size_t>(page.uncompressed_page_size) - levels_size;
      if (page.is_compressed) {
        auto bytes = decompress(codec_, compressed, expected);
        if (!bytes) return bytes.error();
        decompressed = std::move(*bytes);
        values = decompressed;
      } else {
        values = compressed;
      }
    }

    levels_.clear();
    std::size_t present = count;
    if (type_.optional) {
      auto decoded = decode_rle_hybrid(levels, 1, count);
      if (!decoded) return problem("definition levels: " + decoded.error().cause);
      levels_ = std::move(*decoded);
      present = static_cast<std::size_t>(std::count(levels_.begin(), levels_.end(), 1u));
    }
    auto read = read_values(values, page.encoding, present);
    if (!read) return read;
    page_rows_ = count;
    next_row_ = 0;
    next_value_ = 0;
    return {};
  }
}

Result<Json> ColumnReader::next() {
  if (rows_left_ <= 0) return problem("more rows were asked for than the row group holds");
  if (next_row_ >= page_rows_) {
    auto read = read_page();
    if (!read) return read.error();
  }
  --rows_left_;
  std::size_t row = next_row_++;
  if (!levels_.empty() && levels_[row] == 0) return Json();
  std::size_t value = next_value_++;
  if (indexed_) return dictionary_[indices_[value]];
  return values_[value];
}

}  // namespace conflictctl::parquet
