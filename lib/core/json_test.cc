#include "core/json.h"

#include <catch2/catch.hpp>

namespace conflictctl {

TEST_CASE("to_compact prints exactly what nlohmann's compact dump prints") {
  const std::string invalid_utf8 = std::string("a\xff") + "b\xc3";
  const Json values[] = {
      nullptr, true, false, 0, -1, 9223372036854775807LL, Json(18446744073709551615ULL),
      1.5, -0.0, 1e300, 0.1, "", "plain text", "quote \" and \\ backslash", "tab\tnew\nline",
      "\x01\x1f control", "caf\xc3\xa9 \xe2\x82\xac", invalid_utf8, Json::array(), Json::object(),
      Json::parse(R"({"b":1,"a":[1,2.25,{"c":null,"":"x"}],"é":"ü","n":{"m":[[],{}]}})"),
  };
  for (const Json& value : values) {
    INFO(value.dump(-1, ' ', true, Json::error_handler_t::replace));
    CHECK(to_compact(value) == value.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  Json with_invalid_key = Json::object();
  with_invalid_key[invalid_utf8] = invalid_utf8;
  CHECK(to_compact(with_invalid_key) ==
        with_invalid_key.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace conflictctl
