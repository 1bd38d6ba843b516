#include "conflict/pg_text.h"

#include <catch2/catch.hpp>

namespace conflictctl::conflict {
namespace {

using namespace std::chrono;

TEST_CASE("pg_text: timestamps in DateStyle ISO, to the microsecond") {
  const rules::Instant midnight{sys_days{year{2024} / 5 / 10}};
  CHECK(parse_pg_timestamp("2024-05-10 00:00:00") == midnight);
  CHECK(parse_pg_timestamp("2024-05-10 09:30:59") ==
        midnight + hours{9} + minutes{30} + seconds{59});
  CHECK(parse_pg_timestamp("2024-05-10 00:00:00.5") == midnight + milliseconds{500});
  CHECK(parse_pg_timestamp("2024-05-10 00:00:00.000001") == midnight + microseconds{1});
  for (const char* bad :
       {"", "infinity", "-infinity", "2024-05-10", "2024-05-10T00:00:00", "2024-02-30 00:00:00",
        "2024-05-10 24:00:00", "2024-05-10 00:00:00.", "2024-05-10 00:00:00.1234567",
        "2024-05-10 00:00:00 BC", "2024-05-10 00:00:00+00"})
    CHECK(parse_pg_timestamp(bad) == std::nullopt);
}

TEST_CASE("pg_text: booleans, integers and numeric(…, 2)") {
  CHECK(parse_pg_bool("t") == true);
  CHECK(parse_pg_bool("f") == false);
  CHECK(parse_pg_bool("true") == std::nullopt);
  CHECK(parse_pg_integer("-42") == -42);
  CHECK(parse_pg_integer("") == std::nullopt);
  CHECK(parse_pg_integer("4.2") == std::nullopt);
  CHECK(parse_pg_hundredths("10.36") == 1036);
  CHECK(parse_pg_hundredths("7") == 700);
  CHECK(parse_pg_hundredths("-0.5") == -50);
  CHECK(parse_pg_hundredths("0.125") == 13);
  CHECK(parse_pg_hundredths("0.124") == 12);
  CHECK(parse_pg_hundredths("abc") == std::nullopt);
  CHECK(parse_pg_hundredths(".5") == std::nullopt);
  CHECK(parse_pg_hundredths("NaN") == std::nullopt);
}

}  // namespace
}  // namespace conflictctl::conflict
