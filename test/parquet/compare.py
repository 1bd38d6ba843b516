#!/usr/bin/env python3
"""Compares conflictctl's rows of each Parquet file (WORK/NAME.ours, from parquet_rows) with
DuckDB's (WORK/NAME.theirs, from reference.mjs). DuckDB's values are turned into the rendering
that lib/parquet/values.h documents, written here a second time from that header:

  integers                        exact (DuckDB's JSON gives 64-bit ones as strings)
  FLOAT, DOUBLE                   numbers; NaN and +-Infinity as strings
  VARCHAR, UUID                   the same text
  BLOB                            base64 of the bytes (DuckDB writes \\xNN escapes)
  DECIMAL(p, s)                   s = 0, p <= 18: an integer; s > 0, p <= 15: a number; else
                                  the exact digits as a string
  DATE                            YYYY-MM-DD; DuckDB's "(BC)" years as ISO 8601 negatives
  TIME, TIMESTAMP[_xx][ WITH TZ]  the same instant; fractions compared without trailing zeros
  INT96 (a TIMESTAMP in DuckDB)   truncated to the millisecond, as Athena reads it

Usage: compare.py WORK FILE...   Exit status 1 when a file differs.
"""
import base64
import json
import re
import sys
from pathlib import Path

# Files conflictctl refuses on purpose, and the start of the reason it must give.
REFUSED = {
    "nested.parquet": 'error: column "address" is nested',
    "list.parquet": 'error: column "tags" is nested',
    "orders_lz4.parquet": "error: row group 0, column \"id\": codec LZ4_RAW is not supported",
}


def blob(text):
    out = bytearray()
    i = 0
    while i < len(text):
        if text.startswith("\\x", i):
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        else:
            out.extend(text[i].encode())
            i += 1
    return base64.b64encode(bytes(out)).decode()


def trim_fraction(text):
    """'13:45:30.250000' and '13:45:30.25' alike: no trailing zeros, no lone dot."""
    text = re.sub(r"\+00$", "", text)
    if "." in text.split(" ")[-1]:
        text = text.rstrip("0").rstrip(".")
    return text


def bc_year(text):
    match = re.match(r"^(\d{4,})-(\d\d)-(\d\d) \(BC\)(.*)$", text)
    if match:
        year = int(match.group(1)) - 1
        return f"-{year:04}-{match.group(2)}-{match.group(3)}{match.group(4)}"
    return text


def expected(value, duckdb_type, physical):
    if value is None:
        return None
    t = duckdb_type
    if t in ("BIGINT", "UBIGINT", "HUGEINT", "UHUGEINT"):
        return int(value)
    if t in ("FLOAT", "DOUBLE"):
        return value if isinstance(value, str) else float(value)
    if t == "BLOB":
        return blob(value)
    decimal = re.match(r"DECIMAL\((\d+),(\d+)\)", t)
    if decimal:
        precision, scale = int(decimal.group(1)), int(decimal.group(2))
        if scale == 0 and precision <= 18:
            return int(value)
        if scale > 0 and precision <= 15:
            return float(value)
        return value
    if t == "DATE":
        return bc_year(value)
    if t.startswith("TIMESTAMP") or t == "TIME":
        text = bc_year(value)
        if physical == "INT96":
            match = re.match(r"^(.*\d\d:\d\d:\d\d)(?:\.(\d+))?$", text)
            text = match.group(1) + "." + ((match.group(2) or "") + "000")[:3]
        return trim_fraction(text)
    return value


def normalise_ours(value, duckdb_type):
    if isinstance(value, str) and (duckdb_type.startswith("TIMESTAMP") or duckdb_type == "TIME"):
        return trim_fraction(value)
    return value


def compare(work, file):
    name = Path(file).name
    ours = (work / f"{name}.ours").read_text().splitlines()
    theirs = (work / f"{name}.theirs").read_text().splitlines()
    if name in REFUSED:
        if len(ours) == 1 and ours[0].startswith(REFUSED[name]):
            print(f"ok   {name}: refused as documented ({ours[0][7:]})")
            return True
        print(f"FAIL {name}: expected a refusal starting {REFUSED[name]!r}, got {ours[:2]}")
        return False
    header = json.loads(theirs[0])
    if isinstance(header, dict):
        print(f"FAIL {name}: DuckDB cannot read it: {header['error']}")
        return False
    if ours and ours[-1].startswith("error: "):
        print(f"FAIL {name}: conflictctl: {ours[-1]}")
        return False
    rows_theirs = [json.loads(line) for line in theirs[1:]]
    rows_ours = [json.loads(line) for line in ours]
    if len(rows_ours) != len(rows_theirs):
        print(f"FAIL {name}: {len(rows_ours)} rows here, {len(rows_theirs)} in DuckDB")
        return False
    for index, (mine, reference) in enumerate(zip(rows_ours, rows_theirs)):
        for column in header:
            key = column["name"]
            want = expected(reference[key], column["duckdb_type"], column["physical_type"])
            got = normalise_ours(mine.get(key), column["duckdb_type"])
            if got != want or type(got) is not type(want):
                print(f"FAIL {name}: row {index}, column {key!r} ({column['duckdb_type']}): "
                      f"conflictctl {got!r}, DuckDB {want!r}")
                return False
    print(f"ok   {name}: {len(rows_ours)} rows, {len(header)} columns")
    return True


def main():
    work = Path(sys.argv[1])
    results = [compare(work, file) for file in sys.argv[2:]]
    failed = results.count(False)
    print(f"{results.count(True)} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
