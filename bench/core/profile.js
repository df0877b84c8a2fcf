// Runs one subject of the benchmark in a loop, for a CPU profile or a quick before/after look:
//
//   npx tsc -b packages/core/tsconfig.build.json
//   node bench/core/profile.js "success/5-policy pipeline/faultline"          # CPU time per call
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/core/profile.js "success/retry/faultline" 2000000
//
// Every subject runs first, as in the benchmark, so that the code it shares with the others (the
// pipeline, invoke, contextOf) has seen as many shapes and functions as it does there: a subject
// run alone can look 20% faster than it is in the benchmark.
import { buildScenarios } from './scenarios.js';

const [target, callsArgument] = process.argv.slice(2);
const calls = Number(callsArgument ?? 300_000);
const { scenarios, dispose } = buildScenarios();
const [path, name, library] = (target ?? '').split('/');
const op = scenarios.find((scenario) => scenario.path === path && scenario.name === name)?.subjects[library];
if (op === undefined) {
  const keys = scenarios.flatMap((scenario) =>
    Object.keys(scenario.subjects).map((lib) => `${scenario.path}/${scenario.name}/${lib}`),
  );
  throw new Error(`expected one of:\n  ${keys.join('\n  ')}\ngot ${target}`);
}

async function loop(run, count) {
  for (let i = 0; i < count; i++) await run();
}

for (const scenario of scenarios) {
  scenario.setup?.();
  for (const [lib, run] of Object.entries(scenario.subjects))
    // cockatiel's failing retries wait 1 ms per retry: a few are enough.
    await loop(run, lib === 'cockatiel' && scenario.path === 'failure' ? 20 : 3000);
}

const rounds = [];
for (let round = 0; round < 11; round++) {
  await loop(op, calls / 10);
  const before = process.cpuUsage();
  await loop(op, calls);
  const cpu = process.cpuUsage(before);
  rounds.push(((cpu.user + cpu.system) * 1000) / calls);
}
rounds.sort((a, b) => a - b);
console.log(`${target}: ${rounds[5].toFixed(0)} ns of CPU per call (median of 11 rounds of ${calls})`);
dispose();
