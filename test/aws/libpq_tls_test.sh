#!/bin/bash
# libpq's verify modes with the CA bundle the runtime finds (issue 16, item 9; aws/ca_bundle.h):
# the unzipped Lambda package's `lambda-runtime`, run with Debian's CA paths hidden and a test
# CA at Amazon Linux 2023's /etc/pki/tls/certs/ca-bundle.crt, connects with
# POSTGRES_SSLMODE=verify-full to a PostgreSQL whose server certificate that CA signed (for
# 127.0.0.1), and its validate_config answers with the server's version; with another CA
# there, the same invocation fails with libpq's "certificate verify failed" (so verification is
# on, not skipped). The PostgreSQL is this test's own (ssl=on, hostssl only), started as
# test/throwaway-postgres.sh starts its server; the invocations come through
# test/aws/fake_aws.py's Runtime API.
#
# Usage: libpq_tls_test.sh CONFLICTCTL WORKDIR. Needs root (a private mount namespace: unshare
# -m, where /etc is replaced by a folder of the test's), PostgreSQL 15's binaries (PG_BIN,
# default /usr/lib/postgresql/15/bin), psql, openssl, unzip and python3; exits 77 (skipped)
# without them.
set -euo pipefail
binary=$(realpath "$1")
work=$(cd "$2" && pwd)/libpq_tls_test
here=$(cd "$(dirname "$0")" && pwd)
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
for tool in unshare openssl unzip python3 objcopy psql runuser; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not found"; exit 77; }
done
[ -x "$PG_BIN/initdb" ] || { echo "skipped: no PostgreSQL 15 in $PG_BIN"; exit 77; }
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
  echo "skipped: needs root for a private mount namespace"; exit 77
fi
rm -rf "$work"; mkdir -p "$work"
fake_pid=
pg_started=
cleanup() {
  [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null
  [ -n "$pg_started" ] && (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$work/pg/data" \
    -m immediate stop >/dev/null 2>&1)
  wait 2>/dev/null; true
}
trap cleanup EXIT
cd "$work"
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# A test CA, another CA, and a server certificate for 127.0.0.1 that the first one signs.
. "$here/tls_fixture.sh"
make_test_ca

# The PostgreSQL: TLS only over TCP (hostssl), a password role owning its database.
mkdir -p pg
cp server.crt server.key pg/
chmod 600 pg/server.key
chown -R postgres:postgres pg
chmod 755 "$work"
(cd pg && runuser -u postgres -- "$PG_BIN/initdb" -D "$work/pg/data" -U postgres \
  --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync >initdb.log 2>&1) \
  || { cat pg/initdb.log; exit 1; }
printf 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n' > pg/data/pg_hba.conf
chown postgres:postgres pg/data/pg_hba.conf
pg_port=$(free_port)
(cd pg && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" \
  -w -t 60 -o "-p $pg_port -k '$work/pg' -c listen_addresses=127.0.0.1 -c fsync=off \
  -c ssl=on -c ssl_cert_file='$work/pg/server.crt' -c ssl_key_file='$work/pg/server.key'" \
  start >/dev/null) || { cat pg/server.log; exit 1; }
pg_started=1
password=tls-test-$RANDOM$RANDOM
psql -qX -h "$work/pg" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE app LOGIN PASSWORD '$password'" -c "CREATE DATABASE app OWNER app" >/dev/null
database_env=(POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$pg_port" POSTGRES_DATABASE=app
              POSTGRES_USER=app POSTGRES_PASSWORD="$password")
env -i HOME="$work" PATH="$PATH" "${database_env[@]}" POSTGRES_SSLMODE=require \
  "$binary" db init >init.txt 2>&1 || { cat init.txt; exit 1; }

unpack_package "$binary"

cat > config.json <<'JSON'
{"credentials": {"AKIDEXAMPLE": {"secret": "tls-test-secret"}},
 "functions": {"etl-pipeline-function": {"behaviour": "runtime", "timeout_seconds": 30}}}
JSON
python3 "$here/fake_aws.py" --config config.json --port-file port &
fake_pid=$!
for _ in $(seq 100); do [ -s port ] && break; sleep 0.1; done
port=$(cat port)

mkdir -p al2023-etc/pki/tls/certs other-etc/pki/tls/certs
cp ca.crt al2023-etc/pki/tls/certs/ca-bundle.crt
cp other.crt other-etc/pki/tls/certs/ca-bundle.crt

# validate_config through the package's runtime with ETC_DIR as /etc; prints the fake's
# /test/invoke answer (JSON).
validate_with() {
  unshare -m /bin/sh -c '
    mount --bind "$1" /etc || exit 90
    [ ! -e /etc/ssl/certs/ca-certificates.crt ] || exit 91
    shift
    exec env -i "$@"
  ' sh "$1" HOME="$work" AWS_LAMBDA_RUNTIME_API="127.0.0.1:$port" "${database_env[@]}" \
    POSTGRES_SSLMODE=verify-full "$work/task/lib/$loader" --library-path "$work/task/lib" \
    "$work/task/bin/conflictctl" lambda-runtime --max-invocations 1 >runtime.out 2>runtime.txt &
  local runtime=$!
  python3 - "$port" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/test/invoke/etl-pipeline-function?timeout_seconds=30",
    data=json.dumps({"action": "validate_config"}).encode(), method="POST")
with urllib.request.urlopen(request, timeout=60) as answer:
    print(answer.read().decode())
PY
  wait "$runtime" || true
}

answer=$(validate_with "$work/al2023-etc")
if ! python3 -c '
import json, sys
a = json.loads(sys.argv[1])
assert a["outcome"] == "response", a
assert a["body"]["statusCode"] == 200, a
assert a["body"]["body"]["config"]["server_version"].startswith("15"), a
' "$answer"; then
  echo "FAIL: with the CA at the AL2023 path, verify-full did not connect"
  echo "$answer"; cat runtime.txt; exit 1
fi
echo "ok: verify-full connected to 127.0.0.1:$pg_port with the CA at the AL2023 path"

answer=$(validate_with "$work/other-etc")
if ! python3 -c '
import json, sys
a = json.loads(sys.argv[1])
assert a["outcome"] == "error", a
assert "certificate verify failed" in a["body"]["errorMessage"], a
' "$answer"; then
  echo "FAIL: with another CA at the AL2023 path, the server certificate was not refused"
  echo "$answer"; cat runtime.txt; exit 1
fi
echo "ok: with another CA at the AL2023 path, verify-full refuses the server's certificate"
