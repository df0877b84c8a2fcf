// Chaos experiments: see packages/chaos/docs/experiments.md.
export {
  loadExperimentFile,
  parseExperiment,
  validateExperiment,
  MAX_EXPERIMENT_BYTES,
} from './format/load.js';
export type { LoadExperimentOptions } from './format/load.js';
export {
  ROLLBACK_STRATEGIES,
  DEFAULT_ACTIVITY_TIMEOUT_MS,
  MAX_ACTIVITY_TIMEOUT_MS,
} from './format/schema.js';
export type { Experiment, Activity, Provider, Tolerance, RollbackStrategy } from './format/schema.js';
export { checkTolerance } from './tolerance/tolerance.js';
export type { ProbeOutput, ToleranceResult } from './tolerance/tolerance.js';
export { readJsonPath } from './tolerance/jsonpath.js';
export { runExperiment } from './runner/runner.js';
export type { RunExperimentOptions } from './runner/runner.js';
export type { Journal, ActivityRun, SteadyStateRun, RunStatus } from './runner/journal.js';
export { checkBlastRadius } from './safety/blast-radius.js';
export { haltExperiments, releaseHalt, isHalted, defaultHaltFile } from './safety/halt.js';
export type { HaltResult } from './safety/halt.js';
export { INJECTED_TOXIC_PREFIX, DEFAULT_LEASE_MS } from './toxics/injector.js';
export {
  runContinuously,
  parseSchedule,
  DEFAULT_HISTORY_KEEP,
  MAX_HISTORY_KEEP,
} from './schedule/continuous.js';
export type { RunContinuouslyOptions } from './schedule/continuous.js';
