#include "asl/error_handler_reader.h"

#include <fmt/format.h>

#include "asl/assign_reader.h"
#include "asl/defaults.h"
#include "asl/jsonata_fields.h"

namespace conflictctl::asl {

namespace {

std::vector<std::string> read_error_equals(FieldReader& reader, Report& report) {
  std::vector<std::string> names;
  reader.require("ErrorEquals");
  const Json* list = reader.array("ErrorEquals");
  if (!list) return names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& name = (*list)[i];
    if (name.is_string()) {
      names.push_back(name.get<std::string>());
    } else {
      report.add(pointer_append(reader.pointer_to("ErrorEquals"), i),
                 fmt::format("error names in ErrorEquals must be strings, not {}",
                             describe_json_type(name)));
    }
  }
  return names;
}

JitterStrategy read_jitter(FieldReader& reader, Report& report) {
  auto jitter = reader.string("JitterStrategy");
  if (!jitter || *jitter == "NONE") return JitterStrategy::kNone;
  if (*jitter == "FULL") return JitterStrategy::kFull;
  report.add(reader.pointer_to("JitterStrategy"),
             fmt::format("JitterStrategy must be FULL or NONE, not '{}'", *jitter));
  return JitterStrategy::kNone;
}

Retrier read_retrier(FieldReader& reader, Report& report) {
  Retrier retrier;
  retrier.pointer = reader.pointer();
  retrier.error_equals = read_error_equals(reader, report);
  retrier.interval_seconds = reader.integer("IntervalSeconds").value_or(defaults::kIntervalSeconds);
  retrier.max_attempts =
      saturate_to_int(reader.integer("MaxAttempts").value_or(defaults::kMaxAttempts));
  retrier.backoff_rate = reader.number("BackoffRate").value_or(defaults::kBackoffRate);
  retrier.max_delay_seconds = reader.integer("MaxDelaySeconds");
  retrier.jitter = read_jitter(reader, report);
  reader.string("Comment");
  reader.report_unknown("a Retrier");
  return retrier;
}

Catcher read_catcher(FieldReader& reader, Report& report) {
  Catcher catcher;
  catcher.pointer = reader.pointer();
  catcher.error_equals = read_error_equals(reader, report);
  reader.require("Next");
  catcher.next = reader.string("Next").value_or("");
  if (reader.language() == QueryLanguage::kJsonata) {
    catcher.output = read_jsonata_value(reader, "Output", report);
  } else {
    catcher.result_path = reader.path("ResultPath", true);
  }
  catcher.assign = read_assign(reader, report);
  reader.string("Comment");
  reader.report_unknown("a Catcher");
  return catcher;
}

// Reads each object of the array `key` with `read_one`; other elements are reported.
template <class T, class ReadOne>
std::vector<T> read_each(FieldReader& state, const std::string& key, const std::string& noun,
                         Report& report, ReadOne read_one) {
  std::vector<T> out;
  const Json* list = state.array(key);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string pointer = pointer_append(state.pointer_to(key), i);
    const Json& item = (*list)[i];
    if (!item.is_object()) {
      report.add(pointer,
                 fmt::format("a {} must be an object, not {}", noun, describe_json_type(item)));
      continue;
    }
    FieldReader reader(item, pointer, report, state.language());
    out.push_back(read_one(reader, report));
  }
  return out;
}

}  // namespace

std::vector<Retrier> read_retry(FieldReader& state, Report& report) {
  return read_each<Retrier>(state, "Retry", "Retrier", report, read_retrier);
}

std::vector<Catcher> read_catch(FieldReader& state, Report& report) {
  return read_each<Catcher>(state, "Catch", "Catcher", report, read_catcher);
}

}  // namespace conflictctl::asl
