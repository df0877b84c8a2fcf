import { describe, expect, it } from 'vitest';
import { AttemptContext } from '../policies/timeout/attempt-context.js';
import { NEVER_ABORTED, contextOf, isAborted } from './policy.js';

describe('isAborted', () => {
  it('answers a plain context from its signal', () => {
    const controller = new AbortController();
    const context = { signal: controller.signal, attempt: 1 };
    expect(isAborted(context)).toBe(false);
    controller.abort(new Error('caller gave up'));
    expect(isAborted(context)).toBe(true);
    expect(isAborted(contextOf(undefined))).toBe(false);
    expect(isAborted({ signal: NEVER_ABORTED, attempt: 2 })).toBe(false);
  });

  it('answers a lazy context without creating its signal', () => {
    let created = 0;
    const context = new AttemptContext(1);
    const signalOf = Object.getOwnPropertyDescriptor(AttemptContext.prototype, 'signal')!.get!;
    const spy = new Proxy(context, {
      get: (target, key) => {
        if (key === 'signal') created++;
        return key === 'signal' ? signalOf.call(target) : Reflect.get(target, key, target);
      },
    });
    expect(isAborted(spy)).toBe(false);
    context.abort(new Error('deadline'));
    expect(isAborted(spy)).toBe(true);
    expect(created).toBe(0);
  });

  it("follows a lazy context's caller before its signal exists", () => {
    const caller = new AbortController();
    const context = new AttemptContext(1, caller.signal);
    expect(isAborted(context)).toBe(false);
    caller.abort(new Error('caller gave up'));
    expect(isAborted(context)).toBe(true);
  });
});
