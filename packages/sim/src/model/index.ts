// The design file: its schema, loader and resolved types (docs/design-file.md is the reference).
export { loadDesign, type LoadOptions } from './load.js';
export { parseDesign, type ParseOptions, type LoadedDesign } from './parse.js';
export { DesignError, formatIssue, type DesignIssue } from './errors.js';
export { DESIGN_LIMITS, type DesignLimit } from './limits.js';
export { FORMAT_VERSION, RESILIENCE_KEYS } from './design.js';
export type {
  Design,
  Network,
  Service,
  LoadBalancer,
  Step,
  ParallelStep,
  Call,
  Resilience,
  ResilienceKey,
  Workload,
  OpenWorkload,
  ClosedWorkload,
  Arrivals,
  Profile,
  RatePoint,
  RateCurve,
  Fault,
  FaultType,
  ExhaustedResource,
  Slo,
} from './design.js';
export { DESIGN_DEFAULTS } from './schema/root.js';
export { SERVICE_DEFAULTS, LOAD_BALANCERS } from './schema/service.js';
export { FAULT_TYPES, EXHAUSTED_RESOURCES, DEFAULT_RETRANSMIT_DELAY_MS } from './schema/fault.js';
export { callsOf } from './resolve/service.js';
export { rateAt, peakRate } from './rate-curve.js';
export * from '../distributions/index.js';
