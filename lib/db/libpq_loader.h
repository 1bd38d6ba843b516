#pragma once
// libpq, opened on first use (core/shared_library.h): a run that never connects to a database
// does not map libpq and the 20-odd libraries it needs.
//
// libpq_loader.cc defines each libpq function conflictctl calls as a stub that forwards to the
// real one, so db/postgres.cc calls PQexec and friends as usual. Before its first call, code
// must have had libpq().load() succeed: connect() does, and returns its error otherwise.
#include "core/shared_library.h"

namespace conflictctl::db {

SharedLibrary& libpq();  // "libpq.so.5", from the Debian package libpq5

}  // namespace conflictctl::db
