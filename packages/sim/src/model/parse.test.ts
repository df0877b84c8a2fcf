import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lognormal } from '../distributions/index.js';
import { FORMAT_VERSION } from './design.js';
import { parseDesign } from './parse.js';
import { callsOf } from './resolve/service.js';
import { design, errorsOf } from './test-support/design.js';

const fixture = (name: string): unknown =>
  parseYaml(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));

describe('parseDesign', () => {
  it('fills every default of a design that gives only a name and a service', () => {
    const { design: resolved, warnings } = parseDesign(fixture('minimal.yaml'));
    expect(resolved).toEqual({
      version: FORMAT_VERSION,
      name: 'minimal',
      seed: 1,
      duration: 60_000,
      network: { latency: { dist: 'constant', value: 0 } },
      services: {
        api: {
          name: 'api',
          instances: 1,
          workers: 10,
          queueLimit: 100,
          latency: { dist: 'constant', value: 1 },
          errorRate: 0,
          loadBalancer: 'round-robin',
          steps: [],
        },
      },
      workload: [],
      faults: [],
      slo: { availability: 99.9, latencyP99: undefined },
    });
    expect(warnings.map((w) => w.path)).toEqual(['workload']);
  });

  it("resolves DESIGN.md's example: durations in ms, distributions resolved, calls as steps", () => {
    const { design: shop, warnings } = parseDesign(fixture('shop.yaml'));
    expect(warnings).toEqual([]);
    expect(shop).toMatchObject({ name: 'shop', seed: 42, duration: 120_000 });
    expect(shop.services['gateway']).toMatchObject({
      instances: 2,
      workers: 32,
      queueLimit: 500,
      latency: { dist: 'exponential', mean: 5 },
    });
    expect(shop.services['orders']!.latency).toEqual(lognormal(20, 120));
    expect(shop.workload[0]).toMatchObject({
      kind: 'open',
      rate: 200,
      arrivals: 'poisson',
      profile: { type: 'spike', at: 30_000, duration: 10_000, multiplier: 3 },
    });
    expect(shop.faults).toHaveLength(5);
    expect(shop.faults[1]).toEqual({
      type: 'latency',
      target: 'orders',
      instances: 2,
      at: 60_000,
      duration: 20_000,
      delay: { dist: 'constant', value: 800 },
    });
    expect(shop.faults[4]).toEqual({
      type: 'partition',
      between: [['gateway'], ['orders']],
      at: 30_000,
      duration: 10_000,
    });
    expect(shop.slo).toEqual({ availability: 99.9, latencyP99: 500 });
  });

  it('keeps the resilience configs of a call exactly as written, for core to build from', () => {
    const { design: shop } = parseDesign(fixture('shop.yaml'));
    const [call] = callsOf(shop.services['gateway']!);
    expect(call).toMatchObject({
      from: 'gateway',
      to: 'orders',
      edge: 'gateway->orders',
      path: 'services.gateway.calls[0]',
    });
    expect(call!.resilience).toEqual({
      timeout: '1s',
      retry: { maxAttempts: 3, backoff: { type: 'exponential', initial: '50ms', max: '2s', jitter: 'full' } },
      circuitBreaker: {
        failureRateThreshold: 50,
        slowCallThreshold: '800ms',
        window: { type: 'count', size: 20 },
        minimumCalls: 10,
        openFor: '5s',
        halfOpenCalls: 3,
      },
      bulkhead: { maxConcurrent: 20, maxQueue: 0 },
      fallback: { type: 'static' },
    });
  });

  it('normalizes calls into steps: single calls and parallel groups, with per-edge or design-wide network latency', () => {
    const input = design({
      network: { latency: '2ms' },
      services: {
        gateway: {
          calls: [
            { to: 'a' },
            { parallel: [{ to: 'b', latency: { dist: 'uniform', min: '1ms', max: '3ms' } }, { to: 'c' }] },
          ],
        },
        a: {},
        b: {},
        c: {},
      },
    });
    const { steps } = parseDesign(input).design.services['gateway']!;
    expect(steps.map((step) => step.kind)).toEqual(['call', 'parallel']);
    expect(steps[0]).toMatchObject({ call: { to: 'a', latency: { dist: 'constant', value: 2 } } });
    expect(steps[1]).toMatchObject({
      calls: [
        {
          to: 'b',
          path: 'services.gateway.calls[1].parallel[0]',
          latency: { dist: 'uniform', min: 1, max: 3 },
        },
        { to: 'c', path: 'services.gateway.calls[1].parallel[1]', latency: { dist: 'constant', value: 2 } },
      ],
    });
  });

  it('reads every distribution, and a bare duration as a constant', () => {
    const latencies = {
      a: '5ms',
      b: 7,
      c: { dist: 'constant', value: '1s' },
      d: { dist: 'uniform', min: '1ms', max: '2ms' },
      e: { dist: 'exponential', mean: '5ms' },
      f: { dist: 'normal', mean: '10ms', stddev: '2ms' },
      g: { dist: 'lognormal', median: '20ms', p99: '120ms' },
    };
    const services = Object.fromEntries(
      Object.entries(latencies).map(([name, latency]) => [name, { latency }]),
    );
    const resolved = parseDesign(design({ services, workload: [] })).design.services;
    expect(Object.values(resolved).map((service) => service.latency)).toEqual([
      { dist: 'constant', value: 5 },
      { dist: 'constant', value: 7 },
      { dist: 'constant', value: 1000 },
      { dist: 'uniform', min: 1, max: 2 },
      { dist: 'exponential', mean: 5 },
      { dist: 'normal', mean: 10, stddev: 2 },
      lognormal(20, 120),
    ]);
  });

  it('fills fault defaults: from the start, to the end of the run, on every instance', () => {
    const input = design({
      duration: '2m',
      services: { gateway: { instances: 3 } },
      faults: [
        { type: 'crash', target: 'gateway' },
        { type: 'error', target: 'gateway', at: '30s', rate: 0.1 },
      ],
    });
    expect(parseDesign(input).design.faults).toEqual([
      { type: 'crash', target: 'gateway', instances: 3, at: 0, duration: 120_000 },
      { type: 'error', target: 'gateway', instances: 3, at: 30_000, duration: 90_000, rate: 0.1 },
    ]);
  });

  it('reads the other faults with their own keys', () => {
    const input = design({
      faults: [
        {
          type: 'exhaustion',
          target: 'orders',
          resource: 'connections',
          fraction: 0.5,
          at: '1s',
          duration: '2s',
        },
        { type: 'packet-loss', from: 'gateway', to: 'orders', rate: 0.1, at: '1s', duration: '2s' },
      ],
    });
    expect(parseDesign(input).design.faults).toEqual([
      {
        type: 'exhaustion',
        target: 'orders',
        instances: 1,
        resource: 'connections',
        fraction: 0.5,
        at: 1000,
        duration: 2000,
      },
      {
        type: 'packet-loss',
        from: 'gateway',
        to: 'orders',
        rate: 0.1,
        retransmitDelay: 200,
        at: 1000,
        duration: 2000,
      },
    ]);
  });

  it('reads open and closed workloads', () => {
    const input = design({
      workload: [
        { target: 'gateway', rate: 5, arrivals: 'uniform' },
        { target: 'gateway', users: 20, thinkTime: { dist: 'exponential', mean: '1s' } },
        { target: 'gateway', users: 1 },
      ],
    });
    expect(parseDesign(input).design.workload).toEqual([
      {
        kind: 'open',
        target: 'gateway',
        rate: 5,
        arrivals: 'uniform',
        profile: { type: 'constant' },
        curve: [{ at: 0, rate: 5 }],
      },
      { kind: 'closed', target: 'gateway', users: 20, thinkTime: { dist: 'exponential', mean: 1000 } },
      { kind: 'closed', target: 'gateway', users: 1, thinkTime: { dist: 'constant', value: 0 } },
    ]);
  });

  it('reads a ramp to the end of the run unless it has a duration', () => {
    const input = design({
      duration: '100s',
      workload: [{ target: 'gateway', rate: 10, profile: { type: 'ramp', to: 50, at: '20s' } }],
    });
    expect(parseDesign(input).design.workload[0]).toMatchObject({
      profile: { type: 'ramp', to: 50, at: 20_000, duration: 80_000 },
      curve: [
        { at: 0, rate: 10 },
        { at: 20_000, rate: 10 },
        { at: 100_000, rate: 50 },
      ],
    });
  });

  it('accepts version 1 and refuses a later version alone, with what to do', () => {
    expect(parseDesign(design({ version: 1 })).design.version).toBe(1);
    expect(errorsOf(design({ version: 2, services: 'whatever' }))).toEqual([
      'version: this design is format version 2, but this Faultline reads format version 1: upgrade Faultline to run it',
    ]);
    expect(errorsOf(design({ version: '1' }))).toEqual(['version: expected format version 1, got "1"']);
  });

  it('gives the same design for the same input', () => {
    expect(parseDesign(fixture('shop.yaml'))).toEqual(parseDesign(fixture('shop.yaml')));
  });
});
