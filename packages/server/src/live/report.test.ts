import { describe, expect, it } from 'vitest';
import type { HealthBar, Second } from './health.js';
import { healthOf } from './health.js';
import { faultOutcomes, type InjectedFault } from './report.js';

const bar: HealthBar = { availability: 99, latencyP99: 200 };
const good = { ok: 100, failed: 0, p99: 50 };

/** Seconds 0..n-1 of two services; `bad(t)` says which of them fail in second t. */
function seconds(n: number, bad: (t: number) => { api?: object; db?: object } = () => ({})): Second[] {
  return Array.from({ length: n }, (_, i) => ({
    t: i * 1000,
    services: { api: { ...good, ...bad(i).api }, db: { ...good, ...bad(i).db } },
  }));
}

const crash = (injectedAt: number, healedAt: number | null): InjectedFault => ({
  id: 'f1',
  type: 'crash',
  targets: ['db'],
  injectedAt,
  healedAt,
  fault: { type: 'crash', target: 'db' },
});

describe('health', () => {
  it('is judged against the SLO: error budget, p99, and silence after traffic', () => {
    expect(healthOf(good, bar, true)).toBe('healthy');
    expect(healthOf({ ok: 99, failed: 1, p99: 50 }, bar, true)).toBe('healthy');
    expect(healthOf({ ok: 98, failed: 2, p99: 50 }, bar, true)).toBe('degraded');
    expect(healthOf({ ok: 100, failed: 0, p99: 201 }, bar, true)).toBe('degraded');
    expect(healthOf({ ok: 50, failed: 50, p99: 50 }, bar, true)).toBe('down');
    expect(healthOf({ ok: 0, failed: 0, p99: null }, bar, true)).toBe('down');
    expect(healthOf({ ok: 0, failed: 0, p99: null }, bar, false)).toBe('healthy');
  });
});

describe('fault outcomes', () => {
  it('times detection, breaker open and recovery from the seconds and transitions', () => {
    // Injected at 10.5 s; db fails from second 11; healed at 20 s; api still failing until 22.
    const data = seconds(30, (t) => ({
      db: t >= 11 && t < 20 ? { ok: 0, failed: 100 } : {},
      api: t >= 11 && t < 22 ? { ok: 50, failed: 50 } : {},
    }));
    const [outcome] = faultOutcomes({
      seconds: data,
      transitions: [
        { t: 9000, edge: 'api->db', state: 'closed' },
        { t: 12_400, edge: 'api->db', state: 'open' },
        { t: 13_000, edge: 'web->api', state: 'open' },
      ],
      faults: [crash(10_500, 20_000)],
      bar,
    });
    expect(outcome).toMatchObject({
      detectedAfterMs: 500,
      breakerOpenAfterMs: 1900,
      breakerEdge: 'api->db',
      // Seconds 22, 23, 24 are the first three healthy in a row after the heal at 20 s.
      recoveredAfterMs: 2000,
    });
  });

  it('leaves what did not happen null: no detection, no breaker, not healed yet', () => {
    const [quiet] = faultOutcomes({
      seconds: seconds(10),
      transitions: [],
      faults: [crash(2000, 5000)],
      bar,
    });
    expect(quiet).toMatchObject({
      detectedAfterMs: null,
      breakerOpenAfterMs: null,
      breakerEdge: null,
      recoveredAfterMs: 0,
    });
    const [active] = faultOutcomes({
      seconds: seconds(10, (t) => (t >= 2 ? { db: { ok: 0, failed: 1 } } : {})),
      transitions: [],
      faults: [crash(2000, null)],
      bar,
    });
    expect(active).toMatchObject({ detectedAfterMs: 0, recoveredAfterMs: null });
  });

  it('needs three healthy seconds in a row to call it recovered', () => {
    const data = seconds(12, (t) => (t === 6 || t === 8 ? { api: { ok: 0, failed: 10 } } : {}));
    const [outcome] = faultOutcomes({ seconds: data, transitions: [], faults: [crash(1000, 5000)], bar });
    expect(outcome!.recoveredAfterMs).toBe(4000);
  });

  it('says what each side of a partition could still serve', () => {
    const data = seconds(10, (t) => (t >= 3 && t < 6 ? { api: { ok: 60, failed: 40 } } : {}));
    const [outcome] = faultOutcomes({
      seconds: data,
      transitions: [],
      faults: [
        {
          id: 'p',
          type: 'partition',
          targets: ['api', 'db'],
          sides: [['api'], ['db']],
          injectedAt: 3000,
          healedAt: 6000,
          fault: {},
        },
      ],
      bar,
    });
    expect(outcome!.sides).toEqual([
      { services: ['api'], ok: 180, failed: 120, availability: 60, healthy: [] },
      { services: ['db'], ok: 300, failed: 0, availability: 100, healthy: ['db'] },
    ]);
  });
});
