#pragma once
// The budget report as one self-contained HTML page: inline CSS and inline SVG, no scripts,
// no fonts or images from anywhere, so it opens the same offline and in CI's headless
// Chromium. Every text from the run or the definition is escaped.
//
// The page: the report's heading and notes, a legend, the timeline of one run as an SVG
// Gantt chart, then the tables of budget/report_tables.h.
//
// The timeline (budget/timeline.h): one lane per top-level state and per Map iteration or
// Parallel branch, labelled on the left; time in seconds from the execution's start on the
// axis, which spans at least 900 s so that the limit lines are always shown.
//   - a state entry is a light grey span; a Map iteration a lighter span on its lane;
//   - each Task attempt is a bar coloured by its zone against its own limit (safe green,
//     warning amber, over red; blue when the Task has no limit); failed, timed-out and
//     aborted attempts have a dark dashed outline;
//   - the backoff before a retry is a thin grey bar between the attempts;
//   - two vertical lines across the chart at 720 s ("80 % of the 900 s Lambda limit") and
//     900 s ("Lambda limit"), measured from the execution's start: where one Lambda running
//     the whole pipeline would have to stop;
//   - on each attempt's lane, short ticks of the same colours at the attempt's start + 80 %
//     of its limit and + its limit: where that invocation becomes "warning" and fails.
// Hovering a bar shows its details (an SVG <title>).
// A run shorter than kRunScaledBelow (half the limit axis, where it would be a sliver: a 5 s
// run on a 960 s axis) is drawn a second time below, on an axis scaled to the run itself
// (at least 1 s), with the same bars and ticks; the 720 s and 900 s lines are left out there
// as the run never reaches them.
//
// Colours, also used by test/report/html_screenshot.py to find the bars in a screenshot:
#include <string>
#include <string_view>

#include "budget/report.h"
#include "core/lambda_limits.h"

namespace conflictctl::budget {

inline constexpr double kRunScaledBelow = lambda::kMaxTimeoutSeconds / 2.0;  // seconds

namespace html_colours {
inline constexpr std::string_view kSafe = "#2e9e4f";
inline constexpr std::string_view kWarning = "#f0a202";
inline constexpr std::string_view kOver = "#d7263d";
inline constexpr std::string_view kNoLimit = "#4c78d0";
inline constexpr std::string_view kBackoff = "#8a8f98";
inline constexpr std::string_view kSafeLimitLine = "#7b2cbf";  // 80 % of the limit
inline constexpr std::string_view kLimitLine = "#8b0000";      // the limit
}  // namespace html_colours

// & < > " ' as character references.
std::string html_escape(std::string_view text);

std::string render_html(const BudgetReport& report);

}  // namespace conflictctl::budget
