// libFuzzer entry point: the bytes as a run record file (budget/run_store.h), read as
// `conflictctl history` and `budget` read one: the JSON text, budget::record_from_json,
// then its execution (budget::read_recorded_run), its summary, timeline and measurement.
// Whatever the bytes: each step gives a value or an error, never a JSON library exception
// (a record is written by conflictctl, but may be truncated, edited or corrupt); a record
// read writes back (to_json) to a record that reads again.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "budget/measured.h"
#include "budget/recorded_execution.h"
#include "budget/run_store.h"
#include "budget/timeline.h"
#include "core/json_text.h"
#include "engine/run_summary.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Json> json = parse_json_text(text, "runs/fuzz.json");
  if (!json) return 0;
  Result<budget::RunRecord> record = budget::record_from_json(*json, "runs/fuzz.json");
  if (!record) {
    if (record.error().name != budget::error_names::kCorruptRecord) __builtin_trap();
    return 0;
  }
  if (!budget::record_from_json(budget::to_json(*record), "written")) __builtin_trap();

  // What `history ID` prints of each event.
  for (const Json& event : record->history.at("events")) {
    (void)event.value("id", Json(nullptr)).dump();
    (void)event.value("type", std::string("?"));
  }

  (void)budget::measure({*record}, budget::MeasureOptions{true});
  Result<budget::RecordedRun> run = budget::read_recorded_run(*record);
  if (!run) return 0;
  const engine::FunctionTimeout no_timeouts = [](const std::string&) {
    return std::optional<double>();
  };
  engine::RunSummary summary = engine::summarize(*run->machine, run->execution, no_timeouts);
  (void)engine::format_text(summary, record->virtual_clock);
  (void)to_compact(engine::to_json(summary));
  (void)budget::make_timeline(record->id, *run->machine, run->execution, no_timeouts);
  return 0;
}
