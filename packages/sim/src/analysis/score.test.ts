import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FaultRecord, RunResult } from '../result.js';
import { RECOVERY_HALF_POINTS_MS, SCORE_WEIGHTS, nines, score } from './score.js';
import { SETTLE_MS } from './recovery.js';
import { BASELINE_TOLERANCE } from './health.js';
import { littleShop } from './test-support/little-shop.js';
import { syntheticRun, type SecondPlan } from './test-support/synthetic-run.js';

const healthy = (): SecondPlan => ({ rate: 100, latencyMs: 20 });
const CALLS = ['gateway->orders', 'gateway->catalog', 'orders->db'];
const DB_CRASH: FaultRecord = { type: 'crash', target: 'db', start: 20_000, end: 30_000 };

// The little shop while the database is down from 20 s to 30 s: orders fails, the gateway fails
// a share of requests, and both take 2 s to be clean again.
function dbCrash(overrides: Partial<Record<string, (second: number) => SecondPlan>> = {}): RunResult {
  const during = (second: number) => second >= 20 && second < 30;
  const after = (second: number) => second >= 30 && second < 32;
  return syntheticRun({
    design: 'little-shop',
    seconds: 60,
    calls: CALLS,
    faults: [DB_CRASH],
    services: {
      gateway: (s) => ({ rate: 100, latencyMs: 20, errorShare: during(s) ? 0.3 : after(s) ? 0.1 : 0 }),
      orders: (s) => ({ rate: 100, errorShare: during(s) ? 1 : after(s) ? 0.2 : 0, cause: 'unavailable' }),
      catalog: healthy,
      db: (s) => ({ rate: during(s) ? 0 : 100 }),
      ...overrides,
    },
  });
}

