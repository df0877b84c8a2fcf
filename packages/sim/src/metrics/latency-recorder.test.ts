import { Int32Histogram } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { LatencyRecorder, roundToMicros, slotOf } from './latency-recorder.js';

describe('LatencyRecorder', () => {
  it('keeps the exact count, mean and max', () => {
    const recorder = new LatencyRecorder();
    for (const latency of [1, 2, 3, 4, 10.0005]) recorder.record(latency);
    expect(recorder.count).toBe(5);
    expect(recorder.meanMs).toBeCloseTo(20.0005 / 5, 12);
    expect(recorder.maxMs).toBe(10.0005);
  });

  it('gives nearest-rank percentiles within 0.1%', () => {
    const recorder = new LatencyRecorder();
    // 1..10000 µs, i.e. 0.001 ms to 10 ms: the p-th percentile is p% of 10 ms.
    for (let micros = 1; micros <= 10_000; micros++) recorder.record(micros / 1000);
    for (const [percentile, expected] of [
      [50, 5],
      [95, 9.5],
      [99, 9.9],
      [100, 10],
    ] as const) {
      const measured = recorder.percentileMs(percentile);
      expect(Math.abs(measured / expected - 1)).toBeLessThanOrEqual(0.001);
    }
  });

  it('reads a constant latency exactly: percentiles stay within the exact minimum and maximum', () => {
    const recorder = new LatencyRecorder();
    for (let i = 0; i < 10; i++) recorder.record(16.392);
    expect(recorder.summary()).toEqual({ mean: 16.392, p50: 16.392, p95: 16.392, p99: 16.392, max: 16.392 });
  });

  it('rounds percentiles up, by less than 0.1%, as HDR histograms do', () => {
    const recorder = new LatencyRecorder();
    recorder.record(5);
    recorder.record(99);
    const median = recorder.percentileMs(50);
    expect(median).toBeGreaterThanOrEqual(5);
    expect(median).toBeLessThan(5.005);
  });

  it('records latencies longer than an hour without losing them', () => {
    const recorder = new LatencyRecorder();
    recorder.record(5 * 3_600_000);
    recorder.record(1);
    expect(recorder.maxMs).toBe(5 * 3_600_000);
    expect(Math.abs(recorder.percentileMs(100) / (5 * 3_600_000) - 1)).toBeLessThan(0.001);
  });

  it('summarizes to zeros when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });

  it('adds another recorder as if its latencies were recorded here', () => {
    const both = new LatencyRecorder();
    const first = new LatencyRecorder();
    const second = new LatencyRecorder();
    for (let i = 1; i <= 100; i++) {
      both.record(i);
      (i % 2 === 0 ? first : second).record(i);
    }
    first.add(second);
    first.add(new LatencyRecorder());
    expect(first.summary()).toEqual(both.summary());
    expect(first.count).toBe(100);
  });

  it('forgets everything on reset', () => {
    const recorder = new LatencyRecorder();
    recorder.record(50);
    recorder.reset();
    recorder.record(2);
    expect(recorder.summary()).toEqual({ mean: 2, p50: 2, p95: 2, p99: 2, max: 2 });
  });

  it('rejects a latency that cannot be one, saying what it got', () => {
    const recorder = new LatencyRecorder();
    expect(() => recorder.record(-1)).toThrow(/expected a latency ≥ 0 ms, got -1/);
    expect(() => recorder.record(NaN)).toThrow(/got NaN/);
    expect(() => recorder.record(Infinity)).toThrow(/got Infinity/);
    expect(recorder.count).toBe(0);
  });

  it('finds the slot HDR itself would use for every value, by integer arithmetic', () => {
    const histogram = new Int32Histogram(1, 2 ** 31, 3);
    const magnitude = histogram.subBucketHalfCountMagnitude;
    const mismatches: number[] = [];
    const check = (micros: number): void => {
      if (slotOf(micros, magnitude) !== histogram.countsArrayIndex(micros)) mismatches.push(micros);
    };
    for (let micros = 0; micros <= 1 << 20; micros++) check(micros);
    // Around every power of two, where a bucket ends, up to 2^31.
    for (let power = 20; power <= 31; power++)
      for (let offset = -2000; offset <= 2000; offset++) check(2 ** power + offset);
    for (let micros = 1 << 20; micros < 2 ** 31; micros += 9_973) check(micros);
    expect(mismatches).toEqual([]);
  });

  it('gives the same percentiles as the histogram recording on its own', () => {
    const recorder = new LatencyRecorder();
    const reference = new Int32Histogram(1, 3_600_000_000, 3);
    reference.autoResize = true;
    let value = 0.5;
    let smallest = Infinity;
    for (let i = 0; i < 20_000; i++) {
      value = (value * 7919.123) % 40_000; // spread over 0 to 40 s
      smallest = Math.min(smallest, value);
      recorder.record(value);
      reference.recordValue(Math.round(value * 1000));
    }
    for (const percentile of [1, 10, 50, 90, 99, 99.9]) {
      const fromReference = reference.getValueAtPercentile(percentile) / 1000;
      expect(recorder.percentileMs(percentile)).toBe(
        Math.max(smallest, Math.min(fromReference, recorder.maxMs)),
      );
    }
  });

  it('rounds milliseconds to the microsecond', () => {
    expect(roundToMicros(1.23456)).toBe(1.235);
    expect(roundToMicros(0.0004)).toBe(0);
  });
});
