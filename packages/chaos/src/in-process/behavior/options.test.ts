import { describe, expect, it } from 'vitest';
import { resolveChaosBehaviorOptions } from './options.js';
import { issuesOf } from '../test-support/track.js';

describe('resolveChaosBehaviorOptions', () => {
  it('requires a behavior function', () => {
    const behavior = () => undefined;
    expect(resolveChaosBehaviorOptions({ behavior }).behavior).toBe(behavior);
    expect(issuesOf(() => resolveChaosBehaviorOptions({}))).toEqual([
      'behavior: required: a function ({ context }) => void | Promise<void> to run before chosen calls (behaviors are code only)',
    ]);
    expect(issuesOf(() => resolveChaosBehaviorOptions({ behavior: 'restart' }, 'chaos'))).toEqual([
      'chaos.behavior: expected a function ({ context }) => void | Promise<void>, got "restart"',
    ]);
  });
});
