import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.js';
import { PolicyBase, contextOf, type ExecuteOptions, type PolicyFunction } from '../policy/index.js';
import { Registry } from './registry.js';

class Counting extends PolicyBase {
  calls = 0;
  constructor(name: string) {
    super('counting', name, new VirtualClock());
  }
  async execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    this.calls++;
    this.report('call', 'info', { calls: this.calls });
    return fn(contextOf(options));
  }
  toJSON() {
    return { calls: this.calls };
  }
}

describe('Registry', () => {
  it('creates a named policy once and lists it with its state', async () => {
    const registry = new Registry();
    let created = 0;
    const make = () => (created++, new Counting('orders'));
    const a = registry.getOrCreate('orders', make);
    const b = registry.getOrCreate('orders', make);
    expect(a).toBe(b);
    expect(created).toBe(1);
    await a.execute(() => 1);
    expect(registry.list()).toEqual([{ name: 'orders', kind: 'counting', state: { calls: 1 } }]);
  });

  it('refuses a second registration under one name, and forgets removed policies', async () => {
    const registry = new Registry();
    const policy = registry.register('x', new Counting('x'));
    expect(() => registry.register('x', new Counting('x'))).toThrow(/already registered/);
    const seen: string[] = [];
    registry.onEvent((event) => seen.push(`${event.name}:${event.type}`));
    await policy.execute(() => 1);
    expect(registry.remove('x')).toBe(true);
    await policy.execute(() => 1);
    expect(seen).toEqual(['x:call']);
    expect(registry.get('x')).toBeUndefined();
    expect(registry.size).toBe(0);
  });
});
