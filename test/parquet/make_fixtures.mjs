// Makes the small .parquet files that conflictctl's Parquet reader is tested on
// (lib/parquet/*_test.cc, test/golden/map_reader_parquet_*.json, test/parquet/differential.sh).
// They are committed; the build and the tests never run this script. To make them again:
//
//   npm install --prefix /tmp/parquet-tools @duckdb/node-api@1.5.6-r.1 parquetjs-lite@0.8.7
//   node test/parquet/make_fixtures.mjs /tmp/parquet-tools/node_modules test/golden/files/parquet
//
// Two independent writers, used only here as test tools (never linked into conflictctl):
//   - DuckDB (npm @duckdb/node-api) writes most files: every codec (UNCOMPRESSED, SNAPPY,
//     GZIP, ZSTD, and LZ4_RAW to be refused), data pages v1 (PARQUET_VERSION v1: PLAIN and
//     dictionaries) and v2 (PARQUET_VERSION v2: DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
//     BYTE_STREAM_SPLIT, RLE booleans), the logical types, nulls, several row groups, and a
//     nested column (refused).
//   - parquetjs-lite writes INT96, which DuckDB does not write. parquetjs-lite stores an INT96
//     as a 64-bit integer in the first 8 bytes and zero in the last 4 (the Julian day); the
//     script writes nanoseconds of the day and then sets each value's Julian day in the
//     uncompressed, checksum-free page, which gives the Impala/Spark timestamp layout
//     (8 bytes of nanoseconds of the day, 4 of Julian day, little-endian).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, out] = process.argv.slice(2);
if (!modules || !out) {
  console.error('usage: node make_fixtures.mjs NODE_MODULES OUT_DIR');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'x.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const parquet = require('parquetjs-lite');
fs.mkdirSync(out, { recursive: true });
const db = await DuckDBInstance.create(':memory:');
const sql = await db.connect();

async function write(name, select, options) {
  const file = path.join(out, name);
  await sql.run(`COPY (${select}) TO '${file}' (FORMAT parquet, ${options})`);
  console.log('wrote', file);
}

// Orders: a small table written with every codec and both page versions, in row groups of 2
// rows (ROW_GROUP_SIZE is a minimum for DuckDB's own threads; one thread keeps it exact).
await sql.run('SET threads = 1');
const orders = `SELECT * FROM (VALUES
    (1, 'Ada', 12.5::DOUBLE, 'first'),
    (2, 'Lin', 7.25::DOUBLE, NULL),
    (3, 'Smith, Jr.', 0.0::DOUBLE, 'said "hi"'),
    (4, 'Zoë', -3.5::DOUBLE, NULL),
    (5, 'Ada', 100.0::DOUBLE, 'last')) t(id, name, amount, note)`;
for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd']) {
  for (const version of ['v1', 'v2']) {
    await write(`orders_${codec}_${version}.parquet`, orders,
                `COMPRESSION ${codec}, PARQUET_VERSION ${version}, ROW_GROUP_SIZE 2`);
  }
}
await write('orders_lz4.parquet', orders, 'COMPRESSION lz4_raw');

