#include "parquet/encodings.h"

#include <fmt/format.h>

#include "parquet/problem.h"

namespace conflictctl::parquet {

namespace {

// A cursor over bytes with bounds-checked reads.
struct Cursor {
  std::string_view bytes;
  std::size_t position = 0;

  std::size_t left() const { return bytes.size() - position; }
  bool varint(std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= bytes.size()) return false;
      auto byte = static_cast<std::uint8_t>(bytes[position++]);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return true;
    }
    return false;
  }
  bool zigzag(std::int64_t& value) {
    std::uint64_t raw;
    if (!varint(raw)) return false;
    value = static_cast<std::int64_t>(raw >> 1) ^ -static_cast<std::int64_t>(raw & 1);
    return true;
  }
};

// `width` bits (0 to 64) at `bit` of little-endian, LSB-first packed data; the caller has
// checked that the bits are there.
std::uint64_t bits_at(const unsigned char* data, std::size_t bit, int width) {
  std::uint64_t value = 0;
  for (int got = 0; got < width;) {
    std::size_t byte = (bit + static_cast<std::size_t>(got)) / 8;
    int shift = static_cast<int>((bit + static_cast<std::size_t>(got)) % 8);
    int take = std::min(8 - shift, width - got);
    std::uint64_t part = (static_cast<std::uint64_t>(data[byte]) >> shift) & ((1u << take) - 1);
    value |= part << got;
    got += take;
  }
  return value;
}

Error ends_early(std::string_view what, std::size_t got, std::size_t expected) {
  return problem(fmt::format("the {} data ends after {} of {} values", what, got, expected));
}

}  // namespace

Result<std::vector<std::uint32_t>> decode_rle_hybrid(std::string_view bytes, int bit_width,
                                                     std::size_t count) {
  if (bit_width < 0 || bit_width > 32)
    return problem(fmt::format("an RLE bit width of {} is more than 32", bit_width));
  std::vector<std::uint32_t> values;
  values.reserve(std::min<std::size_t>(count, bytes.size() * 8 + 64));
  Cursor in{bytes};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t value_bytes = (static_cast<std::size_t>(bit_width) + 7) / 8;
  while (values.size() < count) {
    std::uint64_t header;
    if (!in.varint(header)) return ends_early("RLE", values.size(), count);
    if (header & 1) {  // bit-packed: groups of 8 values, cut short at the data's end
      std::uint64_t groups = header >> 1;
      if (groups == 0) continue;
      std::size_t wanted = count - values.size();
      std::uint64_t run_bytes = 0, available = 0;
      if (bit_width == 0) {
        available = groups > wanted ? wanted : groups * 8;
      } else {
        run_bytes = groups > in.left() ? in.left()
                                       : std::min<std::uint64_t>(
                                             groups * static_cast<std::uint64_t>(bit_width),
                                             in.left());
        available = run_bytes * 8 / static_cast<std::uint64_t>(bit_width);
      }
      auto take = static_cast<std::size_t>(std::min<std::uint64_t>(available, wanted));
      if (take == 0) return ends_early("RLE", values.size(), count);
      for (std::size_t i = 0; i < take; ++i)
        values.push_back(static_cast<std::uint32_t>(
            bits_at(data + in.position, i * static_cast<std::size_t>(bit_width), bit_width)));
      in.position += static_cast<std::size_t>(run_bytes);
    } else {  // a run of one repeated value
      std::uint64_t run = header >> 1;
      if (run == 0) continue;
      if (in.left() < value_bytes) return ends_early("RLE", values.size(), count);
      std::uint32_t value = 0;
      for (std::size_t i = 0; i < value_bytes; ++i)
        value |= static_cast<std::uint32_t>(data[in.position + i]) << (8 * i);
      in.position += value_bytes;
      if (bit_width < 32 && (value >> bit_width) != 0)
        return problem(fmt::format("an RLE value {} does not fit in {} bits", value, bit_width));
      auto take = static_cast<std::size_t>(std::min<std::uint64_t>(run, count - values.size()));
      values.insert(values.end(), take, value);
    }
  }
  return values;
}

