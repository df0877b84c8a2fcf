import type { Design, ResilienceKey } from '../model/index.js';
import type { RunResult } from '../result.js';
import { score } from './score.js';
import { entryServices, roundPercent } from './slo.js';
import { patternsOf, withoutPatterns } from './strip.js';

/** How far a simulation run has got. */
export interface SimulateProgress {
  readonly simulatedMs: number;
  readonly totalMs: number;
  readonly events: number;
}

/** The options `compare` passes on to the simulator. */
export interface SimulateOptions {
  seed?: number;
  durationMs?: number;
  onProgress?: (progress: SimulateProgress) => void;
  signal?: AbortSignal;
}

/** A simulator: `simulate` from this package, or a stand-in in tests. */
export type Simulator = (design: Design, options?: SimulateOptions) => RunResult;

/** How to compare. */
export interface CompareOptions {
  /** The seed every variant runs with; the design's by default. */
  seed?: number;
  /** Simulated time of every run; the design's `duration` by default. */
  durationMs?: number;
  /** The design's own run, when it has already been made with the same seed and duration. */
  baseline?: RunResult;
  /** Called as each run progresses, with which variant it is. */
  onProgress?: (progress: VariantProgress) => void;
  signal?: AbortSignal;
}

/** Progress of one of the comparison's runs. */
export interface VariantProgress extends SimulateProgress {
  /** The variant's name: `baseline`, `no resilience`, `without retry`, … */
  readonly variant: string;
  /** Which run this is, from 1. */
  readonly run: number;
  /** How many runs the comparison makes. */
  readonly runs: number;
}

/** What users saw in one variant of the design. */
export interface Variant {
  /** `baseline`, `no resilience`, or `without <pattern>`. */
  readonly name: string;
  /** The patterns taken off every call. */
  readonly removed: readonly ResilienceKey[];
  /** Percent of user requests that succeeded. */
  readonly availability: number;
  /** The users' p99 latency, ms (the highest of the entry services'). */
  readonly p99Ms: number;
  /** User requests that failed. */
  readonly failed: number;
  /** The resilience score, 0 to 100. */
  readonly score: number;
  /**
   * What the removed patterns buy: the baseline's figures less this variant's. Positive is
   * better with the patterns: availability points and score points gained, p99 ms saved.
   */
  readonly buys?: { readonly availability: number; readonly p99Ms: number; readonly score: number };
}

/** The design against itself without its resilience: all of it, and each pattern alone. */
export interface Comparison {
  readonly design: string;
  readonly seed: number;
  /** The baseline first, then no resilience at all, then each pattern removed alone. */
  readonly variants: readonly Variant[];
}

/**
 * Runs the design as it is, with every resilience pattern removed, and with each pattern it
 * uses removed alone (same seed, same duration), and reports what each pattern buys.
 */
export function compare(design: Design, simulate: Simulator, options: CompareOptions = {}): Comparison {
  const seed = options.seed ?? design.seed;
  const patterns = patternsOf(design);
  const plans: { name: string; removed: ResilienceKey[] }[] = [{ name: 'baseline', removed: [] }];
  if (patterns.length > 0) plans.push({ name: 'no resilience', removed: patterns });
  // With one pattern, "without it" is "no resilience": run once.
  if (patterns.length > 1)
    for (const pattern of patterns) plans.push({ name: `without ${pattern}`, removed: [pattern] });

  const variants = plans.map((plan, index): Variant => {
    const variantDesign = withoutPatterns(design, plan.removed);
    const result =
      index === 0 && options.baseline !== undefined
        ? options.baseline
        : simulate(variantDesign, {
            seed,
            durationMs: options.durationMs,
            signal: options.signal,
            onProgress: options.onProgress
              ? (progress) =>
                  options.onProgress!({ ...progress, variant: plan.name, run: index + 1, runs: plans.length })
              : undefined,
          });
    return summarize(plan.name, plan.removed, result, variantDesign);
  });
  const [baseline] = variants;
  return {
    design: design.name,
    seed,
    variants: variants.map((variant, index) =>
      index === 0 ? variant : { ...variant, buys: difference(baseline!, variant) },
    ),
  };
}

function summarize(name: string, removed: ResilienceKey[], result: RunResult, design: Design): Variant {
  const users = entryServices(design)
    .map((service) => result.services[service])
    .filter((service) => service !== undefined);
  const resultScore = score(result, design);
  return {
    name,
    removed,
    availability: resultScore.availability,
    p99Ms: Math.max(0, ...users.map((service) => service.latencyMs.p99)),
    failed: users.reduce((sum, service) => sum + service.failed, 0),
    score: resultScore.value,
  };
}

function difference(baseline: Variant, variant: Variant): NonNullable<Variant['buys']> {
  return {
    availability: roundPercent(baseline.availability - variant.availability),
    p99Ms: Math.round((variant.p99Ms - baseline.p99Ms) * 1000) / 1000,
    score: baseline.score - variant.score,
  };
}
