import { describe, expect, it } from 'vitest';
import { Issues } from '@faultline/core';
import { StageHarness, bytes } from '../../test-support/stage-harness.js';
import { latency, LatencyStage } from './latency.js';

describe('latency toxic', () => {
  it('delays every chunk by the latency and keeps the end right behind the last chunk', () => {
    const h = new StageHarness();
    const stage = new LatencyStage({ latency: 100, jitter: 0 }, h.context(), h.outlet);
    stage.write(bytes('a'));
    h.clock.advance(30);
    stage.write(bytes('b'));
    stage.end();
    expect(h.deliveries).toEqual([]);
    expect(h.held).toBe(2);
    h.clock.advance(70);
    expect(h.deliveries).toEqual([{ at: 100, data: 'a' }]);
    h.clock.advance(30);
    expect(h.deliveries).toEqual([
      { at: 100, data: 'a' },
      { at: 130, data: 'b' },
      { at: 130, data: undefined },
    ]);
    expect(h.held).toBe(0);
  });

  it('draws jitter within latency ± jitter and never reorders chunks', () => {
    const h = new StageHarness({ seed: 7 });
    const stage = new LatencyStage({ latency: 100, jitter: 50 }, h.context(), h.outlet);
    for (let i = 0; i < 200; i++) {
      stage.write(bytes(String.fromCharCode(65 + (i % 26))));
      h.clock.advance(1);
    }
    h.clock.advance(1000);
    const sent = Array.from({ length: 200 }, (_, i) => String.fromCharCode(65 + (i % 26))).join('');
    expect(h.received).toBe(sent);
    const waits = h.deliveries.map((d, i) => d.at - i);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...waits)).toBeLessThan(150);
    // In order: release times never go backwards.
    for (let i = 1; i < h.deliveries.length; i++)
      expect(h.deliveries[i]!.at).toBeGreaterThanOrEqual(h.deliveries[i - 1]!.at);
  });

  it('hands over everything it holds, in order, when removed', () => {
    const h = new StageHarness();
    const stage = new LatencyStage({ latency: 1000, jitter: 0 }, h.context(), h.outlet);
    stage.write(bytes('one'));
    stage.write(bytes('two'));
    stage.release();
    expect(h.received).toBe('onetwo');
    expect(h.deliveries.every((d) => d.at === 0)).toBe(true);
    expect(h.held).toBe(0);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('applies new attributes to chunks that arrive after an update', () => {
    const h = new StageHarness();
    const stage = new LatencyStage({ latency: 100, jitter: 0 }, h.context(), h.outlet);
    stage.write(bytes('a'));
    stage.update({ latency: 10, jitter: 0 });
    stage.write(bytes('b'));
    h.clock.advance(100);
    // b waited for a: order is kept even when the latency drops.
    expect(h.deliveries).toEqual([
      { at: 100, data: 'a' },
      { at: 100, data: 'b' },
    ]);
  });

  it('reads durations as numbers of ms or strings, and rejects unknown attributes with a hint', () => {
    const issues = new Issues();
    expect(latency.read({ latency: '1s', jitter: 5 }, latency.defaults, issues, 'attributes')).toEqual({
      latency: 1000,
      jitter: 5,
    });
    expect(issues.ok).toBe(true);
    latency.read({ latnecy: 5, jitter: -1 }, latency.defaults, issues, 'attributes');
    expect(issues.list.map((i) => i.path)).toEqual(['attributes.latnecy', 'attributes.jitter']);
    expect(issues.list[0]!.message).toContain('did you mean "latency"?');
  });
});
