import {
  createLiveSimulation,
  type Design,
  type LiveEdgeSnapshot,
  type LiveServiceSnapshot,
  type RunResult,
} from '@faultline/sim';
import type { Second } from '../live/health.js';
import type { Transition } from '../live/report.js';

/** What a live engine shows after a step. */
export interface EngineFrame {
  /** Whole seconds closed since the previous frame, oldest first. */
  readonly seconds: Second[];
  /** Breaker changes since the previous frame. */
  readonly transitions: Transition[];
  /** Every service over the last whole second, and its state now. */
  readonly services: Record<string, LiveServiceSnapshot>;
  /** Every call edge now. */
  readonly edges: Record<string, LiveEdgeSnapshot>;
}

/** What the live loop needs of a simulation that runs as time passes. */
export interface LiveEngine {
  /** Runs every event up to simulated ms `t`. */
  advanceTo(t: number): void;
  /** Puts a fault (of the design file, without `at` and `duration`) in force now; returns its id. Throws when it is invalid. */
  inject(fault: Readonly<Record<string, unknown>>): string;
  heal(id: string): void;
  /** What happened since the previous frame. */
  frame(): EngineFrame;
  /** The run result from the start to now; ends the simulation. */
  result(): RunResult;
}

/**
 * A live engine over @faultline/sim's live simulation. Its snapshot shows the last whole second
 * only, so the engine stops at every whole second on the way to keep each one for the report,
 * and keeps the breaker transitions it has not reported yet.
 */
export function simLiveEngine(design: Design, seed: number | undefined): LiveEngine {
  const live = createLiveSimulation(design, seed === undefined ? {} : { seed });
  const seconds: Second[] = [];
  const transitions: Transition[] = [];
  // The simulation keeps its last 100 transitions and counts them all: the ones past the count
  // already taken are new (two breakers of one edge, one per calling instance, may change state
  // at the same instant, so telling them apart by time and state would merge them).
  let transitionsTaken = 0;
  let nextSecond = 1000;

  const collect = (): ReturnType<typeof live.snapshot> => {
    const snapshot = live.snapshot();
    const fresh = Math.min(snapshot.breakerTransitions - transitionsTaken, snapshot.breakers.length);
    for (const transition of snapshot.breakers.slice(snapshot.breakers.length - fresh)) {
      transitions.push({ t: transition.t, edge: transition.edge, state: transition.state });
    }
    transitionsTaken = snapshot.breakerTransitions;
    return snapshot;
  };

  return {
    advanceTo(t) {
      while (nextSecond <= t) {
        live.advanceTo(nextSecond);
        const snapshot = collect();
        const services: Record<string, Second['services'][string]> = {};
        for (const [name, service] of Object.entries(snapshot.services)) {
          const failed = Math.round(service.requestsPerSec * service.errorRate);
          services[name] = { ok: service.requestsPerSec - failed, failed, p99: service.p99 };
        }
        seconds.push({ t: nextSecond - 1000, services });
        nextSecond += 1000;
      }
      if (t > live.now) live.advanceTo(t);
    },
    inject: (fault) => live.injectFault(fault as Parameters<typeof live.injectFault>[0]),
    heal: (id) => void live.healFault(id),
    frame() {
      const snapshot = collect();
      return {
        seconds: seconds.splice(0),
        transitions: transitions.splice(0),
        services: snapshot.services,
        edges: snapshot.edges,
      };
    },
    result: () => live.result(),
  };
}
