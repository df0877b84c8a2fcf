import type { Fault } from '../model/index.js';
import type { FaultRecord } from '../result.js';
import type { World } from '../world/world.js';
import type { FaultContext, FaultModel } from './fault-model.js';
import { FAULT_MODELS } from './models.js';

/** A fault in force now, as the live view lists it. */
export interface ActiveFault {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  /** When it began, in simulated ms. */
  readonly start: number;
  /** When it is due to end; undefined when it lasts until healed. */
  readonly end: number | undefined;
}

/** A fault the injector knows: scheduled, in force, or over. */
export interface InjectedFault {
  readonly id: string;
  readonly fault: Fault;
  readonly model: FaultModel;
  readonly context: FaultContext;
  /** How long it lasts once applied; Infinity: until healed. */
  readonly duration: number;
  params: unknown;
  start: number;
  /** When it ended (healed or over); undefined while in force. */
  end: number | undefined;
  active: boolean;
  /** The event that applies it (before it starts) or reverts it (while in force). */
  timer: number;
}

/**
 * Puts faults in force and lifts them: the design's at their `at` for their `duration`, and
 * faults injected live from now until due or healed. Keeps the log of every fault that started.
 */
export class FaultInjector {
  private readonly started: InjectedFault[] = [];
  private readonly byId = new Map<string, InjectedFault>();
  private liveCount = 0;

  constructor(private readonly world: World) {}

  /** Schedules the design's faults, each with its own random stream `fault:<index>`. */
  scheduleDesignFaults(faults: readonly Fault[]): void {
    faults.forEach((fault, index) => {
      const entry = this.entry(`design-${index}`, fault, fault.duration, `fault:${index}`);
      entry.timer = this.world.simulation.scheduleAt(fault.at, applyEntry, { injector: this, entry });
    });
  }

  /**
   * Puts a fault in force now, for `durationMs` (Infinity: until healed); returns its id. Each
   * live fault has its own random stream, `live-fault:<n>`.
   */
  inject(fault: Fault, durationMs: number): string {
    const id = `live-${++this.liveCount}`;
    this.apply(this.entry(id, fault, durationMs, `live-fault:${this.liveCount}`));
    return id;
  }

  /** Lifts the fault with this id now (a design fault not started yet is cancelled); false if none is pending or in force. */
  heal(id: string): boolean {
    const entry = this.byId.get(id);
    if (entry === undefined) return false;
    if (entry.active) {
      this.revert(entry);
      return true;
    }
    if (entry.end !== undefined || entry.timer < 0) return false;
    this.world.simulation.cancel(entry.timer);
    entry.timer = -1;
    return true;
  }

  /** Lifts every fault in force now. */
  healAll(): void {
    for (const entry of this.started) if (entry.active) this.revert(entry);
  }

  /** The faults in force now, in the order they started. */
  active(): ActiveFault[] {
    return this.started
      .filter((entry) => entry.active)
      .map((entry) => ({
        id: entry.id,
        type: entry.fault.type,
        target: entry.model.target(entry.fault),
        start: entry.start,
        end: entry.duration === Infinity ? undefined : entry.start + entry.duration,
      }));
  }

  /** Every fault that started, in the order they started; one still in force ends at `now`. */
  log(now: number): FaultRecord[] {
    return this.started.map((entry) => ({
      type: entry.fault.type,
      target: entry.model.target(entry.fault),
      start: entry.start,
      end: entry.end ?? now,
    }));
  }

  /** Puts an entry in force now and schedules its end. */
  apply(entry: InjectedFault): void {
    const simulation = this.world.simulation;
    entry.timer = -1;
    entry.params = entry.model.params(entry.fault, entry.context);
    entry.start = simulation.now();
    entry.active = true;
    this.started.push(entry);
    entry.model.apply(entry.params, entry.context);
    if (entry.duration < Infinity)
      entry.timer = simulation.schedule(entry.duration, revertEntry, { injector: this, entry });
  }

  /** Lifts an entry now. */
  revert(entry: InjectedFault): void {
    if (!entry.active) return;
    const simulation = this.world.simulation;
    if (entry.timer >= 0) simulation.cancel(entry.timer);
    entry.timer = -1;
    entry.active = false;
    entry.end = simulation.now();
    entry.model.revert(entry.params, entry.context);
  }

  private entry(id: string, fault: Fault, duration: number, stream: string): InjectedFault {
    const entry: InjectedFault = {
      id,
      fault,
      model: FAULT_MODELS[fault.type],
      context: { world: this.world, random: this.world.simulation.stream(stream) },
      duration,
      params: undefined,
      start: 0,
      end: undefined,
      active: false,
      timer: -1,
    };
    this.byId.set(id, entry);
    return entry;
  }
}

interface Scheduled {
  readonly injector: FaultInjector;
  readonly entry: InjectedFault;
}

function applyEntry({ injector, entry }: Scheduled): void {
  injector.apply(entry);
}

function revertEntry({ injector, entry }: Scheduled): void {
  injector.revert(entry);
}
