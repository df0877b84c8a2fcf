import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { TimeoutStage } from './timeout.js';

describe('timeout toxic', () => {
  it('drops every byte and closes the connection after the timeout', () => {
    const h = new StageHarness();
    const stage = new TimeoutStage({ timeout: 1000 }, h.context(), h.outlet);
    stage.write(bytes('lost'));
    h.clock.advance(999);
    expect(h.deliveries).toEqual([]);
    expect(h.closes).toBe(0);
    h.clock.advance(1);
    expect(h.closes).toBe(1);
    expect(h.deliveries).toEqual([{ at: 1000, data: undefined }]);
    stage.write(bytes('after'));
    expect(h.received).toBe('');
  });

  it('with timeout 0 is a black hole that never closes, even at the end of the stream', () => {
    const h = new StageHarness();
    const stage = new TimeoutStage({ timeout: 0 }, h.context(), h.outlet);
    stage.write(bytes('lost'));
    stage.end();
    h.clock.advance(3_600_000);
    expect(h.deliveries).toEqual([]);
    expect(h.closes).toBe(0);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('closes the connection it held when removed', () => {
    const h = new StageHarness();
    const stage = new TimeoutStage({ timeout: 0 }, h.context(), h.outlet);
    stage.release();
    expect(h.closes).toBe(1);
    expect(h.ended).toBe(true);
  });

  it('counts an updated timeout from when the toxic joined the connection', () => {
    const h = new StageHarness();
    const stage = new TimeoutStage({ timeout: 0 }, h.context(), h.outlet);
    h.clock.advance(300);
    stage.update({ timeout: 500 });
    h.clock.advance(199);
    expect(h.closes).toBe(0);
    h.clock.advance(1);
    expect(h.closes).toBe(1);
  });
});
