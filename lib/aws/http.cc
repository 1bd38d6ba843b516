#include "aws/http.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace conflictctl::aws {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

int default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

Error invalid_url(std::string_view text, std::string_view why) {
  return Error{"Http.InvalidRequest", fmt::format("\"{}\" is not a usable http(s) URL: {}", text, why)};
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (equals_ignoring_case(key, name)) return value;
  return std::nullopt;
}

std::string Url::authority() const {
  if (!port || *port == default_port(scheme)) return host;
  return fmt::format("{}:{}", host, *port);
}

Result<Url> parse_url(std::string_view text) {
  if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= ' ' || c >= 0x7f; }))
    return invalid_url(text, "it contains a space or a control character");
  if (text.find_first_of("?#") != std::string_view::npos)
    return invalid_url(text, "a query or fragment is not allowed here");

  Url url;
  const auto separator = text.find("://");
  if (separator == std::string_view::npos) return invalid_url(text, "no scheme (\"http://\" or \"https://\")");
  for (char c : text.substr(0, separator)) url.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (url.scheme != "http" && url.scheme != "https")
    return invalid_url(text, "the scheme must be http or https");

  std::string_view rest = text.substr(separator + 3);
  const auto slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  url.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) return invalid_url(text, "user info is not allowed");

  // An IPv6 literal keeps its brackets ("[::1]"), so `authority()` can append a port.
  const auto host_end = authority.starts_with('[') ? authority.find(']') : authority.find(':');
  if (authority.starts_with('[') && host_end == std::string_view::npos)
    return invalid_url(text, "an IPv6 address without its closing ']'");
  const auto host_size = host_end == std::string_view::npos
                             ? authority.size()
                             : host_end + (authority.starts_with('[') ? 1 : 0);
  url.host = std::string(authority.substr(0, host_size));
  if (url.host.empty()) return invalid_url(text, "no host");

  const std::string_view after_host = authority.substr(host_size);
  if (!after_host.empty()) {
    if (after_host.front() != ':') return invalid_url(text, "unexpected characters after the host");
    const std::string_view digits = after_host.substr(1);
    int port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || port < 1 ||
        port > 65535)
      return invalid_url(text, "the port must be a number from 1 to 65535");
    url.port = port;
  }
  return url;
}

}  // namespace conflictctl::aws
