#include "jsonata/step_functions.h"

#include <fmt/format.h>

#include <cmath>

#include "core/json_text.h"
#include "dataflow/digest.h"

namespace conflictctl::jsonata {
namespace {

Error query_error(std::string cause) {
  return Error{"States.QueryEvaluationError", std::move(cause)};
}

bool is_integer(const Json& j) {
  return j.is_number() && std::nearbyint(j.get<double>()) == j.get<double>();
}

}  // namespace

std::map<std::string, NativeFunction, std::less<>> step_functions_library(Random& random) {
  std::map<std::string, NativeFunction, std::less<>> functions;
  functions["partition"] = NativeFunction{
      "<an:a>", [](std::span<const Value> args) -> Result<Value> {
        if (!args[0] || !args[1]) return Value();
        if (!is_integer(*args[1]) || args[1]->get<double>() < 1) {
          return query_error("$partition: the chunk size must be a positive integer");
        }
        const double wanted = args[1]->get<double>();
        const std::size_t size = wanted >= static_cast<double>(args[0]->size())
                                     ? std::max<std::size_t>(args[0]->size(), 1)
                                     : static_cast<std::size_t>(wanted);
        Json out = Json::array();
        const Json& array = *args[0];
        for (std::size_t i = 0; i < array.size(); i += size) {
          Json chunk = Json::array();
          for (std::size_t j = i; j < std::min(array.size(), i + size); ++j)
            chunk.push_back(array[j]);
          out.push_back(std::move(chunk));
        }
        return Value(std::move(out));
      }};
  functions["range"] = NativeFunction{
      "<nnn:a>", [](std::span<const Value> args) -> Result<Value> {
        if (!args[0] || !args[1] || !args[2]) return Value();
        for (std::size_t i = 0; i < 3; ++i) {
          if (!is_integer(*args[i])) return query_error("$range: the arguments must be integers");
        }
        const double start = args[0]->get<double>(), end = args[1]->get<double>(),
                     step = args[2]->get<double>();
        if (step == 0) return query_error("$range: the step must not be 0");
        const double count = std::floor((end - start) / step) + 1;
        if (count > static_cast<double>(kMaxRangeItems)) {
          return query_error(fmt::format("$range: the range has more than {} items",
                                         kMaxRangeItems));
        }
        Json out = Json::array();
        for (double i = 0; i < count; ++i) {
          const double value = start + i * step;
          if (std::fabs(value) < 9007199254740992.0) {
            out.push_back(static_cast<std::int64_t>(value));
          } else {
            out.push_back(value);
          }
        }
        return Value(std::move(out));
      }};
  functions["hash"] = NativeFunction{
      "<ss:s>", [](std::span<const Value> args) -> Result<Value> {
        if (!args[0] || !args[1]) return Value();
        std::optional<std::string> digest =
            dataflow::hex_digest(args[1]->get<std::string>(), args[0]->get<std::string>());
        if (!digest) {
          return query_error(
              "$hash: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512; got " +
              args[1]->dump(-1, ' ', false, Json::error_handler_t::replace));
        }
        return Value(Json(*digest));
      }};
  functions["random"] = NativeFunction{
      "<n?:n>", [&random](std::span<const Value> args) -> Result<Value> {
        if (!args.empty() && args[0]) {
          if (!is_integer(*args[0])) return query_error("$random: the seed must be an integer");
          Random seeded(static_cast<std::uint64_t>(args[0]->get<std::int64_t>()));
          return Value(Json(seeded.uniform()));
        }
        return Value(Json(random.uniform()));
      }};
  functions["uuid"] = NativeFunction{"<:s>", [&random](std::span<const Value>) -> Result<Value> {
                                       return Value(Json(random.uuid()));
                                     }};
  functions["parse"] = NativeFunction{
      "<s:j>", [](std::span<const Value> args) -> Result<Value> {
        if (!args[0]) return Value();
        Result<Json> parsed = parse_json_text(args[0]->get<std::string>(), "$parse");
        if (!parsed) return query_error(parsed.error().cause);
        return Value(std::move(*parsed));
      }};
  functions["eval"] = NativeFunction{"", [](std::span<const Value>) -> Result<Value> {
    return query_error("$eval is not supported by Step Functions; use $parse to read JSON text");
  }};
  return functions;
}

}  // namespace conflictctl::jsonata
