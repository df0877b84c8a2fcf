import { seededRandom, type FailureCode } from '@faultline/core';
import { RunMetrics } from '../../metrics/index.js';
import type { BreakerTransition, FaultRecord, RunResult } from '../../result.js';

/** What one service does during one simulated second of a synthetic run. */
export interface SecondPlan {
  /** Responses sent during the second. */
  rate: number;
  /** Share of them that fail, 0 to 1. */
  errorShare?: number;
  /** Mean latency of the responses, ms (exponentially distributed). Default 10. */
  latencyMs?: number;
  /** What failures are counted as. Default `error`. */
  cause?: FailureCode;
  /** Share of the successes answered by a fallback. */
  degradedShare?: number;
}

/** A scripted run: each service's behaviour second by second. */
export interface SyntheticRun {
  design: string;
  seconds: number;
  seed?: number;
  services: Record<string, (second: number) => SecondPlan>;
  /** Call edges, `caller->callee`, with attempts equal to the callee's responses. */
  calls?: string[];
  faults?: FaultRecord[];
  breakers?: BreakerTransition[];
}

/**
 * A run result made through the real metrics (so its shape is exactly a simulator's) from a
 * script of what each service answered each second: the analysis is tested on these.
 */
export function syntheticRun(run: SyntheticRun): RunResult {
  const random = seededRandom(run.seed ?? 1);
  const metrics = new RunMetrics();
  const simulatedMs = run.seconds * 1000;
  const callees = new Map<string, string[]>();
  for (const edge of run.calls ?? []) {
    const [caller, callee] = edge.split('->') as [string, string];
    callees.set(callee, [...(callees.get(callee) ?? []), caller]);
  }
  const services = Object.entries(run.services).map(([name, plan]) => ({
    name,
    plan,
    counters: metrics.service(name, { workers: 10 }),
    edges: (callees.get(name) ?? []).map((caller) => metrics.edge(caller, name)),
  }));
  for (let second = 0; second < run.seconds; second++) {
    for (const service of services) {
      const plan = service.plan(second);
      const responses = Math.round(plan.rate);
      const failures = Math.round(responses * (plan.errorShare ?? 0));
      const degraded = Math.round((responses - failures) * (plan.degradedShare ?? 0));
      for (let index = 0; index < responses; index++) {
        const now = second * 1000 + ((index + 0.5) / responses) * 1000;
        const latency = Math.max(0.001, -Math.log(1 - random.next()) * (plan.latencyMs ?? 10));
        service.counters.recordArrival();
        service.counters.recordBusy(latency);
        // Failures spread through the second, as they would be.
        const fails =
          Math.floor(((index + 1) * failures) / responses) > Math.floor((index * failures) / responses);
        for (const edge of service.edges) {
          edge.recordAttempt(1);
          if (fails) edge.recordFailure();
          else edge.recordOk();
        }
        if (fails) service.counters.recordFailure(now, latency, plan.cause ?? 'error');
        else if (index < degraded) service.counters.recordDegraded(now, latency);
        else service.counters.recordOk(now, latency);
      }
    }
  }
  for (const fault of run.faults ?? []) metrics.recordFault(fault);
  for (const transition of run.breakers ?? []) metrics.recordBreakerTransition(transition);
  return metrics.toResult({ design: run.design, seed: run.seed ?? 1, simulatedMs, events: 0, wallMs: 0 });
}
