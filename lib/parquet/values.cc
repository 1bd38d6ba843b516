#include "parquet/values.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "core/base64.h"
#include "parquet/problem.h"

namespace conflictctl::parquet {

namespace {

// ConvertedType's numbers.
enum Converted : std::int32_t {
  kUtf8 = 0, kMap = 1, kMapKeyValue = 2, kList = 3, kEnum = 4, kDecimal = 5, kDate = 6,
  kTimeMillis = 7, kTimeMicros = 8, kTimestampMillis = 9, kTimestampMicros = 10,
  kUint8 = 11, kUint16 = 12, kUint32 = 13, kUint64 = 14, kInt8 = 15, kInt16 = 16,
  kInt32 = 17, kInt64 = 18, kJson = 19, kBson = 20, kInterval = 21,
};

std::string_view logical_name(int kind) {
  switch (kind) {
    case 2: return "MAP";
    case 3: return "LIST";
    case 11: return "UNKNOWN";
    case 16: return "VARIANT";
    case 17: return "GEOMETRY";
    case 18: return "GEOGRAPHY";
    default: return "an unknown logical type";
  }
}

bool is_int(std::int32_t physical) {
  return physical == static_cast<std::int32_t>(PhysicalType::kInt32) ||
         physical == static_cast<std::int32_t>(PhysicalType::kInt64);
}
bool is_bytes(std::int32_t physical) {
  return physical == static_cast<std::int32_t>(PhysicalType::kByteArray) ||
         physical == static_cast<std::int32_t>(PhysicalType::kFixedLenByteArray);
}

// Days since 1970-01-01 as a proleptic Gregorian date, for any 64-bit day count.
struct Civil {
  std::int64_t year;
  int month, day;
};
Civil civil_from_days(std::int64_t days) {
  // Eras of 400 years (146,097 days), counted from 0000-03-01.
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t day_of_era = days - era * 146097;
  std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  std::int64_t month_index = (5 * day_of_year + 2) / 153;  // March = 0
  int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

std::string date_text(std::int64_t days) {
  Civil date = civil_from_days(days);
  if (date.year >= 0 && date.year <= 9999)
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
  return fmt::format("{}{:04}-{:02}-{:02}", date.year < 0 ? '-' : '+',
                     date.year < 0 ? -date.year : date.year, date.month, date.day);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// "HH:MM:SS.fff" of `ticks` units (10^digits a second) into a day.
std::string time_text(std::int64_t ticks, int digits) {
  std::int64_t per_second = 1;
  for (int i = 0; i < digits; ++i) per_second *= 10;
  std::int64_t seconds = ticks / per_second, fraction = ticks % per_second;
  return fmt::format("{:02}:{:02}:{:02}.{:0{}}", seconds / 3600, seconds / 60 % 60, seconds % 60,
                     fraction, digits);
}

int unit_digits(int unit) { return unit == 1 ? 3 : unit == 2 ? 6 : 9; }

std::string timestamp_text(std::int64_t ticks, int digits) {
  std::int64_t per_day = 86400;
  for (int i = 0; i < digits; ++i) per_day *= 10;
  std::int64_t days = floor_div(ticks, per_day);
  std::int64_t in_day = ticks - days * per_day;
  return date_text(days) + " " + time_text(in_day, digits);
}

// The unscaled value of a big-endian two's complement integer, as decimal digits and a sign.
std::string big_endian_digits(std::string_view bytes, bool& negative) {
  std::vector<std::uint8_t> magnitude(bytes.begin(), bytes.end());
  negative = !magnitude.empty() && (magnitude[0] & 0x80);
  if (negative) {  // two's complement: invert and add one
    for (auto& byte : magnitude) byte = static_cast<std::uint8_t>(~byte);
    for (std::size_t i = magnitude.size(); i-- > 0;)
      if (++magnitude[i] != 0) break;
  }
  std::string digits;
  while (true) {
    bool zero = true;
    unsigned remainder = 0;
    for (auto& byte : magnitude) {
      unsigned current = (remainder << 8) | byte;
      byte = static_cast<std::uint8_t>(current / 10);
      remainder = current % 10;
      if (byte != 0) zero = false;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + remainder));
    if (zero) break;
  }
  return digits;
}

// "-12.34" from digits "1234", scale 2.
std::string decimal_text(std::string digits, bool negative, std::int32_t scale) {
  if (scale > 0) {
    auto s = static_cast<std::size_t>(scale);
    if (digits.size() <= s) digits.insert(0, s + 1 - digits.size(), '0');
    digits.insert(digits.size() - s, ".");
  }
  if (negative && digits.find_first_not_of("0.") != std::string::npos) digits.insert(0, "-");
  return digits;
}

Json decimal_json(const ColumnType& type, const std::string& digits, bool negative) {
  if (type.scale == 0 && type.precision <= 18 && digits.size() <= 18) {
    std::int64_t value = std::stoll(digits);
    return negative ? -value : value;
  }
  std::string text = decimal_text(digits, negative, type.scale);
  if (type.scale > 0 && type.precision <= 15) return std::strtod(text.c_str(), nullptr);
  return text;
}

double half_to_double(std::uint16_t half) {
  int exponent = (half >> 10) & 0x1f;
  int mantissa = half & 0x3ff;
  double sign = (half & 0x8000) ? -1.0 : 1.0;
  if (exponent == 0) return sign * std::ldexp(mantissa, -24);
  if (exponent == 31) return mantissa ? std::nan("") : sign * INFINITY;
  return sign * std::ldexp(mantissa + 1024, exponent - 25);
}

Error mismatch(const SchemaElement& leaf, std::string_view annotation, std::string_view needs) {
  return problem(fmt::format("column \"{}\": {} needs {}, not {}", leaf.name, annotation, needs,
                             physical_type_name(*leaf.type)));
}

}  // namespace

Result<ColumnType> column_type(const SchemaElement& leaf) {
  ColumnType type;
  type.name = leaf.name;
  type.physical = *leaf.type;
  type.type_length = leaf.type_length;
  type.optional = leaf.repetition.value_or(kRequired) == kOptional;
  const auto physical = static_cast<PhysicalType>(type.physical);
  const LogicalType& logical = leaf.logical;
  const std::int32_t converted = leaf.converted_type.value_or(-1);

  // The physical type's own rendering first; annotations refine it.
  switch (physical) {
    case PhysicalType::kBoolean: type.rendering = Rendering::kBoolean; break;
    case PhysicalType::kInt32: type.bit_width = 32; type.rendering = Rendering::kSigned; break;
    case PhysicalType::kInt64: type.rendering = Rendering::kSigned; break;
    case PhysicalType::kInt96: type.rendering = Rendering::kInt96Timestamp; break;
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: type.rendering = Rendering::kFloat; break;
    case PhysicalType::kByteArray: type.rendering = Rendering::kBase64; break;
    case PhysicalType::kFixedLenByteArray:
      if (leaf.type_length <= 0)
        return problem(fmt::format("column \"{}\": FIXED_LEN_BYTE_ARRAY needs a positive "
                                   "type_length, not {}",
                                   leaf.name, leaf.type_length));
      type.rendering = Rendering::kBase64;
      break;
    default:
      return problem(fmt::format("column \"{}\": physical type {} is not a Parquet type",
                                 leaf.name, *leaf.type));
  }

  auto as_decimal = [&](std::int32_t scale, std::int32_t precision) -> Result<void> {
    if (!is_int(type.physical) && !is_bytes(type.physical))
      return mismatch(leaf, "DECIMAL", "INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY");
    if (precision <= 0 || scale < 0 || scale > precision)
      return problem(fmt::format("column \"{}\": DECIMAL({}, {}) is not a valid precision and "
                                 "scale",
                                 leaf.name, precision, scale));
    type.rendering = Rendering::kDecimal;
    type.scale = scale;
    type.precision = precision;
    return {};
  };
  auto as_integer = [&](int bits, bool is_signed) -> Result<void> {
    if (!is_int(type.physical)) return mismatch(leaf, "an INTEGER annotation", "INT32 or INT64");
    if ((bits == 64) != (physical == PhysicalType::kInt64) || (bits != 8 && bits != 16 &&
                                                                bits != 32 && bits != 64))
      return problem(fmt::format("column \"{}\": a {}-bit integer cannot be stored as {}",
                                 leaf.name, bits, physical_type_name(type.physical)));
    type.rendering = is_signed ? Rendering::kSigned : Rendering::kUnsigned;
    type.bit_width = bits;
    return {};
  };
  auto as_text = [&](std::string_view name) -> Result<void> {
    if (physical != PhysicalType::kByteArray) return mismatch(leaf, name, "BYTE_ARRAY");
    type.rendering = Rendering::kText;
    return {};
  };
  auto as_time = [&](bool timestamp, int unit) -> Result<void> {
    std::string_view name = timestamp ? "TIMESTAMP" : "TIME";
    bool int32_ok = !timestamp && unit == 1;
    if (physical == PhysicalType::kInt32 ? !int32_ok : physical != PhysicalType::kInt64)
      return mismatch(leaf, name, int32_ok ? "INT32" : "INT64");
    if (unit < 1 || unit > 3)
      return problem(fmt::format("column \"{}\": {} has no unit", leaf.name, name));
    type.rendering = timestamp ? Rendering::kTimestamp : Rendering::kTime;
    type.unit = unit;
    return {};
  };

  Result<void> refined;
  if (logical.kind != 0) {
    switch (logical.kind) {
      case 1: refined = as_text("STRING"); break;
      case 4: refined = as_text("ENUM"); break;
      case 12: refined = as_text("JSON"); break;
      case 13:  // BSON: binary
        if (physical != PhysicalType::kByteArray) refined = mismatch(leaf, "BSON", "BYTE_ARRAY");
        break;
      case 5: refined = as_decimal(logical.scale, logical.precision); break;
      case 6:
        if (physical != PhysicalType::kInt32) refined = mismatch(leaf, "DATE", "INT32");
        else type.rendering = Rendering::kDate;
        break;
      case 7: refined = as_time(false, logical.unit); break;
      case 8: refined = as_time(true, logical.unit); break;
      case 10: refined = as_integer(logical.bit_width, logical.is_signed); break;
      case 14:
        if (physical != PhysicalType::kFixedLenByteArray || leaf.type_length != 16)
          refined = mismatch(leaf, "UUID", "FIXED_LEN_BYTE_ARRAY(16)");
        else type.rendering = Rendering::kUuid;
        break;
      case 15:
        if (physical != PhysicalType::kFixedLenByteArray || leaf.type_length != 2)
          refined = mismatch(leaf, "FLOAT16", "FIXED_LEN_BYTE_ARRAY(2)");
        else type.rendering = Rendering::kFloat16;
        break;
      default:
        return problem(fmt::format("column \"{}\": the {} logical type is not supported",
                                   leaf.name, logical_name(logical.kind)));
    }
  } else if (converted >= 0) {
    switch (converted) {
      case kUtf8: refined = as_text("UTF8"); break;
      case kEnum: refined = as_text("ENUM"); break;
      case kJson: refined = as_text("JSON"); break;
      case kBson: break;
      case kDecimal: refined = as_decimal(leaf.scale, leaf.precision); break;
      case kDate:
        if (physical != PhysicalType::kInt32) refined = mismatch(leaf, "DATE", "INT32");
        else type.rendering = Rendering::kDate;
        break;
      case kTimeMillis: refined = as_time(false, 1); break;
      case kTimeMicros: refined = as_time(false, 2); break;
      case kTimestampMillis: refined = as_time(true, 1); break;
      case kTimestampMicros: refined = as_time(true, 2); break;
      case kUint8: refined = as_integer(8, false); break;
      case kUint16: refined = as_integer(16, false); break;
      case kUint32: refined = as_integer(32, false); break;
      case kUint64: refined = as_integer(64, false); break;
      case kInt8: refined = as_integer(8, true); break;
      case kInt16: refined = as_integer(16, true); break;
      case kInt32: refined = as_integer(32, true); break;
      case kInt64: refined = as_integer(64, true); break;
      case kInterval:
        return problem(fmt::format("column \"{}\": the INTERVAL type is not supported",
                                   leaf.name));
      case kMap: case kMapKeyValue: case kList:
        return problem(fmt::format("column \"{}\": a {} annotation on a single column is not "
                                   "supported",
                                   leaf.name, converted == kList ? "LIST" : "MAP"));
      default:
        return problem(fmt::format("column \"{}\": converted type {} is not supported",
                                   leaf.name, converted));
    }
  }
  if (!refined) return refined.error();
  return type;
}

Result<Json> integer_json(const ColumnType& type, std::int64_t value) {
  switch (type.rendering) {
    case Rendering::kUnsigned:
      if (type.bit_width == 64) return Json(static_cast<std::uint64_t>(value));
      return Json(static_cast<std::uint64_t>(static_cast<std::uint32_t>(value)) &
                  ((std::uint64_t{1} << type.bit_width) - 1));
    case Rendering::kDecimal: {
      bool negative = value < 0;
      std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value)
                                         : static_cast<std::uint64_t>(value);
      return decimal_json(type, std::to_string(magnitude), negative);
    }
    case Rendering::kDate:
      return Json(date_text(value));
    case Rendering::kTime: {
      int digits = unit_digits(type.unit);
      std::int64_t per_day = 86400;
      for (int i = 0; i < digits; ++i) per_day *= 10;
      if (value < 0 || value > per_day)
        return problem(fmt::format("TIME {} is not a time of day", value));
      return Json(time_text(value, digits));
    }
    case Rendering::kTimestamp:
      return Json(timestamp_text(value, unit_digits(type.unit)));
    default:
      return Json(value);
  }
}

Json float_json(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return value;
}

Result<Json> bytes_json(const ColumnType& type, std::string_view bytes) {
  switch (type.rendering) {
    case Rendering::kText:
      return Json(std::string(bytes));
    case Rendering::kUuid: {
      std::string text;
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += fmt::format("{:02x}", static_cast<unsigned char>(bytes[i]));
      }
      return Json(text);
    }
    case Rendering::kFloat16: {
      if (bytes.size() != 2)
        return problem(fmt::format("a FLOAT16 of {} bytes", bytes.size()));
      auto half = static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[0]) |
                                             static_cast<unsigned char>(bytes[1]) << 8);
      return float_json(half_to_double(half));
    }
    case Rendering::kDecimal: {
      if (bytes.size() > 64)
        return problem(fmt::format("a DECIMAL of {} bytes is longer than the 64 read",
                                   bytes.size()));
      bool negative = false;
      std::string digits = big_endian_digits(bytes, negative);
      return decimal_json(type, digits, negative);
    }
    case Rendering::kInt96Timestamp: {
      if (bytes.size() != 12)
        return problem(fmt::format("an INT96 of {} bytes", bytes.size()));
      std::int64_t nanos;
      std::int32_t julian_day;
      std::memcpy(&nanos, bytes.data(), 8);
      std::memcpy(&julian_day, bytes.data() + 8, 4);
      // Julian day 2,440,588 is 1970-01-01. Athena reads INT96 to the millisecond.
      std::int64_t millis_in_day = floor_div(nanos, 1'000'000);
      std::int64_t days = std::int64_t{julian_day} - 2440588 + floor_div(millis_in_day, 86'400'000);
      millis_in_day -= floor_div(millis_in_day, 86'400'000) * 86'400'000;
      return Json(date_text(days) + " " + time_text(millis_in_day, 3));
    }
    default:
      return Json(base64_encode(bytes));
  }
}

}  // namespace conflictctl::parquet
