#include "parquet/thrift_compact.h"

#include <fmt/format.h>

#include <cstring>

namespace conflictctl::parquet {

namespace {

std::int64_t unzigzag(std::uint64_t n) {
  return static_cast<std::int64_t>(n >> 1) ^ -static_cast<std::int64_t>(n & 1);
}

bool valid_type(std::uint8_t type) {
  return type <= static_cast<std::uint8_t>(ThriftType::kStruct);
}

}  // namespace

void CompactReader::fail(std::string what) {
  if (!problem_) problem_ = fmt::format("{} at byte {}", what, position_);
}

bool CompactReader::need(std::size_t count) {
  if (failed()) return false;
  if (count > bytes_.size() - position_) {
    fail("the Thrift structure ends early");
    return false;
  }
  return true;
}

std::uint64_t CompactReader::read_varint() {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (!need(1)) return 0;
    auto byte = static_cast<std::uint8_t>(bytes_[position_++]);
    if (shift == 63 && byte > 1) break;
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value;
  }
  fail("a Thrift varint is longer than 64 bits");
  return 0;
}

std::optional<ThriftField> CompactReader::next_field(std::int16_t& last_id) {
  if (!need(1)) return std::nullopt;
  auto header = static_cast<std::uint8_t>(bytes_[position_++]);
  if (header == 0) return std::nullopt;
  std::uint8_t type = header & 0x0f;
  if (!valid_type(type) || type == 0) {
    fail(fmt::format("unknown Thrift type {}", type));
    return std::nullopt;
  }
  ThriftField field;
  field.type = static_cast<ThriftType>(type);
  if (std::uint8_t delta = header >> 4; delta != 0) {
    field.id = static_cast<std::int16_t>(last_id + delta);
  } else {
    std::int64_t id = unzigzag(read_varint());
    if (id < INT16_MIN || id > INT16_MAX) fail("a Thrift field id is out of range");
    field.id = static_cast<std::int16_t>(id);
  }
  if (failed()) return std::nullopt;
  last_id = field.id;
  return field;
}

bool CompactReader::read_bool(ThriftType field_type) {
  if (field_type == ThriftType::kTrue) return true;
  if (field_type == ThriftType::kFalse) return false;
  // A list element: one byte, 1 for true.
  return read_byte() == 1;
}

std::int32_t CompactReader::read_i32() {
  std::int64_t value = unzigzag(read_varint());
  if (value < INT32_MIN || value > INT32_MAX) {
    fail("a Thrift i32 is out of range");
    return 0;
  }
  return static_cast<std::int32_t>(value);
}

std::int64_t CompactReader::read_i64() { return unzigzag(read_varint()); }

std::int8_t CompactReader::read_byte() {
  if (!need(1)) return 0;
  return static_cast<std::int8_t>(bytes_[position_++]);
}

double CompactReader::read_double() {
  if (!need(8)) return 0;
  double value;
  std::memcpy(&value, bytes_.data() + position_, 8);
  position_ += 8;
  return value;
}

std::string CompactReader::read_binary() {
  std::uint64_t size = read_varint();
  if (failed() || !need(size)) return {};
  std::string value(bytes_.substr(position_, size));
  position_ += size;
  return value;
}

ThriftList CompactReader::read_list_header() {
  if (!need(1)) return {};
  auto header = static_cast<std::uint8_t>(bytes_[position_++]);
  ThriftList list;
  std::uint8_t type = header & 0x0f;
  if (!valid_type(type) || type == 0) {
    fail(fmt::format("unknown Thrift list element type {}", type));
    return {};
  }
  list.element = static_cast<ThriftType>(type);
  std::uint64_t size = header >> 4;
  if (size == 15) size = read_varint();
  // Every element takes at least one byte: a larger count cannot be true.
  if (size > bytes_.size() - position_) {
    fail("a Thrift list is longer than the bytes left");
    return {};
  }
  list.size = static_cast<std::uint32_t>(size);
  return list;
}

bool CompactReader::enter() {
  if (++depth_ > kMaxDepth) {
    fail("Thrift structures nest too deeply");
    return false;
  }
  return !failed();
}

void CompactReader::skip(ThriftType type, int depth) {
  if (failed()) return;
  if (depth > kMaxDepth) {
    fail("Thrift structures nest too deeply");
    return;
  }
  switch (type) {
    case ThriftType::kTrue:
    case ThriftType::kFalse:
      return;
    case ThriftType::kByte:
      read_byte();
      return;
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64:
      read_varint();
      return;
    case ThriftType::kDouble:
      if (need(8)) position_ += 8;
      return;
    case ThriftType::kBinary:
      read_binary();
      return;
    case ThriftType::kList:
    case ThriftType::kSet: {
      ThriftList list = read_list_header();
      for (std::uint32_t i = 0; i < list.size && !failed(); ++i) {
        if (list.element == ThriftType::kTrue || list.element == ThriftType::kFalse)
          read_byte();
        else
          skip(list.element, depth + 1);
      }
      return;
    }
    case ThriftType::kMap: {
      std::uint64_t size = read_varint();
      if (size == 0 || failed()) return;
      if (size > bytes_.size() - position_) {
        fail("a Thrift map is longer than the bytes left");
        return;
      }
      if (!need(1)) return;
      auto types = static_cast<std::uint8_t>(bytes_[position_++]);
      auto key = static_cast<std::uint8_t>(types >> 4);
      auto value = static_cast<std::uint8_t>(types & 0x0f);
      if (!valid_type(key) || !valid_type(value) || key == 0 || value == 0) {
        fail("unknown Thrift map types");
        return;
      }
      for (std::uint64_t i = 0; i < size && !failed(); ++i) {
        skip(static_cast<ThriftType>(key), depth + 1);
        skip(static_cast<ThriftType>(value), depth + 1);
      }
      return;
    }
    case ThriftType::kStruct: {
      std::int16_t last = 0;
      while (auto field = next_field(last)) skip(field->type, depth + 1);
      return;
    }
    case ThriftType::kStop:
      fail("a Thrift value of type stop");
      return;
  }
}

}  // namespace conflictctl::parquet
