import { toMilliseconds } from '../../duration/index.js';
import { ConfigError } from '../../errors/index.js';
import { describe } from '../../config/validate.js';
import type { ErrorPredicate } from '../../policy/outcome.js';
import type { HedgeDelayFunction, ResolvedHedgeOptions } from './options.js';

/**
 * Where one hedged call stands. The kernel reads and updates it; a driver keeps one per call
 * (the async driver's run object is one; the simulator can use `startRace()`'s plain object).
 */
export interface HedgeRace {
  /** Attempts started so far, the first included. */
  launched: number;
  /** Attempts started and not settled yet. */
  running: number;
  /** Whether the call has its answer (or was abandoned): later outcomes are ignored. */
  over: boolean;
}

/**
 * What follows an attempt's outcome:
 * - `resolve`: the call ends with this result; abort the other attempts;
 * - `reject`: the call ends with this error; abort the other attempts;
 * - `hedge`: start the next attempt now (and restart the delay from it);
 * - `wait`: keep waiting for the attempts in flight and the next delay;
 * - `ignore`: the call already has its answer; drop this outcome.
 */
export type HedgeDecision = 'resolve' | 'reject' | 'hedge' | 'wait' | 'ignore';

/**
 * The hedging decision kernel: when the next attempt starts and which outcome ends the call,
 * synchronous and timer-free, so the async driver and the simulator decide alike.
 *
 * Per call: `startRace()` (or a driver's own HedgeRace), `launch(race)` for the first attempt;
 * after each launch, wait `nextDelay(race)` ms and `launch` again unless the race is over; after
 * each attempt, `succeeded` or `failed` says what to do; `abandon` when the caller gives up.
 */
export class HedgeKernel {
  readonly options: ResolvedHedgeOptions;
  /** Attempts allowed per call, the first included. */
  readonly maxAttempts: number;
  readonly onFailure: boolean;
  private readonly delay: number | HedgeDelayFunction;
  private readonly handle: ErrorPredicate | undefined;

  constructor(options: ResolvedHedgeOptions) {
    this.options = options;
    this.maxAttempts = 1 + options.maxHedgedAttempts;
    this.onFailure = options.onFailure;
    this.delay = options.delay;
    this.handle = options.handle;
  }

  /** A new race, with nothing launched yet. */
  startRace(): HedgeRace {
    return { launched: 0, running: 0, over: false };
  }

  /** Starts the next attempt if the race allows one: returns its number in the call (1 = the first), else 0. */
  launch(race: HedgeRace): number {
    if (race.over || race.launched >= this.maxAttempts) return 0;
    race.running++;
    return ++race.launched;
  }

  /**
   * How long from now, in ms, until the next attempt starts if no answer comes first: Infinity
   * when no further attempt will start on time. Call it right after `launch`.
   */
  nextDelay(race: HedgeRace): number {
    if (race.over || race.launched >= this.maxAttempts) return Infinity;
    return this.delayBefore(race.launched + 1);
  }

  /** Records that an attempt succeeded: it ends the race unless the race was already over. */
  succeeded(race: HedgeRace): HedgeDecision {
    if (race.over) return 'ignore';
    race.running--;
    race.over = true;
    return 'resolve';
  }

  /** Records that an attempt failed with `error`, and says what follows. */
  failed(race: HedgeRace, error: unknown): HedgeDecision {
    if (race.over) return 'ignore';
    race.running--;
    if (!this.handles(error)) {
      race.over = true;
      return 'reject';
    }
    if (this.onFailure && race.launched < this.maxAttempts) return 'hedge';
    // Without onFailure a hedge acts on slowness only: with nothing left in flight, the call
    // fails now with this (the last) error rather than waiting to start a retry of its own.
    if (race.running > 0) return 'wait';
    race.over = true;
    return 'reject';
  }

  /** Ends the race without an answer: the caller gave up. */
  abandon(race: HedgeRace): void {
    race.over = true;
  }

  /** Whether `error` is a failure the hedge waits out, rather than the call's answer. */
  handles(error: unknown): boolean {
    return this.handle === undefined || this.handle(error);
  }

  /** The delay before attempt `attempt` (2 for the first hedge) starts, in ms. */
  delayBefore(attempt: number): number {
    const delay = this.delay;
    if (typeof delay === 'number') return delay;
    const value = delay({ attempt });
    if (value === Infinity) return Infinity;
    const ms = toMilliseconds(value);
    if (ms === undefined)
      throw new ConfigError([
        {
          path: 'delay',
          message: `expected the delay function to return a duration like "50ms", a number of ms or Infinity, got ${describe(value)}`,
        },
      ]);
    return ms;
  }

  /** The kernel's configuration, for dashboards and the Registry. */
  toJSON(): { delay: number | 'function'; maxHedgedAttempts: number; onFailure: boolean } {
    return {
      delay: typeof this.delay === 'number' ? this.delay : 'function',
      maxHedgedAttempts: this.maxAttempts - 1,
      onFailure: this.onFailure,
    };
  }
}
