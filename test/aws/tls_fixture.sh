# Sourced by the TLS tests (tls_test.sh, libpq_tls_test.sh); both functions work in the current
# folder.
#
# make_test_ca writes a test CA (ca.crt, ca.key), another CA the server is not signed by (other.crt), and a
# server certificate for 127.0.0.1 that the test CA signs (server.crt, server.key). Needs
# openssl; the certificates are valid for two days.
make_test_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=conflictctl test CA" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=another CA" \
    -keyout other.key -out other.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key \
    -out server.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile san.ext -out server.crt 2>/dev/null
}

# unpack_package BINARY: the Lambda package of BINARY, unzipped as Lambda does, in task/ (a
# stripped copy, as docs/deploy.md packages it); sets `loader` to the dynamic loader it carries.
unpack_package() {
  objcopy --strip-all "$1" conflictctl
  env -i HOME="$PWD" PATH="$PATH" ./conflictctl package --out package.zip >/dev/null
  unzip -q package.zip -d task
  loader=$(cd task/lib && ls ld-linux* | head -n 1)
}
