#pragma once
// The settings of every command (db/settings.h), read once at start-up: the environment, with
// `.env` in the working directory — or the file `--env-file` names — as fallback. The
// process-wide ones (ENVIRONMENT, LOG_LEVEL, CONFLICTCTL_PIPELINES_DIR, CONFLICTCTL_STATE_DIR)
// that only the file sets are exported to the process environment, where the code that has no
// Settings to hand reads them: the logger (console.h), the pipelines directory
// (pipeline/run.h), the state directory (budget/run_store.h), run records (run_recording.h).
// The environment still wins: nothing it sets is overwritten.
#include <string>

#include "db/settings.h"

namespace conflictctl::app {

// Reads the settings and exports as above. The file is the value of `--env-file` on the
// command line, else `.env`. A missing or malformed file exports nothing here: the commands
// that read settings report it (exit 3), the others do not need them.
void preload_settings(int argc, char** argv);

// The process environment as it was before preload_settings exported anything, so that
// `conflictctl config` says where each value came from.
db::EnvLookup original_environment();

}  // namespace conflictctl::app
