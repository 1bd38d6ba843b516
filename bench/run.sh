#!/usr/bin/env bash
# Builds the benchmarks (Release), starts a throwaway PostgreSQL and runs pipeline_bench.
#   bench/run.sh [--visits N] [--workers W] [--seed S] [--rounds R]   (defaults 1000000, 2, 1, 1)
# The server runs with the settings of test/throwaway-postgres.sh (fsync off), so the figures
# measure computation, not the disk.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir="${BUILD_DIR:-build-bench}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONFLICTCTL_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target pipeline_bench
pg_env="$(test/throwaway-postgres.sh start)"
eval "$pg_env"
trap 'test/throwaway-postgres.sh stop "$CONFLICTCTL_TEST_PG_DIR"' EXIT
"$build_dir/bench/pipeline_bench" "$@"
