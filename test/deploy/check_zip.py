#!/usr/bin/env python3
"""The Lambda package as Lambda and its users read it.

Runs `conflictctl package --out TMP/package.zip`, then checks that Python's zipfile and Info-ZIP
unzip read the zip (CRCs included), that bootstrap, bin/conflictctl and the loader are
executable, that every library `ldd bin/conflictctl` lists is under lib/ (and libpq and libcurl,
which it opens on first use, with theirs), that the bundled
loader resolves every library from lib/ and runs `conflictctl --version`, and that bootstrap
runs the loader. Also: an unwritable --out is a usage error (exit 2) naming the path, before anything is built.

Usage: check_zip.py CONFLICTCTL
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile

LOADER = "ld-linux-x86-64.so.2"
ON_DEMAND = ("libpq.so.5", "libcurl.so.4")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def ldd_names(program):
    """The file names `ldd` lists for `program`, without the vDSO."""
    listed = run(["ldd", program])
    check(listed.returncode == 0, f"ldd {program} failed: {listed.stderr}")
    names = []
    for line in listed.stdout.splitlines():
        first = line.split()[0] if line.split() else ""
        if first.startswith("linux-vdso") or not first:
            continue
        names.append(os.path.basename(first))
    return names


def extract_with_modes(archive, root):
    """Extracts like unzip does on Unix: each file gets the mode of its external attributes."""
    with zipfile.ZipFile(archive) as package:
        for info in package.infolist():
            path = package.extract(info, root)
            os.chmod(path, (info.external_attr >> 16) & 0o7777)


def main():
    with tempfile.TemporaryDirectory(prefix="conflictctl_package_") as tmp:
        # Packaged as docs/deploy.md says: a copy without debug information (the Debug and
        # sanitizer builds are over Lambda's 250 MB with it).
        conflictctl = os.path.join(tmp, "conflictctl")
        stripped = run(["objcopy", "--strip-all", os.path.abspath(sys.argv[1]), conflictctl])
        check(stripped.returncode == 0, f"objcopy failed: {stripped.stderr}")
        archive = os.path.join(tmp, "package.zip")
        written = run([conflictctl, "package", "--out", archive])
        if not check(written.returncode == 0,
                     f"package exited {written.returncode}: {written.stderr}"):
            return
        check(f"wrote {archive}: " in written.stdout, f"no summary line: {written.stdout!r}")
        check(f"lib/{LOADER}" in written.stdout, f"the loader is not named: {written.stdout!r}")
        check("docs/deploy.md" in written.stdout, f"no next step: {written.stdout!r}")

        with zipfile.ZipFile(archive) as package:
            check(package.testzip() is None, "zipfile: a CRC does not match")
            infos = {info.filename: info for info in package.infolist()}
            for name in ("bootstrap", "bin/conflictctl", f"lib/{LOADER}"):
                info = infos.get(name)
                if not check(info is not None, f"{name} is missing"):
                    continue
                mode = info.external_attr >> 16
                check(info.create_system == 3, f"{name}: not made by Unix ({info.create_system})")
                check(stat.S_ISREG(mode) and mode & 0o777 == 0o755, f"{name}: mode {oct(mode)}")
            bootstrap = package.read("bootstrap").decode()
        check(bootstrap.startswith("#!/bin/sh\n"), "bootstrap is not a sh script")
        check(f'exec "$root/lib/{LOADER}" --library-path "$root/lib" "$root/bin/conflictctl" '
              'lambda-runtime "$@"' in bootstrap,
              f"bootstrap does not run the loader:\n{bootstrap}")

        root = os.path.join(tmp, "root")
        extract_with_modes(archive, root)
        lib = os.path.join(root, "lib")
        program = os.path.join(root, "bin", "conflictctl")
        for name in ldd_names(program):
            check(os.path.isfile(os.path.join(lib, name)), f"ldd lists {name}, not in lib/")
        # libpq and libcurl are opened on first use (core/shared_library.h), so ldd does not
        # list them: the package must hold them and what they need all the same.
        for opened in ON_DEMAND:
            path = os.path.join(lib, opened)
            if not check(os.path.isfile(path), f"{opened} (opened on first use) is not in lib/"):
                continue
            for name in ldd_names(path):
                check(os.path.isfile(os.path.join(lib, name)),
                      f"ldd {opened} lists {name}, not in lib/")

        loader = os.path.join(lib, LOADER)
        listed = run([loader, "--library-path", lib, "--list", program])
        check(listed.returncode == 0, f"{LOADER} --list failed: {listed.stderr}")
        for line in listed.stdout.splitlines():
            if "=>" in line:
                resolved = line.split("=>")[1].split()[0]
                check(resolved.startswith(lib + "/"),
                      f"resolved outside the package: {line.strip()}")
        version = run([loader, "--library-path", lib, program, "--version"])
        check(version.returncode == 0 and version.stdout.startswith("conflictctl "),
              f"the bundled loader did not run conflictctl --version: {version.returncode} "
              f"{version.stdout!r} {version.stderr!r}")

        unzip = shutil.which("unzip")
        if check(unzip is not None, "unzip is not installed (.ci/install-deps)"):
            tested = run([unzip, "-tq", archive])
            check(tested.returncode == 0, f"unzip -t: {tested.stdout}{tested.stderr}")
            unzipped = os.path.join(tmp, "unzipped")
            run([unzip, "-q", archive, "-d", unzipped])
            for name in ("bootstrap", "bin/conflictctl", f"lib/{LOADER}"):
                check(os.access(os.path.join(unzipped, name), os.X_OK),
                      f"unzip: {name} is not executable")

        bad = os.path.join(tmp, "missing-dir", "package.zip")
        refused = run([conflictctl, "package", "--out", bad])
        check(refused.returncode == 2, f"unwritable --out exited {refused.returncode}, not 2")
        check(refused.stderr == f"--out: {bad}: cannot write file: No such file or directory\n"
              "Run with --help for more information.\n",
              f"unwritable --out: {refused.stderr!r}")


if __name__ == "__main__":
    main()
    for failure in failures:
        print(f"FAIL: {failure}")
    sys.exit(1 if failures else 0)
