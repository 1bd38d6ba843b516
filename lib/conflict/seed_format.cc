#include "conflict/seed_format.h"

#include <chrono>

#include "conflict/seed_random.h"

namespace conflictctl::conflict::seed {

namespace {

// Writes `value` right-aligned in `width` digits ending just before `end`; returns the start.
char* put_digits(char* end, std::uint64_t value, int width) {
  char* p = end;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 || end - p < width);
  return p;
}

void append_digits(std::string& out, std::uint64_t value, int width) {
  char buffer[24];
  char* end = buffer + sizeof buffer;
  char* start = put_digits(end, value, width);
  out.append(start, static_cast<std::size_t>(end - start));
}

void put_hex(char* at, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i, value >>= 4) at[i] = kHex[value & 0xF];
}

// "YYYY-MM-DD" into at[0..9].
void put_date(char* at, std::int32_t days) {
  std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  put_digits(at + 4, static_cast<std::uint64_t>(static_cast<int>(date.year())), 4);
  at[4] = '-';
  put_digits(at + 7, static_cast<unsigned>(date.month()), 2);
  at[7] = '-';
  put_digits(at + 10, static_cast<unsigned>(date.day()), 2);
}

void append_uuid_bits(std::string& out, std::uint64_t hi, std::uint64_t lo) {
  char text[36];
  put_hex(text, hi >> 32, 8);
  text[8] = '-';
  put_hex(text + 9, (hi >> 16) & 0xFFFF, 4);
  text[13] = '-';
  put_hex(text + 14, hi & 0xFFFF, 4);
  text[18] = '-';
  put_hex(text + 19, lo >> 48, 4);
  text[23] = '-';
  put_hex(text + 24, lo & 0xFFFFFFFFFFFFULL, 12);
  out.append(text, sizeof text);
}

}  // namespace

void append_uuid(std::string& out, std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::uint64_t hi = stream_seed(seed, stream, index);
  std::uint64_t lo = mix64(hi ^ 0x5851F42D4C957F2DULL);
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  append_uuid_bits(out, hi, lo);
}

void append_sequential_uuid(std::string& out, std::uint64_t seed, std::uint64_t stream,
                            std::uint64_t index) {
  // The base leaves 2⁴⁷ indices before the 48-bit prefix could wrap.
  const std::uint64_t base = stream_seed(seed, stream, ~0ULL) >> 17;  // < 2⁴⁷
  const std::uint64_t random = stream_seed(seed, stream, index);
  std::uint64_t hi = ((base + index) << 16) | 0x7000 | (random & 0x0FFF);
  std::uint64_t lo = (mix64(random) & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  append_uuid_bits(out, hi, lo);
}

std::string make_sequential_uuid(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::string out;
  out.reserve(36);
  append_sequential_uuid(out, seed, stream, index);
  return out;
}

std::string make_uuid(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::string out;
  out.reserve(36);
  append_uuid(out, seed, stream, index);
  return out;
}

void append_date(std::string& out, std::int32_t days) {
  char text[10];
  put_date(text, days);
  out.append(text, sizeof text);
}

void append_timestamp(std::string& out, std::int64_t seconds) {
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  auto rest = static_cast<std::uint64_t>(seconds - days * 86400);
  char text[19];
  put_date(text, static_cast<std::int32_t>(days));
  text[10] = ' ';
  put_digits(text + 13, rest / 3600, 2);
  text[13] = ':';
  put_digits(text + 16, rest / 60 % 60, 2);
  text[16] = ':';
  put_digits(text + 19, rest % 60, 2);
  out.append(text, sizeof text);
}

void append_micro_degrees(std::string& out, std::int32_t micro) {
  std::int64_t value = micro;
  char text[16];
  char* end = text + sizeof text;
  char* start =
      put_digits(end, static_cast<std::uint64_t>(value < 0 ? -value : value) % 1000000, 6);
  *--start = '.';
  start = put_digits(start, static_cast<std::uint64_t>(value < 0 ? -value : value) / 1000000, 1);
  if (value < 0) *--start = '-';
  out.append(start, static_cast<std::size_t>(end - start));
}

void append_cents(std::string& out, std::int64_t cents) {
  auto magnitude = static_cast<std::uint64_t>(cents < 0 ? -cents : cents);
  char text[24];
  char* end = text + sizeof text;
  char* start = put_digits(end, magnitude % 100, 2);
  *--start = '.';
  start = put_digits(start, magnitude / 100, 1);
  if (cents < 0) *--start = '-';
  out.append(start, static_cast<std::size_t>(end - start));
}

void append_int(std::string& out, std::int64_t value) {
  if (value < 0) out.push_back('-');
  append_digits(out, static_cast<std::uint64_t>(value < 0 ? -value : value), 1);
}

}  // namespace conflictctl::conflict::seed
