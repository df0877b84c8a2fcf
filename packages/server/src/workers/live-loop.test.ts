import { describe, expect, it } from 'vitest';
import { VirtualClock } from '@faultline/core';
import type { EngineFrame, LiveEngine } from './live-engine.js';
import { LiveLoop } from './live-loop.js';
import type { LiveWorkerMessage } from './live-messages.js';

/** An engine that records what it is asked to do. */
function recordingEngine(): LiveEngine & { calls: string[] } {
  const calls: string[] = [];
  let ids = 0;
  return {
    calls,
    advanceTo: (t) => void calls.push(`advance ${t}`),
    inject: (fault) => {
      if (fault['target'] === 'nowhere') throw new Error('fault.target: no service named "nowhere"');
      calls.push(`inject ${String(fault['type'])}${'duration' in fault ? ' with duration' : ''}`);
      return `engine-${++ids}`;
    },
    heal: (id) => void calls.push(`heal ${id}`),
    frame: (): EngineFrame => ({ seconds: [], transitions: [], services: {}, edges: {} }),
    result: () => ({ simulatedMs: 0 }) as never,
  };
}

function setup(speed = 10) {
  const clock = new VirtualClock();
  const engine = recordingEngine();
  const posted: LiveWorkerMessage[] = [];
  const loop = new LiveLoop({
    engine,
    speed,
    now: () => clock.now(),
    post: (message) => posted.push(message),
  });
  return { clock, engine, posted, loop };
}

describe('live loop', () => {
  it('advances simulated time by wall time × speed, one frame per tick', () => {
    const { clock, engine, posted, loop } = setup(10);
    clock.advance(250);
    loop.tick();
    clock.advance(250);
    loop.tick();
    expect(engine.calls).toEqual(['advance 2500', 'advance 5000']);
    expect(posted.map((message) => (message.type === 'frame' ? message.t : message.type))).toEqual([
      2500, 5000,
    ]);
  });

  it('stands still while paused, and does not make up the paused time', () => {
    const { clock, engine, loop } = setup(10);
    clock.advance(100);
    loop.tick();
    loop.handle({ type: 'pause' });
    clock.advance(5000);
    loop.tick();
    loop.handle({ type: 'resume' });
    clock.advance(100);
    loop.tick();
    loop.handle({ type: 'speed', speed: 100 });
    clock.advance(100);
    loop.tick();
    expect(engine.calls).toEqual(['advance 1000', 'advance 2000', 'advance 12000']);
  });

  it('heals a fault with a duration at its simulated end, advancing exactly to it first', () => {
    const { clock, engine, posted, loop } = setup(10);
    clock.advance(100);
    loop.tick();
    loop.handle({ type: 'inject', id: 'a', fault: { type: 'crash', target: 'db', duration: '3s' } });
    loop.handle({ type: 'inject', id: 'b', fault: { type: 'error', target: 'db', rate: 1 } });
    clock.advance(500);
    loop.tick();
    expect(engine.calls).toEqual([
      'advance 1000',
      'inject crash',
      'inject error',
      'advance 4000',
      'heal engine-1',
      'advance 6000',
    ]);
    expect(posted.filter((message) => message.type !== 'frame')).toEqual([
      { type: 'injected', id: 'a', t: 1000 },
      { type: 'injected', id: 'b', t: 1000 },
      { type: 'healed', id: 'a', t: 4000 },
    ]);
    loop.handle({ type: 'halt' });
    expect(engine.calls.at(-1)).toBe('heal engine-2');
    expect(posted.at(-1)).toEqual({ type: 'healed', id: 'b', t: 6000 });
  });

  it('reports a fault the engine refuses, and a bad duration', () => {
    const { posted, loop } = setup();
    loop.handle({ type: 'inject', id: 'x', fault: { type: 'crash', target: 'nowhere' } });
    loop.handle({ type: 'inject', id: 'y', fault: { type: 'crash', target: 'db', duration: 'forever' } });
    expect(posted).toEqual([
      { type: 'rejected', id: 'x', message: 'fault.target: no service named "nowhere"' },
      { type: 'rejected', id: 'y', message: 'duration: expected a duration above 0, got forever' },
    ]);
  });
});
