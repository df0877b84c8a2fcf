import type { Clock, TimerHandle } from '@faultline/core';
import type { RunStatus } from './journal.js';

/** Why a run stopped early. */
export interface Stop {
  readonly status: RunStatus;
  readonly reason?: string;
}

/**
 * What can stop a run before its end, in one place: an interrupt (the caller's signal), the halt,
 * a stop condition, the blast radius's deadline, a lost lease. The first stop wins; `signal`
 * aborts whatever activity is running.
 */
export class StopWatch {
  private readonly controller = new AbortController();
  private stopReason: Stop | undefined;
  private readonly timers = new Set<TimerHandle>();
  private conditionsEnded = false;
  private readonly unlisten: () => void = () => {};

  constructor(private readonly options: { clock: Clock; signal?: AbortSignal }) {
    const external = options.signal;
    if (external) {
      const interrupt = (): void =>
        this.stop({ status: 'interrupted', reason: 'interrupted (SIGINT or SIGTERM)' });
      if (external.aborted) interrupt();
      else {
        external.addEventListener('abort', interrupt, { once: true });
        this.unlisten = () => external.removeEventListener('abort', interrupt);
      }
    }
  }

  /** Aborted once the run must stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.stopReason !== undefined;
  }

  /** The first stop, if any. */
  get outcome(): Stop | undefined {
    return this.stopReason;
  }

  /** Stops the run (the first call wins). */
  stop(stop: Stop): void {
    if (this.stopReason) return;
    this.stopReason = stop;
    this.controller.abort(new Error(stop.reason ?? stop.status));
  }

  /** Stops the run `ms` from now (the method's max-duration). */
  deadline(ms: number): void {
    this.schedule(ms, () =>
      this.stop({ status: 'aborted', reason: `the method ran past blast-radius.max-duration ${ms}ms` }),
    );
  }

  /** Asks `isHalted` every `every` ms. */
  watchHalt(isHalted: () => boolean, every: number): void {
    const check = (): void => {
      if (this.stopped) return;
      if (isHalted()) this.stop({ status: 'aborted', reason: 'halted (faultline experiment halt)' });
      else this.schedule(every, check);
    };
    this.schedule(every, check);
  }

  /** Runs `check` every `every` ms (counted from the end of the previous check) until endConditions. */
  watchConditions(every: number, check: () => Promise<void>): void {
    const loop = (): void => {
      if (this.stopped || this.conditionsEnded) return;
      void check().then(() => this.schedule(every, loop));
    };
    this.schedule(every, loop);
  }

  /** Whether stop conditions are no longer checked (a check still running is ignored). */
  get conditionsOver(): boolean {
    return this.conditionsEnded;
  }

  /** Stops checking stop conditions (the method is over). */
  endConditions(): void {
    this.conditionsEnded = true;
  }

  /** Cancels every timer and listener. */
  dispose(): void {
    this.conditionsEnded = true;
    for (const timer of this.timers) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    this.unlisten();
  }

  private schedule(ms: number, callback: () => void): void {
    const timer = this.options.clock.setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, ms);
    this.timers.add(timer);
  }
}
