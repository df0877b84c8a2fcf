import { describe, expect, it } from 'vitest';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { BandwidthStage } from './bandwidth.js';

describe('bandwidth toxic', () => {
  it('releases bytes at the rate, splitting slow sends into 100 ms pieces', () => {
    const h = new StageHarness();
    // 10 KB/s = 10 bytes per ms: 2500 bytes take 250 ms, in pieces of 1000 bytes.
    const stage = new BandwidthStage({ rate: 10 }, h.context(), h.outlet);
    stage.write(Buffer.alloc(2500, 120));
    h.clock.advance(1000);
    expect(h.deliveries.map((d) => [d.at, d.data?.length])).toEqual([
      [100, 1000],
      [200, 1000],
      [250, 500],
    ]);
  });

  it('counts time from when the link was last busy, so the long-run rate is exact', () => {
    const h = new StageHarness();
    const stage = new BandwidthStage({ rate: 1 }, h.context(), h.outlet); // 1 byte per ms
    stage.write(bytes('aaaaa')); // done at 5
    stage.write(bytes('bbbbb')); // queued behind: done at 10
    h.clock.advance(50);
    stage.write(bytes('cc')); // the link was idle: done at 52
    h.clock.advance(50);
    expect(h.deliveries.map((d) => d.at)).toEqual([5, 10, 52]);
  });

  it('passes bytes straight through with rate 0 (no limit, as in Toxiproxy)', () => {
    const h = new StageHarness();
    const stage = new BandwidthStage({ rate: 0 }, h.context(), h.outlet);
    stage.write(bytes('now'));
    stage.end();
    expect(h.deliveries).toEqual([
      { at: 0, data: 'now' },
      { at: 0, data: undefined },
    ]);
  });

  it('hands over what it holds when removed, without waiting', () => {
    const h = new StageHarness();
    const stage = new BandwidthStage({ rate: 1 }, h.context(), h.outlet);
    stage.write(Buffer.alloc(1000, 97));
    stage.end();
    stage.release();
    expect(h.received.length).toBe(1000);
    expect(h.ended).toBe(true);
    expect(h.held).toBe(0);
  });
});
