import { ConfigError } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { designOf } from '../world/test-support/run.js';
import { parseLiveFault } from './live-fault.js';

const design = designOf({
  services: { gateway: { calls: [{ to: 'orders' }] }, orders: { instances: 3 } },
  workload: [{ target: 'gateway', rate: 10 }],
});

function messages(input: unknown): string[] {
  try {
    parseLiveFault(input, design);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected the fault to be refused');
}

describe('parseLiveFault', () => {
  it('reads a fault of the design file, starting now, for durationMs or until healed', () => {
    expect(
      parseLiveFault({ type: 'crash', target: 'orders', instances: 1, durationMs: 10_000 }, design),
    ).toEqual({
      fault: { type: 'crash', target: 'orders', instances: 1, at: 0, duration: 10_000 },
      durationMs: 10_000,
    });
    const latency = parseLiveFault({ type: 'latency', target: 'orders', delay: '800ms' }, design);
    expect(latency.durationMs).toBe(Infinity);
    expect(latency.fault).toMatchObject({ delay: { dist: 'constant', value: 800 }, instances: 3 });
    expect(
      parseLiveFault({ type: 'error', target: 'orders', rate: 0.5, duration: '2s' }, design).durationMs,
    ).toBe(2000);
    expect(
      parseLiveFault({ type: 'partition', between: [['gateway'], ['orders']] }, design).fault,
    ).toMatchObject({
      type: 'partition',
    });
  });

  it('refuses a bad fault with what is wrong and where, as a design would', () => {
    expect(messages({ type: 'crash', target: 'ordrs' })).toEqual([
      'fault.target: no service named "ordrs"; did you mean "orders"? (services: gateway, orders)',
    ]);
    expect(messages({ type: 'crash', target: 'orders', instances: 4 })).toEqual([
      'fault.instances: expected at most 3 (orders has 3 instances), got 4',
    ]);
    expect(messages({ type: 'crash', target: 'orders', at: '1s' })).toEqual([
      'fault.at: a live fault starts now: leave at out',
    ]);
    expect(messages({ type: 'crash', target: 'orders', durationMs: -5 })).toEqual([
      'fault.durationMs: expected a number of ms above 0, got -5',
    ]);
    expect(messages({ type: 'error', target: 'orders' })[0]).toMatch(/^fault.rate: /);
    expect(messages({ type: 'meltdown', target: 'orders' })[0]).toMatch(/^fault.type: /);
    expect(messages('crash')).toEqual([
      'fault: expected a fault like { type: "crash", target: "orders" }, got "crash"',
    ]);
  });
});
