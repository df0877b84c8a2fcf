import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from './latency-recorder.js';
import { TimelineSeries } from './timeline-series.js';

function series(startAt = 0): { timeline: TimelineSeries; wholeRun: LatencyRecorder } {
  const wholeRun = new LatencyRecorder();
  return { timeline: new TimelineSeries(startAt, 1000, wholeRun), wholeRun };
}

/** The buckets of a run ending at `end`, as a result reads them. */
function until(timeline: TimelineSeries, end: number) {
  timeline.closeEndedBy(end);
  return timeline.bucketsUntil(end);
}

describe('TimelineSeries', () => {
  it('counts responses in the bucket of the time they were sent', () => {
    const { timeline } = series();
    timeline.record(0, 5, true);
    timeline.record(999.9, 5, false);
    timeline.record(1000, 9, true); // the first instant of the second bucket
    expect(until(timeline, 2000)).toEqual([
      { ok: 1, failed: 1, p50: 5, p99: 5 },
      { ok: 1, failed: 0, p50: 9, p99: 9 },
    ]);
  });

  it('gives seconds without responses null percentiles, not a misleading zero', () => {
    const { timeline } = series();
    timeline.record(100, 5, true);
    timeline.record(3500, 5, true);
    const buckets = until(timeline, 4000);
    expect(buckets).toHaveLength(4);
    expect(buckets[1]).toEqual({ ok: 0, failed: 0, p50: null, p99: null });
    expect(buckets[2]).toEqual({ ok: 0, failed: 0, p50: null, p99: null });
  });

  it('summarizes each bucket on its own, and feeds every response to the whole-run histogram', () => {
    const { timeline, wholeRun } = series();
    for (let i = 1; i <= 100; i++) timeline.record(10, i, true);
    for (let i = 1; i <= 100; i++) timeline.record(1010, 1000 + i, true);
    timeline.closeEndedBy(3000);
    const within = (measured: number | null, expected: number): boolean =>
      measured !== null && measured >= expected && measured < expected * 1.001;
    expect(within(timeline.bucket(0).p99, 99)).toBe(true);
    expect(within(timeline.bucket(1).p50, 1050)).toBe(true);
    expect(wholeRun.count).toBe(200);
    expect(wholeRun.maxMs).toBe(1100);
    expect(within(wholeRun.percentileMs(50), 100)).toBe(true);
    expect(within(wholeRun.percentileMs(51), 1002)).toBe(true); // rank 102 of 200
  });

  it('shows a partial last bucket at the end, and folds responses sent exactly at the end into the last', () => {
    const { timeline } = series();
    timeline.record(2500, 1, true);
    expect(until(timeline, 2500.5)).toHaveLength(3);
    const exact = series().timeline;
    exact.record(2999, 1, true);
    exact.record(3000, 3, false);
    const buckets = until(exact, 3000);
    expect(buckets).toHaveLength(3);
    expect(buckets[2]).toEqual({ ok: 1, failed: 1, p50: 1, p99: 3 });
  });

  it('closes nothing that has not ended: asked again later, it gives more', () => {
    const { timeline } = series();
    timeline.record(10, 1, true);
    expect(until(timeline, 1500)).toHaveLength(2);
    expect(until(timeline, 1500)).toHaveLength(2);
    timeline.record(1700, 2, true);
    expect(until(timeline, 1800)[1]).toEqual({ ok: 1, failed: 0, p50: 2, p99: 2 });
    expect(timeline.wholeRunSoFar().count).toBe(2);
  });

  it('closes only buckets that have ended when a live view asks', () => {
    const { timeline } = series();
    timeline.record(10, 1, true);
    timeline.closeEndedBy(1500);
    expect(timeline.length).toBe(1);
    timeline.record(1600, 2, true); // still the open second bucket
    timeline.closeEndedBy(2000);
    expect(timeline.bucket(1)).toEqual({ ok: 1, failed: 0, p50: 2, p99: 2 });
  });

  it('starts its buckets where the run starts', () => {
    const { timeline } = series(500);
    timeline.record(1400, 1, true);
    timeline.record(1500, 1, true);
    expect(until(timeline, 2500).map((bucket) => bucket.ok)).toEqual([1, 1]);
  });

  it('takes memory per second of simulated time, never per request', () => {
    const { timeline } = series();
    for (let i = 0; i < 200_000; i++) timeline.record(i / 100, 1, true); // 200,000 responses in 2 s
    const buckets = until(timeline, 2000);
    expect(buckets).toHaveLength(2);
    expect(buckets[0]!.ok + buckets[1]!.ok).toBe(200_000);
  });
});
