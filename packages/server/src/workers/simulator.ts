import { analyze, compare, parseDesign, patternsOf, simulate, type SimulateProgress } from '@faultline/sim';
import type { RunJob, RunProgress } from './messages.js';

/** What a run reports while it goes. */
export interface RunReporter {
  progress(progress: RunProgress): void;
  timeline(buckets: readonly unknown[]): void;
}

/**
 * Runs a job to its result: the run result of DESIGN.md with its score and SLO check filled in
 * (@faultline/sim's `analyze`), plus a `comparison` (`compare`) when asked. Throws when the
 * design is invalid or the simulator fails. The one module that calls the simulator for runs.
 */
export function runJob(job: RunJob, report: RunReporter): Record<string, unknown> {
  const { design } = parseDesign(job.document);
  const options = { seed: job.seed, durationMs: job.durationMs };
  // A comparison runs the baseline, the design without any pattern, and without each one alone.
  const patterns = job.compare ? patternsOf(design).length : 0;
  const runs = patterns === 0 ? 1 : patterns === 1 ? 2 : patterns + 2;
  const onProgress =
    (run: number, variant: string | undefined) =>
    (progress: Omit<SimulateProgress, 'timeline'> & { timeline?: readonly unknown[] }) => {
      const share = progress.totalMs > 0 ? Math.min(1, progress.simulatedMs / progress.totalMs) : 1;
      report.progress({
        progress: (run - 1 + share) / runs,
        simulatedMs: progress.simulatedMs,
        totalMs: progress.totalMs,
        events: progress.events,
        ...(variant === undefined ? {} : { variant }),
      });
      // The timeline streamed is the baseline's: the one the result carries.
      if (run === 1 && progress.timeline?.length) report.timeline(progress.timeline);
    };
  const result = simulate(design, {
    ...options,
    onProgress: onProgress(1, job.compare ? 'baseline' : undefined),
  });
  const analyzed = analyze(result, design) as unknown as Record<string, unknown>;
  if (!job.compare) return analyzed;
  const comparison = compare(design, simulate, {
    ...options,
    baseline: result,
    onProgress: (progress) => onProgress(progress.run, progress.variant)(progress),
  });
  return { ...analyzed, comparison };
}
