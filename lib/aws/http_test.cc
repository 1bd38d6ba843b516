#include "aws/http.h"

#include <catch2/catch.hpp>

namespace conflictctl::aws {
namespace {

Url parsed(const char* text) {
  Result<Url> url = parse_url(text);
  INFO(text << (url ? "" : ": " + url.error().cause));
  REQUIRE(url);
  return url.value();
}

TEST_CASE("parse_url splits http and https URLs into what a Host header and a signer need") {
  const Url lambda = parsed("https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/f%3Alive/invocations");
  CHECK(lambda.scheme == "https");
  CHECK(lambda.host == "lambda.us-east-1.amazonaws.com");
  CHECK_FALSE(lambda.port.has_value());
  CHECK(lambda.path == "/2015-03-31/functions/f%3Alive/invocations");

  const Url local = parsed("HTTP://127.0.0.1:9001");
  CHECK(local.scheme == "http");
  CHECK(local.host == "127.0.0.1");
  CHECK(local.port == 9001);
  CHECK(local.path == "/");

  const Url v6 = parsed("http://[::1]:8080/x");
  CHECK(v6.host == "[::1]");
  CHECK(v6.port == 8080);
}

TEST_CASE("parse_url refuses what it cannot send, naming the URL and the reason") {
  const std::pair<const char*, const char*> bad[] = {
      {"lambda.amazonaws.com", "no scheme (\"http://\" or \"https://\")"},
      {"ftp://h/x", "the scheme must be http or https"},
      {"http:///path", "no host"},
      {"http://h:0", "the port must be a number from 1 to 65535"},
      {"http://h:65536", "the port must be a number from 1 to 65535"},
      {"http://h:80x", "the port must be a number from 1 to 65535"},
      {"http://h:", "the port must be a number from 1 to 65535"},
      {"http://user:pw@h/", "user info is not allowed"},
      {"http://h/p?q=1", "a query or fragment is not allowed here"},
      {"http://h/p#f", "a query or fragment is not allowed here"},
      {"http://h /p", "it contains a space or a control character"},
      {"http://[::1/p", "an IPv6 address without its closing ']'"},
  };
  for (const auto& [text, why] : bad) {
    Result<Url> url = parse_url(text);
    INFO(text);
    REQUIRE_FALSE(url);
    CHECK(url.error() == Error{"Http.InvalidRequest",
                               std::string("\"") + text + "\" is not a usable http(s) URL: " + why});
  }
}

TEST_CASE("Url::authority adds the port only when it is not the scheme's default") {
  CHECK(parsed("https://lambda.eu-west-1.amazonaws.com").authority() == "lambda.eu-west-1.amazonaws.com");
  CHECK(parsed("https://h:443/").authority() == "h");
  CHECK(parsed("http://h:80/").authority() == "h");
  CHECK(parsed("http://h:443/").authority() == "h:443");
  CHECK(parsed("https://h:80/").authority() == "h:80");
  CHECK(parsed("http://127.0.0.1:9001").authority() == "127.0.0.1:9001");
  CHECK(parsed("http://[::1]:9001").authority() == "[::1]:9001");
}

TEST_CASE("HttpResponse::header finds the first header of a name whatever its case") {
  const HttpResponse response{200,
                              {{"X-Amz-Function-Error", "Unhandled"},
                               {"x-amzn-RequestId", "first"},
                               {"X-AMZN-REQUESTID", "second"}},
                              ""};
  CHECK(response.header("x-amz-function-error") == "Unhandled");
  CHECK(response.header("X-Amzn-RequestId") == "first");
  CHECK_FALSE(response.header("X-Amz-Log-Result").has_value());
  CHECK_FALSE(response.header("X-Amz-Function-Erro").has_value());
}

}  // namespace
}  // namespace conflictctl::aws
