import type { Command } from 'commander';
import { ConfigError, toMilliseconds } from '@faultline/core';
import {
  ROLLBACK_STRATEGIES,
  defaultHaltFile,
  haltExperiments,
  isHalted,
  loadExperimentFile,
  parseSchedule,
  releaseHalt,
  runContinuously,
  runExperiment,
  startProxyServer,
  type ActivityRun,
  type Experiment,
  type Journal,
  type RollbackStrategy,
  type RunStatus,
} from '@faultline/chaos';
import type { Output, RegisterCommand } from '../program.js';
import { writeFileAtomic } from '../terminal/write-file.js';

interface RunOptions {
  journal?: string;
  proxyApi?: string;
  proxyEmbedded?: boolean;
  var: string[];
  rollbackStrategy?: string;
  lease?: string;
  haltFile?: string;
  every?: string;
  history?: string;
  keep?: string;
}

interface HaltOptions {
  proxyApi: string[];
  haltFile?: string;
  release?: boolean;
}

/** Exit codes of `experiment run`, by how the run ended (1 is for an experiment refused before it ran). */
const EXIT_CODES: Record<RunStatus, number> = { completed: 0, failed: 2, aborted: 3, interrupted: 130 };

const DEFAULT_PROXY_API = 'http://127.0.0.1:8474';

/**
 * `faultline experiment run FILE` runs a chaos experiment (once, or on a cron schedule with
 * `--every`) and writes its journal; `faultline experiment halt` is the emergency stop.
 */
export const registerExperiment: RegisterCommand = (program, output, done) => {
  const experiment = program
    .command('experiment')
    .description('chaos experiments: steady state, faults, rollbacks, journal; and the emergency stop');
  registerRun(experiment, output, done);
  registerHalt(experiment, output, done);
};

function registerRun(parent: Command, output: Output, done: (code: number) => void): void {
  parent
    .command('run')
    .description(
      'run an experiment file (YAML or JSON); exit 0 completed, 1 refused, 2 failed, 3 aborted, 130 interrupted',
    )
    .argument('<file>', 'the experiment file')
    .option('--journal <file>', 'write the journal (JSON) here')
    .option('--proxy-api <url>', `the fault proxy API for toxic actions (default ${DEFAULT_PROXY_API})`)
    .option(
      '--proxy-embedded',
      'start a fault proxy inside the runner for this run, instead of using --proxy-api',
    )
    .option('--var <key=value>', 'set a configuration value (repeatable)', collect, [])
    .option('--rollback-strategy <strategy>', `override the file's: ${ROLLBACK_STRATEGIES.join(', ')}`)
    .option('--lease <duration>', 'how long injected toxics outlive a runner that died (default 15s)')
    .option(
      '--halt-file <file>',
      'the emergency stop file (default $FAULTLINE_HALT_FILE or ~/.faultline/HALT)',
    )
    .option('--every <cron>', 'run on a cron schedule ("*/5 * * * *") until SIGINT or SIGTERM')
    .option('--history <dir>', 'with --every: the folder journals are kept in (default experiment-history)')
    .option('--keep <n>', 'with --every: how many journals the history keeps (default 100)')
    .action(async (file: string, options: RunOptions) => {
      let experiment: Experiment;
      let settings: ReturnType<typeof readRunOptions>;
      try {
        settings = readRunOptions(options);
        experiment = await loadExperimentFile(file, { vars: settings.vars });
        if (options.every !== undefined) parseSchedule(options.every, '--every');
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        reportIssues(error, file, output);
        return done(1);
      }
      const embedded = options.proxyEmbedded ? await startProxyServer({ port: 0 }) : undefined;
      if (embedded) output.out(`faultline experiment: embedded fault proxy API on ${embedded.url}\n`);
      const interrupt = new AbortController();
      const stop = (): void => interrupt.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const runOnce = (): Promise<Journal> =>
        runExperiment(experiment, {
          proxyApi: embedded?.url ?? options.proxyApi ?? DEFAULT_PROXY_API,
          lease: settings.lease,
          rollbackStrategy: settings.rollbackStrategy,
          signal: interrupt.signal,
          isHalted: () => isHalted(settings.haltFile),
          onActivity: ({ phase, run }) => output.out(progressLine(phase, run)),
        });
      try {
        if (options.every === undefined) {
          output.out(`faultline experiment: ${experiment.title}\n`);
          const journal = await runOnce();
          if (options.journal) writeFileAtomic(options.journal, `${JSON.stringify(journal, null, 2)}\n`);
          output.out(resultLine(journal, options.journal));
          return done(EXIT_CODES[journal.status]);
        }
        const history = options.history ?? 'experiment-history';
        output.out(
          `faultline experiment: ${experiment.title}, every "${options.every}", journals in ${history}\n`,
        );
        await runContinuously({
          every: options.every,
          history,
          keep: settings.keep,
          run: runOnce,
          signal: interrupt.signal,
          isHalted: () => isHalted(settings.haltFile),
          onRun: ({ journal, file: written, skipped }) =>
            output.out(journal ? resultLine(journal, written) : `skipped a run: ${skipped}\n`),
        });
        done(0);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        reportIssues(error, file, output);
        done(1);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await embedded?.close();
      }
    });
}

