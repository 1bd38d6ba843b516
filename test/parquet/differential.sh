#!/usr/bin/env bash
# The Parquet differential check: every file of test/golden/files/parquet/ is read by
# conflictctl's reader (parquet_rows, parquet/row_reader.h) and by DuckDB (reference.mjs,
# npm's @duckdb/node-api, an independent reader); compare.py turns DuckDB's typed values into
# conflictctl's documented rendering (parquet/values.h) and both must give the same rows. The
# files conflictctl refuses on purpose (nested columns, LZ4_RAW) must be refused with the
# reasons listed in compare.py. Then the same for eight seeded random files that DuckDB writes
# (every type, with nulls, each codec and page version, row groups of random size).
#
# Usage: test/parquet/differential.sh PARQUET_ROWS BUILD_DIR [SEED]
# Installs @duckdb/node-api with npm into BUILD_DIR/npm-parquet when it is not there; exits 77
# (skipped) when node or npm is missing or the install fails, except in CI (CI=true), where
# the check must run: there a missing reference fails it.
set -euo pipefail
rows_binary="$1"
build="$(cd "$2" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
files="$here/../golden/files/parquet"
seed="${3:-20261207}"

unavailable() {
  echo "$1"
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
  exit 77
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  unavailable "skipped: node and npm are needed for the reference reader"
fi
prefix="$build/npm-parquet"
if [[ ! -f "$prefix/node_modules/@duckdb/node-api/package.json" ]]; then
  if ! npm install --silent --no-audit --no-fund --prefix "$prefix" \
      @duckdb/node-api@1.5.6-r.1 >/dev/null 2>&1; then
    unavailable "skipped: npm install @duckdb/node-api failed"
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The committed fixtures, and seeded random files of every type, codec and page version.
mkdir "$work/random"
node "$here/reference.mjs" "$prefix/node_modules" --generate "$work/random" "$seed"
inputs=("$files"/*.parquet "$work/random"/*.parquet)
for file in "${inputs[@]}"; do
  name="$(basename "$file")"
  "$rows_binary" "$file" >"$work/$name.ours" || true
done
node "$here/reference.mjs" "$prefix/node_modules" "$work" "${inputs[@]}"
python3 "$here/compare.py" "$work" "${inputs[@]}"
