import type { RunResult, TimelineServiceBucket } from '../result.js';
import { formatMs, formatPercent, formatTime } from './format.js';

/** One line of a chart, as the browser script draws it. */
export interface ChartSeries {
  readonly label: string;
  /** A CSS custom property of the page (`--ok`), so the colour follows light and dark. */
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly dashed?: boolean;
}

/** One chart: what the browser draws, and what a reader without it is told. */
export interface Chart {
  readonly id: string;
  readonly title: string;
  /** The unit of the y axis, for its label. */
  readonly unit: string;
  readonly series: readonly ChartSeries[];
  /** The chart in words: its alt text. */
  readonly description: string;
}

/** The charts' shared x axis and what is shaded on it. */
export interface ChartAxis {
  /** Start of each point, simulated seconds. */
  readonly t: readonly number[];
  /** Seconds each point covers: 1 unless a long run was binned to keep the page light. */
  readonly binSeconds: number;
  /** Fault and load spike windows, simulated seconds. */
  readonly faults: readonly { start: number; end: number; label: string }[];
}

/** At most this many points per chart: a day-long run is binned, so the page stays small and fast. */
export const MAX_POINTS = 1500;

interface Bin {
  ok: number;
  failed: number;
  p99: number | null;
}

/**
 * The timeline binned to at most MAX_POINTS points, with the x axis the charts share; the faults
 * and `spikes` (load spikes, in ms) are shaded.
 */
export function chartAxis(
  result: RunResult,
  spikes: readonly { start: number; end: number; cause: string }[] = [],
): { axis: ChartAxis; bins: (name: string) => Bin[] } {
  const timeline = result.timeline;
  const bucketMs = timeline.length > 1 ? timeline[1]!.t - timeline[0]!.t : 1000;
  const size = Math.max(1, Math.ceil(timeline.length / MAX_POINTS));
  const starts: number[] = [];
  for (let index = 0; index < timeline.length; index += size) starts.push(timeline[index]!.t / 1000);
  const bins = (name: string): Bin[] => {
    const out: Bin[] = [];
    for (let index = 0; index < timeline.length; index += size) {
      const bin: Bin = { ok: 0, failed: 0, p99: null };
      for (const bucket of timeline.slice(index, index + size)) add(bin, bucket.services[name]);
      out.push(bin);
    }
    return out;
  };
  const faults = [
    ...result.faults.map((fault) => ({
      start: fault.start / 1000,
      end: fault.end / 1000,
      label: `${fault.type} on ${fault.target}`,
    })),
    ...spikes.map((spike) => ({ start: spike.start / 1000, end: spike.end / 1000, label: spike.cause })),
  ].sort((a, b) => a.start - b.start);
  return { axis: { t: starts, binSeconds: (size * bucketMs) / 1000, faults }, bins };
}

// A bin's p99 is the highest of its buckets': the worst second stays visible when binned.
function add(bin: Bin, bucket: TimelineServiceBucket | undefined): void {
  if (bucket === undefined) return;
  bin.ok += bucket.ok;
  bin.failed += bucket.failed;
  if (bucket.p99 !== null) bin.p99 = Math.max(bin.p99 ?? 0, bucket.p99);
}

