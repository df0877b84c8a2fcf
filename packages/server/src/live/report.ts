import { healthOf, type HealthBar, type Second } from './health.js';

/** A breaker changed state on a call edge (`caller->callee`), at simulated ms `t`. */
export interface Transition {
  readonly t: number;
  readonly edge: string;
  readonly state: string;
}

/** A fault injected into a live session, as the session logged it. */
export interface InjectedFault {
  readonly id: string;
  readonly type: string;
  /** The services it hits (a partition's: every service of every side). */
  readonly targets: readonly string[];
  /** A partition's sides. */
  readonly sides?: readonly (readonly string[])[];
  /** Simulated ms. */
  readonly injectedAt: number;
  /** Simulated ms; null while it is active. */
  readonly healedAt: number | null;
  /** The fault as injected (intensity applied). */
  readonly fault: Readonly<Record<string, unknown>>;
}

/** What one side of a partition could still serve while it lasted. */
export interface PartitionSide {
  readonly services: readonly string[];
  readonly ok: number;
  readonly failed: number;
  /** Percent of answers that succeeded; null when it answered nothing. */
  readonly availability: number | null;
  /** Services of the side that stayed healthy every second of the partition. */
  readonly healthy: readonly string[];
}

/** How the system met one fault. Every time is simulated ms from the injection (or the heal). */
export interface FaultOutcome {
  readonly id: string;
  readonly type: string;
  readonly targets: readonly string[];
  readonly injectedAt: number;
  readonly healedAt: number | null;
  /** From injection to the first second in which a target was not healthy; null if it never was. */
  readonly detectedAfterMs: number | null;
  /** From injection to the first breaker on a call into a target opening; null if none opened. */
  readonly breakerOpenAfterMs: number | null;
  /** The edge whose breaker opened first. */
  readonly breakerEdge: string | null;
  /** From healing to the first of RECOVERED_SECONDS healthy seconds of every service; null until then. */
  readonly recoveredAfterMs: number | null;
  /** For a partition: each side, and what it could still serve. */
  readonly sides?: readonly PartitionSide[];
}

/** Healthy seconds in a row that make a recovery. */
export const RECOVERED_SECONDS = 3;

/** The live report: one outcome per injected fault, in injection order. */
export function faultOutcomes(args: {
  readonly seconds: readonly Second[];
  readonly transitions: readonly Transition[];
  readonly faults: readonly InjectedFault[];
  readonly bar: HealthBar;
}): FaultOutcome[] {
  const { seconds, transitions, faults, bar } = args;
  const healthy = healthySeconds(seconds, bar);
  return faults.map((fault) => {
    const end = fault.healedAt ?? Infinity;
    const during = seconds.filter((second) => second.t + 1000 > fault.injectedAt && second.t < end);
    const detected = during.find((second) =>
      fault.targets.some((target) => !healthy.get(second.t)!.services.has(target)),
    );
    const opened = transitions.find(
      (transition) =>
        transition.t >= fault.injectedAt &&
        transition.state === 'open' &&
        fault.targets.some((target) => transition.edge.endsWith(`->${target}`)),
    );
    return {
      id: fault.id,
      type: fault.type,
      targets: fault.targets,
      injectedAt: fault.injectedAt,
      healedAt: fault.healedAt,
      detectedAfterMs: detected === undefined ? null : Math.max(0, detected.t - fault.injectedAt),
      breakerOpenAfterMs: opened === undefined ? null : opened.t - fault.injectedAt,
      breakerEdge: opened?.edge ?? null,
      recoveredAfterMs: fault.healedAt === null ? null : recoveredAfter(seconds, healthy, fault.healedAt),
      ...(fault.sides ? { sides: fault.sides.map((side) => sideOutcome(side, during, healthy)) } : {}),
    };
  });
}

interface Judged {
  readonly all: boolean;
  readonly services: ReadonlySet<string>;
}

/** For each second, which services were healthy and whether all were. */
function healthySeconds(seconds: readonly Second[], bar: HealthBar): Map<number, Judged> {
  const hadTraffic = new Set<string>();
  const judged = new Map<number, Judged>();
  for (const second of seconds) {
    const services = new Set<string>();
    let all = true;
    for (const [name, stats] of Object.entries(second.services)) {
      if (healthOf(stats, bar, hadTraffic.has(name)) === 'healthy') services.add(name);
      else all = false;
      if (stats.ok + stats.failed > 0) hadTraffic.add(name);
    }
    judged.set(second.t, { all, services });
  }
  return judged;
}

function recoveredAfter(
  seconds: readonly Second[],
  healthy: Map<number, Judged>,
  healedAt: number,
): number | null {
  let run = 0;
  for (const second of seconds) {
    if (second.t < healedAt) continue;
    run = healthy.get(second.t)!.all ? run + 1 : 0;
    if (run === RECOVERED_SECONDS) return second.t - (RECOVERED_SECONDS - 1) * 1000 - healedAt;
  }
  return null;
}

function sideOutcome(
  services: readonly string[],
  during: readonly Second[],
  healthy: Map<number, Judged>,
): PartitionSide {
  let ok = 0;
  let failed = 0;
  for (const second of during)
    for (const name of services) {
      ok += second.services[name]?.ok ?? 0;
      failed += second.services[name]?.failed ?? 0;
    }
  return {
    services,
    ok,
    failed,
    availability: ok + failed === 0 ? null : Math.round((ok / (ok + failed)) * 100_000) / 1000,
    healthy: services.filter((name) => during.every((second) => healthy.get(second.t)!.services.has(name))),
  };
}
