// Runs one workload of bench/race/workloads.py with aws-local-stepfunctions, the speed peer,
// and prints the execution's output as one line of JSON.
//
//   PEER_DIR=<folder with node_modules/aws-local-stepfunctions> node peer.mjs WORKLOAD_DIR
//
// Task states answer as peer.json says (no network); every Wait and Retry pause is
// overridden to 0 ms, so the peer's time is its own interpretation, not sleeping.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// aws-local-stepfunctions 3 asks for Node 22; Node 20 (Debian's) lacks only this.
Promise.withResolvers ??= function () {
  let resolve, reject;
  const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
};

const dir = process.argv[2];
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const { StateMachine } = await import(
  join(process.env.PEER_DIR, 'node_modules/aws-local-stepfunctions/build/main.node.esm.js'));

const definition = read('definition.asl.json');
const answers = read('peer.json');

const handlers = {};
for (const [state, answer] of Object.entries(answers)) {
  const calls = new Map();  // input → calls so far
  handlers[state] = async (input) => {
    const key = JSON.stringify(input);
    const n = calls.get(key) ?? 0;
    calls.set(key, n + 1);
    if (n < (answer.fail_first ?? 0)) {
      const error = new Error('try again');
      error.name = answer.error;
      throw error;
    }
    return answer.returns;
  };
}

const waits = {};
const retries = {};
const visit = (machine) => {
  for (const [name, state] of Object.entries(machine.States)) {
    if (state.Type === 'Wait') waits[name] = 0;
    if (state.Retry) retries[name] = 0;
    for (const nested of [state.Iterator, state.ItemProcessor, ...(state.Branches ?? [])])
      if (nested) visit(nested);
  }
};
visit(definition);

const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
const execution = machine.run(read('input.json'), {
  overrides: {
    taskResourceLocalHandlers: handlers,
    waitTimeOverrides: waits,
    retryIntervalOverrides: retries,
  },
});
process.stdout.write(JSON.stringify(await execution.result) + '\n');
