#pragma once
// Dates and times for $now, $fromMillis and $toMillis: milliseconds since the Unix epoch
// and their text.
//
// Without a picture string, text is ISO 8601 as JavaScript's Date.toISOString writes it
// ("2017-11-07T15:07:54.972Z") and $toMillis reads the ISO 8601 forms jsonata-js accepts
// (a date, a date-time, optional fraction and offset; anything else is D3110).
// With a picture string (XPath fn:format-dateTime), the components [Y] [M] [D] [d] [H] [h]
// [m] [s] [f] [P] [Z] [z] [F] [FNn] [MNn] [x] are written with their width and name
// modifiers; a timezone "±HHMM" shifts the time. Reading text with a picture string is not
// supported (U1002).
#include <optional>
#include <string>

#include "core/error.h"

namespace conflictctl::jsonata {

Result<std::string> format_millis(double millis, const std::optional<std::string>& picture,
                                  const std::optional<std::string>& timezone);

// nullopt: no value (jsonata-js returns undefined).
Result<std::optional<double>> parse_millis(const std::string& text,
                                           const std::optional<std::string>& picture);

}  // namespace conflictctl::jsonata
