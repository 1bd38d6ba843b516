#include "aws/http.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/timestamp.h"

namespace conflictctl::aws {
namespace {


// A listening socket on 127.0.0.1 with an ephemeral port.
int listen_on_loopback(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(fd, 16) == 0);
  socklen_t size = sizeof address;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
  port = ntohs(address.sin_port);
  return fd;
}

// Reads one request: the head up to the blank line, then Content-Length bytes of body.
std::string read_request(int fd) {
  std::string text;
  char buffer[4096];
  size_t wanted = std::string::npos;
  while (wanted == std::string::npos || text.size() < wanted) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
    const size_t head_end = text.find("\r\n\r\n");
    if (wanted == std::string::npos && head_end != std::string::npos) {
      size_t length = 0;
      for (size_t at = 0; at < head_end; at = text.find("\r\n", at) + 2)
        if (strncasecmp(text.c_str() + at, "Content-Length:", 15) == 0) length = std::stoul(text.substr(at + 15));
      wanted = head_end + 4 + length;
    }
  }
  return text;
}

// A one-thread HTTP server for the tests: answers each connection with `reply(request)`.
// With a null `reply` it listens but never accepts: the kernel completes the handshake and
// buffers the request, and no answer ever comes.
class TestServer {
 public:
  explicit TestServer(std::function<std::string(const std::string&)> reply) : reply_(std::move(reply)) {
    fd_ = listen_on_loopback(port_);
    if (reply_) thread_ = std::thread([this] { serve(); });
  }
  ~TestServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int port() const { return port_; }
  std::vector<std::string> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd waiting{fd_, POLLIN, 0};
      if (::poll(&waiting, 1, 50) <= 0) continue;
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) continue;
      const std::string request = read_request(client);
      {
        std::lock_guard lock(mutex_);
        received_.push_back(request);
      }
      const std::string answer = reply_(request);
      ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
      ::close(client);
    }
  }

  std::function<std::string(const std::string&)> reply_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> received_;
};

// Time only through the Clock, in tests too.
const SystemClock kClock;

double seconds_since(Timestamp start) { return millis_to_seconds(kClock.now() - start); }

// Waits `milliseconds` of real time on the clock.
void wait_for(long long milliseconds) {
  SystemClock clock;
  std::mutex mutex;
  std::condition_variable never;
  std::unique_lock lock(mutex);
  const Timestamp until = clock.now() + Millis(milliseconds);
  while (clock.now() < until) clock.wait_until(never, lock, until);
}

TEST_CASE("curl client sends a POST as given and returns status, headers and body") {
  TestServer server([](const std::string&) {
    return std::string("HTTP/1.1 201 Created\r\nContent-Length: 5\r\nx-amzn-RequestId: r1\r\n"
                      "X-Amz-Function-Error:  Unhandled \r\nConnection: close\r\n\r\nhello");
  });
  const auto client = make_curl_client();
  const HttpRequest request{"POST", server.url("/2015-03-31/functions/f%3Alive/invocations?Qualifier=prod"),
                            {{"Host", "127.0.0.1:" + std::to_string(server.port())},
                             {"X-Amz-Log-Type", "Tail"},
                             {"Content-Type", "application/json"}},
                            R"({"chunk":3})"};
  const Result<HttpResponse> response = client->send(request, HttpLimits{5.0, {}, {}});
  INFO((response ? "" : response.error().cause));
  REQUIRE(response);
  CHECK(response->status == 201);
  CHECK(response->body == "hello");
  CHECK(response->header("X-Amzn-RequestId") == "r1");
  CHECK(response->header("x-amz-function-error") == "Unhandled");

  const std::vector<std::string> received = server.received();
  REQUIRE(received.size() == 1);
  const std::string& sent = received[0];
  CHECK(sent.starts_with("POST /2015-03-31/functions/f%3Alive/invocations?Qualifier=prod HTTP/1.1\r\n"));
  CHECK(sent.find("\r\nX-Amz-Log-Type: Tail\r\n") != std::string::npos);
  CHECK(sent.find("\r\nContent-Type: application/json\r\n") != std::string::npos);
  CHECK(sent.find("\r\nContent-Length: 11\r\n") != std::string::npos);
  CHECK(sent.find("Expect:") == std::string::npos);
  CHECK(sent.find("Accept:") == std::string::npos);
  CHECK(sent.ends_with("\r\n\r\n{\"chunk\":3}"));
}

TEST_CASE("curl client sends a GET without adding a content type, and returns any status as a value") {
  TestServer server([](const std::string&) {
    return std::string("HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
                      "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nX-Final: 1\r\nConnection: close\r\n\r\nno such f");
  });
  const auto client = make_curl_client();
  const Result<HttpResponse> response =
      client->send(HttpRequest{"GET", server.url("/2018-06-01/runtime/invocation/next"), {}, ""}, HttpLimits{});
  INFO((response ? "" : response.error().cause));
  REQUIRE(response);
  CHECK(response->status == 404);
  CHECK(response->body == "no such f");
  CHECK(response->header("X-Final") == "1");
  CHECK_FALSE(response->header("X-Interim").has_value());  // the interim response's headers are dropped

  const std::string sent = server.received().at(0);
  CHECK(sent.starts_with("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\n"));
  CHECK(sent.find("\r\nHost: 127.0.0.1:" + std::to_string(server.port()) + "\r\n") != std::string::npos);
  CHECK(sent.find("Content-Type") == std::string::npos);
}

