import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { LimitTimeStage } from './limit-time.js';

describe('limit_time toxic', () => {
  it('passes bytes until the time is up, then closes the connection', () => {
    const h = new StageHarness();
    const stage = new LimitTimeStage({ time: 1000 }, h.context(), h.outlet);
    stage.write(bytes('in time'));
    h.clock.advance(1000);
    stage.write(bytes('too late'));
    expect(h.deliveries).toEqual([
      { at: 0, data: 'in time' },
      { at: 1000, data: undefined },
    ]);
    expect(h.closes).toBe(1);
  });

  it('moves the deadline on update, counted from when it joined', () => {
    const h = new StageHarness();
    const stage = new LimitTimeStage({ time: 1000 }, h.context(), h.outlet);
    h.clock.advance(600);
    stage.update({ time: 700 });
    h.clock.advance(99);
    expect(h.closes).toBe(0);
    h.clock.advance(1);
    expect(h.closes).toBe(1);
  });

  it('never closes a connection once removed', () => {
    const h = new StageHarness();
    const stage = new LimitTimeStage({ time: 1000 }, h.context(), h.outlet);
    stage.release();
    h.clock.advance(5000);
    expect(h.closes).toBe(0);
  });
});
