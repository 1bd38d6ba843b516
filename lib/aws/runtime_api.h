#pragma once
// The client side of the AWS Lambda Runtime API (version 2018-06-01), which a custom runtime's
// `bootstrap` speaks to the Lambda service at http://$AWS_LAMBDA_RUNTIME_API:
//   GET  /2018-06-01/runtime/invocation/next              → the next event (long poll)
//   POST /2018-06-01/runtime/invocation/REQUEST_ID/response  → the function's result
//   POST /2018-06-01/runtime/invocation/REQUEST_ID/error     → a function error
//   POST /2018-06-01/runtime/init/error                   → the runtime could not start
// Error bodies are {"errorMessage": "...", "errorType": "...", "stackTrace": []} with the header
// Lambda-Runtime-Function-Error-Type set to the errorType.
//
// Errors: any HTTP failure keeps its Http.* name (aws/http.h); a status other than 2xx is
// Error{"Runtime.ApiError", "<path>: HTTP <status>: <body, at most 200 bytes>"}; a "next"
// response without Lambda-Runtime-Aws-Request-Id or with a malformed
// Lambda-Runtime-Deadline-Ms (not a whole number, negative, or past core/timestamp.h's
// kMaxDurationSeconds after 1970) is "Runtime.ApiError" too. A body over kMaxApiBodyBytes (an event
// is at most 6 MB, Lambda's synchronous payload limit; 1 MiB headroom) is cut off as it
// arrives: Http.ResponseTooLarge.
// Thread safety: none needed; the runtime loop calls it from one thread.
#include <cstddef>
#include <string>

#include "aws/http.h"
#include "core/error.h"
#include "core/timestamp.h"

namespace conflictctl::aws {

inline constexpr std::size_t kMaxApiBodyBytes = 7 * 1024 * 1024;

struct RuntimeInvocation {
  std::string request_id;    // Lambda-Runtime-Aws-Request-Id
  Timestamp deadline;        // Lambda-Runtime-Deadline-Ms (Unix epoch milliseconds)
  std::string function_arn;  // Lambda-Runtime-Invoked-Function-Arn; "" when absent
  std::string trace_id;      // Lambda-Runtime-Trace-Id; "" when absent
  std::string event;         // the body: the event, JSON text
};

class RuntimeApi {
 public:
  // `api` is $AWS_LAMBDA_RUNTIME_API, "host:port". `http` must outlive this object.
  RuntimeApi(HttpClient& http, std::string api);

  Result<RuntimeInvocation> next() const;
  Result<void> respond(const std::string& request_id, const std::string& result_json) const;
  Result<void> fail(const std::string& request_id, const std::string& error_type,
                    const std::string& error_message) const;
  Result<void> init_error(const std::string& error_type, const std::string& error_message) const;

 private:
  HttpClient& http_;
  std::string base_;  // "http://host:port/2018-06-01"
};

}  // namespace conflictctl::aws
