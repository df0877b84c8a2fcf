import {
  Issues,
  readFunction,
  readNumber,
  readObject,
  seededRandom,
  type Clock,
  type Random,
} from '@faultline/core';
import { EventQueue, type EventHandler, type EventId } from './event-queue.js';
import { RandomStreams } from './random-streams.js';
import { SimClock } from './sim-clock.js';

/** How a simulation is set up. */
export interface SimulationOptions {
  /** Same seed and same model give the same run. Read as a 32-bit unsigned integer. */
  seed: number;
  /** The simulated time the run starts at, in ms. Default 0. */
  startAt?: number;
}

/** Why `run`, `runUntil` or `step` returned. */
export type StopReason =
  /** No event is left to run. */
  | 'empty'
  /** The next event lies past `until`; the clock now reads `until`. */
  | 'until'
  /** `maxEvents` events ran. */
  | 'maxEvents'
  /** A handler called `stop()`. */
  | 'stopped';

/** What `onProgress` is told. */
export interface RunProgress {
  /** Simulated time, in ms. */
  readonly now: number;
  /** Events run since the simulation began. */
  readonly events: number;
  /** Events scheduled and not yet run. */
  readonly pending: number;
}

/** Options of one `run` call. */
export interface RunOptions {
  /** Simulated time (absolute, in ms) to run up to: events at exactly `until` still run. Default: no limit. */
  until?: number;
  /** Stop after running this many events in this call. Default: no limit. */
  maxEvents?: number;
  /**
   * Called every `progressEvery` events: to draw a progress bar, or to check a wall-clock budget
   * and call `stop()`, which then takes effect at once.
   */
  onProgress?: (progress: RunProgress) => void;
  /** How many events between two `onProgress` calls. Default 100,000. */
  progressEvery?: number;
}

const RUN_OPTIONS = ['until', 'maxEvents', 'onProgress', 'progressEvery'] as const;

/**
 * A discrete-event simulation: a clock that jumps from event to event, the queue of events, and
 * the run's random streams. Every model (the world of services, a queueing model in a test)
 * is handlers scheduling events on one of these.
 *
 * Deterministic: events run in (time, scheduling order), and all randomness comes from streams
 * derived from the seed, so the same model and seed give the same run, event for event.
 */
export class Simulation {
  /** Core's `Clock` on simulated time: give it to core's policies so they run on this simulation. */
  readonly clock: Clock;
  /** The root random stream, `seededRandom(seed)`. Prefer a named `stream` per component. */
  readonly random: Random;
  /** The seed the run was created with. */
  readonly seed: number;

  private readonly queue = new EventQueue();
  private readonly streams: RandomStreams;
  private time: number;
  private eventsRun = 0;
  private running = false;
  private stopRequested = false;

  constructor(options: SimulationOptions) {
    const issues = new Issues();
    const record = readObject(options, 'simulation', issues, ['seed', 'startAt']) ?? {};
    if (record.seed === undefined) issues.add('simulation.seed', 'expected a whole number, got nothing');
    this.seed = readNumber(record, 'seed', 'simulation', issues, 0, { integer: true });
    this.time = readNumber(record, 'startAt', 'simulation', issues, 0);
    issues.throwIfAny();
    this.random = seededRandom(this.seed);
    this.streams = new RandomStreams(this.seed);
    this.clock = new SimClock(this);
  }

  /** The simulated time, in ms. */
  now(): number {
    return this.time;
  }

  /** How many events have run so far (cancelled ones never count). */
  get events(): number {
    return this.eventsRun;
  }

  /** How many events are scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.queue.pending;
  }

  /** Whether a `run`, `runUntil` or `step` is in progress. */
  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Runs `handler(payload)` `delay` ms from now. Events due at the same time run in the order
   * they were scheduled. Returns the id that `cancel` takes.
   */
  schedule(delay: number, handler: EventHandler<undefined>): EventId;
  schedule<P>(delay: number, handler: EventHandler<P>, payload: P): EventId;
  schedule(delay: number, handler: EventHandler<never>, payload?: unknown): EventId {
    if (!(delay >= 0 && delay < Infinity))
      throw new RangeError(`Simulation.schedule: expected a finite delay ≥ 0 ms, got ${delay}`);
    if (typeof handler !== 'function')
      throw new TypeError(`Simulation.schedule: expected a handler function, got ${typeof handler}`);
    return this.queue.push(this.time + delay, handler, payload);
  }