/** Throughput, error rate and p99 of one service (or of the users, summed over `services`). */
export function serviceCharts(
  id: string,
  name: string,
  services: readonly string[],
  source: { axis: ChartAxis; bins: (name: string) => Bin[] },
  latencyTarget: number | undefined,
): Chart[] {
  const { axis } = source;
  const perService = services.map((service) => source.bins(service));
  const bins: Bin[] = axis.t.map((_, index) => {
    const bin: Bin = { ok: 0, failed: 0, p99: null };
    for (const series of perService) {
      const part = series[index]!;
      bin.ok += part.ok;
      bin.failed += part.failed;
      if (part.p99 !== null) bin.p99 = Math.max(bin.p99 ?? 0, part.p99);
    }
    return bin;
  });
  const perSecond = (count: number) => round(count / axis.binSeconds, 2);
  const ok = bins.map((bin) => perSecond(bin.ok));
  const failed = bins.map((bin) => perSecond(bin.failed));
  const errors = bins.map((bin) =>
    bin.ok + bin.failed === 0 ? null : round((bin.failed / (bin.ok + bin.failed)) * 100, 3),
  );
  const p99 = bins.map((bin) => bin.p99);
  const p99Series: ChartSeries[] = [{ label: 'p99', color: '--latency', values: p99 }];
  if (latencyTarget !== undefined)
    p99Series.push({
      label: 'SLO p99',
      color: '--target',
      values: p99.map(() => latencyTarget),
      dashed: true,
    });
  return [
    {
      id: `${id}-throughput`,
      title: 'Responses per second',
      unit: 'per second',
      series: [
        { label: 'ok', color: '--ok', values: ok },
        { label: 'failed', color: '--failed', values: failed },
      ],
      description: throughputWords(name, axis, ok, failed),
    },
    {
      id: `${id}-errors`,
      title: 'Errors',
      unit: '% failed',
      series: [{ label: 'failed %', color: '--failed', values: errors }],
      description: errorWords(name, axis, errors),
    },
    {
      id: `${id}-p99`,
      title: 'p99 latency',
      unit: 'ms',
      series: p99Series,
      description: latencyWords(name, axis, p99, latencyTarget),
    },
  ];
}

function throughputWords(
  name: string,
  axis: ChartAxis,
  ok: readonly number[],
  failed: readonly number[],
): string {
  const total = ok.map((value, index) => value + failed[index]!);
  if (total.every((value) => value === 0)) return `${name} answered no requests during the run.`;
  const mean = total.reduce((sum, value) => sum + value, 0) / total.length;
  const peak = argMax(total);
  let words =
    `${name}, responses per second over ${formatTime(axis.t.length * axis.binSeconds * 1000)}: ` +
    `${round(mean, 1)} on average, at most ${round(total[peak]!, 1)} (at ${at(axis, peak)}).`;
  const worst = argMax(failed);
  if (failed[worst]! > 0)
    words += ` Failures peaked at ${round(failed[worst]!, 1)} per second at ${at(axis, worst)}.`;
  return words + faultWords(axis);
}

function errorWords(name: string, axis: ChartAxis, errors: readonly (number | null)[]): string {
  const failing = errors.filter((value) => value !== null && value > 0).length;
  if (failing === 0) return `${name}: no failed responses during the run.${faultWords(axis)}`;
  const worst = argMax(errors.map((value) => value ?? 0));
  const points = axis.binSeconds === 1 ? 'seconds' : `${axis.binSeconds}-second spans`;
  return (
    `${name}, share of responses that failed: failures in ${failing} of ${errors.length} ${points}, ` +
    `at most ${formatPercent(errors[worst]!)} (at ${at(axis, worst)}).${faultWords(axis)}`
  );
}

function latencyWords(
  name: string,
  axis: ChartAxis,
  p99: readonly (number | null)[],
  target: number | undefined,
): string {
  const known = p99.filter((value): value is number => value !== null);
  if (known.length === 0) return `${name}: no responses, so no latency.`;
  const sorted = [...known].sort((a, b) => a - b);
  const worst = argMax(p99.map((value) => value ?? -1));
  let words =
    `${name}, p99 latency: typically ${formatMs(sorted[Math.floor(sorted.length / 2)]!)}, ` +
    `at most ${formatMs(p99[worst]!)} (at ${at(axis, worst)}).`;
  if (target !== undefined) {
    const over = known.filter((value) => value > target).length;
    words += ` Above the SLO's ${formatMs(target)} in ${over} of ${known.length} points.`;
  }
  return words + faultWords(axis);
}

function faultWords(axis: ChartAxis): string {
  if (axis.faults.length === 0) return '';
  const windows = axis.faults.map(
    (fault) => `${fault.label} from ${formatTime(fault.start * 1000)} to ${formatTime(fault.end * 1000)}`,
  );
  return ` Shaded: ${windows.join('; ')}.`;
}

function at(axis: ChartAxis, index: number): string {
  return formatTime(axis.t[index]! * 1000);
}

function argMax(values: readonly (number | null)[]): number {
  let best = 0;
  values.forEach((value, index) => {
    if ((value ?? -Infinity) > (values[best] ?? -Infinity)) best = index;
  });
  return best;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
