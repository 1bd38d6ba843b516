#pragma once
// How the libFuzzer targets of HTTP answers (lambda_response_fuzz, runtime_event_fuzz) read
// their bytes: an HTTP response written as text.
//
//   200                                   line 1: the status (anything not a number is 0)
//   X-Amz-Function-Error: Unhandled       then "Name: value" lines, up to an empty line
//                                         (a line without ": " is skipped)
//   {"errorType": "..."}                  the rest: the body, as is
//
// Lines end at '\n'; a '\r' before it is dropped, as an HTTP client would.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aws/http.h"

namespace conflictctl::fuzz {

inline aws::HttpResponse http_response(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  auto next_line = [&rest]() {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  aws::HttpResponse response;
  const std::string_view status = next_line();
  std::from_chars(status.data(), status.data() + status.size(), response.status);
  while (!rest.empty()) {
    const std::string_view line = next_line();
    if (line.empty()) break;
    const std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos) continue;
    response.headers.emplace_back(std::string(line.substr(0, colon)),
                                  std::string(line.substr(colon + 2)));
  }
  response.body = std::string(rest);
  return response;
}

}  // namespace conflictctl::fuzz
