import { Issues, readFunction, readNumber, readObject } from '@faultline/core';
import { DESIGN_LIMITS, type Design } from './model/index.js';
import type { RunResult, TimelineBucket } from './result.js';
import { World } from './world/world.js';

/** What `onProgress` is told, about every 1% of simulated time. */
export interface SimulateProgress {
  /** Simulated time run so far, in ms. */
  simulatedMs: number;
  /** Simulated time the run will cover, in ms. */
  totalMs: number;
  /** Events run so far. */
  events: number;
  /** Timeline buckets (seconds) closed since the previous call, to stream a chart as the run goes. */
  timeline: TimelineBucket[];
}

/** Options of a run. */
export interface SimulateOptions {
  /** The seed; default the design's `seed`. */
  seed?: number;
  /** Simulated time to run, in ms; default the design's `duration`. */
  durationMs?: number;
  /** Called about every 1% of simulated time. */
  onProgress?: (progress: SimulateProgress) => void;
  /** Stops the run early (checked every 1% of simulated time); the result then covers what ran. */
  signal?: AbortSignal;
}

const OPTIONS = ['seed', 'durationMs', 'onProgress', 'signal'] as const;
/** The run goes in this many slices, between which progress is told and the signal is checked. */
const SLICES = 100;

/**
 * Runs a design on the simulator and returns its run result (DESIGN.md), without `score` and
 * `slo` (the analysis adds those). Synchronous and deterministic: the same design and seed give
 * the same result, field for field, except `wallMs`.
 */
export function simulate(design: Design, options: SimulateOptions = {}): RunResult {
  const issues = new Issues();
  const record = readObject(options, 'simulate', issues, OPTIONS) ?? {};
  const seed = readNumber(record, 'seed', 'simulate', issues, design.seed, { integer: true, min: 0 });
  const totalMs = readNumber(record, 'durationMs', 'simulate', issues, design.duration, {
    min: 0,
    exclusiveMin: true,
    max: DESIGN_LIMITS.durationMs,
  });
  const onProgress = readFunction<(progress: SimulateProgress) => void>(
    record,
    'onProgress',
    'simulate',
    issues,
  );
  const signal = record.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    issues.add('simulate.signal', 'expected an AbortSignal, like new AbortController().signal');
  issues.throwIfAny();

  const started = performance.now();
  const world = new World(design, seed);
  world.start();
  const simulation = world.simulation;
  let reported = 0;
  for (let slice = 1; slice <= SLICES; slice++) {
    if ((signal as AbortSignal | undefined)?.aborted) break;
    simulation.runUntil(slice === SLICES ? totalMs : (totalMs * slice) / SLICES);
    if (onProgress === undefined) continue;
    world.metrics.closeBuckets(simulation.now());
    const timeline = world.metrics.timeline(reported);
    reported += timeline.length;
    onProgress({ simulatedMs: simulation.now(), totalMs, events: simulation.events, timeline });
  }
  return world.result(performance.now() - started);
}
