// Reads each Parquet file with DuckDB and writes WORK/NAME.theirs: a first line with the
// columns ({"name", "duckdb_type", "physical_type"} each, the physical type from the file's
// own schema) and then one line a row, DuckDB's values as its JSON conversion gives them.
// With --generate OUT SEED instead of WORK FILE..., it first writes random files to OUT: the
// seeded random rows of every type, with nulls, in each codec and page version, row groups of
// varying size. Used by test/parquet/differential.sh.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, ...rest] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), 'x.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const db = await DuckDBInstance.create(':memory:');
const sql = await db.connect();
await sql.run("SET TimeZone = 'UTC'");
await sql.run('SET threads = 1');

if (rest[0] === '--generate') {
  const [, out, seed] = rest;
  await sql.run(`SELECT setseed(${Number(seed) % 1000 / 1000})`);
  // A value, or NULL one time in `nulls`.
  const maybe = (expression, nulls) =>
    `CASE WHEN random() < ${1 / nulls} THEN NULL ELSE ${expression} END`;
  const select = `SELECT i AS id,
      ${maybe("(random() * 4e9 - 2e9)::INTEGER", 5)} AS i32,
      ${maybe("(random() * 1.8e19 - 9e18)::BIGINT", 4)} AS i64,
      ${maybe("(random() * 255)::UTINYINT", 6)} AS u8,
      ${maybe("(random() * 1.8e19)::UBIGINT", 6)} AS u64,
      ${maybe("random() < 0.5", 3)} AS flag,
      ${maybe("(random() * 2e6 - 1e6)::FLOAT", 5)} AS f32,
      ${maybe("(random() - 0.5) * pow(10, (random() * 40 - 20)::INTEGER)", 5)} AS f64,
      ${maybe("md5(i::VARCHAR)[1:(random() * 32)::INTEGER]", 4)} AS text,
      ${maybe("'city-' || (random() * 9)::INTEGER", 3)} AS city,
      ${maybe("(random() * 2e7 - 1e7)::DECIMAL(9,2)", 4)} AS dec9,
      ${maybe("(random() * 1e30)::DECIMAL(38,6)", 4)} AS dec38,
      ${maybe("DATE '1970-01-01' + (random() * 80000 - 40000)::INTEGER", 5)} AS day,
      ${maybe("TIMESTAMP '1970-01-01' + to_microseconds((random() * 4e15 - 2e15)::BIGINT)", 5)}
        AS ts,
      ${maybe("TIME '00:00:00' + to_microseconds((random() * 8.64e10)::BIGINT)", 5)} AS clock,
      ${maybe("gen_random_uuid()", 5)} AS uid,
      ${maybe("md5(i::VARCHAR)::BLOB", 5)} AS bytes
    FROM range((random() * 3000)::INTEGER + 1) r(i)`;
  let n = 0;
  for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd']) {
    for (const version of ['v1', 'v2']) {
      const rows = 100 + (Number(seed) * (n + 7) * 7919) % 1000;
      const file = path.join(out, `random_${n++}_${codec}_${version}.parquet`);
      await sql.run(`COPY (${select}) TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, ` +
                    `PARQUET_VERSION ${version}, ROW_GROUP_SIZE ${rows})`);
    }
  }
  process.exit(0);
}
const [work, ...files] = rest;

for (const file of files) {
  const name = path.basename(file);
  const quoted = file.replaceAll("'", "''");
  const lines = [];
  try {
    const schema = await sql.runAndReadAll(
        `SELECT name, type FROM parquet_schema('${quoted}') WHERE type IS NOT NULL`);
    const physical = Object.fromEntries(schema.getRows().map(([n, t]) => [n, t]));
    const result = await sql.runAndReadAll(`SELECT * FROM read_parquet('${quoted}')`);
    const columns = result.columnNames().map((column, i) => ({
      name: column, duckdb_type: result.columnTypes()[i].toString(),
      physical_type: physical[column] ?? null }));
    lines.push(JSON.stringify(columns));
    for (const row of result.getRowObjectsJson()) lines.push(JSON.stringify(row));
  } catch (error) {
    lines.length = 0;
    lines.push(JSON.stringify({ error: String(error.message ?? error) }));
  }
  fs.writeFileSync(path.join(work, `${name}.theirs`), lines.join('\n') + '\n');
}
