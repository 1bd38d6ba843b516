#include "aws/secrets_client.h"

#include <catch2/catch.hpp>

#include "aws/fake_http.h"

namespace conflictctl::aws {
namespace {

const Credentials kCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "",
                               "test"};

std::string header(const HttpRequest& request, const std::string& name) {
  return HttpResponse{0, request.headers, ""}.header(name).value_or("<absent>");
}

struct Fixture {
  FakeHttpClient http;
  VirtualClock clock{*parse_timestamp("2026-12-06T05:00:00Z")};
  ServiceClient service{http, clock, Service::kSecretsManager,
                        ServiceConfig{kCredentials, "eu-west-1", "http://127.0.0.1:4566", {}}};
  SecretsClient secrets{service};
};

TEST_CASE("GetSecretValue is awsJson1_1 with X-Amz-Target, signed for secretsmanager") {
  Fixture f;
  f.http.queue(HttpResponse{200, {}, R"({
    "ARN": "arn:aws:secretsmanager:eu-west-1:1:secret:conflict/db-AbCdEf",
    "Name": "conflict/db", "VersionId": "v1", "VersionStages": ["AWSCURRENT"],
    "SecretString": "{\"password\": \"pw\"}", "CreatedDate": 1.7e9})"});
  Result<SecretValue> got = f.secrets.get_secret_value("conflict/db");
  REQUIRE(got);
  CHECK(got->arn == "arn:aws:secretsmanager:eu-west-1:1:secret:conflict/db-AbCdEf");
  CHECK(got->name == "conflict/db");
  CHECK(got->version_id == "v1");
  CHECK_FALSE(got->binary);
  CHECK(got->value == R"({"password": "pw"})");
  const HttpRequest sent = f.http.requests().at(0);
  CHECK(sent.method == "POST");
  CHECK(sent.url == "http://127.0.0.1:4566/");
  CHECK(header(sent, "X-Amz-Target") == "secretsmanager.GetSecretValue");
  CHECK(header(sent, "Content-Type") == "application/x-amz-json-1.1");
  CHECK(header(sent, "Authorization").find("/eu-west-1/secretsmanager/aws4_request") !=
        std::string::npos);
  CHECK(sent.body == R"({"SecretId":"conflict/db"})");
}

TEST_CASE("a SecretBinary is decoded and marked binary") {
  Fixture f;
  f.http.queue(HttpResponse{200, {}, R"({"Name": "b", "SecretBinary": "AAEC/w=="})"});
  Result<SecretValue> got = f.secrets.get_secret_value("b");
  REQUIRE(got);
  CHECK(got->binary);
  CHECK(got->value == std::string("\x00\x01\x02\xff", 4));

  f.http.queue(HttpResponse{200, {}, R"({"Name": "b", "SecretBinary": "not base64!"})"});
  CHECK(f.secrets.get_secret_value("b").error() ==
        Error{"Aws.BadResponse", "Secrets Manager GetSecretValue: SecretBinary is not base64"});
  f.http.queue(HttpResponse{200, {}, R"({"Name": "b"})"});
  CHECK(f.secrets.get_secret_value("b").error() ==
        Error{"Aws.BadResponse", "Secrets Manager GetSecretValue: neither SecretString nor "
                                 "SecretBinary in the answer"});
}

TEST_CASE("Secrets Manager's errors are AWS's names with its message") {
  Fixture f;
  f.http.queue(HttpResponse{400, {{"x-amzn-RequestId", "req-9"}},
                            R"({"__type": "ResourceNotFoundException",
                                "Message": "Secrets Manager can't find the specified secret."})"});
  CHECK(f.secrets.get_secret_value("nope").error() ==
        Error{"Aws.ResourceNotFoundException",
              "Secrets Manager GetSecretValue: Secrets Manager can't find the specified secret. "
              "(HTTP 400, request id req-9)"});
  f.http.queue(HttpResponse{400, {}, R"({"__type": "AccessDeniedException",
                                       "Message": "User is not authorized"})"});
  CHECK(f.secrets.get_secret_value("db").error() ==
        Error{"Aws.AccessDeniedException",
              "Secrets Manager GetSecretValue: User is not authorized (HTTP 400); the "
              "credentials need the IAM permission secretsmanager:GetSecretValue "
              "(`conflictctl deploy --print-policy` prints the policies)"});
}

}  // namespace
}  // namespace conflictctl::aws
