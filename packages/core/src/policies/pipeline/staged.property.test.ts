import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { onAbort, type ExecuteContext, type Policy } from '../../policy/index.js';
import { seededRandom } from '../../random/index.js';
import { BulkheadPolicy, bulkhead } from '../bulkhead/index.js';
import { circuitBreaker } from '../circuit-breaker/index.js';
import { fallback } from '../fallback/index.js';
import { rateLimiter } from '../rate-limiter/index.js';
import { retry } from '../retry/index.js';
import { TimeoutPolicy, timeout } from '../timeout/index.js';
import { pipeline, type Pipeline } from './pipeline.js';

// A pipeline runs the policies that offer a Stage in place (one promise reaction per call);
// wrapping each policy hides its Stage and gives the nested `execute` calls every pipeline made
// before stages. Both must behave the same: same results, same errors, same events, same state
// afterwards, on any design and any sequence of calls, one at a time. Calls that run at the same
// time may race differently: a nested pipeline settles each policy one microtask after the one
// inside it, so when two calls contend for a bulkhead slot in the same instant, which one gets
// it can differ (either answer is right). For those, every call must settle and leave nothing
// behind: no slot held, no deadline or timer pending. An aggressive timeout makes such a race
// within one call: it answers its caller at the deadline while the call inside it still settles
// (a retry around it may find the bulkhead slot inside still taken, or already freed), so designs
// with one are checked in the second way.

const POLICIES = ['fallback', 'retry', 'breaker', 'rateLimiter', 'timeout', 'bulkhead'] as const;
type PolicyName = (typeof POLICIES)[number];

interface Design {
  readonly order: readonly PolicyName[];
  readonly fallbackHandler: boolean;
  readonly maxAttempts: number;
  readonly retryDelay: number;
  readonly breakerFailures: number;
  readonly halfOpenCalls: number;
  readonly slowCallThreshold: number | undefined;
  readonly aggressive: boolean;
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  /** Whether to record events: a listener makes the breaker time its calls, and timed calls are not staged. */
  readonly listen: boolean;
}

/** How one attempt ends: at once, after some virtual time, or never unless aborted. */
type Attempt = 'ok' | 'reject' | 'throw' | 'slowOk' | 'slowReject' | 'hang' | 'readSignal';

const design: fc.Arbitrary<Design> = fc.record({
  order: fc.shuffledSubarray([...POLICIES], { minLength: 1 }),
  fallbackHandler: fc.boolean(),
  maxAttempts: fc.integer({ min: 1, max: 4 }),
  retryDelay: fc.constantFrom(0, 0, 7),
  breakerFailures: fc.integer({ min: 1, max: 3 }),
  halfOpenCalls: fc.integer({ min: 1, max: 2 }),
  slowCallThreshold: fc.constantFrom(undefined, undefined, 15),
  aggressive: fc.boolean(),
  maxConcurrent: fc.integer({ min: 1, max: 2 }),
  maxQueue: fc.integer({ min: 0, max: 1 }),
  listen: fc.boolean(),
});

/** Designs whose timeout (if any) is cooperative: one call is one chain of settlements. */
const cooperative = design.map((d) => ({ ...d, aggressive: false }));

const attempts = fc.array(
  fc.constantFrom<Attempt>('ok', 'ok', 'reject', 'throw', 'slowOk', 'slowReject', 'hang', 'readSignal'),
  { minLength: 1, maxLength: 4 },
);

/** Steps: a group of calls started together (each a list of attempts), then a pause. */
function steps(callsAtOnce: number) {
  return fc.array(
    fc.record({
      calls: fc.array(attempts, { minLength: 1, maxLength: callsAtOnce }),
      pause: fc.integer({ min: 0, max: 120 }),
    }),
    { minLength: 1, maxLength: 12 },
  );
}
type Script = ReturnType<typeof steps> extends fc.Arbitrary<infer S> ? S : never;

function build(d: Design, clock: VirtualClock): Policy[] {
  const make: Record<PolicyName, () => Policy> = {
    fallback: () =>
      d.fallbackHandler
        ? fallback({ clock, handler: async ({ error }) => `handled ${describeValue(error)}` })
        : fallback({ clock, value: 'fallback' }),
    retry: () =>
      retry({ clock, maxAttempts: d.maxAttempts, backoff: { type: 'constant', delay: d.retryDelay } }),
    breaker: () =>
      circuitBreaker({
        clock,
        random: seededRandom(1),
        window: { type: 'consecutive', failures: d.breakerFailures },
        openFor: 40,
        halfOpenCalls: d.halfOpenCalls,
        slowCallThreshold: d.slowCallThreshold,
      }),
    rateLimiter: () => rateLimiter({ clock, rate: 5, per: 100 }),
    timeout: () => timeout({ clock, duration: 30, strategy: d.aggressive ? 'aggressive' : 'cooperative' }),
    bulkhead: () => bulkhead({ clock, maxConcurrent: d.maxConcurrent, maxQueue: d.maxQueue }),
  };
  return d.order.map((name) => make[name]());
}

