#pragma once
// The AWS Lambda Invoke API (POST /2015-03-31/functions/FunctionName/invocations), signed with
// Signature Version 4 by aws/sigv4.h and sent through an HttpClient (aws/http.h).
//
// The function may be named as Lambda's FunctionName accepts it: "name", "name:alias",
// "ACCOUNT:function:name[:alias]" or "arn:aws:lambda:REGION:ACCOUNT:function:name[:alias]".
// A full ARN's region wins over the configured one (the request goes to that region). The
// name is percent-encoded once on the wire (":" as "%3A"); the signer encodes it again.
// Every call is RequestResponse (X-Amz-Invocation-Type) and asks for the log tail
// (X-Amz-Log-Type: Tail), which is decoded into InvokeResponse::log_tail.
//
// Endpoint: LambdaConfig::endpoint when set (from AWS_ENDPOINT_URL_LAMBDA, else
// AWS_ENDPOINT_URL, as the AWS CLI reads them: a local emulator), else
// "https://lambda.REGION.amazonaws.com".
//
// What invoke() returns:
//   - the service answered 2xx: an InvokeResponse — also when the *function* failed
//     (function_error = "Unhandled" or "Handled", payload = its error document);
//     `function_result()` turns that into the function's result or its error;
//   - the service refused the call (4xx/5xx): Error{"Lambda.<type>", message}, the type from
//     the x-amzn-ErrorType header or the body's "Type"/"__type" ("TooManyRequestsException",
//     "ResourceNotFoundException", "ServiceException", …; anything after ':' dropped); without
//     a type, "Lambda.ServiceException" for 5xx, "Lambda.TooManyRequestsException" for 429 and
//     "Lambda.AWSLambdaException" for other codes;
//   - no response (connection refused, DNS, TLS, dropped): "Lambda.SdkClientException";
//   - the call's timeout passed: "Lambda.ClientExecutionTimeoutException"; cancelled:
//     "Lambda.SdkClientException" with a cause that says so.
//   - a response body over kMaxResponseBodyBytes (Lambda's 6 MB synchronous limit plus
//     headroom; a real Lambda never sends one): "Lambda.SdkClientException", the cause saying
//     so; the body is never held whole.
// Step Functions reports these names to Retry and Catch ("Handle Lambda service exceptions").
// No cause contains the credentials, a signature or a header value.
//
// Thread safety: invoke() may be called concurrently (the HttpClient must allow it).
#include <cstddef>
#include <optional>
#include <string>

#include "aws/credentials.h"
#include "aws/http.h"
#include "core/cancellation.h"
#include "core/error.h"
#include "core/json.h"
#include "core/lambda_limits.h"
#include "core/timestamp.h"

namespace conflictctl::aws {

// Lambda's limit on a synchronous (RequestResponse) invocation's response: 6 MB.
inline constexpr std::size_t kMaxSyncResponseBytes = lambda::kMaxPayloadBytes;
// The most conflictctl reads of an Invoke response: the limit plus 1 MiB for what the service
// adds (an error document's envelope).
inline constexpr std::size_t kMaxResponseBodyBytes = kMaxSyncResponseBytes + 1024 * 1024;

struct LambdaConfig {
  Credentials credentials;
  std::string region;    // used unless the function is a full ARN; required otherwise
  std::string endpoint;  // "" = the public endpoint of the region; else e.g. "http://127.0.0.1:9001"
};

// AWS_ENDPOINT_URL_LAMBDA, else AWS_ENDPOINT_URL; "" when neither is set or
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (aws/endpoints.h).
std::string endpoint_from_environment(const AwsEnvironment& env);

struct InvokeCall {
  std::string function;   // as Lambda's FunctionName accepts it (see above)
  std::string qualifier;  // the Qualifier query parameter; "" for none
  std::string payload;    // the event, JSON text
  std::optional<double> timeout_seconds;  // the whole call; Default: none
  CancellationToken cancel;
};

struct InvokeResponse {
  int status_code = 0;           // 200 for RequestResponse
  std::string function_error;    // X-Amz-Function-Error: "" on success, "Unhandled", "Handled"
  std::string payload;           // the function's result, or its error document (JSON text)
  std::string executed_version;  // X-Amz-Executed-Version
  std::string request_id;        // x-amzn-RequestId
  std::string log_tail;          // X-Amz-Log-Result, base64-decoded; "" when absent
  HeaderList headers;            // every response header, as received
};

class LambdaClient {
 public:
  // `http` must outlive the client.
  LambdaClient(HttpClient& http, LambdaConfig config);

  // `now` signs the request (the caller's Clock).
  Result<InvokeResponse> invoke(const InvokeCall& call, Timestamp now) const;

 private:
  HttpClient& http_;
  LambdaConfig config_;
};

// The service's answer as invoke() returns it (the part of invoke() after the transport, kept
// apart so that it can be tested and fuzzed without a server): a 2xx response becomes an
// InvokeResponse, anything else Error{"Lambda.<type>", …} as listed above, its cause redacted
// of `credentials`' secrets. Any status, headers and body are accepted.
Result<InvokeResponse> decode_invoke_response(HttpResponse response, const Credentials& credentials);

// The function's result, or its error as Step Functions names it:
//   - no function error: the payload parsed as JSON (an empty payload is null); a payload
//     that is not JSON, or nests deeper than core/json_text.h's kMaxJsonDepth (read whole, it
//     would exhaust the stack when copied or printed), is Error{"Lambda.SdkClientException", …};
//   - a function error: Error{errorType, errorMessage} from the error document
//     {"errorType": "...", "errorMessage": "...", "stackTrace": [...]}; without an errorType
//     (or with an error document that is not JSON, or nests too deep)
//     (out of memory, a runtime crash, a Lambda timeout without one), "Lambda.Unknown" with the
//     whole payload as the cause.
Result<Json> function_result(const InvokeResponse& response);

}  // namespace conflictctl::aws