function registerHalt(parent: Command, output: Output, done: (code: number) => void): void {
  parent
    .command('halt')
    .description(
      'emergency stop: running experiments abort and roll back, new ones refuse to start, and every injected toxic is removed',
    )
    .option(
      '--proxy-api <url>',
      `a fault proxy API to clean (repeatable; default ${DEFAULT_PROXY_API})`,
      collect,
      [],
    )
    .option(
      '--halt-file <file>',
      'the emergency stop file (default $FAULTLINE_HALT_FILE or ~/.faultline/HALT)',
    )
    .option('--release', 'release the emergency stop so that experiments may run again')
    .action(async (options: HaltOptions) => {
      const haltFile = options.haltFile ?? defaultHaltFile();
      if (options.release) {
        const was = await releaseHalt(haltFile);
        output.out(`faultline experiment halt: ${was ? 'released' : 'was not on'} (${haltFile})\n`);
        return done(0);
      }
      const apis = options.proxyApi.length > 0 ? options.proxyApi : [DEFAULT_PROXY_API];
      const result = await haltExperiments({ haltFile, apis });
      output.out(`faultline experiment halt: on (${haltFile}); release with --release\n`);
      output.out(`  removed ${result.removed.length} injected toxic(s)\n`);
      for (const removed of result.removed) output.out(`    ${removed}\n`);
      for (const error of result.errors) output.err(`faultline experiment halt: could not clean ${error}\n`);
      done(result.errors.length > 0 ? 1 : 0);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Checks the flags; a ConfigError names the flag. */
function readRunOptions(options: RunOptions) {
  const issues: { path: string; message: string }[] = [];
  const vars: Record<string, string | number | boolean> = {};
  for (const pair of options.var) {
    const match = /^([A-Za-z_][\w.-]*)=(.*)$/s.exec(pair);
    if (!match) issues.push({ path: '--var', message: `expected key=value, got ${JSON.stringify(pair)}` });
    else vars[match[1]!] = scalarOf(match[2]!);
  }
  const strategy = options.rollbackStrategy;
  if (strategy !== undefined && !(ROLLBACK_STRATEGIES as readonly string[]).includes(strategy))
    issues.push({
      path: '--rollback-strategy',
      message: `expected one of ${ROLLBACK_STRATEGIES.join(', ')}, got "${strategy}"`,
    });
  const lease = options.lease === undefined ? undefined : toMilliseconds(options.lease);
  if (options.lease !== undefined && (lease === undefined || lease < 300))
    issues.push({
      path: '--lease',
      message: `expected a duration of at least 300ms like "15s", got "${options.lease}"`,
    });
  const keep = options.keep === undefined ? undefined : Number(options.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1))
    issues.push({ path: '--keep', message: `expected a whole number ≥ 1, got "${options.keep}"` });
  if (options.proxyEmbedded && options.proxyApi)
    issues.push({
      path: '--proxy-embedded',
      message: 'give either --proxy-embedded or --proxy-api, not both',
    });
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    vars,
    lease,
    keep,
    rollbackStrategy: strategy as RollbackStrategy | undefined,
    haltFile: options.haltFile ?? defaultHaltFile(),
  };
}

/** `--var port=6380` is the number 6380, as it would be in the file. */
function scalarOf(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function reportIssues(error: ConfigError, file: string, output: Output): void {
  for (const issue of error.issues) {
    const where = issue.path.startsWith('--') ? issue.path : `${file}${issue.path ? `: ${issue.path}` : ''}`;
    output.err(`faultline experiment: ${where}: ${issue.message}\n`);
  }
}

/** `  method    add-latency                      ok      12 ms` */
function progressLine(phase: string, run: ActivityRun): string {
  const verdict =
    run.status === 'failed'
      ? `FAILED: ${run.exception}`
      : run.tolerance_met === false
        ? `NOT MET: ${run.tolerance_reason}`
        : 'ok';
  return `  ${phase.padEnd(15)} ${run.activity.name.padEnd(32)} ${verdict} (${Math.round(run.duration * 1000)} ms)\n`;
}

function resultLine(journal: Journal, file: string | undefined): string {
  const reason = journal.reason ? `: ${journal.reason}` : '';
  const where = file ? `; journal in ${file}` : '';
  return `${journal.status}${journal.deviated ? ' (deviated)' : ''}${reason} in ${journal.duration.toFixed(1)} s${where}\n`;
}
