#include "core/base64.h"

#include <catch2/catch.hpp>

namespace conflictctl {

TEST_CASE("base64 encodes with padding and decodes leniently") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_decode("Zm9vYmFy") == std::optional<std::string>("foobar"));
  CHECK(base64_decode("Zm8=") == std::optional<std::string>("fo"));
  // A log tail as Lambda sends it may be wrapped: line breaks are skipped.
  CHECK(base64_decode("U1RBUlQg\nUmVxdWVzdElk") == std::optional<std::string>("START RequestId"));
  // Six bits left over cannot make a byte.
  CHECK_FALSE(base64_decode("Zm9vY").has_value());
}

}  // namespace conflictctl
