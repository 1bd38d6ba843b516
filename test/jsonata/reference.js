// The reference side of the JSONata differential check (test/jsonata/differential.sh):
// reads cases as JSON Lines {"expr", "input", "bindings"} on stdin and prints one JSON line per
// case with jsonata-js's answer: {"result": value} ({} for undefined) or {"error": code}.
// Usage: node reference.js NODE_MODULES_DIR < cases.jsonl
'use strict';
const path = require('path');
const readline = require('readline');
const jsonata = require(path.join(process.argv[2], 'jsonata'));

async function run(line) {
  const c = JSON.parse(line);
  try {
    const expression = jsonata(c.expr);
    const result = await expression.evaluate(c.input, c.bindings || {});
    if (result === undefined) return {};
    // As the C++ side prints: through JSON (functions dropped, sequences as arrays).
    // Functions print as "" (as $string prints them); lambdas hold circular environments.
    const isFunction = (v) => typeof v === 'function' ||
        (v !== null && typeof v === 'object' && (v._jsonata_lambda || v._jsonata_function));
    const text = JSON.stringify(result, (k, v) => isFunction(v) ? '' : v);
    return text === undefined ? {result: ''} : {result: JSON.parse(text)};
  } catch (e) {
    return {error: e.code || ('JS:' + (e.message || String(e)).slice(0, 80))};
  }
}

(async () => {
  const rl = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
  const lines = [];
  for await (const line of rl) if (line.trim() !== '') lines.push(line);
  for (const line of lines) process.stdout.write(JSON.stringify(await run(line)) + '\n');
})();
