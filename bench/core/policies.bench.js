// @faultline/core against cockatiel and opossum, same process, same run: see README.md.
//
//   npm run bench:core [-- --rounds 15 --time 100 --latency-time 50 --warmup 50 --only bare,breaker --no-write]
//
// Runs against the BUILT package (packages/core/dist, which `npm run bench:core` builds first):
// running the TypeScript sources through a loader wraps closures and distorts the figures.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { calibrate, measure, ratiosOf, subjectsOf } from './measure.js';
import { describeMachine, printResults, resultsJson, resultsMarkdown } from './report.js';
import { TARGETS, buildScenarios } from './scenarios.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    time: { type: 'string', default: '100' },
    'latency-time': { type: 'string', default: '50' },
    warmup: { type: 'string', default: '50' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

function positive(name) {
  const value = Number(args[name]);
  if (!(value > 0)) throw new Error(`--${name}: expected a positive number, got ${args[name]}`);
  return value;
}

const settings = {
  rounds: positive('rounds'),
  time: positive('time'),
  latencyTime: positive('latency-time'),
  warmupTime: positive('warmup'),
};

const machine = describeMachine();
const date = new Date().toISOString();
const { scenarios, verify, dispose } = buildScenarios();
await verify();

const only = args.only;
// --only takes comma-separated parts of scenario names ("bare,5-policy"), for a quick look at a few.
const parts = only?.split(',');
const chosen =
  parts === undefined
    ? scenarios
    : scenarios.filter((scenario) => parts.some((part) => scenario.name.includes(part)));
const subjects = subjectsOf(chosen);
await calibrate(subjects);
console.log(`calls per batch: ${subjects.map((subject) => `${subject.key} ${subject.batch}`).join(', ')}`);
console.log(
  `${subjects.length} subjects, ${settings.rounds} rounds; ${machine.cpu} ×${machine.cpus}, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`,
);

const { medians, perRound } = await measure(subjects, {
  ...settings,
  onRound: (round) => console.log(`round ${round}/${settings.rounds} done`),
});
await verify();
dispose();

const chosenKeys = new Set(subjects.map((subject) => subject.key));
const targets = TARGETS.filter(
  (target) => chosenKeys.has(target.numerator) && chosenKeys.has(target.denominator),
);
const ratios = ratiosOf(targets, perRound);
printResults({ subjects, medians, ratios });

if (!args['no-write'] && only === undefined) {
  const loadAverageAtEnd = os.loadavg().map((load) => Number(load.toFixed(2)));
  const run = { machine, settings, subjects, medians, perRound, ratios, date, loadAverageAtEnd };
  const json = resultsJson(run);
  json.machine.loadAverageAtEnd = loadAverageAtEnd;
  // Formatted as the repository's Prettier formats it, so that `npm run lint` passes on it.
  const jsonUrl = new URL('results.json', import.meta.url);
  const prettier = await import('prettier');
  const config = await prettier.resolveConfig(jsonUrl);
  writeFileSync(jsonUrl, await prettier.format(JSON.stringify(json), { ...config, parser: 'json' }));
  writeFileSync(new URL('RESULTS.md', import.meta.url), resultsMarkdown(run));
  console.log('\nwrote bench/core/results.json and bench/core/RESULTS.md');
}
