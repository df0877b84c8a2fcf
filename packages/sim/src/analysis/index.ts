// The analysis of a run: the SLO check, the resilience score (docs/score.md) and the comparison
// of a design with its resilience removed (docs/analysis.md).
export { analyze, type AnalyzedResult } from './analyze.js';
export {
  checkSlo,
  entryServices,
  servicesNobodyCalls,
  availabilityOf,
  type SloCheck,
  type ServiceSlo,
  type CheckSloOptions,
} from './slo.js';
export { score, nines, SCORE_WEIGHTS, RECOVERY_HALF_POINTS_MS, type Score, type ScorePart } from './score.js';
export {
  disturbancesOf,
  loadSpikesOf,
  servicesHitBy,
  type Disturbance,
  type DisturbanceWindow,
} from './disturbances.js';
export { SETTLE_MS, type Recovery } from './recovery.js';
export type { BlastRadius } from './blast-radius.js';
export { healthBar, BASELINE_TOLERANCE, type HealthBar } from './health.js';
export { aggregate, type Sample, type Aggregate } from './samples.js';
export {
  compare,
  type Comparison,
  type CompareOptions,
  type Variant,
  type VariantProgress,
  type Simulator,
} from './compare.js';
export { patternsOf, withoutPatterns } from './strip.js';
