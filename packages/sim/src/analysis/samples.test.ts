import { describe, expect, it } from 'vitest';
import { aggregate, bucketWidth, samplesBetween } from './samples.js';

describe('aggregate', () => {
  it('sums the counts and takes the error share of what was answered', () => {
    const stretch = aggregate([
      { ok: 90, failed: 10, p99: 20 },
      { ok: 100, failed: 0, p99: 30 },
    ]);
    expect(stretch).toMatchObject({ ok: 190, failed: 10, errorShare: 0.05 });
  });

  it('estimates the p99 as the response-weighted median of the buckets: one slow quiet second does not set it', () => {
    const stretch = aggregate([
      { ok: 100, failed: 0, p99: 20 },
      { ok: 100, failed: 0, p99: 25 },
      { ok: 5, failed: 0, p99: 900 },
    ]);
    expect(stretch.p99).toBe(25);
    expect(
      aggregate([
        { ok: 10, failed: 0, p99: 20 },
        { ok: 100, failed: 0, p99: 900 },
      ]).p99,
    ).toBe(900);
  });

  it('is empty, with no p99, when nothing was answered', () => {
    expect(aggregate([{ ok: 0, failed: 0, p99: null }])).toEqual({
      ok: 0,
      failed: 0,
      errorShare: 0,
      p99: null,
    });
  });
});

describe('samplesBetween', () => {
  const timeline = [0, 1000, 2000, 3000].map((t) => ({
    t,
    services: { a: { ok: t, failed: 0, p50: 1, p99: 2 }, b: { ok: 1, failed: 1, p50: 1, p99: 2 } },
  }));

  it('takes the buckets that overlap the interval, for the services named', () => {
    expect(samplesBetween(timeline, ['a'], 1500, 3000, 1000).map((sample) => sample.ok)).toEqual([
      1000, 2000,
    ]);
    expect(samplesBetween(timeline, ['a', 'b'], 0, 1000, 1000)).toHaveLength(2);
  });

  it('reads the bucket width from the timeline', () => {
    expect(bucketWidth(timeline)).toBe(1000);
    expect(bucketWidth([])).toBe(1000);
  });
});
