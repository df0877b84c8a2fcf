import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.js';
import { seededRandom } from '../../random/index.js';
import { CircuitBreakerKernel } from './kernel.js';
import { resolveCircuitBreakerOptions, type CircuitBreakerOptions } from './options.js';
import { CircuitRefusal, type CircuitState, type CircuitTransition } from './state.js';

type Command =
  | { type: 'acquire' }
  | { type: 'settle'; index: number; outcome: 'success' | 'failure' | 'ignored'; durationMs: number }
  | { type: 'advance'; ms: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.constant({ type: 'acquire' as const }), weight: 4 },
  {
    arbitrary: fc.record({
      type: fc.constant('settle' as const),
      index: fc.nat(),
      outcome: fc.constantFrom('success' as const, 'failure' as const, 'ignored' as const),
      durationMs: fc.integer({ min: 0, max: 100 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 150 }) }),
    weight: 1,
  },
);

const config = fc
  .record({
    size: fc.integer({ min: 1, max: 12 }),
    minimumFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    failureRateThreshold: fc.integer({ min: 1, max: 100 }),
    slowCallRateThreshold: fc.integer({ min: 1, max: 100 }),
    slowCallThreshold: fc.integer({ min: 0, max: 100 }),
    halfOpenCalls: fc.integer({ min: 1, max: 4 }),
    openFor: fc.integer({ min: 0, max: 200 }),
  })
  .map((c) => ({ ...c, minimumCalls: Math.max(1, Math.ceil(c.size * c.minimumFraction)) }));

/** The only edges the automatic state machine may take. */
const ALLOWED = new Set(['closed>open', 'open>halfOpen', 'halfOpen>closed', 'halfOpen>open']);

