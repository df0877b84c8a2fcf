import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { seededRandom } from '../../random/index.js';
import { ConcurrencyLimitKernel } from './kernel.js';
import { resolveConcurrencyLimitOptions } from './options.js';
import { QueueingDependency, runOpenLoad } from './test-support/queueing-dependency.js';

const SERVICE_MS = 10;

interface Scenario {
  options: Record<string, unknown>;
  /** The dependency's capacity (workers) for the first half of the run, and for the second. */
  capacity: [number, number];
  seconds: number;
  seed: number;
}

/**
 * Runs an open Poisson load at twice the larger capacity against a queueing dependency, as the
 * simulator would drive the kernel, and returns the limit sampled every second.
 */
function limitsOver({ options, capacity, seconds, seed }: Scenario): number[] {
  const clock = new VirtualClock();
  const random = seededRandom(seed);
  const kernel = new ConcurrencyLimitKernel(
    resolveConcurrencyLimitOptions({ maxLimit: 1000, ...options, clock }),
  );
  const dependency = new QueueingDependency(clock, random, capacity[0], SERVICE_MS);
  const limits: number[] = [];
  runOpenLoad(clock, random, kernel, dependency, {
    rate: (2 * Math.max(...capacity) * 1000) / SERVICE_MS,
    durationMs: seconds * 1000,
    sampleEveryMs: 1000,
    onTick: (now, limit) => {
      limits.push(limit);
      if (now >= (seconds * 1000) / 2) dependency.workers = capacity[1];
    },
  });
  return limits;
}

/** The limits of the last `seconds` before the capacity changed (or the end). */
function settled(limits: number[], upTo: number, seconds = 20): number[] {
  return limits.slice(upTo - seconds, upTo);
}

/** Every limit in `limits` lies in low..high. */
function expectBetween(limits: number[], low: number, high: number): void {
  expect(limits.length).toBeGreaterThan(0);
  expect(Math.min(...limits)).toBeGreaterThanOrEqual(low);
  expect(Math.max(...limits)).toBeLessThanOrEqual(high);
}

describe('adaptive limits converge near a dependency’s real capacity', () => {
  // AIMD settles where a window's average latency crosses slowCallThreshold: at 1.25 × the
  // service time, the queue holds about a quarter of the workers.
  const aimd = { type: 'aimd', slowCallThreshold: 1.25 * SERVICE_MS };

  it('AIMD, from below', () => {
    for (const seed of [1, 2]) {
      const limits = limitsOver({
        options: { ...aimd, initialLimit: 10 },
        capacity: [40, 40],
        seconds: 60,
        seed,
      });
      expectBetween(settled(limits, 60), 40, 60);
    }
  });

  it('AIMD, from above', () => {
    const limits = limitsOver({
      options: { ...aimd, initialLimit: 40 },
      capacity: [10, 10],
      seconds: 60,
      seed: 3,
    });
    expectBetween(settled(limits, 60), 10, 15);
  });

  it('AIMD, following the capacity down and up', () => {
    const down = limitsOver({ options: aimd, capacity: [60, 20], seconds: 120, seed: 4 });
    expectBetween(settled(down, 60), 60, 90);
    expectBetween(settled(down, 120), 20, 30);
    const up = limitsOver({ options: aimd, capacity: [20, 60], seconds: 120, seed: 5 });
    expectBetween(settled(up, 120), 60, 90);
  });

  it('gradient, from below', () => {
    for (const seed of [1, 2]) {
      const limits = limitsOver({ options: { initialLimit: 10 }, capacity: [40, 40], seconds: 60, seed });
      expectBetween(settled(limits, 60), 40, 48);
    }
  });

  it('gradient, following the capacity down and up', () => {
    const down = limitsOver({ options: {}, capacity: [60, 20], seconds: 120, seed: 4 });
    expectBetween(settled(down, 60), 60, 72);
    expectBetween(settled(down, 120), 20, 24);
    const up = limitsOver({ options: {}, capacity: [20, 60], seconds: 120, seed: 5 });
    expectBetween(settled(up, 60), 20, 24);
    expectBetween(settled(up, 120), 60, 72);
  });

  it('gradient does not find a capacity below its starting limit (why the docs say: start low)', () => {
    // Latency is high from the first window, so the long-term average learns it as normal: the
    // gradient only sees latency rise, never how high it is. AIMD (above) has no such blind spot.
    const limits = limitsOver({ options: { initialLimit: 40 }, capacity: [10, 10], seconds: 60, seed: 6 });
    expectBetween(settled(limits, 60), 30, Number.POSITIVE_INFINITY);
  });

  it('is deterministic: the same seed gives the same limits', () => {
    const scenario = { options: {}, capacity: [30, 30] as [number, number], seconds: 20, seed: 9 };
    expect(limitsOver(scenario)).toEqual(limitsOver(scenario));
  });
});
