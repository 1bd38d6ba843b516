#!/usr/bin/env bash
# The one command that runs every test: builds the project, starts a throwaway PostgreSQL,
# runs ctest, and exits with ctest's status.
#
# Usage: test/run.sh [CTEST_ARGS...]       e.g. test/run.sh -R 'engine: '
#
# Environment (defaults in brackets):
#   BUILD_DIR       build directory, relative to the repository   [build]
#   BUILD_TYPE      CMAKE_BUILD_TYPE                              [RelWithDebInfo]
#   CMAKE_OPTIONS   extra options for the configure step, split on spaces, e.g.
#                   "-DCONFLICTCTL_SANITIZE=ON"                   []
#   JOBS            parallel build and test jobs                  [2]
#
# The database's URL reaches the tests as CONFLICTCTL_TEST_DATABASE_URL (and POSTGRES_*);
# the server is stopped and removed on exit, whether the tests pass or not.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir="${BUILD_DIR:-build}"
build_type="${BUILD_TYPE:-RelWithDebInfo}"
jobs="${JOBS:-2}"
read -r -a cmake_options <<<"${CMAKE_OPTIONS:-}"

echo "run.sh: configuring $build_dir ($build_type${CMAKE_OPTIONS:+ $CMAKE_OPTIONS})"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DCONFLICTCTL_TESTS=ON \
  "${cmake_options[@]}"

echo "run.sh: building $build_dir"
cmake --build "$build_dir" --parallel "$jobs"

# Start the database only now, so that a failed build leaves nothing running.
pg_env="$(test/throwaway-postgres.sh start)"
eval "$pg_env"
trap 'test/throwaway-postgres.sh stop "$CONFLICTCTL_TEST_PG_DIR"' EXIT

status=0
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" "$@" || status=$?
exit "$status"
