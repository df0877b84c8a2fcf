import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { SlowOpenStage } from './slow-open.js';

describe('slow_open toxic', () => {
  it('delays the first bytes, queues what follows behind them, then lets bytes flow', () => {
    const h = new StageHarness();
    const stage = new SlowOpenStage({ delay: 300 }, h.context(), h.outlet);
    stage.write(bytes('hello'));
    h.clock.advance(100);
    stage.write(bytes(' world'));
    h.clock.advance(200);
    h.clock.advance(100);
    stage.write(bytes('!'));
    expect(h.deliveries).toEqual([
      { at: 300, data: 'hello' },
      { at: 300, data: ' world' },
      { at: 400, data: '!' },
    ]);
  });

  it('leaves a connection that was open before the toxic was added alone', () => {
    const h = new StageHarness({ joinedLive: true });
    const stage = new SlowOpenStage({ delay: 300 }, h.context(), h.outlet);
    stage.write(bytes('now'));
    expect(h.deliveries).toEqual([{ at: 0, data: 'now' }]);
  });

  it('hands over the delayed bytes when removed', () => {
    const h = new StageHarness();
    const stage = new SlowOpenStage({ delay: 300 }, h.context(), h.outlet);
    stage.write(bytes('early'));
    stage.release();
    expect(h.deliveries).toEqual([{ at: 0, data: 'early' }]);
  });
});
