#!/usr/bin/env bash
# The fake AWS endpoint (test/aws/fake_aws.py) checked against the official AWS SDK for
# JavaScript v3 (sdk_check.mjs): the SDK's requests must be accepted and its parsers must read
# the fake's answers, so the fake speaks AWS's protocols, not only conflictctl's.
#
# Usage: test/aws/sdk_check.sh CONFLICTCTL BUILD_DIR
# Installs @aws-sdk/client-lambda, client-sfn, client-secrets-manager and client-scheduler
# (major version 3) with npm into BUILD_DIR/npm-aws-sdk when they are not there; exits 77
# (skipped) when node or npm is missing or the install fails, except in CI (CI=true), where the
# check must run.
set -euo pipefail
conflictctl="$1"
build="$(cd "$2" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"

unavailable() {
  echo "$1"
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
  exit 77
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  unavailable "skipped: node and npm are needed for the AWS SDK for JavaScript"
fi
cache="$build/npm-aws-sdk"
modules="$cache/node_modules"
packages=(@aws-sdk/client-lambda@3 @aws-sdk/client-sfn@3 @aws-sdk/client-secrets-manager@3
          @aws-sdk/client-scheduler@3)
if [[ ! -f "$modules/@aws-sdk/client-sfn/package.json" \
   || ! -f "$modules/@aws-sdk/client-lambda/package.json" \
   || ! -f "$modules/@aws-sdk/client-secrets-manager/package.json" \
   || ! -f "$modules/@aws-sdk/client-scheduler/package.json" ]]; then
  if ! npm install --silent --no-audit --no-fund --prefix "$cache" "${packages[@]}" \
       >/dev/null 2>&1; then
    unavailable "skipped: npm install ${packages[*]} failed"
  fi
fi
exec node --no-warnings "$here/sdk_check.mjs" "$modules" "$conflictctl"
