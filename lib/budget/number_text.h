#pragma once
// Numbers as the budget reports print them: digits grouped by thousands with commas
// ("2,715", "11,466"), at most three decimals and no trailing zeros ("2.5", "0.125").
// Locale-independent. Pure and thread-safe.
#include <string>

namespace conflictctl::budget {

// "2,715"; "1,234.5"; "-3"; non-finite values print as "∞" or "NaN".
std::string group_thousands(double value);

// group_thousands(seconds) + " s": "2,715 s".
std::string seconds_text(double seconds);

}  // namespace conflictctl::budget
