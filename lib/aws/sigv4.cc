#include "aws/sigv4.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <initializer_list>
#include <iterator>
#include <map>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace conflictctl::aws {
namespace {

using Bytes = std::string;  // raw digest bytes

std::string to_hex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) fmt::format_to(std::back_inserter(out), "{:02x}", c);
  return out;
}

Bytes sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &size, EVP_sha256(), nullptr);
  return Bytes(reinterpret_cast<const char*>(md.data()), size);
}

Bytes hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  size_t size = 0;
  EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(),
            mac.size(), &size);
  return Bytes(reinterpret_cast<const char*>(mac.data()), size);
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Trimmed, with each inner run of spaces and tabs collapsed to one space.
std::string canonical_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string canonical_uri(std::string_view path, const std::string& service) {
  if (path.empty()) return "/";
  if (service == "s3") return std::string(path);
  return uri_encode(path, /*keep_slash=*/true);
}

std::string canonical_query(const Request& request) {
  std::vector<std::pair<std::string, std::string>> encoded;
  for (const auto& [name, value] : request.query)
    encoded.emplace_back(uri_encode(name), uri_encode(value));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name + '=' + value;
  }
  return out;
}

Error signing_error(std::string cause) { return Error{"Aws.SigningError", std::move(cause)}; }

Result<void> check_inputs(const Request& request, const Credentials& credentials,
                          const SigningParams& params) {
  if (params.region.empty()) return signing_error("no region to sign for");
  if (params.service.empty()) return signing_error("no service to sign for");
  if (credentials.access_key_id.empty()) return signing_error("the access key id is empty");
  if (credentials.secret_access_key.empty())
    return signing_error(fmt::format("the secret access key of {} is empty",
                                     credentials.access_key_id));
  bool has_host = false;
  for (const auto& [name, value] : request.headers) {
    const std::string lower = lowercase(name);
    has_host = has_host || lower == "host";
    if (lower == "authorization" || lower == "x-amz-date" || lower == "x-amz-content-sha256" ||
        lower == "x-amz-security-token")
      return signing_error(fmt::format("the request already has a {} header; the signer sets it",
                                       lower));
  }
  if (!has_host) return signing_error("the request has no Host header");
  return {};
}

}  // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/'))
      out += static_cast<char>(c);
    else
      fmt::format_to(std::back_inserter(out), "%{:02X}", c);
  }
  return out;
}

std::string amz_date(Timestamp t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{seconds - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

std::string sha256_digest(std::string_view data) { return sha256(data); }

Result<Signature> sign(const Request& request, const Credentials& credentials,
                       const SigningParams& params, Timestamp now) {
  if (Result<void> ok = check_inputs(request, credentials, params); !ok) return ok.error();

  Signature out;
  const std::string date_time = amz_date(now);
  const std::string date = date_time.substr(0, 8);
  const std::string payload_hash = sha256_hex(request.body);
  out.headers_to_add.emplace_back("x-amz-date", date_time);
  if (params.content_sha256_header) out.headers_to_add.emplace_back("x-amz-content-sha256", payload_hash);
  if (!credentials.session_token.empty())
    out.headers_to_add.emplace_back("x-amz-security-token", credentials.session_token);

  std::map<std::string, std::string> headers;  // lowercase name -> canonical value(s)
  const HeaderList* lists[] = {&request.headers, &out.headers_to_add};
  for (const HeaderList* list : lists) {
    for (const auto& [name, value] : *list) {
      std::string& joined = headers[lowercase(name)];
      if (!joined.empty()) joined += ',';
      joined += canonical_value(value);
    }
  }
  std::string canonical_headers;
  std::string signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ':' + value + '\n';
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += name;
  }

  out.query_string = canonical_query(request);
  out.canonical_request =
      fmt::format("{}\n{}\n{}\n{}\n{}\n{}", request.method,
                  canonical_uri(request.path, params.service), out.query_string,
                  canonical_headers, signed_headers, payload_hash);
  const std::string scope = fmt::format("{}/{}/{}/aws4_request", date, params.region, params.service);
  out.string_to_sign = fmt::format("AWS4-HMAC-SHA256\n{}\n{}\n{}", date_time, scope,
                                   sha256_hex(out.canonical_request));

  Bytes key = hmac_sha256("AWS4" + credentials.secret_access_key, date);
  for (const std::string* part : {&params.region, &params.service})
    key = hmac_sha256(key, *part);
  key = hmac_sha256(key, "aws4_request");
  out.signature = to_hex(hmac_sha256(key, out.string_to_sign));
  out.authorization =
      fmt::format("AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}",
                  credentials.access_key_id, scope, signed_headers, out.signature);
  return out;
}

}  // namespace conflictctl::aws
