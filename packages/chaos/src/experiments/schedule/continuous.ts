import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cron } from 'croner';
import { ConfigError, systemClock, type Clock } from '@faultline/core';
import type { Journal } from '../runner/journal.js';
import { sleep } from '../activities/context.js';

/** Journals kept in a history folder unless told otherwise, and the most that may be asked. */
export const DEFAULT_HISTORY_KEEP = 100;
export const MAX_HISTORY_KEEP = 10_000;

/** Options of runContinuously. */
export interface RunContinuouslyOptions {
  /** A cron expression (5 fields, or 6 with seconds first), read in local time: `"*\/5 * * * *"`. */
  readonly every: string;
  /** The folder journals are written to, one file per run, oldest removed past `keep`. */
  readonly history: string;
  readonly keep?: number;
  /** Runs the experiment once. */
  readonly run: () => Promise<Journal>;
  readonly clock?: Clock;
  /** Wall time in epoch ms (what the cron expression is about); `Date.now` by default. */
  readonly now?: () => number;
  /** Ends the loop (between runs; an interrupt inside a run is the run's business). */
  readonly signal?: AbortSignal;
  /** A run that falls due while this is true is skipped. */
  readonly isHalted?: () => boolean;
  /** Stops after this many scheduled times (runs and skips). */
  readonly maxRuns?: number;
  /** Told of each run written, or skipped while halted. */
  readonly onRun?: (args: { journal?: Journal; file?: string; skipped?: string }) => void;
}

/** Checks a cron expression; a ConfigError at `path` says what is wrong. */
export function parseSchedule(every: string, path = 'every'): Cron {
  try {
    return new Cron(every, { paused: true });
  } catch (error) {
    throw new ConfigError([
      { path, message: `expected a cron expression like "*/5 * * * *": ${(error as Error).message}` },
    ]);
  }
}

/**
 * Runs an experiment on a cron schedule until `signal` aborts, keeping each journal in `history`.
 * Resolves to how many runs were made. Runs never overlap: a run that outlasts its slot delays
 * the next to the following scheduled time.
 */
export async function runContinuously(options: RunContinuouslyOptions): Promise<number> {
  const cron = parseSchedule(options.every);
  const keep = options.keep ?? DEFAULT_HISTORY_KEEP;
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_HISTORY_KEEP)
    throw new ConfigError([
      { path: 'keep', message: `expected a whole number from 1 to ${MAX_HISTORY_KEEP}, got ${keep}` },
    ]);
  const clock = options.clock ?? systemClock;
  const now = options.now ?? Date.now;
  const signal = options.signal ?? new AbortController().signal;
  await mkdir(options.history, { recursive: true });
  let runs = 0;
  for (let slot = 0; options.maxRuns === undefined || slot < options.maxRuns; slot++) {
    const next = cron.nextRun(new Date(now()));
    if (!next) break;
    try {
      await sleep(clock, Math.max(0, next.getTime() - now()), signal);
    } catch {
      break;
    }
    if (options.isHalted?.()) {
      options.onRun?.({ skipped: 'the emergency stop is on' });
      continue;
    }
    const journal = await options.run();
    runs++;
    const file = join(
      options.history,
      `${journal.start.replace(/[:.]/g, '-')}-${journal.run_id}-${journal.status}.json`,
    );
    await writeFile(file, `${JSON.stringify(journal, null, 2)}\n`);
    await prune(options.history, keep);
    options.onRun?.({ journal, file });
    if (signal.aborted) break;
  }
  return runs;
}

/** Removes the oldest journals past `keep` (names start with the ISO start time, so they sort by age). */
async function prune(folder: string, keep: number): Promise<void> {
  const journals = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  for (const name of journals.slice(0, Math.max(0, journals.length - keep)))
    await rm(join(folder, name), { force: true });
}
