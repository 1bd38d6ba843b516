#pragma once
// A shared library opened on first use (dlopen) instead of at program start.
//
// conflictctl uses libpq and libcurl this way (db/libpq_loader.cc, aws/libcurl_loader.cc).
// With what they load in turn (Kerberos, LDAP, GnuTLS, ...) they were 30 of the 39 shared
// objects mapped at every start, and mapping them was most of the time of a run that needs
// neither a database nor the network: `conflictctl --version` took 5.6 ms, nearly all of it
// the kernel mapping pages and the dynamic loader relocating them. Each function of theirs
// that conflictctl calls is defined by a stub that looks the real one up on its first call.
//
//   SharedLibrary& libpq();                                   // one per library, for the process
//   if (Result<void> loaded = libpq().load(); !loaded)        // before the first call
//     return loaded.error();                                  // "Library.Unavailable"
//   auto* finish = libpq().function<decltype(&PQfinish)>("PQfinish");
//
// A program that packages itself (deploy/bundle.h lists the loaded objects) loads them first.
//
// Thread safety: every member may be called from any thread.
#include <mutex>
#include <string>

#include "core/error.h"

namespace conflictctl {

class SharedLibrary {
 public:
  // `soname`: the name to open, "libpq.so.5"; `package`: the Debian package that provides it,
  // named in the error ("libpq5").
  SharedLibrary(const char* soname, const char* package);
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // Opens the library once; later calls give the first outcome. Error "Library.Unavailable":
  // "libpq.so.5 could not be loaded (...): install the Debian package libpq5".
  Result<void> load();

  // The address of `name`, loading the library if needed. A library that cannot be loaded or
  // lacks the symbol is a broken installation that load() should have reported: the program
  // prints what is missing and ends with exit status 70.
  void* symbol(const char* name);
  template <class Function>
  Function function(const char* name) {
    return reinterpret_cast<Function>(symbol(name));
  }

 private:
  const char* soname_;
  const char* package_;
  std::once_flag once_;
  void* handle_ = nullptr;
  std::string error_;
};

}  // namespace conflictctl

// Defines the C function NAME, as the library's header declares it (RETURN NAME PARAMETERS),
// as a stub that looks the real one up in LIBRARY (an expression giving a SharedLibrary&) on
// its first call and forwards ARGUMENTS to it. For the stub files of the libraries opened on
// first use (db/libpq_loader.cc, aws/libcurl_loader.cc).
#define CONFLICTCTL_FORWARD(LIBRARY, RETURN, NAME, PARAMETERS, ARGUMENTS)  \
  extern "C" RETURN NAME PARAMETERS {                                     \
    static const auto real = (LIBRARY).function<decltype(&NAME)>(#NAME);  \
    return real ARGUMENTS;                                                \
  }
