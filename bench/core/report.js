// Turns measurements into the printed table, bench/core/results.json and bench/core/RESULTS.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { BATCH_NS } from './measure.js';

const require = createRequire(import.meta.url);

/** The CPU model as /proc/cpuinfo names it (os.cpus() where there is no /proc). */
function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line !== undefined) return line.split(':')[1].trim();
  } catch {
    // Not Linux: fall through.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** The installed version of a package, read from its package.json on disk (some do not export it). */
function versionOf(name) {
  const entry = require.resolve(name);
  const root = entry.slice(0, entry.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}/`.length);
  return JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
}

/** The machine, runtime and library versions a result is only valid for. */
export function describeMachine() {
  return {
    cpu: cpuModel(),
    cpus: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
    versions: {
      '@faultline/core': JSON.parse(
        readFileSync(new URL('../../packages/core/package.json', import.meta.url)),
      ).version,
      cockatiel: versionOf('cockatiel'),
      opossum: versionOf('opossum'),
      tinybench: versionOf('tinybench'),
    },
  };
}

const PATHS = [
  ['success', 'Success path (the call succeeds)'],
  ['failure', 'Failure path (the call rejects; breakers configured never to open)'],
  ['rejected', 'Rejected path (an open breaker refuses the call)'],
];

function formatOps(ops) {
  return Math.round(ops).toLocaleString('en-US');
}

function formatNs(ns) {
  return ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${Math.round(ns)} ns`;
}

/** Ours over cockatiel's ops/s in the same scenario, as "1.9×", or "" where either is absent. */
function versusCockatiel(medians, subject, subjects) {
  if (subject.library !== 'faultline') return '';
  const peer = subjects.find(
    (s) => s.path === subject.path && s.scenario === subject.scenario && s.library === 'cockatiel',
  );
  if (peer === undefined) return '';
  return `${(medians.get(subject.key).opsPerSecond / medians.get(peer.key).opsPerSecond).toFixed(2)}×`;
}

function tableRows(subjects, medians) {
  return subjects.map((subject) => {
    const figures = medians.get(subject.key);
    return [
      subject.scenario,
      subject.library,
      formatOps(figures.opsPerSecond),
      formatNs(figures.meanNs),
      formatNs(figures.p99Ns),
      formatNs(figures.cpuNs),
      versusCockatiel(medians, subject, subjects),
    ];
  });
}

const HEADER = [
  'scenario',
  'library',
  'ops/s (median batch)',
  'mean',
  'p99 (single call)',
  'CPU per call',
  'ops/s vs cockatiel',
];

function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function formatRatio(value) {
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function targetRows(ratios) {
  return ratios.map((target) => [
    target.name,
    `${formatRatio(target.ratio)}×`,
    `${formatRatio(target.min)}–${formatRatio(target.max)}×`,
    `≥ ${target.atLeast}×`,
    target.pass ? 'PASS' : 'FAIL',
    `${formatRatio(target.cpuRatio)}×`,
  ]);
}

const TARGET_HEADER = [
  'target',
  'ops/s ratio (median of rounds)',
  'range over rounds',
  'needed',
  'result',
  'same ratio in CPU time',
];

/** Prints the results to the console. */
export function printResults({ subjects, medians, ratios }) {
  for (const [path, title] of PATHS) {
    console.log(`\n${title}`);
    console.table(
      tableRows(
        subjects.filter((subject) => subject.path === path),
        medians,
      ).map((row) => Object.fromEntries(HEADER.map((column, index) => [column, row[index]]))),
    );
  }
  console.log('\nTargets (ops/s ratios)');
  console.table(
    targetRows(ratios).map((row) =>
      Object.fromEntries(TARGET_HEADER.map((column, index) => [column, row[index]])),
    ),
  );
}

/** The machine-readable results: every figure, every round, every ratio. */
export function resultsJson({ machine, settings, subjects, medians, perRound, ratios, date }) {
  return {
    date,
    machine,
    settings: { ...settings, batchNs: BATCH_NS },
    results: subjects.map((subject) => ({
      path: subject.path,
      scenario: subject.scenario,
      library: subject.library,
      batch: subject.batch,
      ...roundFigures(medians.get(subject.key)),
      rounds: perRound.map((round) => roundFigures(round.get(subject.key))),
    })),
    targets: ratios.map(({ name, numerator, denominator, atLeast, ratio, min, max, cpuRatio, pass }) => ({
      name,
      numerator,
      denominator,
      atLeast,
      ratio: Number(ratio.toFixed(3)),
      min: Number(min.toFixed(3)),
      max: Number(max.toFixed(3)),
      cpuRatio: Number(cpuRatio.toFixed(3)),
      pass,
    })),
  };
}

function roundFigures({ opsPerSecond, meanNs, p99Ns, cpuNs }) {
  return {
    opsPerSecond: Math.round(opsPerSecond),
    meanNs: Number(meanNs.toFixed(1)),
    p99Ns: Number(p99Ns.toFixed(1)),
    cpuNs: Number(cpuNs.toFixed(1)),
  };
}

/** RESULTS.md: the machine, the tables, the ratios and how to re-run. */
export function resultsMarkdown({ machine, settings, subjects, medians, ratios, date, loadAverageAtEnd }) {
  const sections = PATHS.map(
    ([path, title]) =>
      `### ${title}\n\n${markdownTable(
        HEADER,
        tableRows(
          subjects.filter((subject) => subject.path === path),
          medians,
        ),
      )}`,
  );
  return `# @faultline/core against cockatiel and opossum: results

Generated by \`npm run bench:core\` on ${date}. Do not edit by hand: re-run it (see below).

## Machine

| | |
| --- | --- |
| CPU | ${machine.cpu}, ${machine.cpus} CPUs (\`nproc\`) |
| memory | ${machine.memoryGiB} GiB |
| OS | ${machine.os} |
| Node | ${machine.node} (V8 ${machine.v8}) |
| load average (1, 5, 15 min) | ${machine.loadAverageAtStart.join(', ')} at start; ${loadAverageAtEnd.join(', ')} at end |
| versions | ${Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')} |

Method: ${settings.rounds} interleaved rounds; in each, every subject ran ${settings.time} ms of batches of
awaited calls (as many as take about 1 ms; see results.json for each subject's), then ${settings.latencyTime} ms of single awaited calls, each after ${settings.warmupTime} ms of
warm-up. ops/s comes from the median batch (the mean, also shown, is decided on a shared machine
by the moments the process waited for a CPU); p99 is that of single calls, harness included; CPU
per call is the process's CPU time (garbage collector included) over the timed batches, divided
by the calls made (for subjects that make few calls, such as cockatiel's retries, V8's background
work dominates it: read their ops/s). Every figure is the median over the rounds. Each ratio is computed within
each round, and the median of those decides PASS or FAIL. See [README.md](README.md) for what
each scenario runs and why.

## Targets (issue #2)

${markdownTable(TARGET_HEADER, targetRows(ratios))}

Why a target is not met, and what was optimized to meet the others: [README.md](README.md#findings).

## Figures

${sections.join('\n\n')}

## Re-run

\`\`\`sh
npm run bench:core                          # builds @faultline/core, runs, rewrites this file and results.json
npm run bench:core -- --rounds 3 --no-write # a quicker look that leaves the committed results alone
\`\`\`
`;
}