// Regression (issue 14): a response body of any size was read into memory.
TEST_CASE("curl client stops reading a body over max_body_bytes with Http.ResponseTooLarge") {
  TestServer server([](const std::string&) {
    return "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n" +
           std::string(100000, 'x');
  });
  const auto client = make_curl_client();
  const HttpRequest request{"GET", server.url("/big"), {}, ""};
  const Result<HttpResponse> refused = client->send(request, HttpLimits{5.0, {}, 1000});
  REQUIRE_FALSE(refused);
  CHECK(refused.error() ==
        Error{"Http.ResponseTooLarge", "the response from 127.0.0.1:" +
                                           std::to_string(server.port()) + " exceeds 1000 bytes"});
  const Result<HttpResponse> fits = client->send(request, HttpLimits{5.0, {}, 100000});
  REQUIRE(fits);
  CHECK(fits->body.size() == 100000);
}

TEST_CASE("curl client gives up with Http.Timeout when the server never answers") {
  TestServer silent(nullptr);
  const auto client = make_curl_client();
  const Timestamp start = kClock.now();
  const Result<HttpResponse> response =
      client->send(HttpRequest{"POST", silent.url("/x"), {}, "{}"}, HttpLimits{0.3, {}, {}});
  const double elapsed = seconds_since(start);
  REQUIRE_FALSE(response);
  CHECK(response.error() ==
        Error{"Http.Timeout",
              "no complete response from 127.0.0.1:" + std::to_string(silent.port()) + " within 0.3 s"});
  CHECK(elapsed >= 0.25);
  CHECK(elapsed < 2.0);
}

TEST_CASE("curl client aborts with Http.Cancelled when the caller cancels from another thread") {
  TestServer silent(nullptr);
  const auto client = make_curl_client();
  CancellationSource cancel;
  std::thread canceller([&] {
    wait_for(100);
    cancel.cancel();
  });
  const Timestamp start = kClock.now();
  const Result<HttpResponse> response =
      client->send(HttpRequest{"GET", silent.url("/next"), {}, ""}, HttpLimits{std::nullopt, cancel.token(), {}});
  const double elapsed = seconds_since(start);
  canceller.join();
  REQUIRE_FALSE(response);
  CHECK(response.error() ==
        Error{"Http.Cancelled", "the request to 127.0.0.1:" + std::to_string(silent.port()) + " was cancelled"});
  CHECK(elapsed < 2.0);  // noticed within the 100 ms poll, with room for a loaded machine

  SECTION("a token cancelled before the call stops it at once") {
    const Result<HttpResponse> again =
        client->send(HttpRequest{"GET", silent.url("/next"), {}, ""}, HttpLimits{5.0, cancel.token(), {}});
    REQUIRE_FALSE(again);
    CHECK(again.error().name == "Http.Cancelled");
  }
}

TEST_CASE("curl client reports a closed port as Http.ConnectionFailed naming host and port") {
  int port = 0;
  ::close(listen_on_loopback(port));  // nothing listens there any more
  const auto client = make_curl_client();
  const Result<HttpResponse> response =
      client->send(HttpRequest{"GET", "http://127.0.0.1:" + std::to_string(port) + "/", {}, ""}, HttpLimits{5.0, {}, {}});
  REQUIRE_FALSE(response);
  CHECK(response.error().name == "Http.ConnectionFailed");
  CHECK(response.error().cause.starts_with("127.0.0.1:" + std::to_string(port) + ": "));
}

TEST_CASE("curl client refuses a malformed request before sending anything") {
  const auto client = make_curl_client();
  Result<HttpResponse> r = client->send(HttpRequest{"GET", "ftp://127.0.0.1/x", {}, ""}, HttpLimits{});
  REQUIRE_FALSE(r);
  CHECK(r.error() ==
        Error{"Http.InvalidRequest", "\"ftp://127.0.0.1/x\" is not a usable http(s) URL: the scheme must be http or https"});
  r = client->send(HttpRequest{"get me", "http://127.0.0.1/x", {}, ""}, HttpLimits{});
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Http.InvalidRequest", "\"get me\" is not an HTTP method"});
  r = client->send(HttpRequest{"GET", "http://127.0.0.1/x", {{"X-Token", "secret\r\nInjected: 1"}}, ""}, HttpLimits{});
  REQUIRE_FALSE(r);
  CHECK(r.error() == Error{"Http.InvalidRequest", "the header name \"X-Token\" or its value is malformed"});
}

TEST_CASE("curl client serves concurrent calls from several threads") {
  TestServer server([](const std::string& request) {
    const std::string body = request.substr(request.find("\r\n\r\n") + 4);
    return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  });
  const auto client = make_curl_client();
  std::vector<std::string> bodies(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < bodies.size(); ++i)
    threads.emplace_back([&, i] {
      Result<HttpResponse> r =
          client->send(HttpRequest{"POST", server.url("/echo"), {}, "call " + std::to_string(i)}, HttpLimits{10.0, {}, {}});
      bodies[i] = r ? r->body : r.error().cause;
    });
  for (auto& thread : threads) thread.join();
  CHECK(bodies == std::vector<std::string>{"call 0", "call 1", "call 2", "call 3"});
}

}  // namespace
}  // namespace conflictctl::aws
