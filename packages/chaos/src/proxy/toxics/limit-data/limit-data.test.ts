import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { LimitDataStage } from './limit-data.js';

describe('limit_data toxic', () => {
  it('lets exactly the limit through, cutting the chunk that crosses it, then closes', () => {
    const h = new StageHarness();
    const stage = new LimitDataStage({ bytes: 10 }, h.context(), h.outlet);
    stage.write(bytes('123456'));
    expect(h.closes).toBe(0);
    stage.write(bytes('7890abc'));
    stage.write(bytes('more'));
    expect(h.received).toBe('1234567890');
    expect(h.closes).toBe(1);
    expect(h.ended).toBe(true);
  });

  it('closes on the first bytes with a limit of 0', () => {
    const h = new StageHarness();
    const stage = new LimitDataStage({ bytes: 0 }, h.context(), h.outlet);
    expect(h.closes).toBe(0);
    stage.write(bytes('x'));
    expect(h.received).toBe('');
    expect(h.closes).toBe(1);
  });

  it('keeps counting across an update', () => {
    const h = new StageHarness();
    const stage = new LimitDataStage({ bytes: 5 }, h.context(), h.outlet);
    stage.write(bytes('abc'));
    stage.update({ bytes: 6 });
    stage.write(bytes('defgh'));
    expect(h.received).toBe('abcdef');
    expect(h.closes).toBe(1);
  });

  it('passes the natural end of the stream when under the limit', () => {
    const h = new StageHarness();
    const stage = new LimitDataStage({ bytes: 5 }, h.context(), h.outlet);
    stage.write(bytes('ab'));
    stage.end();
    expect(h.deliveries.at(-1)).toEqual({ at: 0, data: undefined });
    expect(h.closes).toBe(0);
  });
});
