// libFuzzer entry point: Lambda Invoke's HTTP response (read as http_input.h says) →
// aws::decode_invoke_response, then aws::function_result, the path every answer of the
// Lambda service takes (aws/lambda_client.h). Whatever the response: an InvokeResponse or a
// "Lambda.*" error whose cause holds neither credential secret (the seeds quote them); and
// a function's result prints and reads back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "aws/lambda_client.h"
#include "core/json_text.h"
#include "http_input.h"

using namespace conflictctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const aws::Credentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/S3CR3T",
                                            "SessionToken/S3CR3T", "fuzz"};
  Result<aws::InvokeResponse> response =
      aws::decode_invoke_response(fuzz::http_response(data, size), credentials);
  if (!response) {
    const Error& error = response.error();
    if (!error.name.starts_with("Lambda.") || error.name.size() == 7) __builtin_trap();
    if (error.cause.find(credentials.secret_access_key) != std::string::npos ||
        error.cause.find(credentials.session_token) != std::string::npos)
      __builtin_trap();
    return 0;
  }
  Result<Json> result = aws::function_result(*response);
  if (!result) {
    if (result.error().name.empty()) __builtin_trap();
    return 0;
  }
  if (!response->function_error.empty()) __builtin_trap();  // a function error never succeeds
  if (!parse_json_text(to_compact(*result), "printed")) __builtin_trap();
  return 0;
}