describe('CircuitBreakerKernel properties (count window against a reference model)', () => {
  it('opens exactly when the model says so, admits at most halfOpenCalls probes, and only takes allowed edges', () => {
    fc.assert(
      fc.property(
        config,
        fc.array(command, { minLength: 20, maxLength: 250, size: 'max' }),
        (c, commands) => {
          const clock = new VirtualClock();
          const transitions: CircuitTransition[] = [];
          // The model: what the breaker should have seen since its last state change.
          let period = 0;
          let window: { failed: boolean; slow: boolean }[] = [];
          let probesAdmitted = 0;
          let probesSucceeded = 0;
          let openedAt = 0;
          let openForMs = 0;
          const options: CircuitBreakerOptions = {
            clock,
            random: seededRandom(1),
            window: { type: 'count', size: c.size },
            minimumCalls: c.minimumCalls,
            failureRateThreshold: c.failureRateThreshold,
            slowCallRateThreshold: c.slowCallRateThreshold,
            slowCallThreshold: c.slowCallThreshold,
            halfOpenCalls: c.halfOpenCalls,
            openFor: c.openFor,
          };
          const kernel = new CircuitBreakerKernel(resolveCircuitBreakerOptions(options), {
            onTransition: (t) => {
              transitions.push(t);
              expect(ALLOWED.has(`${t.from}>${t.to}`)).toBe(true);
              if (t.to === 'halfOpen') expect(clock.now()).toBeGreaterThanOrEqual(openedAt + openForMs);
              // Time alone never closes an open breaker: only every probe succeeding does.
              if (t.to === 'closed') expect(probesSucceeded + 1).toBe(c.halfOpenCalls);
              if (t.to === 'open') {
                openedAt = clock.now();
                openForMs = t.openForMs;
              }
              period++;
              window = [];
              probesAdmitted = 0;
              probesSucceeded = 0;
            },
          });
          const inFlight: { permit: number; period: number; state: CircuitState }[] = [];

          for (const step of commands) {
            const before = transitions.length;
            if (step.type === 'advance') {
              clock.advance(step.ms);
              expect(transitions.length).toBe(before);
            } else if (step.type === 'acquire') {
              const state = kernel.state;
              const permit = kernel.tryAcquire();
              if (state === 'closed') expect(permit).toBeGreaterThanOrEqual(0);
              if (state === 'open' && clock.now() < openedAt + openForMs)
                expect(permit).toBe(CircuitRefusal.open);
              if (kernel.state === 'halfOpen') {
                expect(permit >= 0).toBe(probesAdmitted < c.halfOpenCalls);
                if (permit >= 0) probesAdmitted++;
              }
              if (permit >= 0) inFlight.push({ permit, period, state: kernel.state });
            } else if (inFlight.length > 0) {
              const [call] = inFlight.splice(step.index % inFlight.length, 1);
              const stale = call!.period !== period;
              const slow = step.durationMs > c.slowCallThreshold;
              // The window as the model expects it after this call (read before the kernel's hook clears it).
              const model = [...window, { failed: step.outcome === 'failure', slow }].slice(-c.size);
              const lastProbe = probesSucceeded + 1 === c.halfOpenCalls;
              if (step.outcome === 'success') kernel.onSuccess(call!.permit, step.durationMs);
              else if (step.outcome === 'failure') kernel.onFailure(call!.permit, step.durationMs);
              else kernel.onIgnored(call!.permit);
              const changed = transitions.slice(before);
              if (stale || step.outcome === 'ignored') {
                expect(changed).toEqual([]);
                if (!stale && call!.state === 'halfOpen') probesAdmitted--;
              } else if (call!.state === 'closed') {
                const calls = model.length;
                const failures = model.filter((o) => o.failed).length;
                const slowCalls = model.filter((o) => o.slow).length;
                const trips =
                  calls >= c.minimumCalls &&
                  (failures * 100 >= c.failureRateThreshold * calls ||
                    slowCalls * 100 >= c.slowCallRateThreshold * calls);
                expect(changed.map((t) => t.to)).toEqual(trips ? ['open'] : []);
                if (trips) expect(changed[0]!.calls).toBe(calls);
                else window = model;
              } else {
                const probeFailed = step.outcome === 'failure' || slow;
                if (probeFailed) expect(changed.map((t) => t.to)).toEqual(['open']);
                else if (lastProbe) expect(changed.map((t) => t.to)).toEqual(['closed']);
                else {
                  expect(changed).toEqual([]);
                  probesSucceeded++;
                }
              }
            }
            const stats = kernel.stats();
            expect(stats.calls).toBeLessThanOrEqual(c.size);
            expect(stats.calls).toBe(kernel.state === 'closed' ? window.length : 0);
            expect(stats.probesInFlight).toBeLessThanOrEqual(c.halfOpenCalls);
          }
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });
});

describe('CircuitBreakerKernel properties (every window, with hand-held states and snapshots)', () => {
  const windowConfig = fc.oneof(
    fc.record({ type: fc.constant('consecutive' as const), failures: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ type: fc.constant('count' as const), size: fc.integer({ min: 1, max: 10 }) }),
    fc.record({
      type: fc.constant('time' as const),
      size: fc.integer({ min: 10, max: 500 }),
      buckets: fc.integer({ min: 1, max: 10 }),
    }),
  );
  type Op =
    | Command
    | { type: 'isolate' }
    | { type: 'disable' }
    | { type: 'release'; index: number }
    | { type: 'reset' }
    | { type: 'roundTrip' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: command, weight: 10 },
    { arbitrary: fc.constant({ type: 'isolate' as const }), weight: 1 },
    { arbitrary: fc.constant({ type: 'disable' as const }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant('release' as const), index: fc.nat() }), weight: 2 },
    { arbitrary: fc.constant({ type: 'reset' as const }), weight: 1 },
    { arbitrary: fc.constant({ type: 'roundTrip' as const }), weight: 1 },
  );

  it('holds the invariants whatever is done to it', () => {
    fc.assert(
      fc.property(
        windowConfig,
        fc.integer({ min: 1, max: 3 }),
        fc.array(op, { minLength: 20, maxLength: 200, size: 'max' }),
        (windowOptions, halfOpenCalls, ops) => {
          const clock = new VirtualClock();
          const kernel = new CircuitBreakerKernel(
            resolveCircuitBreakerOptions({
              clock,
              random: seededRandom(2),
              window: windowOptions,
              halfOpenCalls,
              openFor: 50,
              slowCallThreshold: 60,
              ...(windowOptions.type === 'consecutive' ? {} : { minimumCalls: 1 }),
            }),
          );
          const holds: { dispose(): void; kind: 'isolate' | 'disable' }[] = [];
          // A hydrated isolated/disabled snapshot holds like a handle until reset() or another snapshot.
          let snapshotHold: 'isolated' | 'disabled' | undefined;
          const permits: number[] = [];
          const bound =
            windowOptions.type === 'consecutive'
              ? windowOptions.failures
              : windowOptions.type === 'count'
                ? windowOptions.size
                : Infinity;
          for (const step of ops) {
            switch (step.type) {
              case 'acquire': {
                const permit = kernel.tryAcquire();
                if (kernel.state === 'isolated') expect(permit).toBe(CircuitRefusal.isolated);
                if (kernel.state === 'disabled' || kernel.state === 'closed')
                  expect(permit).toBeGreaterThanOrEqual(0);
                if (permit >= 0) permits.push(permit);
                break;
              }
              case 'settle': {
                if (permits.length === 0) break;
                const [permit] = permits.splice(step.index % permits.length, 1);
                if (step.outcome === 'success') kernel.onSuccess(permit!, step.durationMs);
                else if (step.outcome === 'failure') kernel.onFailure(permit!, step.durationMs);
                else kernel.onIgnored(permit!);
                break;
              }
              case 'advance':
                clock.advance(step.ms);
                break;
              case 'isolate':
                holds.push({ ...kernel.isolate(), kind: 'isolate' });
                break;
              case 'disable':
                holds.push({ ...kernel.disable(), kind: 'disable' });
                break;
              case 'release':
                if (holds.length > 0) holds.splice(step.index % holds.length, 1)[0]!.dispose();
                break;
              case 'reset':
                snapshotHold = undefined;
                kernel.reset();
                break;
              case 'roundTrip': {
                const snapshot = JSON.parse(JSON.stringify(kernel.toJSON()));
                const state = kernel.state;
                snapshotHold = state === 'isolated' || state === 'disabled' ? state : undefined;
                kernel.hydrate(snapshot);
                expect(kernel.state).toBe(state);
                expect(kernel.toJSON()).toEqual(snapshot);
                break;
              }
            }
            const isolated = holds.some((h) => h.kind === 'isolate') || snapshotHold === 'isolated';
            const disabled = holds.some((h) => h.kind === 'disable') || snapshotHold === 'disabled';
            if (isolated) expect(kernel.state).toBe('isolated');
            else if (disabled) expect(kernel.state).toBe('disabled');
            else expect(['closed', 'open', 'halfOpen']).toContain(kernel.state);
            const stats = kernel.stats();
            expect(stats.calls).toBeLessThanOrEqual(bound);
            expect(stats.failures).toBeLessThanOrEqual(stats.calls);
            expect(stats.slowCalls).toBeLessThanOrEqual(stats.calls);
            expect(stats.failures).toBeGreaterThanOrEqual(0);
            expect(stats.probesInFlight).toBeLessThanOrEqual(halfOpenCalls);
            expect(kernel.retryAfterMs()).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
