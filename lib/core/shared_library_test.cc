#include "core/shared_library.h"

#include <catch2/catch.hpp>

namespace conflictctl {

TEST_CASE("a library that cannot be opened is an error naming it and its package") {
  SharedLibrary missing("libconflictctl-none.so.1", "conflictctl-none");
  Result<void> loaded = missing.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().name == "Library.Unavailable");
  CHECK_THAT(loaded.error().cause,
             Catch::StartsWith("libconflictctl-none.so.1 could not be loaded (") &&
                 Catch::EndsWith("): install the Debian package conflictctl-none"));
  CHECK_FALSE(missing.load());  // the first outcome, again
}

TEST_CASE("a library opened on first use gives its functions") {
  SharedLibrary libm("libm.so.6", "libc6");
  REQUIRE(libm.load());
  auto* cosine = libm.function<double (*)(double)>("cos");
  CHECK(cosine(0.0) == 1.0);
}

}  // namespace conflictctl
