#!/bin/sh
# `cmake --install` into a temporary prefix, then the installed binary run from another
# directory: it finds its pipelines beside itself (../share/conflictctl/pipelines), not in the
# source tree, and `simulate --mock` succeeds; `budget --cost` reads the installed price table.
# A copy of the binary alone still runs (it falls back to the source tree's pipelines). Usage: install_test.sh BUILD_DIR CMAKE
set -eu
build=$1
cmake=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/conflictctl_install_XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$tmp/prefix" >/dev/null
bin=$tmp/prefix/bin/conflictctl
[ -x "$bin" ] || fail "no $bin"
for file in share/conflictctl/pipelines/conflict_report.asl.json \
            share/conflictctl/pipelines/conflict_report.yaml \
            share/conflictctl/pipelines/mocks/conflict_report.mocks.json \
            share/conflictctl/pipelines/aws-prices.json \
            share/doc/conflictctl/commands.md share/doc/conflictctl/README.md \
            share/doc/conflictctl/.env.example; do
  [ -f "$tmp/prefix/$file" ] || fail "not installed: $file"
done

mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
run() { env -u CONFLICTCTL_PIPELINES_DIR CONFLICTCTL_STATE_DIR="$tmp/state" "$@"; }

# The installed binary says where its pipelines are: beside it.
run "$bin" config --env-file /dev/null --output json >config.json
grep -q "\"value\": \"$tmp/prefix/share/conflictctl/pipelines\"" config.json ||
  fail "the installed binary does not use its installed pipelines: $(cat config.json)"
run "$bin" simulate --mock --no-record >simulate.txt || fail "simulate --mock failed"
grep -q 'Execution SUCCEEDED' simulate.txt || fail "simulate --mock did not succeed"
# budget --cost finds the installed price table.
run "$bin" simulate --mock >/dev/null 2>&1 || fail "a recorded simulate --mock failed"
run "$bin" budget --include-mock --cost >budget.txt || fail "budget --cost failed"
grep -q "^Cost (prices of .*, from $tmp/prefix/share/conflictctl/pipelines/aws-prices.json)" \
  budget.txt || fail "budget --cost does not use the installed price table: $(cat budget.txt)"

# A copy of the binary alone.
mkdir "$tmp/copy"
cp "$bin" "$tmp/copy/conflictctl"
run "$tmp/copy/conflictctl" simulate --mock --no-record --pipeline conflict_report_chunked \
  >copy.txt || fail "a copied binary cannot run simulate --mock"
grep -q 'Execution SUCCEEDED' copy.txt || fail "the copied binary's run did not succeed"
echo "install test: installed in $tmp/prefix, simulate --mock ran from $tmp/elsewhere"
