import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { toMilliseconds } from '@faultline/core';
import {
  DESIGN_LIMITS,
  DesignError,
  analyze,
  compare,
  loadDesign,
  renderReport,
  simulate,
  type AnalyzedResult,
  type Comparison,
  type Design,
} from '@faultline/sim';
import type { Output, RegisterCommand } from '../program.js';
import { progressBar, type ProgressBar } from '../terminal/progress.js';
import { comparisonTable, runLine, scoreLines, servicesTable } from '../terminal/run-summary.js';
import { writeFileAtomic } from '../terminal/write-file.js';
import { pathAndMessage, place, readDesignFile } from './validate.js';

interface SimulateCommandOptions {
  seed?: string;
  duration?: string;
  json?: string;
  report?: string;
  compare?: boolean;
}

/** What the options ask for, checked. */
interface Plan {
  seed?: number;
  durationMs?: number;
  json?: string;
  report?: string;
  compare: boolean;
}

const MAX_SEED = 2 ** 32 - 1;

/**
 * `faultline simulate FILE`: runs a design and prints what users would see (a table per service,
 * the score explained, the SLO); `--json` and `--report` write the run result and an HTML
 * report, `--compare` what each resilience pattern buys. Exit 1 on a bad design or option.
 */
export const registerSimulate: RegisterCommand = (program, output, done) => {
  program
    .command('simulate')
    .description('run a design on the simulator and report what users would see, with its resilience score')
    .argument('<file>', 'the design file (YAML or JSON)')
    .option('--seed <n>', "the seed, a whole number (default: the design's seed)")
    .option('--duration <duration>', "simulated time, like 30s or 5m (default: the design's duration)")
    .option('--json <out>', 'write the run result (with score and SLO) as JSON to this file')
    .option('--report <out>', 'write a self-contained HTML report with charts to this file')
    .option(
      '--compare',
      'also run without any resilience, and without each pattern alone, and show what each buys',
    )
    .action((file: string, options: SimulateCommandOptions) => {
      const plan = readPlan(options);
      if (typeof plan === 'string') {
        output.err(`faultline simulate: ${plan}\n`);
        return done(1);
      }
      const design = readDesign(file, output);
      if (design === undefined) return done(1);
      done(run(design, plan, output));
    });
};

function run(design: Design, plan: Plan, output: Output): number {
  const bar = (output.errIsTTY ?? output.isTTY) ? progressBar(output.err) : undefined;
  let runs: { result: AnalyzedResult; comparison?: Comparison };
  try {
    runs = simulateAll(design, plan, bar);
  } finally {
    bar?.done();
  }
  const { result, comparison } = runs;

  output.out(runLine(result) + '\n' + servicesTable(result) + '\n' + scoreLines(result));
  if (comparison) output.out('\n' + comparisonTable(comparison));

  let code = 0;
  const write = (file: string, text: string, what: string) => {
    try {
      writeFileAtomic(file, text);
      output.err(`wrote ${what} to ${file}\n`);
    } catch (error) {
      output.err(
        `${file}: cannot write the ${what}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      code = 1;
    }
  };
  if (plan.json)
    write(
      plan.json,
      JSON.stringify(comparison ? { ...result, comparison } : result, null, 2) + '\n',
      'run result',
    );
  if (plan.report) write(plan.report, renderReport(result, { design, comparison }), 'HTML report');
  return code;
}

/** The run, analysed, and the comparison when asked for, with the bar (if any) showing progress. */
function simulateAll(
  design: Design,
  plan: Plan,
  bar: ProgressBar | undefined,
): { result: AnalyzedResult; comparison?: Comparison } {
  const options = { seed: plan.seed, durationMs: plan.durationMs };
  const onProgress =
    bar &&
    (({ simulatedMs, totalMs }: { simulatedMs: number; totalMs: number }) =>
      bar.update({ fraction: simulatedMs / totalMs, label: 'simulating' }));
  const result = analyze(simulate(design, { ...options, onProgress }), design);
  if (!plan.compare) return { result };
  const comparison = compare(design, simulate, {
    ...options,
    baseline: result,
    onProgress: bar && ((progress) => bar.update(variantProgress(progress))),
  });
  return { result, comparison };
}

function variantProgress(progress: {
  variant: string;
  run: number;
  runs: number;
  simulatedMs: number;
  totalMs: number;
}) {
  // The baseline is the run already made, so the comparison's runs are counted from the second.
  return {
    fraction: progress.simulatedMs / progress.totalMs,
    label: `compare ${progress.run - 1}/${progress.runs - 1} ${progress.variant}`,
  };
}

/** The options checked, or what is wrong with them (the first problem, with its option). */
function readPlan(options: SimulateCommandOptions): Plan | string {
  const plan: Plan = { compare: options.compare === true, json: options.json, report: options.report };
  if (options.seed !== undefined) {
    const seed = /^\d+$/.test(options.seed.trim()) ? Number(options.seed) : NaN;
    if (!Number.isSafeInteger(seed) || seed > MAX_SEED)
      return `--seed: expected a whole number from 0 to ${MAX_SEED}, got "${options.seed}"`;
    plan.seed = seed;
  }
  if (options.duration !== undefined) {
    const ms = /^\s*\d+(\.\d+)?\s*$/.test(options.duration) ? undefined : toMilliseconds(options.duration);
    if (ms === undefined)
      return `--duration: expected a duration with its unit, like "30s" or "5m", got "${options.duration}"`;
    if (ms <= 0) return `--duration: expected a duration above 0, like "30s", got "${options.duration}"`;
    if (ms > DESIGN_LIMITS.durationMs)
      return `--duration: expected at most 24h (the limit on simulated time), got "${options.duration}"`;
    plan.durationMs = ms;
  }
  for (const [flag, file] of [
    ['--json', options.json],
    ['--report', options.report],
  ] as const) {
    if (file === undefined) continue;
    // Checked before a long run rather than after it.
    const directory = dirname(file);
    if (!existsSync(directory) || !statSync(directory).isDirectory())
      return `${flag}: the folder ${directory} does not exist; create it first or write elsewhere`;
    if (existsSync(file) && statSync(file).isDirectory())
      return `${flag}: ${file} is a folder; give a file name`;
  }
  return plan;
}

/** The design, or undefined after printing every problem with its place in the file. */
function readDesign(file: string, output: Output): Design | undefined {
  const text = readDesignFile(file);
  if (typeof text !== 'string') {
    output.err(`${file}: ${text.error}\n`);
    return undefined;
  }
  try {
    const { design, warnings } = loadDesign(text, { path: file });
    for (const warning of warnings)
      output.err(`${place(file, warning)}warning: ${pathAndMessage(warning)}\n`);
    return design;
  } catch (error) {
    if (!(error instanceof DesignError)) throw error;
    for (const issue of error.issues) output.err(`${place(file, issue)}${pathAndMessage(issue)}\n`);
    for (const warning of error.warnings)
      output.err(`${place(file, warning)}warning: ${pathAndMessage(warning)}\n`);
    return undefined;
  }
}
