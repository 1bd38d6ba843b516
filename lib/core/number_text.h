#pragma once
// Numbers as conflictctl prints them to people — the one place that formats them, for every
// report and message: digits grouped by thousands with commas ("2,715", "11,466"), at most
// three decimals and no trailing zeros ("2.5", "0.125", "0.2"), a unit after a space, and a
// count's noun in the singular for exactly one ("1 row", "2 rows", "20,000 visits").
// Locale-independent. Pure and thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

namespace conflictctl {

// "2,715"; "1,234.5"; "-3"; non-finite values print as "∞" or "NaN".
std::string group_thousands(double value);

// group_thousands(seconds) + " s": "2,715 s", "0.2 s", "1 s".
std::string seconds_text(double seconds);

// The count and its noun, singular for 1: count_text(1, "row") is "1 row",
// count_text(20000, "visit") "20,000 visits". `plural` when adding "s" is wrong
// (count_text(2, "entry", "entries")).
std::string count_text(std::int64_t count, std::string_view singular,
                       std::string_view plural = {});

}  // namespace conflictctl
