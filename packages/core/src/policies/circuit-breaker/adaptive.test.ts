import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventLoopLoad, tighten, tightening, type ResolvedCircuitAdaptive } from './adaptive.js';

const adaptive: ResolvedCircuitAdaptive = {
  loadSignal: undefined,
  minFailureRateThreshold: 20,
  minSlowCallRateThreshold: 50,
  minFailures: 1,
  fromLoad: 0.2,
  toLoad: 0.6,
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('adaptive tightening', () => {
  it('moves linearly from 0 at fromLoad to 1 at toLoad, clamped, and ignores a broken signal', () => {
    const at = [0, 0.2, 0.3, 0.4, 0.6, 0.9, -1, Number.NaN].map((load) => tightening(load, adaptive));
    [0, 0, 0.25, 0.5, 1, 1, 0, 0].forEach((expected, i) => expect(at[i]).toBeCloseTo(expected, 12));
    expect(tightening(Number.POSITIVE_INFINITY, adaptive)).toBe(1);
  });

  it('moves a threshold that fraction of the way to its minimum', () => {
    expect([0, 0.5, 1].map((t) => tighten(50, 20, t))).toEqual([50, 35, 20]);
  });
});

describe('eventLoopLoad', () => {
  it("reads the event loop's utilization since the last sample, at most once per sampleMs", () => {
    let now = 0;
    let busy = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const elu = vi
      .spyOn(performance, 'eventLoopUtilization')
      .mockImplementation((current?: unknown, previous?: unknown) => {
        if (current === undefined) return { idle: now - busy, active: busy, utilization: 0 };
        const a = current as { active: number };
        const b = previous as { active: number; idle: number };
        const span = a.active + (current as { idle: number }).idle - (b.active + b.idle);
        return { idle: 0, active: a.active - b.active, utilization: (a.active - b.active) / span };
      });
    const load = eventLoopLoad({ sampleMs: 100 });
    expect(load()).toBe(0);
    now = 50;
    busy = 40;
    expect(load()).toBe(0); // within sampleMs: the last reading
    now = 100;
    busy = 75;
    expect(load()).toBe(0.75);
    now = 200;
    busy = 100;
    expect(load()).toBe(0.25);
    expect(elu.mock.calls.length).toBe(5); // the first sample, then two per re-sample
  });

  it('gives a number between 0 and 1 on the real event loop', () => {
    const value = eventLoopLoad({ sampleMs: 0 })();
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  });
});