  /** Runs `handler(payload)` at simulated time `at` (not before now). Returns the id that `cancel` takes. */
  scheduleAt(at: number, handler: EventHandler<undefined>): EventId;
  scheduleAt<P>(at: number, handler: EventHandler<P>, payload: P): EventId;
  scheduleAt(at: number, handler: EventHandler<never>, payload?: unknown): EventId {
    if (!(at >= this.time && at < Infinity))
      throw new RangeError(
        `Simulation.scheduleAt: expected a finite time ≥ now (${this.time} ms), got ${at}`,
      );
    if (typeof handler !== 'function')
      throw new TypeError(`Simulation.scheduleAt: expected a handler function, got ${typeof handler}`);
    return this.queue.push(at, handler, payload);
  }

  /** Cancels a scheduled event in O(1); false when it already ran or was cancelled. */
  cancel(id: EventId): boolean {
    return this.queue.cancel(id);
  }

  /** Whether the event is scheduled and has neither run nor been cancelled. */
  isPending(id: EventId): boolean {
    return this.queue.isPending(id);
  }

  /**
   * The independent random stream called `name` (say `service:orders` or `workload:0`), seeded
   * from the run's seed and the name alone: see `deriveSeed`. The same name gives the same stream.
   */
  stream(name: string): Random {
    return this.streams.get(name);
  }

  /**
   * Runs events in order until none is left, the next lies past `until`, `maxEvents` have run,
   * or a handler calls `stop()`. An error thrown by a handler propagates out of `run`; the event
   * that threw counts as run, and the simulation can be run on from there.
   */
  run(options: RunOptions = {}): StopReason {
    const issues = new Issues();
    const record = readObject(options, 'run', issues, RUN_OPTIONS) ?? {};
    const until = readNumber(record, 'until', 'run', issues, Infinity, { min: this.time });
    const maxEvents = readNumber(record, 'maxEvents', 'run', issues, Infinity, { integer: true, min: 1 });
    const onProgress = readFunction<(progress: RunProgress) => void>(record, 'onProgress', 'run', issues);
    const progressEvery = readNumber(record, 'progressEvery', 'run', issues, 100_000, {
      integer: true,
      min: 1,
    });
    issues.throwIfAny();
    return this.loop(until, maxEvents, onProgress, onProgress ? progressEvery : Infinity);
  }

  /**
   * Runs every event due at or before `until`, then sets the clock to `until`. A live session
   * calls this once per wall-clock slice to pace the simulation, and simply stops calling to pause.
   */
  runUntil(until: number): StopReason {
    if (!(until >= this.time))
      throw new RangeError(`Simulation.runUntil: expected a time ≥ now (${this.time} ms), got ${until}`);
    return this.loop(until, Infinity, undefined, Infinity);
  }

  /** Runs the next event, whenever it is due; false when there was none. */
  step(): boolean {
    return this.loop(Infinity, 1, undefined, Infinity) !== 'empty';
  }

  /** Makes the run in progress return after the event now running. Outside a run it does nothing. */
  stop(): void {
    if (this.running) this.stopRequested = true;
  }

  // The hot loop: no allocation per event, and one check per event for each way it can end.
  private loop(
    until: number,
    maxEvents: number,
    onProgress: ((progress: RunProgress) => void) | undefined,
    progressEvery: number,
  ): StopReason {
    if (this.running)
      throw new Error('Simulation: already running; a handler cannot run the simulation it is part of');
    this.running = true;
    this.stopRequested = false;
    const queue = this.queue;
    let budget = maxEvents;
    let untilProgress = progressEvery;
    try {
      for (;;) {
        const at = queue.peekTime();
        if (at > until) {
          this.time = until;
          return 'until';
        }
        if (at === Infinity) return 'empty';
        const handler = queue.take();
        this.time = at;
        this.eventsRun++;
        handler(queue.takenPayload);
        if (this.stopRequested) return 'stopped';
        if (--budget === 0) return 'maxEvents';
        if (--untilProgress === 0) {
          untilProgress = progressEvery;
          onProgress!({ now: this.time, events: this.eventsRun, pending: queue.pending });
          if (this.stopRequested) return 'stopped';
        }
      }
    } finally {
      this.running = false;
      this.stopRequested = false;
    }
  }
}
