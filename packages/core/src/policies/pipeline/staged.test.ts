import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { BrokenCircuitError } from '../../errors/index.js';
import { PolicyBase, type ExecuteOptions, type Policy, type PolicyFunction } from '../../policy/index.js';
import { bulkhead } from '../bulkhead/index.js';
import { circuitBreaker } from '../circuit-breaker/index.js';
import { fallback } from '../fallback/index.js';
import { retry } from '../retry/index.js';
import { timeout } from '../timeout/index.js';
import { pipeline } from './pipeline.js';

function designOrder(clock: VirtualClock): Policy[] {
  return [
    fallback({ clock, value: 'degraded' }),
    retry({ clock, maxAttempts: 3, backoff: { type: 'constant', delay: 0 } }),
    circuitBreaker({ clock, window: { type: 'consecutive', failures: 5 } }),
    timeout({ clock, duration: 1000 }),
    bulkhead({ clock, maxConcurrent: 2 }),
  ];
}

/** How many microtask turns `promise` takes to settle (at most `limit`). */
async function turnsToSettle(promise: Promise<unknown>, limit = 50): Promise<number> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let turns = 0; turns < limit; turns++) {
    if (settled) return turns;
    await Promise.resolve();
  }
  return limit;
}

/** A policy that calls its function through another promise: it offers no stage. */
class Passthrough extends PolicyBase {
  calls = 0;
  constructor(clock: VirtualClock) {
    super('passthrough', undefined, clock);
  }
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    this.calls++;
    return Promise.resolve().then(() => fn({ signal: options!.signal!, attempt: options!.attempt! }));
  }
}

describe('pipeline stages', () => {
  it('settle a call that every policy admits in one promise reaction, not one per policy', async () => {
    const clock = new VirtualClock();
    const staged = pipeline(...designOrder(clock));
    // Nested execute calls settle each policy one reaction after the one inside it.
    const nested = pipeline(
      ...designOrder(clock).map((policy) => ({
        kind: policy.kind,
        name: policy.name,
        onEvent: policy.onEvent,
        execute: policy.execute.bind(policy),
      })),
    );
    const stagedTurns = await turnsToSettle(staged.execute(() => 'ok'));
    const nestedTurns = await turnsToSettle(nested.execute(() => 'ok'));
    expect(stagedTurns).toBeLessThanOrEqual(2);
    expect(nestedTurns).toBeGreaterThan(stagedTurns);
  });

  it("call a policy's own execute when it was replaced (a spy, a subclass)", async () => {
    const clock = new VirtualClock();
    const breaker = circuitBreaker({ clock });
    const spy = vi.spyOn(breaker, 'execute');
    expect(await pipeline(retry({ clock }), breaker).execute(() => 'ok')).toBe('ok');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("hand a call that needs more to the policy's execute, inside and outside the stages around it", async () => {
    const clock = new VirtualClock();
    const breaker = circuitBreaker({ clock, window: { type: 'consecutive', failures: 1 } });
    const onRetry = vi.fn();
    const retries = retry({ clock, maxAttempts: 2, backoff: { type: 'constant', delay: 0 } });
    retries.onRetry(onRetry);
    const composed = pipeline(
      fallback({ clock, value: 'degraded' }),
      retries,
      breaker,
      bulkhead({ clock, maxConcurrent: 1 }),
    );
    // The first attempt fails and opens the breaker; the retry is refused by the open breaker
    // (its execute, not its stage); the fallback answers for the refusal.
    const result = await composed.execute(() => Promise.reject(new Error('down')));
    expect(result).toBe('degraded');
    expect(breaker.state).toBe('open');
    expect(onRetry).toHaveBeenCalledTimes(1);
    await expect(pipeline(breaker).execute(() => 'ok')).rejects.toBeInstanceOf(BrokenCircuitError);
  });

  it('run a policy without a stage between stages, and the stages inside it', async () => {
    const clock = new VirtualClock();
    const gate = bulkhead({ clock, maxConcurrent: 1 });
    const middle = new Passthrough(clock);
    const composed = pipeline(
      retry({ clock, maxAttempts: 2, backoff: { type: 'constant', delay: 0 } }),
      middle,
      gate,
    );
    let attempts = 0;
    const result = await composed.execute(({ attempt }) => {
      attempts++;
      expect(gate.executing).toBe(1);
      if (attempt === 1) throw new Error('first attempt fails');
      return `attempt ${attempt}`;
    });
    expect(result).toBe('attempt 2');
    expect([attempts, middle.calls, gate.executing]).toEqual([2, 2, 0]);
  });

  it('count a policy that throws instead of rejecting as a failure for the stages outside it', async () => {
    const clock = new VirtualClock();
    const throwing: Policy = {
      kind: 'broken',
      name: 'broken',
      onEvent: () => ({ dispose: () => undefined }),
      execute: () => {
        throw new Error('broken policy');
      },
    };
    const gate = bulkhead({ clock, maxConcurrent: 1 });
    const composed = pipeline(
      fallback({ clock, handler: ({ error }) => (error as Error).message }),
      gate,
      throwing,
    );
    expect(await composed.execute(() => 'never')).toBe('broken policy');
    expect(gate.executing).toBe(0);
  });

  it('wait for a stage that answers with a promise before settling the stages outside it', async () => {
    const clock = new VirtualClock();
    const gate = bulkhead({ clock, maxConcurrent: 1 });
    const order: string[] = [];
    const composed = pipeline(
      gate,
      fallback({
        clock,
        handler: async () => {
          await Promise.resolve();
          order.push(`handler, slot held: ${gate.executing}`);
          return 'degraded';
        },
      }),
    );
    expect(await composed.execute(() => Promise.reject(new Error('down')))).toBe('degraded');
    order.push(`settled, slot held: ${gate.executing}`);
    expect(order).toEqual(['handler, slot held: 1', 'settled, slot held: 0']);
  });
});
