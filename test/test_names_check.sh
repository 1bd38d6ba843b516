#!/bin/sh
# Fails when a Catch test name starts with '-': ctest hands the name to the test binary, which
# reads it as an option ("--help…" printed Catch's help and passed without running the test).
# Names that match nothing (a ';', which CMake's lists split on, quotes, backslashes) fail by
# themselves: every Catch test runs under ctest with -w NoTests (CMakeLists.txt).
cd "$(dirname "$0")/.." || exit 2
found=$(grep -rnE --include='*.cc' 'TEST_CASE\( *"-' app lib test bench || true)
if [ -n "$found" ]; then
  echo "Catch test names with a leading '-' (the test binary would read them as options):"
  echo "$found"
  exit 1
fi
echo "no test name starts with '-'"
