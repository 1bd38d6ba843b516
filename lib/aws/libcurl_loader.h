#pragma once
// libcurl, opened on first use (core/shared_library.h): a run that never sends an HTTP request
// does not map libcurl and the libraries it needs (TLS, Kerberos, LDAP, ...).
//
// libcurl_loader.cc defines each libcurl function conflictctl calls as a stub that forwards
// to the real one, so aws/curl_http.cc calls curl_easy_* as usual. Before its first call, code
// must have had libcurl().load() succeed: CurlClient::send does, and returns its error
// otherwise.
#include "core/shared_library.h"

namespace conflictctl::aws {

SharedLibrary& libcurl();  // "libcurl.so.4", from the Debian package libcurl4

}  // namespace conflictctl::aws
