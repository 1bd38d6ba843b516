#pragma once
// One signed call to an AWS service's API, in the protocol the service speaks, with AWS's
// errors turned into values a person can act on and throttling retried. The Lambda control
// plane (aws/lambda_functions.h) and Step Functions (aws/step_functions.h) build on it.
//
// Protocols:
//   - REST-JSON (Lambda): `rest()` sends METHOD PATH with a JSON body (or none);
//   - awsJson1_0 / awsJson1_1 (Step Functions, Secrets Manager): `json()` POSTs the request
//     to "/" with X-Amz-Target "PREFIX.Operation" and Content-Type
//     application/x-amz-json-1.x (aws/endpoints.h names each service's prefix and version).
// Every request is signed with Signature Version 4 (aws/sigv4.h) at the Clock's time, for the
// service's signing name and the configured region, and sent through the HttpClient.
//
// Retries: a throttled call (HTTP 429, or one of kThrottlingErrors), a 500/502/503/504 or a
// response that never came (Http.ConnectionFailed, Http.Timeout) is sent again, at most
// RetryPolicy::max_attempts times in all, waiting first_delay, then twice as long each time
// (at most max_delay), through the Clock: a VirtualClock makes the waits take no real time.
//
// Errors (values, never thrown):
//   - the service refused the call: Error{"Aws.<ErrorName>", "<Service> <Operation>: <message>
//     (HTTP <status>, request id <id>)"}, the name from x-amzn-ErrorType, or the body's
//     "__type" (the part after '#'), or "code"; a few get a hint after the message (the
//     permission an AccessDenied needs, "an update is still in progress" for a
//     ResourceConflict, "after N attempts" once throttling is retried out);
//   - no response: Error{"Aws.NoResponse", "<Service> <Operation>: <transport cause>"};
//   - a 2xx body that is not a JSON object: Error{"Aws.BadResponse", …}.
// No message holds the credentials, a signature or a header value: the message is redacted of
// the secret and session token.
//
// Thread safety: calls may be made concurrently if the HttpClient and Clock allow it.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials.h"
#include "aws/endpoints.h"
#include "aws/http.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/json.h"
#include "core/timestamp.h"

namespace conflictctl::aws {

// The error names AWS services use for throttling (besides HTTP 429).
inline constexpr std::string_view kThrottlingErrors[] = {
    "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException",
    "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
    "ProvisionedThroughputExceededException", "SlowDown"};

struct RetryPolicy {
  int max_attempts = 5;             // Default: 5 (the first try and four retries)
  Millis first_delay{500};          // Default: 0.5 s, doubled at each retry
  Millis max_delay{20'000};         // Default: 20 s, as the AWS SDKs' standard mode caps it
};

struct ServiceConfig {
  Credentials credentials;
  std::string region;    // required: the signing scope
  std::string endpoint;  // aws/endpoints.h service_endpoint()
  RetryPolicy retry;
  double timeout_seconds = 60;  // each attempt; Default: 60 s
};

class ServiceClient {
 public:
  // `http` and `clock` must outlive the client.
  ServiceClient(HttpClient& http, Clock& clock, Service service, ServiceConfig config);

  // awsJson: `operation` ("DescribeStateMachine") with `request` (a JSON object).
  Result<Json> json(std::string_view operation, const Json& request) const;

  // REST-JSON: `operation` names the call in messages; `path` is as sent (segments already
  // percent-encoded, aws/sigv4.h uri_encode); `body` null sends no body.
  Result<Json> rest(std::string_view operation, std::string_view method, std::string_view path,
                    const Json& body) const;

  const ServiceConfig& config() const { return config_; }

 private:
  Result<Json> call(std::string_view operation, std::string_view method, std::string path,
                    HeaderList headers, std::string body) const;

  HttpClient& http_;
  Clock& clock_;
  Service service_;
  ServiceConfig config_;
};

// The refusal in `response` as the Error described above (kept apart for tests).
Error service_refusal(Service service, std::string_view operation, const HttpResponse& response,
                      const Credentials& credentials);

}  // namespace conflictctl::aws
