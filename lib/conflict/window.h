#pragma once
// The window every Conflict Report task reads: visit dates from today − 2 years to today + 45
// days, inclusive (docs/conflict-rules.md, "Eligible visits"). "Today" is the UTC date of the
// task's Clock, passed to SQL as a bind parameter, never the database's CURRENT_DATE, so a
// virtual or fixed clock gives reproducible runs.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/timestamp.h"

namespace conflictctl::conflict {

using Date = std::chrono::year_month_day;

inline constexpr int kWindowYearsBack = 2;
inline constexpr int kWindowDaysAhead = 45;

struct Window {
  Date today;
  Date first;  // today − 2 years (from Feb 29: Feb 28)
  Date last;   // today + 45 days
};

// The UTC date of `now`.
Date utc_date(Timestamp now);

Window window_for(Date today);

// "YYYY-MM-DD", the form bind parameters and reports use.
std::string format_date(Date date);

// Parses "YYYY-MM-DD"; nullopt for anything else or an invalid date.
std::optional<Date> parse_date(std::string_view text);

}  // namespace conflictctl::conflict
