import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { PacketLossStage } from './packet-loss.js';

function survivors(lossRate: number, correlation: number, seed: number): string {
  const h = new StageHarness({ seed });
  const stage = new PacketLossStage({ loss_rate: lossRate, correlation }, h.context(), h.outlet);
  for (let i = 0; i < 10_000; i++) stage.write(bytes(i % 2 ? 'b' : 'a'));
  return h.received;
}

describe('packet_loss toxic', () => {
  it('drops about loss_rate of the chunks', () => {
    const kept = survivors(0.25, 0, 5).length;
    expect(kept).toBeGreaterThan(7_200);
    expect(kept).toBeLessThan(7_800);
  });

  it('drops more, in bursts, with correlation', () => {
    expect(survivors(0.25, 0.5, 5).length).toBeLessThan(survivors(0.25, 0, 5).length - 500);
  });

  it('drops nothing at 0 and everything at 1, and the same chunks for the same seed', () => {
    expect(survivors(0, 0, 1).length).toBe(10_000);
    expect(survivors(1, 0, 1)).toBe('');
    expect(survivors(0.5, 0.1, 9)).toBe(survivors(0.5, 0.1, 9));
  });
});
