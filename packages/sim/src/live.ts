import { Issues, readNumber, readObject } from '@faultline/core';
import { parseLiveFault, type LiveFault } from './faults/live-fault.js';
import type { Design } from './model/index.js';
import type { RunResult } from './result.js';
import { LiveView, type LiveSnapshot } from './world/snapshot.js';
import { World } from './world/world.js';

export type { LiveFault } from './faults/live-fault.js';
export type { ActiveFault } from './faults/injector.js';
export type { LiveSnapshot, LiveServiceSnapshot, LiveEdgeSnapshot, ServiceHealth } from './world/snapshot.js';

/** Options of a live session. */
export interface LiveSimulationOptions {
  /** The seed; default the design's `seed`. */
  seed?: number;
}

/**
 * A design running in a live session: the caller paces it (say, to the wall clock) by advancing
 * it, injects and heals faults as it goes, and reads snapshots for a dashboard. The design's own
 * workload and faults run as in `simulate()`; the session has no end of its own.
 */
export interface LiveSimulation {
  /** Simulated time now, in ms. */
  readonly now: number;
  /** Runs every event up to `simulatedMs` (not before now); the clock then reads `simulatedMs`. */
  advanceTo(simulatedMs: number): void;
  /** Puts a fault in force now (see LiveFault); returns its id. Throws a ConfigError for a bad fault. */
  injectFault(fault: LiveFault): string;
  /** Lifts a fault now: one injected live, or one of the design's (`design-<index>`); false if it is not pending or in force. */
  healFault(id: string): boolean;
  /** Lifts every fault in force now. */
  healAll(): void;
  /** Services and edges over the last whole second, breaker transitions and faults in force. */
  snapshot(): LiveSnapshot;
  /**
   * The run result from the start to now; the last second may be partial. The session goes on:
   * advance it and ask again for more.
   */
  result(): RunResult;
}

/** Starts a live session of a design at simulated time 0. */
export function createLiveSimulation(design: Design, options: LiveSimulationOptions = {}): LiveSimulation {
  const issues = new Issues();
  const record = readObject(options, 'live', issues, ['seed']) ?? {};
  const seed = readNumber(record, 'seed', 'live', issues, design.seed, { integer: true, min: 0 });
  issues.throwIfAny();
  const world = new World(design, seed);
  world.start();
  const view = new LiveView(world);
  let wallMs = 0;
  return {
    get now() {
      return world.simulation.now();
    },
    advanceTo(simulatedMs) {
      const started = performance.now();
      world.simulation.runUntil(simulatedMs);
      wallMs += performance.now() - started;
    },
    injectFault(fault) {
      const { fault: parsed, durationMs } = parseLiveFault(fault, design);
      return world.faults.inject(parsed, durationMs);
    },
    healFault(id) {
      return world.faults.heal(id);
    },
    healAll() {
      world.faults.healAll();
    },
    snapshot() {
      return view.snapshot();
    },
    result() {
      return world.result(wallMs);
    },
  };
}
