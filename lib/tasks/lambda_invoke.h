#pragma once
// The optimized Lambda integration, "arn:aws:states:::lambda:invoke": reading its Parameters
// and shaping its result.
//
// The engine hands a lambda:invoke Task the whole effective Parameters object as
// engine::TaskInvocation::payload. From it, FunctionName (required) names the function and Payload
// (default {}) is the event the function receives. Qualifier (optional) picks an alias or
// version; InvocationType may only be "RequestResponse" (the default), because the "Event" and
// "DryRun" types do not run the function synchronously. Other Invoke parameters (ClientContext,
// LogType) are accepted and ignored.
//
// AWS: "When the Task result is returned, the function output is nested inside a dictionary of
// metadata" — the Invoke API response, with the Payload "parsed from escaped Json to Json":
//   {"ExecutedVersion":"$LATEST","Payload":<function result>,
//    "SdkHttpMetadata":{"AllHttpHeaders":{…},"HttpHeaders":{…},"HttpStatusCode":200},
//    "SdkResponseMetadata":{"RequestId":"…"},"StatusCode":200}
// The headers are the ones a real response carries (Connection, Content-Length of the compact
// Payload, Content-Type, Date, X-Amz-Executed-Version, x-amzn-Remapped-Content-Length,
// x-amzn-RequestId); X-Amzn-Trace-Id is left out, since there is no X-Ray locally.
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "core/timestamp.h"
#include "asl/resource.h"

namespace conflictctl::tasks {

struct InvokeRequest {
  asl::FunctionRef function;  // qualifier from FunctionName, else from Qualifier
  Json payload;          // Parameters.Payload; {} when absent
};

// What a Task state calls, whichever of the two Lambda Resource forms it uses (asl/resource.h),
// read once for every runner that invokes functions (the registry, the remote runner).
struct LambdaCall {
  bool invoke_integration = false;  // "arn:aws:states:::lambda:invoke": wrap the result
  std::string written;  // the function as the definition writes it: Resource or FunctionName
  asl::FunctionRef function;  // parsed from it (qualifier from Qualifier when given there)
  Json event;            // the effective input, or Parameters.Payload
};

// Errors ("States.Runtime"): a malformed Resource or lambda:invoke Parameters, or a Resource
// that is neither form (another service integration, .waitForTaskToken), whose cause names
// `state` and says to mock it.
Result<LambdaCall> read_lambda_call(std::string_view resource, const Json& input,
                                    std::string_view state);

// Reads a lambda:invoke Task's effective Parameters. Errors ("States.Runtime"): Parameters
// not an object, FunctionName missing or malformed, a Qualifier that contradicts the one in
// FunctionName, an InvocationType other than RequestResponse.
Result<InvokeRequest> parse_invoke_parameters(const Json& parameters);

struct InvokeMetadata {
  std::string executed_version = "$LATEST";
  std::string request_id;  // see make_request_id
  Timestamp date;          // the response's Date header
};

// The Invoke response that becomes a lambda:invoke Task's result.
Json make_invoke_response(Json function_result, const InvokeMetadata& metadata);

// The version a call ran: a numeric qualifier is a version; without one, or with an alias
// (which has no local version to resolve to), "$LATEST".
std::string executed_version(const asl::FunctionRef& function);

// A request id in UUID form, derived from `seed` alone, so that runs on the virtual clock are
// reproducible. Different seeds give different ids.
std::string make_request_id(std::string_view seed);

// An HTTP Date header value (RFC 7231 IMF-fixdate): "Tue, 23 Jul 2024 04:09:56 GMT".
std::string http_date(Timestamp t);

}  // namespace conflictctl::tasks
