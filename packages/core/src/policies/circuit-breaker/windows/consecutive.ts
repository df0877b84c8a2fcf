import type { CircuitWindow, CircuitWindowSnapshot } from './window.js';

/**
 * Counts the current run of failed calls and the current run of slow calls: a call that did
 * not fail ends the failure run, a call that was not slow ends the slow run. The breaker opens
 * when a run reaches the configured number (Polly's and cockatiel's consecutive breaker).
 */
export class ConsecutiveWindow implements CircuitWindow {
  readonly type = 'consecutive' as const;
  calls = 0;
  failures = 0;
  slowCalls = 0;

  record(failed: boolean, slow: boolean): void {
    this.failures = failed ? this.failures + 1 : 0;
    this.slowCalls = slow ? this.slowCalls + 1 : 0;
    this.calls = failed || slow ? this.calls + 1 : 0;
  }

  expire(): void {}

  clear(): void {
    this.calls = 0;
    this.failures = 0;
    this.slowCalls = 0;
  }

  toJSON(): CircuitWindowSnapshot {
    return { type: 'consecutive', failures: this.failures, slowCalls: this.slowCalls, calls: this.calls };
  }

  hydrate(snapshot: CircuitWindowSnapshot): void {
    this.clear();
    if (snapshot.type !== 'consecutive') return;
    this.failures = snapshot.failures;
    this.slowCalls = snapshot.slowCalls;
    this.calls = Math.max(snapshot.calls, snapshot.failures, snapshot.slowCalls);
  }
}
