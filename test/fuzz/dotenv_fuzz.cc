// libFuzzer entry point: the bytes as a .env file → db::parse_dotenv. Whatever the bytes:
// values or an error; every key is a shell-style name; and an error never quotes the text
// of the line it complains about (a .env holds passwords: "POSTGRES_PASSWORD Sup3rSecret"
// must not reach a terminal or a log). The secret checked for is the marker "S3CR3T!", which
// the seeds place in values: an error may name a key, and no key holds a '!'.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "db/dotenv.h"

using namespace conflictctl;

namespace {

bool is_name(std::string_view key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  for (char c : key)
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<db::DotenvValues> values = db::parse_dotenv(text, ".env");
  if (!values) {
    if (values.error().cause.find("S3CR3T!") != std::string::npos) __builtin_trap();
    return 0;
  }
  for (const auto& [key, value] : *values)
    if (!is_name(key)) __builtin_trap();
  return 0;
}
