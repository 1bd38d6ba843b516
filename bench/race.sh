#!/usr/bin/env bash
# The speed race: conflictctl against aws-local-stepfunctions (npm), whole process against
# whole process, on the workloads of bench/race/workloads.py, then the engine alone in process.
#
#   bench/race.sh [--pairs N]        (default 5 alternating pairs per workload)
#
# Builds conflictctl and engine_bench (Release, in build-bench/), installs the peer
# aws-local-stepfunctions@3.0.0 with npm into a cache folder ($CONFLICTCTL_BENCH_CACHE, default
# ~/.cache/conflictctl-bench; nothing is linked into conflictctl), checks that both runtimes give
# the same output for every workload, and prints the figures (docs/performance.md keeps them).
# Needs node and npm (Debian: apt-get install nodejs npm) and python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir="${BUILD_DIR:-build-bench}"
cache="${CONFLICTCTL_BENCH_CACHE:-$HOME/.cache/conflictctl-bench}"
peer_version=3.0.0

for tool in node npm python3; do
  command -v "$tool" >/dev/null || { echo "race.sh: $tool is needed" >&2; exit 1; }
done

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONFLICTCTL_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target conflictctl engine_bench

peer_dir="$cache/aws-local-stepfunctions-$peer_version"
if [[ ! -f "$peer_dir/node_modules/aws-local-stepfunctions/package.json" ]]; then
  echo "race.sh: installing aws-local-stepfunctions@$peer_version into $peer_dir"
  mkdir -p "$peer_dir"
  (cd "$peer_dir" && npm init -y >/dev/null && \
    npm install --no-audit --no-fund --loglevel=error "aws-local-stepfunctions@$peer_version")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "race.sh: $(nproc) cores, $(node --version), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
status=0
python3 bench/race/race.py --conflictctl "$build_dir/conflictctl" --peer-dir "$peer_dir" \
  --out "$work" "$@" || status=$?
echo
"$build_dir/bench/engine_bench" "$work"/*/ 2>&1 | grep -v scale_ || true
exit "$status"
