#!/bin/sh
# Fails when a test names a fixed path under the temp directory: ctest runs test cases two at
# a time in processes of their own, so two of them (or one test's cleanup and another's files)
# would meet there. A test makes its folder with test/scratch_dir.h (mkdtemp) instead; a
# mkdtemp pattern ("…XXXXXX") is allowed.
cd "$(dirname "$0")/.." || exit 2
found=$(grep -rnE --include='*_test.cc' --include='test_support.h' \
          'temp_directory_path\(\) */ *"' lib test | grep -v 'XXXXXX' || true)
if [ -n "$found" ]; then
  echo "tests that write to a fixed path under the temp directory (use test/scratch_dir.h):"
  echo "$found"
  exit 1
fi
echo "no test writes to a fixed path under the temp directory"
