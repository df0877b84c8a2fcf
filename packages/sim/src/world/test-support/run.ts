import { parseDesign, type Design } from '../../model/index.js';
import type { RunResult } from '../../result.js';
import { simulate, type SimulateOptions } from '../../simulate.js';
import { World } from '../world.js';

/** A design from the parts a test is about; `name` defaults to "test". */
export function designOf(input: Record<string, unknown>): Design {
  return parseDesign({ name: 'test', ...input }).design;
}

/** Simulates a design given as its parts. */
export function run(input: Record<string, unknown>, options?: SimulateOptions): RunResult {
  return simulate(designOf(input), options);
}

/** A world for a design given as its parts, started and run to its duration (for tests that look inside). */
export function runWorld(input: Record<string, unknown>, seed?: number): World {
  const design = designOf(input);
  const world = new World(design, seed ?? design.seed);
  world.start();
  world.simulation.runUntil(design.duration);
  return world;
}

/** |measured / expected − 1|. */
export function relativeError(measured: number, expected: number): number {
  return Math.abs(measured / expected - 1);
}

/** The mean of some numbers. */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
