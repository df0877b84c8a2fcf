import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AttemptContext } from './attempt-context.js';

function listenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

describe('AttemptContext', () => {
  it('creates its signal only when read, and aborts it with the reason given', () => {
    const context = new AttemptContext(2);
    expect(context.attempt).toBe(2);
    expect(context.aborted).toBe(false);
    const signal = context.signal;
    expect(context.signal).toBe(signal);
    const reason = new Error('deadline');
    context.abort(reason);
    context.abort(new Error('ignored'));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });

  it('hands out an already-aborted signal when aborted before it was read', () => {
    const context = new AttemptContext(1);
    const reason = new Error('lost the race');
    context.abort(reason);
    expect(context.aborted).toBe(true);
    expect(context.signal.aborted).toBe(true);
    expect(context.signal.reason).toBe(reason);
  });

  it('follows the caller once its signal exists, and stops following on release', () => {
    const caller = new AbortController();
    const context = new AttemptContext(1, caller.signal);
    expect(listenerCount(caller.signal)).toBe(0);
    const signal = context.signal;
    expect(listenerCount(caller.signal)).toBe(1);
    context.release();
    expect(listenerCount(caller.signal)).toBe(0);
    caller.abort(new Error('caller gave up'));
    expect(signal.aborted).toBe(false);
  });

  it('aborts with the caller’s reason, and removes its listener when it does', () => {
    const caller = new AbortController();
    const context = new AttemptContext(1, caller.signal);
    const signal = context.signal;
    const reason = new Error('caller gave up');
    caller.abort(reason);
    expect(signal.reason).toBe(reason);
    expect(listenerCount(caller.signal)).toBe(0);
  });

  it('sees a caller abort that happened before the signal was read', () => {
    const caller = new AbortController();
    const context = new AttemptContext(1, caller.signal);
    caller.abort('stop');
    expect(context.aborted).toBe(true);
    expect(context.signal.reason).toBe('stop');
  });

  it('keeps its internals out of sight of the function it is handed to', () => {
    const context = new AttemptContext(3, new AbortController().signal);
    expect(Object.keys(context)).toEqual(['attempt']);
  });
});
