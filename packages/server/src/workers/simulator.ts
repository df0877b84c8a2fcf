import * as sim from '@faultline/sim';
import type { Design } from '@faultline/sim';
import type { RunJob, RunProgress } from './messages.js';

/*
 * The one module that calls the simulator. Its run API (`simulate`, and the analysis: `analyze`,
 * `compare`, `patternsOf`) is looked up on the package at run time, so the server builds and its
 * other parts are tested against a @faultline/sim that does not have all of it yet; a run then
 * fails with a message that says so.
 */

interface SimulateProgress {
  readonly simulatedMs: number;
  readonly totalMs: number;
  readonly events: number;
  /** New timeline buckets, when the simulator reports them with its progress. */
  readonly timeline?: readonly unknown[];
}

interface SimulateOptions {
  seed?: number;
  durationMs?: number;
  onProgress?: (progress: SimulateProgress) => void;
  signal?: AbortSignal;
}

type Simulate = (design: Design, options?: SimulateOptions) => Record<string, unknown>;

interface RunApi {
  simulate?: Simulate;
  analyze?: (result: Record<string, unknown>, design: Design) => Record<string, unknown>;
  compare?: (
    design: Design,
    simulate: Simulate,
    options: Omit<SimulateOptions, 'onProgress'> & {
      baseline?: Record<string, unknown>;
      onProgress?: (progress: SimulateProgress & { variant: string; run: number; runs: number }) => void;
    },
  ) => unknown;
  patternsOf?: (design: Design) => readonly string[];
}

const api = sim as unknown as RunApi;

/** What a run reports while it goes. */
export interface RunReporter {
  progress(progress: RunProgress): void;
  timeline(buckets: readonly unknown[]): void;
}

/**
 * Runs a job to its result: the run result of DESIGN.md with its score and SLO check, plus a
 * `comparison` when asked. Throws when the design is invalid or the simulator fails.
 */
export function runJob(job: RunJob, report: RunReporter): Record<string, unknown> {
  const { design } = sim.parseDesign(job.document);
  const simulate = api.simulate;
  if (simulate === undefined)
    throw new Error('This build of @faultline/sim cannot run simulations yet (it has no simulate)');
  const options = { seed: job.seed, durationMs: job.durationMs };
  // A comparison runs the design once per pattern it uses, plus once without any, plus the baseline.
  const patterns = job.compare ? (api.patternsOf?.(design).length ?? 0) : 0;
  const runs = patterns === 0 ? 1 : patterns === 1 ? 2 : patterns + 2;
  const onProgress = (run: number, variant: string | undefined) => (progress: SimulateProgress) => {
    const share = progress.totalMs > 0 ? Math.min(1, progress.simulatedMs / progress.totalMs) : 0;
    report.progress({
      progress: (run - 1 + share) / runs,
      simulatedMs: progress.simulatedMs,
      totalMs: progress.totalMs,
      events: progress.events,
      ...(variant === undefined ? {} : { variant }),
    });
    if (run === 1 && progress.timeline?.length) report.timeline(progress.timeline);
  };
  const result = simulate(design, {
    ...options,
    onProgress: onProgress(1, job.compare ? 'baseline' : undefined),
  });
  const analyzed = api.analyze ? api.analyze(result, design) : result;
  if (!job.compare || api.compare === undefined) return analyzed;
  const comparison = api.compare(design, simulate, {
    ...options,
    baseline: result,
    onProgress: (progress) => onProgress(progress.run, progress.variant)(progress),
  });
  return { ...analyzed, comparison };
}
