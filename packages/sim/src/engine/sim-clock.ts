import type { Clock, TimerHandle } from '@faultline/core';
import type { Simulation } from './simulation.js';

/** The handle of a timer that can never fire (an infinite delay): clearing it does nothing. */
const NEVER_FIRES: TimerHandle = -1;

function runCallback(callback: () => void): void {
  callback();
}

/**
 * Core's `Clock` on simulated time: `now()` is the simulation's time and timers are simulation
 * events, so core's policies and anything else timer-based run unchanged inside a simulation.
 * It offers only what a `Clock` offers: nothing handed this view can run or stop the simulation.
 */
export class SimClock implements Clock {
  constructor(private readonly simulation: Simulation) {}

  /** The simulated time, in ms. */
  now(): number {
    return this.simulation.now();
  }

  /** Runs `callback` after `ms` simulated ms; like Node, a negative or NaN delay means 0. */
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const delay = ms > 0 ? ms : 0;
    if (delay === Infinity) return NEVER_FIRES;
    return this.simulation.schedule(delay, runCallback, callback);
  }

  /** Cancels a timer that has not run yet; any other handle is ignored. */
  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.simulation.cancel(handle);
  }
}