Result<std::vector<std::int64_t>> decode_delta_binary_packed(std::string_view bytes,
                                                             std::size_t max_count,
                                                             std::size_t& used) {
  Cursor in{bytes};
  std::uint64_t block_size, miniblocks, total;
  std::int64_t first;
  if (!in.varint(block_size) || !in.varint(miniblocks) || !in.varint(total) || !in.zigzag(first))
    return problem("a DELTA_BINARY_PACKED header ends early");
  if (block_size == 0 || block_size % 128 != 0 || miniblocks == 0 ||
      block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0 ||
      block_size > (1u << 20))
    return problem(fmt::format("a DELTA_BINARY_PACKED header is not valid (block size {}, {} "
                               "miniblocks)",
                               block_size, miniblocks));
  if (total > max_count)
    return problem(fmt::format("a DELTA_BINARY_PACKED run holds {} values where at most {} "
                               "are expected",
                               total, max_count));
  std::vector<std::int64_t> values;
  values.reserve(static_cast<std::size_t>(total));
  if (total == 0) {
    used = in.position;
    return values;
  }
  values.push_back(first);
  auto previous = static_cast<std::uint64_t>(first);
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::uint64_t per_miniblock = block_size / miniblocks;
  while (values.size() < total) {
    std::int64_t min_delta;
    if (!in.zigzag(min_delta)) return ends_early("DELTA_BINARY_PACKED", values.size(), total);
    if (in.left() < miniblocks) return ends_early("DELTA_BINARY_PACKED", values.size(), total);
    std::size_t widths_at = in.position;
    in.position += static_cast<std::size_t>(miniblocks);
    for (std::uint64_t m = 0; m < miniblocks && values.size() < total; ++m) {
      int width = static_cast<unsigned char>(bytes[widths_at + m]);
      if (width > 64)
        return problem(fmt::format("a DELTA_BINARY_PACKED bit width of {} is more than 64", width));
      std::uint64_t size = per_miniblock * static_cast<std::uint64_t>(width) / 8;
      if (in.left() < size) return ends_early("DELTA_BINARY_PACKED", values.size(), total);
      for (std::uint64_t i = 0; i < per_miniblock && values.size() < total; ++i) {
        std::uint64_t delta =
            bits_at(data + in.position, i * static_cast<std::size_t>(width), width);
        previous += static_cast<std::uint64_t>(min_delta) + delta;
        values.push_back(static_cast<std::int64_t>(previous));
      }
      in.position += static_cast<std::size_t>(size);
    }
  }
  used = in.position;
  return values;
}

Result<std::vector<std::string>> decode_delta_length_byte_array(std::string_view bytes,
                                                                std::size_t count) {
  std::size_t used = 0;
  auto lengths = decode_delta_binary_packed(bytes, count, used);
  if (!lengths) return lengths.error();
  if (lengths->size() != count)
    return ends_early("DELTA_LENGTH_BYTE_ARRAY", lengths->size(), count);
  std::vector<std::string> values;
  values.reserve(count);
  std::size_t at = used;
  for (std::int64_t length : *lengths) {
    if (length < 0 || static_cast<std::uint64_t>(length) > bytes.size() - at)
      return ends_early("DELTA_LENGTH_BYTE_ARRAY", values.size(), count);
    values.emplace_back(bytes.substr(at, static_cast<std::size_t>(length)));
    at += static_cast<std::size_t>(length);
  }
  return values;
}

Result<std::vector<std::string>> decode_delta_byte_array(std::string_view bytes,
                                                         std::size_t count,
                                                         std::size_t max_bytes) {
  std::size_t used = 0;
  auto prefixes = decode_delta_binary_packed(bytes, count, used);
  if (!prefixes) return prefixes.error();
  if (prefixes->size() != count) return ends_early("DELTA_BYTE_ARRAY", prefixes->size(), count);
  auto suffixes = decode_delta_length_byte_array(bytes.substr(used), count);
  if (!suffixes) return suffixes.error();
  std::vector<std::string> values;
  values.reserve(count);
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::int64_t prefix = (*prefixes)[i];
    std::size_t previous = values.empty() ? 0 : values.back().size();
    if (prefix < 0 || static_cast<std::uint64_t>(prefix) > previous)
      return problem(fmt::format("a DELTA_BYTE_ARRAY prefix of {} bytes is longer than the "
                                 "previous value",
                                 prefix));
    std::string value =
        values.empty() ? std::string() : values.back().substr(0, static_cast<std::size_t>(prefix));
    value += (*suffixes)[i];
    total += value.size();
    if (total > max_bytes)
      return problem(fmt::format("DELTA_BYTE_ARRAY values of more than {} bytes", max_bytes));
    values.push_back(std::move(value));
  }
  return values;
}

Result<std::string> decode_byte_stream_split(std::string_view bytes, std::size_t width,
                                             std::size_t count) {
  if (width == 0 || bytes.size() / width < count)
    return ends_early("BYTE_STREAM_SPLIT", width == 0 ? 0 : bytes.size() / width, count);
  std::string out(count * width, '\0');
  std::size_t stream = count;  // each of the `width` streams holds one byte of every value
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t k = 0; k < width; ++k) out[i * width + k] = bytes[k * stream + i];
  return out;
}

}  // namespace conflictctl::parquet
