#include "core/json.h"

#include <charconv>

namespace conflictctl {

namespace {

// nlohmann's dump, with the same arguments, for what the fast path below leaves to it.
void append_dumped(std::string& out, const Json& value) {
  out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// A string that needs no escaping and no UTF-8 checking: printable ASCII without '"' or '\'.
bool plain(const std::string& text) {
  for (unsigned char c : text)
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  return true;
}

// The printed size of a string: its bytes and quotes when plain, else as nlohmann escapes it.
std::size_t compact_string_size(const std::string& text) {
  if (plain(text)) return text.size() + 2;
  std::string printed;
  append_dumped(printed, Json(text));
  return printed.size();
}

void append_string(std::string& out, const std::string& text) {
  if (!plain(text)) return append_dumped(out, Json(text));
  out += '"';
  out += text;
  out += '"';
}

std::size_t decimal_digits(std::uint64_t number) {
  std::size_t digits = 1;
  while (number >= 10) {
    number /= 10;
    ++digits;
  }
  return digits;
}

// Written once per state entered and left, so it does its own work for the common values:
// nlohmann's serializer allocates and reads the locale on every call. Floating-point numbers
// and strings that need escaping go through nlohmann, so the text is the same byte for byte.
void append_compact(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ',';
        first = false;
        append_string(out, key);
        out += ':';
        append_compact(out, member);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& element : value) {
        if (!first) out += ',';
        first = false;
        append_compact(out, element);
      }
      out += ']';
      return;
    }
    case Json::value_t::string: return append_string(out, value.get_ref<const std::string&>());
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Json::value_t::null: out += "null"; return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: {
      char digits[24];
      auto [end, error] =
          value.is_number_unsigned()
              ? std::to_chars(digits, digits + sizeof digits, value.get<std::uint64_t>())
              : std::to_chars(digits, digits + sizeof digits, value.get<std::int64_t>());
      out.append(digits, end);
      return;
    }
    default: return append_dumped(out, value);  // floating point, binary, discarded
  }
}

}  // namespace

std::string to_compact(const Json& value) {
  std::string out;
  append_compact(out, value);
  return out;
}

std::size_t compact_size(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      const auto& object = value.get_ref<const Json::object_t&>();
      std::size_t size = object.empty() ? 2 : object.size() + 1;  // braces, commas
      for (const auto& [key, member] : object)
        size += compact_string_size(key) + 1 + compact_size(member);  // and the colon
      return size;
    }
    case Json::value_t::array: {
      const auto& array = value.get_ref<const Json::array_t&>();
      std::size_t size = array.empty() ? 2 : array.size() + 1;
      for (const Json& element : array) size += compact_size(element);
      return size;
    }
    case Json::value_t::string: return compact_string_size(value.get_ref<const std::string&>());
    case Json::value_t::boolean: return value.get<bool>() ? 4 : 5;
    case Json::value_t::null: return 4;
    case Json::value_t::number_unsigned: return decimal_digits(value.get<std::uint64_t>());
    case Json::value_t::number_integer: {
      const auto number = value.get<std::int64_t>();
      // The magnitude of INT64_MIN does not fit an int64_t; as unsigned it does.
      const std::uint64_t magnitude =
          number < 0 ? 0 - static_cast<std::uint64_t>(number) : static_cast<std::uint64_t>(number);
      return (number < 0 ? 1 : 0) + decimal_digits(magnitude);
    }
    default: {  // floating point, binary, discarded: printed as append_compact prints them
      std::string text;
      append_compact(text, value);
      return text.size();
    }
  }
}
}  // namespace conflictctl
