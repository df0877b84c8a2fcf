import type { BreakerTransition, FaultRecord, TimelineBucket } from '../../api/types.js';

/** Which measure a chart shows. */
export type Measure = 'throughput' | 'errorRate' | 'p99';

export const MEASURES: Readonly<Record<Measure, { title: string; unit: string }>> = {
  throughput: { title: 'Throughput', unit: 'responses/s' },
  errorRate: { title: 'Error rate', unit: '%' },
  p99: { title: 'p99 latency', unit: 'ms' },
};

/** The chart's columns: seconds, then one column per service (null where a second had no answers). */
export function seriesOf(args: {
  timeline: readonly TimelineBucket[];
  services: readonly string[];
  measure: Measure;
}): [number[], ...(number | null)[][]] {
  const x = args.timeline.map((b) => b.t / 1000);
  const columns = args.services.map((name) =>
    args.timeline.map((bucket) => {
      const s = bucket.services[name];
      if (!s) return null;
      const answered = s.ok + s.failed;
      switch (args.measure) {
        case 'throughput':
          return answered;
        case 'errorRate':
          return answered === 0 ? null : Math.round((s.failed / answered) * 10_000) / 100;
        case 'p99':
          return s.p99;
      }
    }),
  );
  return [x, ...columns];
}

/** A stretch of time a breaker spent in one state other than closed, in seconds. */
export interface BreakerBand {
  readonly edge: string;
  readonly state: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The stretches every breaker spent open, half-open or isolated, from its transitions. Each
 * instance of a caller has its own breaker: they are told apart by `instance`, and drawn on the
 * edge's lane.
 */
export function breakerBands(transitions: readonly BreakerTransition[], endMs: number): BreakerBand[] {
  const open: Record<string, { state: string; t: number; edge: string }> = {};
  const bands: BreakerBand[] = [];
  for (const tr of transitions) {
    const key = tr.instance === undefined ? tr.edge : `${tr.edge}#${tr.instance}`;
    const current = open[key];
    if (current) bands.push({ edge: tr.edge, state: current.state, from: current.t / 1000, to: tr.t / 1000 });
    if (tr.state === 'closed' || tr.state === 'disabled') delete open[key];
    else open[key] = { state: tr.state, t: tr.t, edge: tr.edge };
  }
  for (const current of Object.values(open)) {
    bands.push({ edge: current.edge, state: current.state, from: current.t / 1000, to: endMs / 1000 });
  }
  return bands.sort((a, b) => a.from - b.from);
}

/** Fault windows in seconds. */
export function faultBands(faults: readonly FaultRecord[]): { label: string; from: number; to: number }[] {
  return faults.map((f) => ({ label: `${f.type} ${f.target}`, from: f.start / 1000, to: f.end / 1000 }));
}
