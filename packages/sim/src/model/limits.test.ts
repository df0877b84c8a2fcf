import { describe, expect, it } from 'vitest';
import { DESIGN_LIMITS } from './limits.js';
import { design, errorsOf } from './test-support/design.js';

describe('design limits', () => {
  it('refuses more services than the limit, naming it', () => {
    const services = Object.fromEntries(
      Array.from({ length: DESIGN_LIMITS.services + 1 }, (_, i) => [`s${i}`, {}]),
    );
    expect(errorsOf(design({ services, workload: [] }))).toEqual([
      `services: ${DESIGN_LIMITS.services + 1} services is over the limit of ${DESIGN_LIMITS.services} per design`,
    ]);
  });

  it('counts the calls of parallel groups against the calls-per-service limit', () => {
    const half = Math.ceil((DESIGN_LIMITS.callsPerService + 1) / 2);
    const calls = [
      ...Array.from({ length: half }, () => ({ to: 'orders' })),
      { parallel: Array.from({ length: half }, () => ({ to: 'orders' })) },
    ];
    expect(errorsOf(design({ services: { gateway: { calls }, orders: {} } }))).toEqual([
      `services.gateway.calls: ${2 * half} calls is over the limit of ${DESIGN_LIMITS.callsPerService} per service (parallel ones included)`,
    ]);
  });

  it('refuses a run longer than the limit of simulated time', () => {
    expect(errorsOf(design({ duration: '25h' }))).toEqual([
      'duration: expected a duration of at most 24h (the limit of simulated time per run), got "25h"',
    ]);
  });

  it('refuses more workloads or faults than the limits', () => {
    const workload = Array.from({ length: DESIGN_LIMITS.workloads + 1 }, () => ({
      target: 'gateway',
      rate: 1,
    }));
    expect(errorsOf(design({ workload }))).toEqual([
      `workload: ${DESIGN_LIMITS.workloads + 1} is over the limit of ${DESIGN_LIMITS.workloads} workloads per design`,
    ]);
    const faults = Array.from({ length: DESIGN_LIMITS.faults + 1 }, () => ({
      type: 'crash',
      target: 'orders',
    }));
    expect(errorsOf(design({ faults }))).toEqual([
      `faults: ${DESIGN_LIMITS.faults + 1} is over the limit of ${DESIGN_LIMITS.faults} faults per design`,
    ]);
  });

  it('refuses a rate past the limit, and a spike that peaks past it', () => {
    const limit = DESIGN_LIMITS.ratePerSecond;
    expect(errorsOf(design({ workload: [{ target: 'gateway', rate: limit + 1 }] }))).toEqual([
      `workload[0].rate: expected a number from 0 to ${limit} (the limit of ${limit} requests per second per workload), got ${limit + 1}`,
    ]);
    const spike = { type: 'spike', at: '1s', duration: '1s', multiplier: 3 };
    expect(errorsOf(design({ workload: [{ target: 'gateway', rate: limit / 2, profile: spike }] }))).toEqual([
      `workload[0].profile: peaks at ${1.5 * limit} requests per second, over the limit of ${limit} per workload`,
    ]);
  });
});
