// Forwarding stubs for the libcurl functions conflictctl calls (aws/libcurl_loader.h). Each
// looks the real function up once, on its first call. A function used anywhere in lib/aws
// must be listed here, or the program does not link.
#include "aws/libcurl_loader.h"

#include <cstdarg>

// The stubs define curl_easy_setopt and curl_easy_getinfo, which GCC's type-checking macros
// would otherwise rewrite.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

namespace conflictctl::aws {

SharedLibrary& libcurl() {
  static SharedLibrary library("libcurl.so.4", "libcurl4");
  return library;
}

}  // namespace conflictctl::aws

#define CONFLICTCTL_LIBCURL(RETURN, NAME, PARAMETERS, ARGUMENTS) \
  CONFLICTCTL_FORWARD(conflictctl::aws::libcurl(), RETURN, NAME, PARAMETERS, ARGUMENTS)

CONFLICTCTL_LIBCURL(CURLcode, curl_global_init, (long flags), (flags))
CONFLICTCTL_LIBCURL(CURL*, curl_easy_init, (void), ())
CONFLICTCTL_LIBCURL(void, curl_easy_cleanup, (CURL * curl), (curl))
CONFLICTCTL_LIBCURL(const char*, curl_easy_strerror, (CURLcode code), (code))
CONFLICTCTL_LIBCURL(CURLM*, curl_multi_init, (void), ())
CONFLICTCTL_LIBCURL(CURLMcode, curl_multi_cleanup, (CURLM * multi), (multi))
CONFLICTCTL_LIBCURL(CURLMcode, curl_multi_add_handle, (CURLM * multi, CURL* easy), (multi, easy))
CONFLICTCTL_LIBCURL(CURLMcode, curl_multi_remove_handle, (CURLM * multi, CURL* easy),
                    (multi, easy))
CONFLICTCTL_LIBCURL(CURLMcode, curl_multi_perform, (CURLM * multi, int* running),
                    (multi, running))
CONFLICTCTL_LIBCURL(CURLMcode, curl_multi_poll,
                    (CURLM * multi, struct curl_waitfd extra_fds[], unsigned int extra_nfds,
                     int timeout_ms, int* ret),
                    (multi, extra_fds, extra_nfds, timeout_ms, ret))
CONFLICTCTL_LIBCURL(CURLMsg*, curl_multi_info_read, (CURLM * multi, int* msgs_in_queue),
                    (multi, msgs_in_queue))
CONFLICTCTL_LIBCURL(struct curl_slist*, curl_slist_append,
                    (struct curl_slist * list, const char* data), (list, data))
CONFLICTCTL_LIBCURL(void, curl_slist_free_all, (struct curl_slist * list), (list))

// The two variadic functions take one more argument, whose type the option or info code
// gives (curl.h: CURLOPTTYPE_* ranges; every CURLINFO takes a pointer).
// Their last named parameter is an enum, as curl.h declares them; clang warns that va_start
// after a promotable type is undefined, but CURLoption and CURLINFO are int-sized, which the
// promotion leaves as they are.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wvarargs"
#endif
extern "C" CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  static const auto real =
      conflictctl::aws::libcurl().function<decltype(&curl_easy_setopt)>("curl_easy_setopt");
  va_list arguments;
  va_start(arguments, option);
  CURLcode code;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    code = real(curl, option, va_arg(arguments, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    code = real(curl, option, va_arg(arguments, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    // A function pointer: passed and read as the pointer-sized value it is.
    code = real(curl, option, va_arg(arguments, void (*)()));
  } else if (option < CURLOPTTYPE_BLOB) {
    code = real(curl, option, va_arg(arguments, curl_off_t));
  } else {
    code = real(curl, option, va_arg(arguments, void*));
  }
  va_end(arguments);
  return code;
}

extern "C" CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
  static const auto real =
      conflictctl::aws::libcurl().function<decltype(&curl_easy_getinfo)>("curl_easy_getinfo");
  va_list arguments;
  va_start(arguments, info);
  void* out = va_arg(arguments, void*);
  va_end(arguments);
  return real(curl, info, out);
}
