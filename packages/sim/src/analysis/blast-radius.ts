import type { Slo } from '../model/index.js';
import type { TimelineBucket } from '../result.js';
import { healthBar, isHealthy } from './health.js';
import type { Recovery } from './recovery.js';
import { aggregate, samplesBetween, type Aggregate } from './samples.js';

/** How far the damage spread beyond the services the faults hit. */
export interface BlastRadius {
  /** breached / exposed, 0 to 1; 0 when no service was exposed. */
  readonly share: number;
  /** Services a disturbance hit directly: their own trouble is not blast radius. */
  readonly hit: readonly string[];
  /** Every other service that answered requests while the system was disturbed. */
  readonly exposed: readonly string[];
  /** The exposed services that breached their SLO while the system was disturbed. */
  readonly breached: readonly string[];
}

/** What the blast radius is measured from. */
export interface BlastRadiusInput {
  readonly timeline: readonly TimelineBucket[];
  readonly bucketMs: number;
  readonly services: readonly string[];
  readonly slo: Slo;
  /** Each disturbance with its recovery: the damage lasts until the users are back. */
  readonly recoveries: readonly Recovery[];
  /** The quiet stretch before the first disturbance, [0, quietEnd): each service's normal. */
  readonly quietEnd: number;
}

/**
 * The share of services not hit by any disturbance that breached the design's SLO (or, when
 * they miss it anyway, twice their own quiet-time figures) while the system was disturbed:
 * from each disturbance's start until the users had recovered from it.
 */
export function blastRadiusOf(input: BlastRadiusInput): BlastRadius {
  const { timeline, bucketMs, services, slo, recoveries, quietEnd } = input;
  const hit = new Set(recoveries.flatMap((recovery) => recovery.disturbance.hit));
  const exposed: string[] = [];
  const breached: string[] = [];
  for (const name of services) {
    if (hit.has(name)) continue;
    const disturbed = aggregate(
      recoveries.flatMap(({ disturbance, recoveryMs }) =>
        samplesBetween(timeline, [name], disturbance.start, disturbance.end + (recoveryMs ?? 0), bucketMs),
      ),
    );
    if (disturbed.ok + disturbed.failed === 0) continue;
    exposed.push(name);
    const quiet = quietOf(timeline, name, quietEnd, bucketMs);
    if (!isHealthy(disturbed, healthBar(slo, quiet))) breached.push(name);
  }
  return {
    share: exposed.length === 0 ? 0 : breached.length / exposed.length,
    hit: services.filter((name) => hit.has(name)),
    exposed,
    breached,
  };
}

/** A service's (or the users') figures over the whole buckets before `quietEnd`; undefined when there are none. */
export function quietOf(
  timeline: readonly TimelineBucket[],
  services: string | readonly string[],
  quietEnd: number,
  bucketMs: number,
): Aggregate | undefined {
  const names = typeof services === 'string' ? [services] : services;
  const whole = timeline.filter((bucket) => bucket.t + bucketMs <= quietEnd);
  const quiet = aggregate(samplesBetween(whole, names, -Infinity, quietEnd, bucketMs));
  return quiet.ok + quiet.failed === 0 ? undefined : quiet;
}
