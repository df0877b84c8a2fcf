import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { ResetPeerStage } from './reset-peer.js';

describe('reset_peer toxic', () => {
  it('resets the connection the timeout after the first bytes, dropping them', () => {
    const h = new StageHarness();
    const stage = new ResetPeerStage({ timeout: 200 }, h.context(), h.outlet);
    h.clock.advance(1000);
    expect(h.resets).toBe(0);
    stage.write(bytes('first'));
    stage.write(bytes('second'));
    h.clock.advance(199);
    expect(h.resets).toBe(0);
    h.clock.advance(1);
    expect(h.resets).toBe(1);
    expect(h.deliveries).toEqual([]);
  });

  it('resets at once with timeout 0, also on the end of the stream', () => {
    const h = new StageHarness();
    const stage = new ResetPeerStage({ timeout: 0 }, h.context(), h.outlet);
    stage.end();
    expect(h.resets).toBe(1);
  });

  it('never resets a connection it left before the timer fired', () => {
    const h = new StageHarness();
    const stage = new ResetPeerStage({ timeout: 200 }, h.context(), h.outlet);
    stage.write(bytes('x'));
    stage.dispose();
    h.clock.advance(1000);
    expect(h.resets).toBe(0);
  });

  it('resets at once when removed after it was triggered, and not at all before', () => {
    const h = new StageHarness();
    const untouched = new ResetPeerStage({ timeout: 200 }, h.context(), h.outlet);
    untouched.release();
    expect(h.resets).toBe(0);
    const triggered = new ResetPeerStage({ timeout: 200 }, h.context(), h.outlet);
    triggered.write(bytes('x'));
    triggered.release();
    expect(h.resets).toBe(1);
    h.clock.advance(1000);
    expect(h.resets).toBe(1);
  });
});
