import { score, type Design, type RunResult, type ServiceResult } from '@faultline/sim';
import type { Second } from './health.js';
import type { InjectedFault, Transition } from './report.js';

/**
 * The resilience score of a live session so far, by @faultline/sim's own analysis over what the
 * session has seen: its seconds, breaker changes and faults. The simulator's exact result ends a
 * session, so this stands in until the session stops (then the exact one is saved).
 */
export function scoreSoFar(args: {
  readonly design: Design;
  readonly seconds: readonly Second[];
  readonly transitions: readonly Transition[];
  readonly faults: readonly InjectedFault[];
  readonly now: number;
}): ReturnType<typeof score> | null {
  const { design, seconds, transitions, faults } = args;
  if (seconds.length === 0) return null;
  const simulatedMs = seconds[seconds.length - 1]!.t + 1000;
  const services: Record<string, ServiceResult> = {};
  for (const name of Object.keys(design.services)) {
    let ok = 0;
    let failed = 0;
    let p99 = 0;
    for (const second of seconds) {
      const stats = second.services[name];
      ok += stats?.ok ?? 0;
      failed += stats?.failed ?? 0;
      p99 = Math.max(p99, stats?.p99 ?? 0);
    }
    services[name] = {
      requests: ok + failed,
      ok,
      failed,
      degraded: 0,
      errors: { timeout: 0, rejected: 0, circuitOpen: 0, unavailable: 0, error: failed },
      latencyMs: { mean: 0, p50: 0, p95: 0, p99, max: p99 },
      utilization: 0,
    };
  }
  const result: RunResult = {
    design: design.name,
    seed: design.seed,
    simulatedMs,
    events: 0,
    wallMs: 0,
    services,
    calls: {},
    timeline: seconds.map((second) => ({
      t: second.t,
      services: Object.fromEntries(
        Object.entries(second.services).map(([name, stats]) => [name, { ...stats, p50: null }]),
      ),
    })),
    breakers: transitions.map((transition) => ({ ...transition })) as RunResult['breakers'],
    faults: faults.flatMap((fault) =>
      fault.targets.map((target) => ({
        type: fault.type as RunResult['faults'][number]['type'],
        target,
        start: fault.injectedAt,
        end: Math.min(fault.healedAt ?? simulatedMs, simulatedMs),
      })),
    ),
  };
  return score(result, design);
}
