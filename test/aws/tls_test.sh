#!/bin/bash
# TLS inside the function (issue 16, item 9): the unzipped Lambda package, run with Debian's CA
# paths hidden and a test CA at Amazon Linux 2023's /etc/pki/tls/certs/ca-bundle.crt, verifies
# an HTTPS server that CA signed (aws/ca_bundle.h), and refuses it when the bundle there holds
# another CA (so verification is on, not skipped). The HTTPS server is test/aws/fake_aws.py
# with --tls-cert; the call, a Lambda Invoke by `conflictctl execute --remote` through the
# package's own loader and libraries.
#
# Usage: tls_test.sh CONFLICTCTL WORKDIR. Needs root (a private mount namespace: unshare -m,
# where /etc is replaced by a folder of the test's), openssl, unzip and python3; exits 77
# (skipped) without them.
set -euo pipefail
binary=$1
work=$2/tls_test
here=$(cd "$(dirname "$0")" && pwd)
for tool in unshare openssl unzip python3 objcopy; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not found"; exit 77; }
done
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
  echo "skipped: needs root for a private mount namespace"; exit 77
fi
rm -rf "$work"; mkdir -p "$work"
fake_pid=
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; wait 2>/dev/null; true; }
trap cleanup EXIT

# A test CA and a certificate for 127.0.0.1 that it signs.
cd "$work"
. "$here/tls_fixture.sh"
make_test_ca

unpack_package "$binary"

cat > config.json <<'JSON'
{"credentials": {"AKIDEXAMPLE": {"secret": "tls-test-secret"}},
 "functions": {"echo-fn": {"behaviour": "echo"}}}
JSON
cat > machine.asl.json <<'JSON'
{"StartAt": "Call", "States": {"Call": {"Type": "Task",
 "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo-fn", "End": true}}}
JSON
python3 "$here/fake_aws.py" --config config.json --port-file port --tls-cert server.crt \
  --tls-key server.key &
fake_pid=$!
for _ in $(seq 100); do [ -s port ] && break; sleep 0.1; done
port=$(cat port)

# /etc as an Amazon Linux 2023 host would have it for TLS: only its CA bundle (here the test
# CA); no /etc/ssl, so Debian's bundle (and /usr/lib/ssl/certs, a link into it) is gone.
mkdir -p al2023-etc/pki/tls/certs other-etc/pki/tls/certs
cp ca.crt al2023-etc/pki/tls/certs/ca-bundle.crt
cp other.crt other-etc/pki/tls/certs/ca-bundle.crt

run_package() {  # ETC_DIR: the package's execute --remote with ETC_DIR as /etc
  unshare -m /bin/sh -c '
    mount --bind "$1" /etc || exit 90
    [ ! -e /etc/ssl/certs/ca-certificates.crt ] || exit 91
    exec env -i HOME="$2" AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=tls-test-secret \
      AWS_REGION=us-east-1 AWS_ENDPOINT_URL_LAMBDA="https://127.0.0.1:$3" \
      AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent \
      "$2/task/lib/$4" --library-path "$2/task/lib" "$2/task/bin/conflictctl" \
      execute --definition "$2/machine.asl.json" --input "{\"tls\": \"verified\"}" --remote \
      --output json --no-record
  ' sh "$1" "$work" "$port" "$loader"
}

status=0
out=$(run_package "$work/al2023-etc" 2>err.txt) || status=$?
if [ "$status" != 0 ] || ! grep -q '"status": *"SUCCEEDED"' <<<"$out" \
    || ! grep -q '"tls": *"verified"' <<<"$out"; then
  echo "FAIL: with the CA at the AL2023 path, the call did not verify (exit $status)"
  echo "$out"; cat err.txt; exit 1
fi
echo "ok: the package verified https://127.0.0.1:$port with the CA at the AL2023 path"

status=0
out=$(run_package "$work/other-etc" 2>err.txt) || status=$?
if [ "$status" = 0 ] || ! grep -q '"status":"FAILED"' <<<"$out" \
    || ! grep -q 'Http.ConnectionFailed: 127.0.0.1:[0-9]*: SSL peer certificate' <<<"$out"; then
  echo "FAIL: with another CA at the AL2023 path, the certificate was not refused (exit $status)"
  echo "$out"; cat err.txt; exit 1
fi
echo "ok: with another CA at the AL2023 path, the certificate is refused"
