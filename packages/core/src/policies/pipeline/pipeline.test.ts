import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { PolicyBase, type ExecuteOptions, type PolicyFunction, contextOf } from '../../policy/index.js';
import { pipeline } from './pipeline.js';

/** A policy that records when it runs and hands an inner context with its own mark. */
class Tracing extends PolicyBase {
  constructor(
    private readonly label: string,
    private readonly log: string[],
  ) {
    super('tracing', label, new VirtualClock());
  }
  async execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    this.log.push(`${this.label}>`);
    this.report('enter', 'info', { attempt: context.attempt });
    try {
      return await fn({ ...context, attempt: context.attempt + 1 });
    } finally {
      this.log.push(`<${this.label}`);
    }
  }
}

describe('pipeline', () => {
  it('composes outer to inner and passes each context inward', async () => {
    const log: string[] = [];
    const outer = new Tracing('outer', log);
    const inner = new Tracing('inner', log);
    const result = await pipeline(outer, inner).execute(({ attempt }) => {
      log.push(`call#${attempt}`);
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(log).toEqual(['outer>', 'inner>', 'call#3', '<inner', '<outer']);
  });

  it('turns a synchronous throw into a rejection', async () => {
    await expect(
      pipeline().execute(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('forwards every child event to one listener, and disposes them together', async () => {
    const a = new Tracing('a', []);
    const b = new Tracing('b', []);
    const p = pipeline({ name: 'orders' }, a, b);
    expect(p.name).toBe('orders');
    const seen: string[] = [];
    const subscription = p.onEvent((event) => seen.push(event.name));
    await p.execute(() => 1);
    subscription.dispose();
    await p.execute(() => 1);
    expect(seen).toEqual(['a', 'b']);
  });

  it('rejects a number or a string where a policy or the options belong', () => {
    expect(() => pipeline(1 as never)).toThrow(/argument 1 is not a policy/);
    expect(() => pipeline({ name: 'x' }, 'retry' as never)).toThrow(/argument 2 is not a policy/);
  });

  it('rejects a non-policy argument with its position', () => {
    expect(() => pipeline(new Tracing('a', []), {} as never)).toThrow(/argument 2 is not a policy/);
  });
});
