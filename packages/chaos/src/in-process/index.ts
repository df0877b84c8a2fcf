// Public exports of in-process chaos: policies that compose into core pipelines (Polly's chaos strategies).
export {
  DEFAULT_INJECTION_RATE,
  type ChaosArgs,
  type ChaosOptions,
  type EnabledFunction,
  type InjectionRateFunction,
  type ResolvedChaosOptions,
} from './injection/options.js';
export { InjectionKernel } from './injection/kernel.js';
export { ChaosPolicy } from './injection/chaos-policy.js';
export { CHAOS_EVENTS, type ChaosInjectEvent } from './injection/events.js';

export { chaosLatency, ChaosLatencyPolicy } from './latency/latency.js';
export { ChaosLatencyKernel } from './latency/kernel.js';
export {
  resolveChaosLatencyOptions,
  DEFAULT_CHAOS_LATENCY_MS,
  MAX_CHAOS_LATENCY_MS,
  type ChaosLatencyOptions,
  type LatencyFunction,
  type ResolvedChaosLatencyOptions,
} from './latency/options.js';
export type { ChaosLatencyEvent } from './latency/events.js';

export { chaosFault, ChaosFaultPolicy } from './fault/fault.js';
export { ChaosFaultKernel } from './fault/kernel.js';
export { InjectedFaultError } from './fault/injected-fault-error.js';
export {
  resolveChaosFaultOptions,
  type ChaosFaultOptions,
  type FaultFunction,
  type ResolvedChaosFaultOptions,
} from './fault/options.js';
export type { ChaosFaultEvent } from './fault/events.js';

export { chaosOutcome, ChaosOutcomePolicy } from './outcome/outcome.js';
export { ChaosOutcomeKernel, type InjectedOutcome } from './outcome/kernel.js';
export {
  resolveChaosOutcomeOptions,
  type ChaosOutcomeOptions,
  type OutcomeFunction,
  type ResolvedChaosOutcomeOptions,
} from './outcome/options.js';
export type { ChaosOutcomeEvent } from './outcome/events.js';

export { chaosBehavior, ChaosBehaviorPolicy } from './behavior/behavior.js';
export { ChaosBehaviorKernel } from './behavior/kernel.js';
export {
  resolveChaosBehaviorOptions,
  type BehaviorFunction,
  type ChaosBehaviorOptions,
  type ResolvedChaosBehaviorOptions,
} from './behavior/options.js';
export type { ChaosBehaviorEvent } from './behavior/events.js';

export {
  chaosFromConfig,
  CHAOS_CONFIG_TYPES,
  CHAOS_FAULT_CODES,
  type ChaosConfig,
  type ChaosConfigPolicy,
  type ChaosConfigType,
  type ChaosFaultConfig,
  type ChaosFromConfigOptions,
  type ChaosLatencyConfig,
  type ChaosOutcomeConfig,
} from './config/from-config.js';
