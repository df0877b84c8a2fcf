import { ConfigError } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { simulate, type SimulateProgress } from './simulate.js';
import { designOf } from './world/test-support/run.js';

const design = designOf({
  seed: 5,
  duration: '20s',
  services: { gateway: { latency: 1, calls: [{ to: 'orders', timeout: '100ms' }] }, orders: { latency: 5 } },
  workload: [{ target: 'gateway', rate: 100 }],
  faults: [{ type: 'crash', target: 'orders', at: '5s', duration: '2s' }],
});

describe('simulate', () => {
  it('runs the design for its duration with its seed, and reports the run', () => {
    const result = simulate(design);
    expect(result).toMatchObject({ design: 'test', seed: 5, simulatedMs: 20_000 });
    expect(result.events).toBeGreaterThan(4 * result.services.gateway!.requests);
    expect(result.wallMs).toBeGreaterThan(0);
    expect(Object.keys(result.services)).toEqual(['gateway', 'orders']);
    expect(Object.keys(result.calls)).toEqual(['gateway->orders']);
    expect(result.timeline).toHaveLength(20);
    expect(result.faults).toEqual([{ type: 'crash', target: 'orders', start: 5000, end: 7000 }]);
    expect(result.score).toBeUndefined();
  });

  it('takes the seed and the duration from its options over the design’s', () => {
    const result = simulate(design, { seed: 6, durationMs: 3000 });
    expect(result).toMatchObject({ seed: 6, simulatedMs: 3000 });
    expect(result.timeline).toHaveLength(3);
  });

  it('tells its progress about every 1% of simulated time, with the seconds closed since', () => {
    const progress: SimulateProgress[] = [];
    const result = simulate(design, { onProgress: (step) => progress.push(step) });
    expect(progress).toHaveLength(100);
    expect(progress[0]).toMatchObject({ simulatedMs: 200, totalMs: 20_000 });
    expect(progress.map((step) => step.simulatedMs)).toEqual(progress.map((_, index) => 200 * (index + 1)));
    expect(progress.at(-1)!.events).toBe(result.events);
    // The streamed seconds are the result's timeline (the last one closes with the result).
    const streamed = progress.flatMap((step) => step.timeline);
    expect(streamed).toEqual(result.timeline.slice(0, streamed.length));
    expect(streamed.length).toBeGreaterThanOrEqual(19);
  });

  it('stops when its signal aborts, with a result for what ran', () => {
    const controller = new AbortController();
    const result = simulate(design, {
      signal: controller.signal,
      onProgress: (step) => {
        if (step.simulatedMs >= 4000) controller.abort();
      },
    });
    expect(result.simulatedMs).toBe(4000);
    expect(result.timeline).toHaveLength(4);
    const aborted = new AbortController();
    aborted.abort();
    expect(simulate(design, { signal: aborted.signal })).toMatchObject({ simulatedMs: 0, events: 0 });
  });

  it('checks its options, naming each mistake', () => {
    expect(() => simulate(design, { sede: 1 } as never)).toThrow(ConfigError);
    expect(() => simulate(design, { sede: 1 } as never)).toThrow(
      /simulate.sede: unknown option; did you mean "seed"/,
    );
    expect(() => simulate(design, { durationMs: 0 })).toThrow(/simulate.durationMs/);
    expect(() => simulate(design, { durationMs: Infinity })).toThrow(/simulate.durationMs/);
    expect(() => simulate(design, { seed: 1.5 })).toThrow(/simulate.seed/);
    expect(() => simulate(design, { signal: {} as AbortSignal })).toThrow(
      /simulate.signal: expected an AbortSignal/,
    );
  });
});
