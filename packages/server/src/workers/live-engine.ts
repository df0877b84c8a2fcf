import * as sim from '@faultline/sim';
import type { Design, Fault } from '@faultline/sim';
import type { Second } from '../live/health.js';
import type { Transition } from '../live/report.js';

/**
 * What the live loop needs of a simulation that runs as time passes. The one place that knows
 * @faultline/sim's live API (`createLiveSimulation`), looked up at run time like `simulate`.
 */
export interface LiveEngine {
  /** Runs every event up to simulated ms `t`. */
  advanceTo(t: number): void;
  /** Starts a fault now (its `at` and `duration` are ignored: the loop heals it). Returns its handle. */
  inject(fault: Fault): unknown;
  heal(handle: unknown): void;
  /** Seconds closed and breaker changes since the previous call; every breaker's state now. */
  drain(): { seconds: Second[]; transitions: Transition[]; breakers: Record<string, string> };
  /** The resilience score so far, when the simulator can give it. */
  score(): unknown;
}

interface SimLive {
  advanceTo(t: number): void;
  injectFault(fault: Fault): unknown;
  healFault(handle: unknown): void;
  healAll(): void;
  snapshot(): {
    timeline?: Second[];
    breakers?: Transition[] | Record<string, string>;
    transitions?: Transition[];
  };
  result(): Record<string, unknown>;
}

interface SimLiveApi {
  createLiveSimulation?: (design: Design, options: { seed?: number }) => SimLive;
  score?: (result: Record<string, unknown>, design: Design) => unknown;
}

/** A live engine over @faultline/sim's live simulation. */
export function simLiveEngine(design: Design, seed: number | undefined): LiveEngine {
  const api = sim as unknown as SimLiveApi;
  if (api.createLiveSimulation === undefined)
    throw new Error(
      'This build of @faultline/sim cannot run live sessions yet (it has no createLiveSimulation)',
    );
  const live = api.createLiveSimulation(design, { seed });
  let secondsSeen = 0;
  let transitionsSeen = 0;
  const breakers: Record<string, string> = {};
  return {
    advanceTo: (t) => live.advanceTo(t),
    inject: (fault) => live.injectFault(fault),
    heal: (handle) => live.healFault(handle),
    drain() {
      const snapshot = live.snapshot();
      const timeline = snapshot.timeline ?? [];
      const all = Array.isArray(snapshot.breakers) ? snapshot.breakers : (snapshot.transitions ?? []);
      const seconds = timeline.slice(secondsSeen);
      const transitions = all.slice(transitionsSeen);
      secondsSeen = timeline.length;
      transitionsSeen = all.length;
      for (const transition of transitions) breakers[transition.edge] = transition.state;
      return { seconds, transitions, breakers: { ...breakers } };
    },
    score: () => (api.score ? api.score(live.result(), design) : null),
  };
}
