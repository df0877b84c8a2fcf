import { describe, expect, it } from 'vitest';
import { parseDesign } from './parse.js';
import { design, rejected, warningsOf } from './test-support/design.js';

describe('design warnings', () => {
  it('has none for a design that is all used and in time', () => {
    expect(warningsOf(design())).toEqual([]);
  });

  it('warns about faults outside the run, without rejecting the design', () => {
    const input = design({
      duration: '60s',
      faults: [
        { type: 'crash', target: 'orders', at: '50s', duration: '20s' },
        { type: 'crash', target: 'orders', at: '60s', duration: '1s' },
        { type: 'crash', target: 'orders', at: '10s', duration: '50s' },
      ],
    });
    expect(warningsOf(input)).toEqual([
      'faults[0].duration: ends at 70s, after the end of the run (1m): it is cut short',
      'faults[1].at: starts at or after the end of the run (1m): it never happens',
    ]);
  });

  it('warns about a load change after the end of the run', () => {
    const input = design({
      duration: '60s',
      workload: [
        { target: 'gateway', rate: 1, profile: { type: 'spike', at: '2m', duration: '1s', multiplier: 2 } },
      ],
    });
    expect(warningsOf(input)).toEqual([
      'workload[0].profile.at: starts at or after the end of the run (1m): the spike never happens',
    ]);
  });

  it('warns that a small bare number of a run length is milliseconds', () => {
    expect(warningsOf(design({ duration: 120 }))).toEqual([
      'duration: 120ms of simulated time: a bare number is milliseconds; write "120s" for seconds',
    ]);
    expect(warningsOf(design({ duration: '120ms' }))).toEqual([]);
  });

  it('warns about a design with no workload, and about services nothing reaches', () => {
    expect(warningsOf(design({ workload: [] }))).toEqual([
      'workload: no workload: nothing sends requests, so the run will be empty',
    ]);
    expect(warningsOf(design({ services: { gateway: {}, orders: {} } }))).toEqual([
      'services.orders: no workload targets this service and no service calls it: it will be idle',
    ]);
  });

  it('warns about packet loss on an edge no call uses', () => {
    const input = design({ faults: [{ type: 'packet-loss', from: 'orders', to: 'gateway', rate: 0.2 }] });
    expect(warningsOf(input)).toEqual([
      'faults[0]: no call goes from orders to gateway, so this packet loss changes nothing',
    ]);
  });

  it('keeps warnings apart from errors when it rejects a design', () => {
    const error = rejected(() =>
      parseDesign(design({ workload: [], faults: [{ type: 'crash', target: 'nowhere', at: '2h' }] })),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['faults[0].target']);
    expect(error.warnings.map((issue) => issue.path)).toEqual(['faults[0].at', 'workload']);
  });
});
