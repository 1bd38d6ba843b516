#!/bin/sh
# The budget report's HTML page in a real browser: records a mock run of the chunked
# pipeline whose tasks fall in all three zones (test/budget/three_zones.mocks.json), writes
# `conflictctl budget --output html`, renders it with headless Chromium and checks with
# html_screenshot.py that the screenshot shows the timeline: bars of each zone colour, the
# backoff before a retry, and the 720 s / 900 s lines.
#
# usage: html_screenshot.sh CONFLICTCTL OUTDIR
# Exit 0: the timeline is there; 1: it is not (or a step failed); 77: chromium is not
# installed (ctest reports the test as skipped). The screenshot stays in OUTDIR/budget.png.
set -eu

binary=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIP: chromium is not installed (Debian package: chromium)"
  exit 77
fi

rm -rf "$out"
mkdir -p "$out/state" "$out/profile"

status=0
"$binary" simulate --mock --pipeline conflict_report_chunked \
  --mock-config "$source_dir/test/budget/three_zones.mocks.json" --test-case ThreeZonesChunked \
  --state-dir "$out/state" >"$out/simulate.txt" 2>&1 || status=$?
if [ "$status" -ne 1 ]; then  # a chunk times out, so the run fails: exit 1
  echo "FAIL: simulate exited $status, expected 1"; cat "$out/simulate.txt"; exit 1
fi

"$binary" budget --pipeline conflict_report_chunked --include-mock --output html \
  --out "$out/budget.html" --state-dir "$out/state"

# --user-data-dir: a profile of its own, so parallel runs and $HOME stay untouched.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$out/profile" --force-device-scale-factor=1 \
  --screenshot="$out/budget.png" --window-size=1400,1000 "file://$out/budget.html" \
  >"$out/chromium.log" 2>&1 || { echo "FAIL: chromium failed"; cat "$out/chromium.log"; exit 1; }

exec python3 "$here/html_screenshot.py" "$out/budget.png" "$source_dir/lib/budget/html.h"
