import type { Fault } from '../design.js';
import type { FaultSpec } from '../schema/fault.js';

/** A parsed fault with its defaults filled: active to the end of the run, on every instance of its target. */
export function resolveFault(spec: FaultSpec, runMs: number, instancesOf: (name: string) => number): Fault {
  const duration = spec.duration ?? Math.max(0, runMs - spec.at);
  if (spec.type === 'partition' || spec.type === 'packet-loss') return { ...spec, duration };
  return { ...spec, duration, instances: spec.instances ?? instancesOf(spec.target) };
}
