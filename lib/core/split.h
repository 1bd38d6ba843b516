#pragma once
// Splitting text on one separator character (ARN fields, region names).
#include <string_view>
#include <vector>

namespace conflictctl {

// Every field between separators, empty ones included: split("a::b", ':') is {"a", "", "b"}
// and split("", ':') is {""}. The views point into `text`.
std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace conflictctl
