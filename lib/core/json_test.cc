#include "core/json.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace conflictctl {

TEST_CASE("to_compact prints exactly what nlohmann's compact dump prints, compact_size is its size") {
  const std::string invalid_utf8 = std::string("a\xff") + "b\xc3";
  const Json values[] = {
      nullptr, true, false, 0, -1, 9, 10, -10, 99, 100, 9223372036854775807LL,
      Json(-9223372036854775807LL - 1), Json(18446744073709551615ULL), Json(10000000000000000000ULL),
      1.5, -0.0, 1e300, 0.1, "", "plain text", "quote \" and \\ backslash", "tab\tnew\nline",
      "\x01\x1f control", "caf\xc3\xa9 \xe2\x82\xac", invalid_utf8, Json::array(), Json::object(),
      Json::parse(R"({"b":1,"a":[1,2.25,{"c":null,"":"x"}],"é":"ü","n":{"m":[[],{}]}})"),
  };
  for (const Json& value : values) {
    INFO(value.dump(-1, ' ', true, Json::error_handler_t::replace));
    CHECK(to_compact(value) == value.dump(-1, ' ', false, Json::error_handler_t::replace));
    CHECK(compact_size(value) == to_compact(value).size());
  }
  Json with_invalid_key = Json::object();
  with_invalid_key[invalid_utf8] = invalid_utf8;
  CHECK(to_compact(with_invalid_key) ==
        with_invalid_key.dump(-1, ' ', false, Json::error_handler_t::replace));
  CHECK(compact_size(with_invalid_key) == to_compact(with_invalid_key).size());
}

TEST_CASE("json: an object that grows moves the values it holds, never copies them",
          "[core][json]") {
  // nlohmann's ordered_map copied every value deeply whenever an object outgrew its capacity.
  Json object = Json::object();
  object["items"] = Json::array({1, 2, 3});
  const Json* first_item = &object["items"][0];
  for (int i = 0; i < 40; ++i) object[fmt::format("key{}", i)] = i;  // many regrowths
  object.emplace("emplaced", true);
  object.update(Json{{"updated", 1}, {"items2", 2}});
  CHECK(&object["items"][0] == first_item);  // the same array: moved, not copied
  CHECK(object.size() == 44);
  CHECK(object.begin().key() == "items");  // insertion order kept
  CHECK(to_compact(object).starts_with(R"({"items":[1,2,3],"key0":0,"key1":1,)"));
  CHECK(object.at("emplaced") == true);
  const Json& constant = object;
  CHECK(constant["key39"] == 39);
}

}  // namespace conflictctl
