import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { SlowCloseStage } from './slow-close.js';

describe('slow_close toxic', () => {
  it('passes bytes at once and holds the end back for the delay', () => {
    const h = new StageHarness();
    const stage = new SlowCloseStage({ delay: 500 }, h.context(), h.outlet);
    stage.write(bytes('data'));
    stage.end();
    expect(h.deliveries).toEqual([{ at: 0, data: 'data' }]);
    h.clock.advance(499);
    expect(h.ended).toBe(false);
    h.clock.advance(1);
    expect(h.deliveries[1]).toEqual({ at: 500, data: undefined });
  });

  it('lets the end through at once when removed', () => {
    const h = new StageHarness();
    const stage = new SlowCloseStage({ delay: 500 }, h.context(), h.outlet);
    stage.end();
    stage.release();
    expect(h.deliveries).toEqual([{ at: 0, data: undefined }]);
  });
});
