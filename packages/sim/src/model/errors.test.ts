import { describe, expect, it } from 'vitest';
import { DESIGN_LIMITS } from './limits.js';
import { design, errorsOf } from './test-support/design.js';

// Each message names the path and says what was expected, got what, and where it helps, the fix.
describe('design errors', () => {
  it('words a bad duration as DESIGN.md does', () => {
    const input = design({
      services: { gateway: { calls: [{ to: 'orders', latency: 'fast' }] }, orders: {} },
    });
    expect(errorsOf(input)).toEqual([
      'services.gateway.calls[0].latency: expected a duration like "5ms" or a distribution like { dist: exponential, mean: 5ms }, got "fast"',
    ]);
    expect(errorsOf(design({ duration: '2 minutes' }))).toEqual([
      'duration: expected a duration like "250ms", got "2 minutes"',
    ]);
  });

  it('reports an unknown key with the nearest known one', () => {
    expect(errorsOf(design({ services: { gateway: { queueLimt: 5 }, orders: {} } }))).toEqual([
      'services.gateway.queueLimt: unknown key; did you mean "queueLimit"? (known: instances, workers, queueLimit, latency, errorRate, loadBalancer, calls)',
    ]);
  });

  it('reports every unknown key of one object on its own path', () => {
    const errors = errorsOf(design({ sead: 1, nmae: 'x' }));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^sead: unknown key; did you mean "seed"\?/);
    expect(errors[1]).toMatch(/^nmae: unknown key; did you mean "name"\?/);
  });

  it('reports a required key that is missing', () => {
    const { name: _name, ...nameless } = design();
    expect(errorsOf(nameless)).toEqual(['name: missing: expected a design name']);
    expect(errorsOf(design({ services: { gateway: { calls: [{ timeout: '1s' }] } } }))).toEqual([
      'services.gateway.calls[0].to: missing: expected a service name',
    ]);
  });

  it('lists the choices, with a hint, for a word it does not know', () => {
    expect(errorsOf(design({ services: { gateway: { loadBalancer: 'roundrobin' } } }))).toEqual([
      'services.gateway.loadBalancer: expected one of "round-robin", "random", "least-outstanding", "power-of-two", got "roundrobin"; did you mean "round-robin"?',
    ]);
    expect(
      errorsOf(design({ services: { gateway: { latency: { dist: 'lognormall', median: 1, p99: 2 } } } })),
    ).toEqual([
      'services.gateway.latency.dist: expected one of "constant", "uniform", "exponential", "normal", "lognormal", got "lognormall"; did you mean "lognormal"?',
    ]);
    expect(errorsOf(design({ faults: [{ type: 'crsh', target: 'orders' }] }))).toEqual([
      'faults[0].type: expected one of "crash", "latency", "error", "exhaustion", "partition", "packet-loss", got "crsh"; did you mean "crash"?',
    ]);
  });

  it('checks numbers against their range', () => {
    expect(
      errorsOf(
        design({ services: { gateway: { instances: 0, workers: 2.5, errorRate: 1.5, queueLimit: -1 } } }),
      ),
    ).toEqual([
      `services.gateway.instances: expected a whole number from 1 to ${DESIGN_LIMITS.instancesPerService} (the limit of ${DESIGN_LIMITS.instancesPerService} instances per service), got 0`,
      `services.gateway.workers: expected a whole number from 1 to ${DESIGN_LIMITS.workersPerInstance} (the limit of ${DESIGN_LIMITS.workersPerInstance} workers per instance), got 2.5`,
      `services.gateway.queueLimit: expected a whole number from 0 to ${DESIGN_LIMITS.queueLimit} (the limit of ${DESIGN_LIMITS.queueLimit} waiting requests per instance), got -1`,
      'services.gateway.errorRate: expected a number from 0 to 1, got 1.5',
    ]);
  });

  it('checks that the parameters of a distribution make sense together', () => {
    const latency = (value: unknown) => design({ services: { gateway: { latency: value } } });
    expect(errorsOf(latency({ dist: 'uniform', min: '5ms', max: '1ms' }))).toEqual([
      'services.gateway.latency.max: expected max ≥ min (5ms), got 1ms',
    ]);
    expect(errorsOf(latency({ dist: 'lognormal', median: '20ms', p99: '20ms' }))).toEqual([
      'services.gateway.latency.p99: expected a p99 above the median (20ms), got 20ms; for a fixed latency use { dist: constant, value: 20ms }',
    ]);
    expect(errorsOf(latency({ dist: 'lognormal', median: 0, p99: '20ms' }))).toEqual([
      'services.gateway.latency.median: expected a duration above 0, got 0',
    ]);
    expect(errorsOf(latency({ mean: '5ms' }))).toEqual([
      'services.gateway.latency.dist: missing: expected one of "constant", "uniform", "exponential", "normal", "lognormal"',
    ]);
    expect(errorsOf(latency({ dist: 'exponential', mean: '5ms', stddev: '1ms' }))[0]).toMatch(
      /^services\.gateway\.latency\.stddev: unknown key \(known: dist, mean\)$/,
    );
  });

  it('reports a call to an unknown service, with the nearest name', () => {
    expect(errorsOf(design({ services: { gateway: { calls: [{ to: 'ordrs' }] }, orders: {} } }))).toEqual([
      'services.gateway.calls[0].to: no service named "ordrs"; did you mean "orders"? (services: gateway, orders)',
    ]);
  });

  it('reports workloads and faults aimed at unknown services', () => {
    const input = design({
      workload: [{ target: 'gatewy', rate: 1 }],
      faults: [
        { type: 'crash', target: 'payments' },
        { type: 'partition', between: [['gateway'], ['nowhere']] },
        { type: 'packet-loss', from: 'gateway', to: 'ordres', rate: 0.1 },
      ],
    });
    expect(errorsOf(input)).toEqual([
      'workload[0].target: no service named "gatewy"; did you mean "gateway"? (services: gateway, orders)',
      'faults[0].target: no service named "payments" (services: gateway, orders)',
      'faults[1].between[1][0]: no service named "nowhere" (services: gateway, orders)',
      'faults[2].to: no service named "ordres"; did you mean "orders"? (services: gateway, orders)',
    ]);
  });

  it('reports a fault on more instances than its service has', () => {
    const input = design({
      services: { gateway: { instances: 2 } },
      faults: [{ type: 'crash', target: 'gateway', instances: 3 }],
    });
    expect(errorsOf(input)).toEqual([
      'faults[0].instances: expected at most 2 (gateway has 2 instances), got 3',
    ]);
  });

  it('reports a partition that puts a service in two groups, or has one group', () => {
    expect(
      errorsOf(design({ faults: [{ type: 'partition', between: [['gateway', 'orders'], ['orders']] }] })),
    ).toEqual([
      'faults[0].between[1][0]: "orders" is already in group 0 of this partition: a service is in one group only',
    ]);
    expect(errorsOf(design({ faults: [{ type: 'partition', between: [['gateway', 'orders']] }] }))).toEqual([
      'faults[0].between: expected at least two groups, got 1',
    ]);
  });

  it('names a cycle of calls', () => {
    const input = design({
      services: {
        gateway: { calls: [{ to: 'orders' }] },
        orders: { calls: [{ to: 'stock' }] },
        stock: { calls: [{ parallel: [{ to: 'audit' }, { to: 'orders' }] }] },
        audit: {},
      },
    });
    expect(errorsOf(input)).toEqual([
      'services.stock.calls[0].parallel[1].to: calls form a cycle, orders -> stock -> orders: a design must be a DAG (a request cannot wait on itself); remove one of these calls',
    ]);
  });

  it('names a service that calls itself', () => {
    expect(errorsOf(design({ services: { gateway: { calls: [{ to: 'gateway' }] } } }))).toEqual([
      'services.gateway.calls[0].to: calls form a cycle, gateway -> gateway: a design must be a DAG (a request cannot wait on itself); remove one of these calls',
    ]);
  });

  it('reports mistakes in one service without hiding those in others, or where its calls go', () => {
    const input = design({
      services: { gateway: { workers: 0, calls: [{ to: 'nowhere' }] }, orders: { latency: 'slow' } },
    });
    expect(errorsOf(input).map((error) => error.split(':')[0])).toEqual([
      'services.gateway.workers',
      'services.orders.latency',
      'services.gateway.calls[0].to',
    ]);
  });

  it('checks where a call goes even when the call has another mistake', () => {
    const input = design({
      services: { gateway: { calls: [{ parallel: [{ to: 'gateway', latency: 'soon' }] }] }, orders: {} },
      workload: [
        { target: 'gateway', rate: 1 },
        { target: 'orders', rate: 1 },
      ],
    });
    expect(errorsOf(input).map((error) => error.split(':')[0])).toEqual([
      'services.gateway.calls[0].parallel[0].latency',
      'services.gateway.calls[0].parallel[0].to',
    ]);
  });

  it('refuses service names that would break paths and edge names', () => {
    expect(errorsOf(design({ services: { 'a.b': {}, gateway: {}, orders: {} } }))).toEqual([
      'services.a.b: expected a service name of letters, digits, "-" and "_", starting with a letter, at most 64 characters',
    ]);
  });

  it('needs at least one service', () => {
    expect(errorsOf(design({ services: {}, workload: [] }))).toEqual([
      'services: expected at least one service',
    ]);
  });

  it('tells an open workload from a closed one, and asks for what is missing', () => {
    expect(errorsOf(design({ workload: [{ target: 'gateway', rate: 1, users: 2 }] }))).toEqual([
      'workload[0].users: a workload is open loop (rate) or closed loop (users), not both: remove one',
    ]);
    expect(errorsOf(design({ workload: [{ target: 'gateway' }] }))).toEqual([
      'workload[0].rate: missing: expected requests per second, like rate: 200',
    ]);
    expect(errorsOf(design({ workload: [{ target: 'gateway', users: 0 }] }))[0]).toMatch(
      /^workload\[0\]\.users: expected a whole number from 1 to/,
    );
  });

  it('asks for exactly one source of a csv profile', () => {
    const profile = (value: object) =>
      design({ workload: [{ target: 'gateway', profile: { type: 'csv', ...value } }] });
    expect(errorsOf(profile({}))).toEqual([
      'workload[0].profile: expected either csv: (the rates inline) or file: (a CSV file next to the design), not both or neither',
    ]);
    expect(errorsOf(profile({ csv: '0s,1', file: 'rates.csv' }))).toHaveLength(1);
  });

  it('reports the CSV line of a bad row', () => {
    const input = design({
      workload: [{ target: 'gateway', profile: { type: 'csv', csv: 'time,rate\n0s,10\n5s,lots\n' } }],
    });
    expect(errorsOf(input)).toEqual([
      `workload[0].profile.csv: line 3: expected a rate from 0 to ${DESIGN_LIMITS.ratePerSecond} requests per second (the limit per workload), got "lots"`,
    ]);
  });

  it('refuses a csv file when the design did not come from a file', () => {
    const input = design({ workload: [{ target: 'gateway', profile: { type: 'csv', file: 'rates.csv' } }] });
    expect(errorsOf(input)).toEqual([
      'workload[0].profile.file: a CSV file can be read only when the design is loaded from a file: put the rates inline with csv:',
    ]);
  });

  it('reports steps out of time order', () => {
    const steps = [
      { at: '10s', rate: 5 },
      { at: '5s', rate: 1 },
    ];
    expect(
      errorsOf(design({ workload: [{ target: 'gateway', rate: 1, profile: { type: 'step', steps } }] })),
    ).toEqual([
      "workload[0].profile.steps[1].at: expected a time after the previous step's (10000ms), got 5000ms: list steps in time order",
    ]);
  });

  it('reports a design that is not an object', () => {
    expect(errorsOf([1])).toEqual([
      'expected a design: an object with name, services, workload and faults, got an array',
    ]);
  });
});