/** The same policy without its Stage: a pipeline calls its `execute`, as nested calls did. */
function nested(policy: Policy): Policy {
  return {
    kind: policy.kind,
    name: policy.name,
    onEvent: policy.onEvent,
    execute: (fn, options) => policy.execute(fn, options),
  };
}

function describeValue(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}

/** A function whose attempts end as scripted; every timer and listener it sets is virtual or removed. */
function scripted(clock: VirtualClock, attempts: readonly Attempt[], id: string) {
  let made = 0;
  return (context: ExecuteContext): unknown => {
    const attempt = attempts[Math.min(made++, attempts.length - 1)]!;
    const label = `${id}#${context.attempt}`;
    switch (attempt) {
      case 'ok':
        return Promise.resolve(`ok ${label}`);
      case 'readSignal':
        return Promise.resolve(`ok ${label} aborted=${context.signal.aborted}`);
      case 'reject':
        return Promise.reject(new Error(`failed ${label}`));
      case 'throw':
        throw new Error(`threw ${label}`);
      default: {
        const signal = context.signal;
        return new Promise((resolve, reject) => {
          const timer = clock.setTimeout(
            () => {
              stopListening();
              if (attempt === 'slowReject') reject(new Error(`slow failure ${label}`));
              else resolve(`slow ${label}`);
            },
            attempt === 'hang' ? 1_000 : 20,
          );
          const stopListening = onAbort(signal, () => {
            clock.clearTimeout(timer);
            reject(signal.reason);
          });
        });
      }
    }
  };
}

interface Run {
  readonly outcomes: string[];
  readonly events: string[];
  readonly states: string[];
  readonly clock: VirtualClock;
  readonly policies: readonly Policy[];
}

async function run(d: Design, script: Script, staged: boolean): Promise<Run> {
  const clock = new VirtualClock();
  const policies = build(d, clock);
  const composed: Pipeline = pipeline(...(staged ? policies : policies.map(nested)));
  const events: string[] = [];
  if (d.listen) composed.onEvent((event) => events.push(`${clock.now()} ${event.policy}:${event.type}`));
  const outcomes: string[] = [];
  const states: string[] = [];
  for (const [index, step] of script.entries()) {
    const settled = step.calls.map((attempts, call) =>
      composed.execute(scripted(clock, attempts, `${index}.${call}`)).then(
        (result) => `${clock.now()} ok ${String(result)}`,
        (error: unknown) => `${clock.now()} error ${describeValue(error)}`,
      ),
    );
    let done = false;
    const all = Promise.all(settled).then((results) => {
      done = true;
      return results;
    });
    for (let spins = 0; !done && spins < 1000; spins++) await clock.tick(5);
    expect(done).toBe(true);
    outcomes.push(...(await all));
    await clock.tick(step.pause);
    states.push(JSON.stringify(policies.map((policy) => (policy as { toJSON?: () => unknown }).toJSON?.())));
  }
  return { outcomes, events, states, clock, policies };
}

describe('a pipeline of stages against nested execute calls', () => {
  it('gives the same results, events and states for any design and any calls, one at a time', async () => {
    await fc.assert(
      fc.asyncProperty(cooperative, steps(1), async (d, script) => {
        const reference = await run(d, script, false);
        const actual = await run(d, script, true);
        expect(actual.outcomes).toEqual(reference.outcomes);
        expect(actual.states).toEqual(reference.states);
        expect(actual.events).toEqual(reference.events);
      }),
      { numRuns: 150 },
    );
  });

  it('settles every call of concurrent steps and leaves no slot, deadline or timer behind', async () => {
    await fc.assert(
      fc.asyncProperty(design, steps(3), async (d, script) => {
        const { outcomes, clock, policies } = await run(d, script, true);
        expect(outcomes).toHaveLength(script.reduce((calls, step) => calls + step.calls.length, 0));
        await clock.runAll();
        expect(clock.pendingTimers).toBe(0);
        for (const policy of policies) {
          if (policy instanceof BulkheadPolicy) expect([policy.executing, policy.queued]).toEqual([0, 0]);
          if (policy instanceof TimeoutPolicy) expect(policy.deadlines.size).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});
