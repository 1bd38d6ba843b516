#pragma once
// Growth: how long each Task's invocations would take with `scale` times the data, from the
// measured runs (budget/measured.h), and whether they stay in the safe zone.
//
// Model: an invocation's time = a fixed part + a part proportional to the rows it handles.
//   - fit: when the runs report row counts for at least two distinct values of rows per
//     invocation, the fixed part and the seconds per row come from a least-squares line
//     through the runs' points (rows per successful invocation, mean seconds of a successful
//     invocation). A negative fixed part is taken as 0; a line that does not rise with the
//     rows is not used (proportional instead, and the basis says so).
//   - proportional: otherwise (no row counts, or only one), the fixed part is 0: the whole
//     duration grows with the data.
// The measured p95 and max each grow as: predicted = fixed + (measured − fixed) × scale.
// The zone after growth is that of the predicted max against the limit.
//
// Chunked tasks (a Task inside a Map, e.g. ProcessSingleChunk): the data is assumed to be
// split evenly over the Map's items, so with c chunks instead of the c0 measured, each
// invocation takes fixed + (max − fixed) × scale × c0 / c. The chunk count needed is the
// smallest c that keeps it under 80 % of the limit; none when the fixed part alone is 80 %
// of the limit or more.
//
// Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "budget/measured.h"

namespace conflictctl::budget {

enum class GrowthMethod { kFit, kProportional };
std::string_view to_string(GrowthMethod method);  // "fit", "proportional"

struct ChunkAdvice {
  std::string map;                  // the Map state whose items are the chunks
  long long current = 0;            // its items in the newest measured run
  std::optional<long long> needed;  // nullopt: no chunk count stays under 80 %
};

struct GrowthTask {
  std::string state;
  GrowthMethod method = GrowthMethod::kProportional;
  std::string basis;                       // one sentence: how the prediction was made
  double fixed_seconds = 0;                // the part that does not grow with the data
  std::optional<double> seconds_per_row;   // fit only
  double p95_seconds = 0;                  // measured
  double max_seconds = 0;
  double predicted_p95_seconds = 0;
  double predicted_max_seconds = 0;
  std::optional<double> limit_seconds;
  std::optional<engine::Zone> zone_now;    // of the measured max
  std::optional<engine::Zone> zone;        // of the predicted max
  bool leaves_safe_zone = false;           // safe now, not safe after growth
  std::optional<ChunkAdvice> chunks;       // Tasks inside a Map with measured items
};

struct Growth {
  double scale = 1;
  std::vector<GrowthTask> tasks;  // in the order of measured.tasks
};

Growth predict_growth(const Measured& measured, double scale);

}  // namespace conflictctl::budget