// Every type a flat schema can hold, with nulls, in one row group (v1 and v2 pages).
const types = `SELECT * FROM (VALUES
  (true, 1::TINYINT, 300::SMALLINT, 70000::INTEGER, 9007199254740993::BIGINT,
   255::UTINYINT, 65535::USMALLINT, 4294967295::UINTEGER, 18446744073709551615::UBIGINT,
   1.5::FLOAT, 2.25::DOUBLE, 'text'::VARCHAR, '\\x00\\x01\\xFF'::BLOB,
   12.34::DECIMAL(4,2), -1234567.891::DECIMAL(12,3), 123456789012345678::DECIMAL(18,0),
   12345678901234567890123456.7890::DECIMAL(38,4),
   DATE '2024-01-31', TIME '13:45:30.25',
   TIMESTAMP '2024-01-31 13:45:30.123456', TIMESTAMP_MS '2024-01-31 13:45:30.123',
   TIMESTAMP_NS '2024-01-31 13:45:30.123456789', TIMESTAMPTZ '2024-01-31 13:45:30.5+00',
   '123e4567-e89b-12d3-a456-426614174000'::UUID, 'NaN'::DOUBLE),
  (NULL, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER,
   (-9223372036854775808)::BIGINT,
   0::UTINYINT, 0::USMALLINT, 0::UINTEGER, 0::UBIGINT,
   -0.125::FLOAT, -1e300::DOUBLE, '', ''::BLOB,
   -0.01::DECIMAL(4,2), 0::DECIMAL(12,3), -1::DECIMAL(18,0),
   -0.0001::DECIMAL(38,4),
   DATE '1969-12-31', TIME '00:00:00', TIMESTAMP '1900-01-01 00:00:00',
   TIMESTAMP_MS '1969-12-31 23:59:59.999', TIMESTAMP_NS '1970-01-01 00:00:00',
   TIMESTAMPTZ '2000-02-29 00:00:00+00', NULL, 'Infinity'::DOUBLE),
  (false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-Infinity'::DOUBLE)
  ) t(flag, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, text, bytes, dec_small, dec_mid,
      dec_int, dec_wide, day, clock, ts_us, ts_ms, ts_ns, ts_utc, id, special)`;
await write('types_v1.parquet', types, 'COMPRESSION snappy, PARQUET_VERSION v1');
await write('types_v2.parquet', types, 'COMPRESSION zstd, PARQUET_VERSION v2');

// Many rows with few distinct values: dictionary pages (v1: PLAIN_DICTIONARY/RLE_DICTIONARY)
// over several row groups; MaxItems and streaming are tested on it.
const many = `SELECT i AS n, 'city-' || (i % 7) AS city, (i % 3 = 0) AS third,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1.5::DOUBLE END AS half FROM range(1000) r(i)`;
await write('many_v1.parquet', many, 'COMPRESSION snappy, PARQUET_VERSION v1, ROW_GROUP_SIZE 300');
await write('many_v2.parquet', many, 'COMPRESSION gzip, PARQUET_VERSION v2, ROW_GROUP_SIZE 300');

// A nested column: refused.
await write('nested.parquet',
            `SELECT 1 AS id, {'street': 'Main', 'number': 5} AS address`, 'COMPRESSION snappy');
await write('list.parquet', `SELECT 1 AS id, [1, 2] AS tags`, 'COMPRESSION snappy');

// INT96 timestamps (parquetjs-lite, see the top of this file).
const int96 = [
  // [nanoseconds of the day, Julian day]: 2024-01-31 13:45:30.123456789,
  // 1970-01-01 00:00:00.001, 1969-12-31 23:59:59.999
  [49530123456789, 2460341],
  [1000000, 2440588],
  [86399999000000, 2440587],
];
{
  const schema = new parquet.ParquetSchema({
    id: { type: 'INT32' },
    at: { type: 'INT96', optional: true },
  });
  const file = path.join(out, 'int96.parquet');
  const writer = await parquet.ParquetWriter.openFile(schema, file, { useDataPageV2: false });
  for (let i = 0; i < int96.length; ++i) await writer.appendRow({ id: i + 1, at: int96[i][0] });
  await writer.appendRow({ id: int96.length + 1 });  // a null
  await writer.close();
  const bytes = fs.readFileSync(file);
  for (const [nanos, day] of int96) {
    const pattern = Buffer.alloc(12);
    pattern.writeBigInt64LE(BigInt(nanos), 0);
    let at = bytes.indexOf(pattern);
    let found = 0;
    while (at >= 0) {
      bytes.writeInt32LE(day, at + 8);
      found += 1;
      at = bytes.indexOf(pattern, at + 12);
    }
    if (found === 0) throw new Error(`INT96 value ${nanos} not found in ${file}`);
  }
  fs.writeFileSync(file, bytes);
  console.log('wrote', file);
}
