import { describe, expect, it } from 'vitest';
import { Issues, seededRandom } from '@faultline/core';
import { StageHarness } from '../../test-support/stage-harness.js';
import { slicer, SlicerStage } from './slicer.js';
import { sliceEnds } from './slices.js';

describe('slicer toxic', () => {
  it('cuts a chunk into slices of average_size ± size_variation that add up to the chunk', () => {
    const random = seededRandom(3);
    for (const length of [1, 9, 10, 11, 100, 1000, 65536]) {
      const ends = sliceEnds(length, 10, 4, random);
      expect(ends.at(-1)).toBe(length);
      let start = 0;
      for (const end of ends) {
        expect(end).toBeGreaterThan(start);
        if (length > 14) expect(end - start).toBeGreaterThanOrEqual(3);
        expect(end - start).toBeLessThanOrEqual(14);
        start = end;
      }
    }
  });

  it('cuts exactly in halves without variation', () => {
    expect(sliceEnds(40, 10, 0, seededRandom(1))).toEqual([10, 20, 30, 40]);
  });

  it('writes each slice on its own, delay µs apart, without losing or reordering a byte', () => {
    const h = new StageHarness({ seed: 11 });
    const stage = new SlicerStage({ average_size: 8, size_variation: 3, delay: 2000 }, h.context(), h.outlet);
    const text = 'the quick brown fox jumps over the lazy dog, twice: the quick brown fox';
    stage.write(Buffer.from(text));
    stage.end();
    h.clock.advance(10_000);
    expect(h.received).toBe(text);
    expect(h.deliveries.length).toBeGreaterThan(6);
    const slices = h.deliveries.filter((d) => d.data !== undefined);
    slices.forEach((d, i) => expect(d.at).toBe(i * 2));
  });

  it('hands over the slices it holds when removed', () => {
    const h = new StageHarness();
    const stage = new SlicerStage({ average_size: 1, size_variation: 0, delay: 1000 }, h.context(), h.outlet);
    stage.write(Buffer.from('abcdef'));
    stage.release();
    expect(h.received).toBe('abcdef');
  });

  it('refuses a slicer without an average size, or a variation as large as it', () => {
    const issues = new Issues();
    slicer.read({}, slicer.defaults, issues, 'attributes');
    slicer.read({ average_size: 10, size_variation: 10 }, slicer.defaults, issues, 'attributes');
    expect(issues.list).toEqual([
      { path: 'attributes.average_size', message: 'expected a slice size of at least 1 byte, got 0' },
      { path: 'attributes.size_variation', message: 'expected less than average_size (10), got 10' },
    ]);
  });
});
