#!/usr/bin/env bash
# The JSONata differential check: every case of test/jsonata/cases.jsonl and a seeded set of
# random expressions (generate.py) is evaluated by conflictctl's evaluator (jsonata_eval) and
# by jsonata-js (reference.js); both must give the same value, or the same error code.
# Cases listed in known_differences.txt (docs/jsonata.md) are reported but do not fail.
#
# Usage: test/jsonata/differential.sh JSONATA_EVAL BUILD_DIR [SEED [COUNT]]
# Installs jsonata@2 with npm into BUILD_DIR/npm when it is not there; exits 77 (skipped)
# when node or npm is missing or the install fails, except in CI (CI=true), where the check
# must run: there a missing reference fails it.
set -euo pipefail
eval_binary="$1"
build="$(cd "$2" && pwd)"
seed="${3:-20261206}"
count="${4:-400}"
here="$(cd "$(dirname "$0")" && pwd)"

# Not run: skipped on a developer's machine, a failure in CI.
unavailable() {
  echo "$1"
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
  exit 77
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  unavailable "skipped: node and npm are needed for the reference implementation"
fi
modules="$build/npm/node_modules"
if [[ ! -f "$modules/jsonata/package.json" ]]; then
  if ! npm install --silent --no-audit --no-fund --prefix "$build/npm" jsonata@2 >/dev/null 2>&1; then
    unavailable "skipped: npm install jsonata@2 failed"
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
grep -v '^\s*\(#\|$\)' "$here/cases.jsonl" >"$work/cases.jsonl"
python3 "$here/generate.py" "$seed" "$count" >>"$work/cases.jsonl"
"$eval_binary" <"$work/cases.jsonl" >"$work/ours.jsonl"
node "$here/reference.js" "$modules" <"$work/cases.jsonl" >"$work/theirs.jsonl"
python3 "$here/compare.py" "$work/cases.jsonl" "$work/ours.jsonl" "$work/theirs.jsonl" \
  "$here/known_differences.txt"
