import type { Simulation } from '../../engine/index.js';
import type { Instance } from '../../world/instance.js';
import type { ServiceNode } from '../../world/service.js';

/** How often the garbage collector of an instance under memory pressure stops the world. */
export const GC_PERIOD_MS = 1000;
/** The longest pause per period: even a nearly full heap lets a little work through. */
export const MAX_GC_PAUSE_MS = 990;
/** How long an instance killed for running out of memory takes to restart. */
export const OOM_RESTART_MS = 5000;

/**
 * The stop-the-world pause per GC period when `fraction` of the heap is held: 100 ms × f/(1 − f),
 * capped at 990 ms. Collection work grows with the live heap and collections come more often as
 * free space shrinks, so the share of time lost grows as f/(1 − f): 10% at a half-full heap, 40%
 * at 80%, 90% at 90%; at 1 the process is out of memory and is killed instead.
 */
export function gcPauseMs(fraction: number): number {
  if (fraction >= 1) return GC_PERIOD_MS;
  return Math.min(MAX_GC_PAUSE_MS, (100 * fraction) / (1 - fraction));
}

/**
 * Memory pressure on one instance: a stop-the-world pause at the start of every GC period while
 * the fault lasts (own work stops; see Instance.changeSpeed), or, at fraction 1, an out-of-memory
 * kill: the instance crashes and is back OOM_RESTART_MS later (a fresh process with an empty heap),
 * or when the fault ends if that is sooner.
 */
export class MemoryPressure {
  private pausing = false;
  private timer = -1;
  private killed = false;

  constructor(
    private readonly simulation: Simulation,
    private readonly service: ServiceNode,
    private readonly instance: Instance,
    private readonly fraction: number,
  ) {}

  start(): void {
    if (this.fraction >= 1) {
      this.killed = true;
      this.service.takeDown(this.instance);
      this.timer = this.simulation.schedule(OOM_RESTART_MS, restart, this);
    } else {
      this.pause();
    }
  }

  stop(): void {
    if (this.timer >= 0) this.simulation.cancel(this.timer);
    this.timer = -1;
    if (this.pausing) this.resume();
    if (this.killed) this.restart();
  }

  /** A GC pause begins; it ends after gcPauseMs, and the next begins a period after this one. */
  pause(): void {
    const pauseMs = gcPauseMs(this.fraction);
    this.pausing = true;
    this.instance.changeSpeed(() => this.instance.pauses++);
    this.timer = this.simulation.schedule(pauseMs, endPause, this);
  }

  endPause(): void {
    this.resume();
    this.timer = this.simulation.schedule(GC_PERIOD_MS - gcPauseMs(this.fraction), beginPause, this);
  }

  restart(): void {
    this.timer = -1;
    if (!this.killed) return;
    this.killed = false;
    this.service.bringUp(this.instance);
  }

  private resume(): void {
    this.pausing = false;
    this.instance.changeSpeed(() => this.instance.pauses--);
  }
}

function beginPause(pressure: MemoryPressure): void {
  pressure.pause();
}

function endPause(pressure: MemoryPressure): void {
  pressure.endPause();
}

function restart(pressure: MemoryPressure): void {
  pressure.restart();
}
