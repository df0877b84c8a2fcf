import { describe, expect, it } from 'vitest';
import { availabilityOf, checkSlo, entryServices } from './slo.js';
import { littleShop } from './test-support/little-shop.js';
import { syntheticRun } from './test-support/synthetic-run.js';

const run = syntheticRun({
  design: 'little-shop',
  seconds: 10,
  calls: ['gateway->orders', 'gateway->catalog', 'orders->db'],
  services: {
    gateway: (s) => ({ rate: 100, latencyMs: 10, errorShare: s === 5 ? 0.01 : 0 }),
    orders: () => ({ rate: 100, latencyMs: 100 }),
    catalog: () => ({ rate: 100, latencyMs: 1 }),
    db: () => ({ rate: 100, latencyMs: 1, errorShare: 0.02 }),
  },
});

describe('checkSlo', () => {
  it('judges the users by the entry services and every service by its own figures', () => {
    const check = checkSlo(run, { availability: 99.9, latencyP99: 200 }, { entry: ['gateway'] });
    expect(check.entry).toEqual(['gateway']);
    expect(check.availability).toEqual({ target: 99.9, actual: 99.9, met: true });
    expect(check.latencyP99).toMatchObject({ targetMs: 200, met: true });
    expect(check.latencyP99?.actualMs).toBe(run.services.gateway!.latencyMs.p99);
    expect(check.met).toBe(true);
    expect(check.services.db).toEqual({
      met: false,
      availability: { target: 99.9, actual: 98, met: false },
      latencyP99: { targetMs: 200, actualMs: run.services.db!.latencyMs.p99, met: true },
    });
    expect(check.services.orders?.latencyP99?.met).toBe(false);
  });

  it('misses on either objective, judged on the exact figure', () => {
    expect(
      checkSlo(run, { availability: 99.91, latencyP99: undefined }, { entry: ['gateway'] }),
    ).toMatchObject({
      met: false,
      availability: { actual: 99.9, met: false },
    });
    const slow = checkSlo(run, { availability: 99, latencyP99: 20 }, { entry: ['gateway'] });
    expect(slow).toMatchObject({ met: false, availability: { met: true }, latencyP99: { met: false } });
    expect(checkSlo(run, { availability: 99, latencyP99: undefined }).latencyP99).toBeUndefined();
  });

  it('takes the services nobody calls as the entry when not told', () => {
    expect(checkSlo(run, { availability: 99, latencyP99: undefined }).entry).toEqual(['gateway']);
  });
});

describe('entryServices', () => {
  it('lists the workload targets in the order of the services', () => {
    const design = littleShop({
      workload: [
        { target: 'catalog', rate: 5 },
        { target: 'gateway', users: 3 },
        { target: 'catalog', rate: 1 },
      ],
    });
    expect(entryServices(design)).toEqual(['gateway', 'catalog']);
  });
});

describe('availabilityOf', () => {
  it('is the percent of answers that succeeded; nothing answered is 100 only when nothing was asked', () => {
    expect(availabilityOf(999, 1)).toBeCloseTo(99.9, 12);
    expect(availabilityOf(0, 0, 0)).toBe(100);
    expect(availabilityOf(0, 0, 5)).toBe(0);
  });
});