describe('score', () => {
  it('is availability alone, 100 for a clean run, when nothing was disturbed', () => {
    const design = littleShop({ faults: [] });
    const result = syntheticRun({
      design: 'little-shop',
      seconds: 60,
      services: { gateway: healthy, orders: healthy, catalog: healthy, db: healthy },
    });
    const clean = score(result, design);
    expect(clean).toMatchObject({
      value: 100,
      availability: 100,
      recoveryMs: 0,
      blastRadius: 0,
      recovered: true,
    });
    expect(clean.parts.recovery).toBeNull();
    expect(clean.parts.blastRadius).toBeNull();
    expect(clean.parts.availability.weight).toBe(1);
  });

  it('weighs availability in nines, recovery time and blast radius, as docs/score.md documents', () => {
    const result = score(dbCrash(), littleShop());
    // gateway: 10 s at 30 % failed and 2 s at 10 %, out of 60 s at 100 requests/s.
    const availability = (1 - 320 / 6000) * 100;
    expect(result.availability).toBeCloseTo(availability, 4);
    expect(result.recoveryMs).toBe(2000);
    expect(result.recovered).toBe(true);
    expect(result.blast).toEqual({
      share: 2 / 3,
      hit: ['db'],
      exposed: ['gateway', 'orders', 'catalog'],
      breached: ['gateway', 'orders'],
    });
    expect(result.blastRadius).toBeCloseTo(0.6667, 4);
    const points = {
      availability: nines(availability) / 3,
      recovery: 1 / (1 + 2000 / 10_000),
      blastRadius: 1 / 3,
    };
    expect(result.parts.availability).toMatchObject({
      weight: 0.5,
      points: expect.closeTo(points.availability, 9),
    });
    expect(result.parts.recovery).toMatchObject({ weight: 0.25, points: expect.closeTo(points.recovery, 9) });
    expect(result.parts.blastRadius).toMatchObject({
      weight: 0.25,
      points: expect.closeTo(points.blastRadius, 9),
    });
    expect(result.value).toBe(
      Math.round(100 * (0.5 * points.availability + 0.25 * points.recovery + 0.25 * points.blastRadius)),
    );
  });

  it('explains each part in words', () => {
    const { parts } = score(dbCrash(), littleShop());
    expect(parts.availability.explanation).toBe(
      '94.6667% of user requests succeeded: 1.27 nines, where the SLO (99.9%) asks for 3 nines',
    );
    expect(parts.recovery?.explanation).toBe(
      'users were back to normal 2 s after the crash on db ended; half marks at 10s',
    );
    expect(parts.blastRadius?.explanation).toBe(
      '2 of 3 services not hit directly breached their SLO while the system was disturbed (gateway, orders)',
    );
  });

  it('gives no recovery points when users are still failing at the end of the run (a metastable failure)', () => {
    const stuck = dbCrash({ gateway: (s) => ({ rate: 100, errorShare: s >= 20 ? 0.5 : 0 }) });
    const result = score(stuck, littleShop());
    expect(result.recovered).toBe(false);
    expect(result.recoveryMs).toBe(30_000);
    expect(result.parts.recovery).toMatchObject({ points: 0 });
    expect(result.parts.recovery?.explanation).toBe(
      'users had still not recovered 30 s after the crash on db ended',
    );
  });

  it('judges recovery by latency too: a backlog draining is not yet normal', () => {
    const slow = dbCrash({
      gateway: (s) => ({ rate: 100, latencyMs: s >= 20 && s < 36 ? 400 : 20 }),
      orders: healthy,
    });
    expect(score(slow, littleShop()).recoveryMs).toBe(6000);
  });

  it('does not count a service that always fails as often as it does during the fault', () => {
    const noisy = dbCrash({ catalog: () => ({ rate: 100, errorShare: 0.05 }) });
    expect(score(noisy, littleShop()).blast.breached).toEqual(['gateway', 'orders']);
  });

  it('counts a service that breached only because of the fault elsewhere', () => {
    const spread = dbCrash({ catalog: (s) => ({ rate: 100, errorShare: s >= 22 && s < 25 ? 0.05 : 0 }) });
    expect(score(spread, littleShop()).blast.breached).toEqual(['gateway', 'orders', 'catalog']);
  });

  it('measures no recovery for a fault that lasts until the end of the run', () => {
    const design = littleShop({ faults: [{ type: 'crash', target: 'db', at: '20s' }] });
    const lasting = dbCrash();
    lasting.faults = [{ ...DB_CRASH, end: 60_000 }];
    const result = score(lasting, design);
    expect(result.recoveries).toEqual([expect.objectContaining({ recoveryMs: null, recovered: false })]);
    expect(result.recovered).toBe(true);
    expect(result.parts.recovery).toBeNull();
    expect(result.parts.availability.weight).toBeCloseTo(0.5 / 0.75, 12);
  });

  it('treats a load spike as a disturbance: a storm it sets off is a failure to recover', () => {
    const design = littleShop({
      faults: [],
      workload: [
        {
          target: 'gateway',
          rate: 100,
          profile: { type: 'spike', at: '20s', duration: '5s', multiplier: 3 },
        },
      ],
    });
    const storm = syntheticRun({
      design: 'little-shop',
      seconds: 60,
      services: {
        gateway: (s) => ({ rate: s >= 20 && s < 25 ? 300 : 100, errorShare: s >= 22 ? 0.6 : 0 }),
        orders: healthy,
        catalog: healthy,
        db: healthy,
      },
    });
    const result = score(storm, design);
    expect(result.recoveries.map((recovery) => recovery.disturbance)).toEqual([
      { start: 20_000, end: 25_000, causes: ['load spike ×3 on gateway'], hit: ['gateway'] },
    ]);
    expect(result).toMatchObject({ recovered: false, recoveryMs: 35_000 });
  });

  it('merges overlapping faults, and cuts a recovery short at the next disturbance', () => {
    const design = littleShop({
      faults: [
        { type: 'crash', target: 'db', at: '10s', duration: '5s' },
        { type: 'latency', target: 'db', at: '12s', duration: '5s', delay: '100ms' },
        { type: 'error', target: 'orders', at: '20s', duration: '5s', rate: 0.5 },
      ],
    });
    const run = syntheticRun({
      design: 'little-shop',
      seconds: 60,
      faults: [
        { type: 'crash', target: 'db', start: 10_000, end: 15_000 },
        { type: 'latency', target: 'db', start: 12_000, end: 17_000 },
        { type: 'error', target: 'orders', start: 20_000, end: 25_000 },
      ],
      services: {
        gateway: (s) => ({ rate: 100, errorShare: s >= 10 && s < 27 ? 0.2 : 0 }),
        orders: healthy,
        catalog: healthy,
        db: healthy,
      },
    });
    const result = score(run, design);
    expect(
      result.recoveries.map(({ disturbance, recoveryMs, recovered }) => [
        disturbance.causes,
        recoveryMs,
        recovered,
      ]),
    ).toEqual([
      [['crash on db', 'latency on db'], 3000, false],
      [['error on orders'], 2000, true],
    ]);
    expect(result.recoveryMs).toBe(3000);
    expect(result.parts.recovery?.points).toBe(0);
    expect(result.blast.hit).toEqual(['orders', 'db']);
  });
  it('says when users were back at once after every one of several disturbances', () => {
    const design = littleShop({
      faults: [
        { type: 'crash', target: 'db', at: '10s', duration: '5s' },
        { type: 'crash', target: 'db', at: '30s', duration: '5s' },
      ],
    });
    const run = syntheticRun({
      design: 'little-shop',
      seconds: 60,
      faults: [
        { type: 'crash', target: 'db', start: 10_000, end: 15_000 },
        { type: 'crash', target: 'db', start: 30_000, end: 35_000 },
      ],
      services: { gateway: healthy, orders: healthy, catalog: healthy, db: healthy },
    });
    expect(score(run, design).parts.recovery).toMatchObject({
      points: 1,
      explanation: 'users were back to normal as soon as each of the 2 disturbances ended',
    });
  });
});

describe('nines', () => {
  it('counts the nines of a percentage', () => {
    expect(nines(99.9)).toBeCloseTo(3, 12);
    expect(nines(90)).toBeCloseTo(1, 12);
    expect(nines(100)).toBe(Infinity);
  });
});

describe('docs/score.md', () => {
  const doc = readFileSync(new URL('../../../../docs/score.md', import.meta.url), 'utf8');

  it('states the weights and constants the code uses', () => {
    const { availability, recovery, blastRadius } = SCORE_WEIGHTS;
    expect(doc).toContain(
      `score = 100 × (${availability.toFixed(2)} × availability points + ${recovery.toFixed(2)} × recovery points + ${blastRadius.toFixed(2)} × blast-radius points)`,
    );
    expect(doc).toContain(`points = 1 / (1 + worst recovery time / ${RECOVERY_HALF_POINTS_MS / 1000} s)`);
    expect(doc).toContain(`the next\n${SETTLE_MS / 1000} seconds (\`SETTLE_MS\`)`);
    expect(BASELINE_TOLERANCE).toBe(2);
    expect(doc).toMatch(/twice the quiet\s+stretch's failure share/);
  });
});
