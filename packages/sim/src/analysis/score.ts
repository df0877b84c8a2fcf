import { formatDuration } from '@faultline/core';
import type { Design } from '../model/index.js';
import type { RunResult, RunScore } from '../result.js';
import { blastRadiusOf, quietOf, type BlastRadius } from './blast-radius.js';
import { disturbancesOf } from './disturbances.js';
import { healthBar } from './health.js';
import { recoveriesOf, type Recovery } from './recovery.js';
import { bucketWidth } from './samples.js';
import { availabilityOf, entryServices, roundPercent } from './slo.js';

/** How much each part weighs in the score (docs/score.md says why). */
export const SCORE_WEIGHTS = { availability: 0.5, recovery: 0.25, blastRadius: 0.25 } as const;

/** The recovery time that earns half the recovery part's points. */
export const RECOVERY_HALF_POINTS_MS = 10_000;

/** One part of the score. */
export interface ScorePart {
  /** Its share of the score, 0 to 1: SCORE_WEIGHTS, spread over the parts that apply. */
  readonly weight: number;
  /** How well the run did on it, 0 to 1. */
  readonly points: number;
  /** What was measured and how it became points, in a sentence. */
  readonly explanation: string;
}

/** The resilience score with how it was reached: DESIGN.md's `score`, and its reasons. */
export interface Score extends RunScore {
  /** False when the users had not recovered from some disturbance by the next one or the end of the run. */
  readonly recovered: boolean;
  /** The parts the value is made of; a part that does not apply to this run is null. */
  readonly parts: {
    readonly availability: ScorePart;
    readonly recovery: ScorePart | null;
    readonly blastRadius: ScorePart | null;
  };
  /** Each disturbance (faults and load spikes, overlapping ones merged) and how users recovered from it. */
  readonly recoveries: readonly Recovery[];
  /** Which services were hit, exposed, and breached their SLO. */
  readonly blast: BlastRadius;
}

/**
 * The resilience score of a run, 0 to 100 (docs/score.md): the users' availability in nines
 * against the SLO's, how fast users got back to normal after each fault and load spike, and the
 * share of services not hit that breached their SLO while the system was disturbed.
 */
export function score(result: RunResult, design: Design): Score {
  const entry = entryServices(design);
  const bucketMs = bucketWidth(result.timeline);
  const timeline = result.timeline.filter((bucket) => bucket.t < result.simulatedMs);
  const disturbances = disturbancesOf(result, design);
  const quietEnd = disturbances[0]?.start ?? result.simulatedMs;
  const usersBar = healthBar(design.slo, quietOf(timeline, entry, quietEnd, bucketMs));
  const recoveries = recoveriesOf({
    timeline,
    bucketMs,
    simulatedMs: result.simulatedMs,
    entry,
    disturbances,
    bar: usersBar,
  });
  const blast = blastRadiusOf({
    timeline,
    bucketMs,
    services: Object.keys(result.services),
    slo: design.slo,
    recoveries,
    quietEnd,
  });

  const users = entry.map((name) => result.services[name]).filter((service) => service !== undefined);
  const availability = availabilityOf(
    users.reduce((sum, service) => sum + service.ok, 0),
    users.reduce((sum, service) => sum + service.failed, 0),
    users.reduce((sum, service) => sum + service.requests, 0),
  );
  const measured = recoveries.filter((recovery) => recovery.recoveryMs !== null);
  const worst = measured.reduce<Recovery | undefined>(
    (slowest, recovery) =>
      slowest === undefined ||
      (!recovery.recovered && slowest.recovered) ||
      (recovery.recovered === slowest.recovered && recovery.recoveryMs! > slowest.recoveryMs!)
        ? recovery
        : slowest,
    undefined,
  );

  const raw = {
    availability: availabilityPart(availability, design.slo.availability),
    recovery: worst === undefined ? null : recoveryPart(worst, measured.length),
    blastRadius: disturbances.length === 0 || blast.exposed.length === 0 ? null : blastPart(blast),
  };
  const total =
    SCORE_WEIGHTS.availability +
    (raw.recovery ? SCORE_WEIGHTS.recovery : 0) +
    (raw.blastRadius ? SCORE_WEIGHTS.blastRadius : 0);
  const weigh = (part: Omit<ScorePart, 'weight'> | null, weight: number): ScorePart | null =>
    part === null ? null : { weight: weight / total, ...part };
  const parts = {
    availability: weigh(raw.availability, SCORE_WEIGHTS.availability)!,
    recovery: weigh(raw.recovery, SCORE_WEIGHTS.recovery),
    blastRadius: weigh(raw.blastRadius, SCORE_WEIGHTS.blastRadius),
  };
  const value = Object.values(parts).reduce((sum, part) => sum + (part ? part.weight * part.points : 0), 0);
  return {
    value: Math.round(value * 100),
    availability: roundPercent(availability),
    recoveryMs: worst?.recoveryMs ?? 0,
    blastRadius: Math.round(blast.share * 10_000) / 10_000,
    recovered: recoveries.every((recovery) => recovery.recovered || recovery.recoveryMs === null),
    parts,
    recoveries,
    blast,
  };
}

/** Nines of availability: 99.9 % is 3 nines, 99 % is 2, 90 % is 1; 100 % is infinitely many. */
export function nines(percent: number): number {
  return percent >= 100 ? Infinity : -Math.log10(1 - percent / 100);
}

// Nines rather than percent: 99 % against 99.9 % is ten times the failures the SLO allows, which
// a difference of 0.9 points hides and a third of the nines missing shows.
function availabilityPart(availability: number, target: number): Omit<ScorePart, 'weight'> {
  const points = Math.min(1, nines(availability) / nines(target));
  const asked = `the SLO (${target}%) asks for ${round(nines(target), 2)} nines`;
  const explanation =
    availability >= 100
      ? `every user request succeeded; ${asked}`
      : `${roundPercent(availability)}% of user requests succeeded: ${round(nines(availability), 2)} nines, where ${asked}`;
  return { points, explanation };
}

// Half marks at RECOVERY_HALF_POINTS_MS, falling smoothly: every extra second of a slow recovery
// still costs something, and an instant one earns everything.
function recoveryPart(worst: Recovery, count: number): Omit<ScorePart, 'weight'> {
  const what = listOf(worst.disturbance.causes);
  const of = count > 1 ? ` (the slowest of ${count} disturbances)` : '';
  const ms = worst.recoveryMs!;
  if (!worst.recovered)
    return {
      points: 0,
      explanation: `users had still not recovered ${seconds(ms)} after the ${what} ended${of}`,
    };
  if (ms === 0 && count > 1)
    return {
      points: 1,
      explanation: `users were back to normal as soon as each of the ${count} disturbances ended`,
    };
  const when = ms === 0 ? 'as soon as' : `${seconds(ms)} after`;
  return {
    points: 1 / (1 + ms / RECOVERY_HALF_POINTS_MS),
    explanation:
      `users were back to normal ${when} the ${what} ended${of}; ` +
      `half marks at ${formatDuration(RECOVERY_HALF_POINTS_MS)}`,
  };
}

function blastPart(blast: BlastRadius): Omit<ScorePart, 'weight'> {
  const which = blast.breached.length > 0 ? ` (${blast.breached.join(', ')})` : '';
  return {
    points: 1 - blast.share,
    explanation:
      `${blast.breached.length} of ${blast.exposed.length} ${blast.exposed.length === 1 ? 'service' : 'services'} not hit directly ` +
      `breached their SLO while the system was disturbed${which}`,
  };
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function seconds(ms: number): string {
  return `${round(ms / 1000, 1)} s`;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
