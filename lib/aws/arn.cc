#include "aws/arn.h"

#include <algorithm>
#include <cctype>

#include "core/split.h"

namespace conflictctl::aws {
namespace {

bool all_of(std::string_view text, int (*test)(int)) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [&](unsigned char c) { return test(c) != 0; });
}

}  // namespace

bool is_region_name(std::string_view text) {
  auto parts = split(text, '-');
  if (parts.size() < 3 || !all_of(parts.back(), ::isdigit)) return false;
  return std::all_of(parts.begin(), parts.end() - 1,
                     [](std::string_view part) { return all_of(part, ::islower); });
}

bool is_account_id(std::string_view text) { return text.size() == 12 && all_of(text, ::isdigit); }

}  // namespace conflictctl::aws
