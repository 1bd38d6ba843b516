#include "core/split.h"

#include <catch2/catch.hpp>

namespace conflictctl {

using Parts = std::vector<std::string_view>;

TEST_CASE("split keeps every field, empty ones included") {
  CHECK(split("arn:aws:lambda:us-east-1:123456789012:function:task", ':') ==
        Parts{"arn", "aws", "lambda", "us-east-1", "123456789012", "function", "task"});
  CHECK(split("a::b", ':') == Parts{"a", "", "b"});
  CHECK(split(":a:", ':') == Parts{"", "a", ""});
  CHECK(split("", ':') == Parts{""});
  CHECK(split("us-gov-west-1", '-') == Parts{"us", "gov", "west", "1"});
}

}  // namespace conflictctl
